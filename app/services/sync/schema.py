"""The record schema of bundles: strict JSON, each column's rule, and record validation.

Every value of every record is checked against the model before anything is written:
type, length, enum, date format, id format, references. JSON is parsed strictly:
no NaN/Infinity, no number longer than 20 digits, no nesting beyond what the format
uses, and no string holding a lone UTF-16 surrogate (SQLite could not store it).
Text fields are cleaned like typed text (``app.textnorm.clean_text``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Text
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlalchemy.types import JSON

from app.db.audit_models import (
    AGE_BANDS,
    CONSENT_PURPOSES,
    EVIDENCE_KINDS,
    PERDIEM_ELIGIBILITY,
    PERDIEM_RATE_KINDS,
    WG_ANSWERS,
    WG_DOMAINS,
)
from app.db.base import Base
from app.db.limits import MAX_TEXT
from app.db.models import (
    ATTENDANCE_STATUSES,
    COMPLETION_RULES,
    PARTNER_KINDS,
    PARTNER_ROLES,
    QUESTION_KINDS,
    SEXES,
    TEST_PHASES,
    TRAINING_KINDS,
    TRAINING_STATUSES,
    sync_tables,
)
from app.errors import UserError
from app.l10n import Phrase
from app.services.sync.display import shown
from app.textnorm import clean_text, may_need_cleaning

MAX_DIGITS = 20  # an int64 has 19 digits
INT_MIN, INT_MAX = -(1 << 63), (1 << 63) - 1
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?\Z")
SHA_RE = re.compile(r"^[0-9a-f]{64}\Z")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


# Whole-column shape checks in C: a column whose values, their digits (and hex letters)
# made "0", are all one template line is well shaped; any other column goes to the regex,
# value by value, which decides (it accepts more: other digits, other layouts).
_HEX_TO_ZERO = bytes.maketrans(b"0123456789abcdef", b"0" * 16)
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
UUID_LINE = b"00000000-0000-0000-0000-000000000000\n"
DATETIME_LINE = b"0000-00-00 00:00:00.000000\n"  # as Muster writes them (microseconds)


def _all_shaped(values: Sequence[str], line: bytes, table: bytes) -> bool:
    """Every value is ``line`` once ``table`` is applied (one pass over the joined column).

    No value can hide a line break: the joined text has exactly one per value.
    """
    try:
        joined = "\n".join(values).encode("ascii") + b"\n"
    except UnicodeEncodeError:
        return False
    return joined.translate(table) == line * len(values)


def all_match(values: Sequence[str], pattern: re.Pattern[str], line: bytes, table: bytes) -> bool:
    """``pattern`` matches every value (``values`` are all ``str``), fast when they share
    Muster's own layout."""
    return _all_shaped(values, line, table) or all(map(pattern.match, values))


def _has_surrogate_fast(joined: str) -> bool:
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("partners", "kind"): PARTNER_KINDS,
    ("trainings", "kind"): TRAINING_KINDS,
    ("trainings", "status"): TRAINING_STATUSES,
    ("training_partners", "role"): PARTNER_ROLES,
    ("people", "sex"): SEXES,
    ("attendance", "status"): ATTENDANCE_STATUSES,
    ("perdiem_rates", "kind"): PERDIEM_RATE_KINDS,
    ("perdiem_people", "eligible"): PERDIEM_ELIGIBILITY,
    ("consents", "purpose"): CONSENT_PURPOSES,
    ("person_profiles", "age_band"): AGE_BANDS,
    **{("person_profiles", f"wg_{domain}"): WG_ANSWERS for domain in WG_DOMAINS},
    ("evidence_files", "kind"): EVIDENCE_KINDS,
    ("trainings", "completion_rule"): COMPLETION_RULES,
    ("test_scores", "phase"): TEST_PHASES,
    ("feedback_questions", "kind"): QUESTION_KINDS,
}
# Whole numbers with a meaning have bounds: a time of day, minutes, a share, a score.
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("training_sessions", "start_minute"): (0, 1440),
    ("training_sessions", "end_minute"): (0, 1440),
    ("attendance", "minutes"): (0, 1440),
    ("trainings", "completion_percent"): (1, 100),
    ("trainings", "test_max_score"): (1, 10_000),
    ("test_scores", "score"): (0, 10_000),
    ("feedback_answers", "value"): (0, 5),
}
# Values with a shape of their own: an evidence hash names a stored file (never a path),
# a currency is an ISO 4217 code; amounts and sizes are never negative.
PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {
    ("evidence_files", "sha256"): re.compile(r"^[0-9a-f]{64}\Z"),
    ("perdiem_rates", "currency"): re.compile(r"^[A-Z]{3}\Z"),
}
NON_NEGATIVE = {("perdiem_rates", "amount_e4"), ("evidence_files", "size")}
SYNC_COLUMNS = ("id", "created_at", "updated_at", "updated_by", "version")


