"""Helpers shared by command modules: dates, JSON output, tables."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from app.errors import UserError
from app.l10n import Phrase


def parse_date(value: str | None, what: str = Phrase("date")) -> date | None:
    """ISO date (YYYY-MM-DD) or a plain sentence saying how to write it."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(
            Phrase(
                "'{value}' is not a valid {what}; write it as YYYY-MM-DD, for example 2024-09-10.",
                value=value,
                what=what,
            )
        ) from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned text table for terminals."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