class BundleError(UserError):
    """A bundle that cannot be imported; the message says why in one sentence."""


def fail(message: str) -> BundleError:
    return BundleError(message)


# --- strict JSON ---------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(text)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of parsed JSON, refusing anything deeper than ``limit``."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        if level > limit:
            raise ValueError("nested too deep")
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item if isinstance(v, dict | list))
    return deepest


def loads_strict(raw: bytes | str, max_depth: int, *, check_depth: bool = True) -> Any:
    """JSON as Muster writes it, or ValueError: bounded numbers, no NaN, bounded nesting.

    Without ``check_depth`` (big record tables, whose values the schema checks one by
    one), integers are left to Python's own 4,300-digit limit instead of a per-number hook.
    """
    try:
        value = json.loads(
            raw,
            parse_constant=_no_constant,
            parse_int=_bounded_int if check_depth else None,
        )
    except RecursionError:
        raise ValueError("nested too deep") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not JSON") from None
    if check_depth:
        _depth(value, max_depth)
    return value


def has_surrogate(text: str) -> bool:
    return SURROGATE_RE.search(text) is not None


# --- column rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnRule:
    name: str
    kind: str  # "str", "text", "int", "bool", "date", "datetime", "json"
    nullable: bool
    max_length: int | None
    references: str | None  # parent table name


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _ordered_columns(table_name: str) -> list[Any]:
    """The table's columns with ``id`` first: bundles and merges rely on ``row[0]`` being it."""
    return sorted(_table(table_name).columns, key=lambda c: c.name != "id")


def table_columns(table_name: str) -> tuple[str, ...]:
    return tuple(c.name for c in _ordered_columns(table_name))


def _kind(t: Any) -> str:
    for cls, kind in ((Boolean, "bool"), (DateTime, "datetime"), (Date, "date"),
                      (Integer, "int"), (JSON, "json"), (Text, "text"), (String, "str")):  # fmt: skip
        if isinstance(t, cls):
            return kind
    raise TypeError(f"no bundle rule for {t!r}")  # pragma: no cover - a new column type


def column_rules(table_name: str) -> tuple[ColumnRule, ...]:
    """How each column of a synced table is validated, read from the model."""
    rules = []
    for col in _ordered_columns(table_name):
        fks = list(col.foreign_keys)
        rules.append(
            ColumnRule(
                name=col.name, kind=_kind(col.type),
                nullable=bool(col.nullable) and not col.primary_key,
                max_length=getattr(col.type, "length", None),
                references=fks[0].column.table.name if fks else None,
            )
        )  # fmt: skip
    return tuple(rules)


# --- record tables -------------------------------------------------------------------------


@dataclass
class TableData:
    columns: tuple[str, ...]
    rows: list[list[Any]]
    # Columns an older Muster did not send: filled with their defaults for new records,
    # left as they are on records this installation already holds.
    defaulted: tuple[str, ...] = ()
    ids: set[str] | None = None  # every row's id, once validate_records has checked them


def parse_table(table: str, content: bytes, name: str) -> TableData:
    """``data/<table>.json``: an object with the model's columns and a list of rows."""
    invalid = fail(
        Phrase("{name}: the {table} data is not valid; refused.", name=name, table=table)
    )
    try:
        payload = loads_strict(content, 3, check_depth=False)
    except ValueError:
        raise invalid from None
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise invalid
    columns = payload.get("columns")
    if not isinstance(columns, list) or not all(type(c) is str for c in columns):
        raise invalid
    if tuple(columns) != table_columns(table):
        return _older_columns(table, columns, payload["rows"], name)
    return TableData(columns=tuple(columns), rows=payload["rows"])


def _missing_default(table: str, column: str) -> tuple[bool, Any]:
    """(True, value) for a column an older Muster did not have: its default fills it in."""
    col = _table(table).columns[column]
    if col.nullable and not col.primary_key:
        return True, None
    default = col.default
    if isinstance(default, ScalarElementColumnDefault):
        value = default.arg
        return True, int(value) if isinstance(value, bool) else value
    return False, None


def _older_columns(table: str, columns: list[str], rows: list[Any], name: str) -> TableData:
    """A bundle from an older schema (fewer columns, none unknown): rows get the defaults."""
    other = fail(
        Phrase(
            "{name}: the {table} data has other columns than this Muster; it was made by another "
            "version of Muster.",
            name=name,
            table=table,
        )
    )
    ours = table_columns(table)
    if len(set(columns)) != len(columns) or not set(columns) < set(ours) or columns[0] != "id":
        raise other
    fill: dict[str, Any] = {}
    for column in ours:
        if column not in columns:
            known, value = _missing_default(table, column)
            if not known:
                raise other
            fill[column] = value
    where = {c: i for i, c in enumerate(columns)}
    width = len(columns)
    remapped: list[Any] = []
    for row in rows:
        if type(row) is not list or len(row) != width:
            remapped.append(row)  # left as it is: the record check refuses it
            continue
        remapped.append([row[where[c]] if c in where else fill[c] for c in ours])
    return TableData(columns=ours, rows=remapped, defaulted=tuple(fill))


def _check_value(rule: ColumnRule, value: Any) -> Any:
    """The value to store, or raise ValueError with a short reason."""
    if value is None:
        if rule.nullable:
            return None
        raise ValueError(f"{rule.name} is missing")
    kind = rule.kind
    if kind in ("str", "text"):
        if type(value) is not str:
            raise ValueError(f"{rule.name} is not text")
        limit = rule.max_length or MAX_TEXT
        if len(value) > limit:
            raise ValueError(f"{rule.name} is longer than {limit} characters")
        if has_surrogate(value):
            raise ValueError(f"{rule.name} holds an invalid character (a lone surrogate)")
        return value
    if kind == "int":
        if type(value) is not int:
            raise ValueError(f"{rule.name} is not a whole number")
        if not INT_MIN <= value <= INT_MAX:
            raise ValueError(f"{rule.name} is out of range")
        return value
    if kind == "bool":
        if value is True or value is False:
            return int(value)
        if type(value) is int and value in (0, 1):
            return value
        raise ValueError(f"{rule.name} is not yes/no")
    if kind == "date":
        if type(value) is not str or not DATE_RE.match(value):
            raise ValueError(f"{rule.name} is not a date")
        date.fromisoformat(value)
        return value
    if kind == "datetime":
        if type(value) is not str or not DATETIME_RE.match(value):
            raise ValueError(f"{rule.name} is not a date and time")
        return value
    if kind == "json":
        if type(value) is not str or len(value) > MAX_TEXT or has_surrogate(value):
            raise ValueError(f"{rule.name} is not valid")
        try:
            parsed = loads_strict(value, 1)
        except ValueError:
            raise ValueError(f"{rule.name} is not a list of names") from None
        if not (isinstance(parsed, list) and all(type(x) is str for x in parsed)):
            raise ValueError(f"{rule.name} is not a list of names")
        return value
    raise ValueError(f"{rule.name} has an unknown type")  # pragma: no cover


def _column_ok(rule: ColumnRule, values: tuple[Any, ...], allowed: tuple[str, ...] | None) -> bool:
    """Whole-column checks with C-level loops; False sends the table to the row-by-row check."""
    if rule.nullable:
        values = tuple(v for v in values if v is not None)
        if not values:
            return True
    types = set(map(type, values))
    kind = rule.kind
    if kind in ("str", "text"):
        limit = rule.max_length or MAX_TEXT
        if types != {str} or max(map(len, values)) > limit:
            return False
        if _has_surrogate_fast("".join(values)):
            return False
    elif kind == "int":
        if types != {int} or min(values) < INT_MIN or max(values) > INT_MAX:
            return False
    elif kind == "bool":
        if not types <= {int, bool} or not set(values) <= {0, 1}:
            return False
    elif kind == "date":
        if types != {str} or not all(map(DATE_RE.match, values)):
            return False
        try:
            all(map(date.fromisoformat, values))
        except ValueError:
            return False
    elif kind == "datetime":
        if types != {str} or not all_match(values, DATETIME_RE, DATETIME_LINE, _DIGITS_TO_ZERO):
            return False
    else:  # json and anything rare: the row-by-row check decides
        return False
    return allowed is None or set(values) <= set(allowed)


class _Checked(NamedTuple):
    columns: list[tuple[Any, ...]]  # the rows' values, column by column
    ids: set[str]


def _table_ok(table: str, data: TableData) -> _Checked | None:
    """The fast path of ``validate_records``: column by column instead of value by value.

    None sends the table to the row-by-row check, which finds the first bad value."""
    rows = data.rows
    rules = column_rules(table)
    if not rows:
        return _Checked([], set())
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {len(rules)}:
        return None
    columns = list(zip(*rows, strict=True))
    ids = columns[0]
    if set(map(type, ids)) != {str} or not all_match(ids, UUID_RE, UUID_LINE, _HEX_TO_ZERO):
        return None
    unique = set(ids)
    if len(unique) != len(ids) or not all(columns[data.columns.index("updated_by")]):
        return None
    for i, rule in enumerate(rules[1:], start=1):
        if not _column_ok(rule, columns[i], ENUMS.get((table, rule.name))):
            return None
        shaped = (table, rule.name) in PATTERNS or (table, rule.name) in NON_NEGATIVE
        if shaped and any(_shape_problem(table, rule.name, v) for v in columns[i]):
            return None
        bounds = RANGES.get((table, rule.name))
        if bounds is not None:
            present = [v for v in columns[i] if v is not None]
            if present and (min(present) < bounds[0] or max(present) > bounds[1]):
                return None
    if table == "trainings":
        starts = columns[data.columns.index("start_date")]
        ends = columns[data.columns.index("end_date")]
        if any(map(str.__lt__, ends, starts)):
            return None
    return _Checked(columns, unique)


def _check_row(table: str, data: TableData, rules: tuple[ColumnRule, ...], row: Any,
               ids: set[str]) -> None:  # fmt: skip
    if type(row) is not list or len(row) != len(rules):
        raise ValueError("it has the wrong number of fields")
    rid = row[0]
    if type(rid) is not str or not UUID_RE.match(rid):
        raise ValueError("its id is not a valid id")
    if rid in ids:
        raise ValueError("it appears twice")
    ids.add(rid)
    for i, rule in enumerate(rules):
        row[i] = _check_value(rule, row[i])
        allowed = ENUMS.get((table, rule.name))
        if allowed is not None and row[i] not in allowed:
            raise ValueError(
                f"{rule.name} '{shown(row[i], 20)}' is not one of {', '.join(allowed)}"
            )
        problem = _shape_problem(table, rule.name, row[i])
        if problem:
            raise ValueError(problem)
        bounds = RANGES.get((table, rule.name))
        if bounds is not None and row[i] is not None and not bounds[0] <= row[i] <= bounds[1]:
            raise ValueError(f"{rule.name} {row[i]} is not between {bounds[0]} and {bounds[1]}")
    if not row[data.columns.index("updated_by")]:
        raise ValueError("it does not say which device changed it")
    if table == "trainings" and _ends_before_start(data.columns, row):
        raise ValueError("it ends before it starts")


def _shape_problem(table: str, column: str, value: Any) -> str:
    """Why a (typed, checked) value has the wrong shape for its column, or ""."""
    pattern = PATTERNS.get((table, column))
    if pattern is not None and isinstance(value, str) and not pattern.match(value):
        return f"{column} '{shown(value, 20)}' is not valid"
    if (table, column) in NON_NEGATIVE and isinstance(value, int) and value < 0:
        return f"{column} is negative"
    return ""


def _ends_before_start(columns: tuple[str, ...], row: list[Any]) -> bool:
    return bool(row[columns.index("end_date")] < row[columns.index("start_date")])


def _clean_texts(table: str, data: TableData, columns: list[tuple[Any, ...]] | None) -> None:
    """Names and free text cleaned as if typed here (NFC, controls out, spaces collapsed).

    ``columns``: the values column by column, when the fast check made them."""
    for i, rule in enumerate(column_rules(table)):
        if rule.kind not in ("str", "text") or rule.name in SYNC_COLUMNS:
            continue
        if rule.references is not None or (table, rule.name) in ENUMS:
            continue  # an id or a fixed word: checked as it is, never typed text
        values = list(filter(None, columns[i])) if columns else [r[i] for r in data.rows if r[i]]
        if not values or not may_need_cleaning(values):
            continue
        for row in data.rows:
            if row[i]:
                row[i] = clean_text(row[i])[: rule.max_length or MAX_TEXT]


def validate_records(tables: dict[str, TableData], name: str) -> None:
    """Check every record's types, enums and ids; normalise booleans and text in place.

    Each table keeps the set of its ids (``TableData.ids``), for the reference check.
    """
    for table in sync_tables():
        data = tables.get(table)
        if data is None:
            continue
        checked = _table_ok(table, data)
        columns = checked.columns if checked else None
        ids: set[str] = checked.ids if checked else set()
        if checked is None:
            rules = column_rules(table)
            for row in data.rows:
                try:
                    _check_row(table, data, rules, row, ids)
                except ValueError as exc:
                    rid = row[0] if isinstance(row, list) and row and type(row[0]) is str else "?"
                    raise fail(
                        Phrase(
                            "{name}: a {table} record ({shown}) is not valid: {exc}; refused.",
                            name=name,
                            table=table,
                            shown=shown(rid, 36),
                            exc=exc,
                        )
                    ) from None
        _clean_texts(table, data, columns)
        data.ids = ids
