"""The payment sheet: one row per person paid, signed like the summaries, and its .xlsx.

Rows are the people owed something (``PerdiemSheet.payable``): number, name,
organisation, days, nights, then for each currency the allowance (days and nights),
the transport and the total, and an empty column for the signature of the person
who receives the cash. The last row holds the totals by currency. The sheet names
the people it pays: paying someone needs their name and signature, whatever they
chose about being named in reports (the sheet stays with the finance officer).

The rounding rule is printed under the table, as the service applies it
(``perdiem_compute``): each line (a rate times its days, nights or trips) is rounded
once, half up, to the currency's minor unit; totals add rounded lines.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.l10n import Phrase, check_language, format_date, format_date_range, tr
from app.services.audit.money import format_money, rate_text
from app.services.audit.perdiem import RATE_LABELS
from app.services.audit.perdiem_compute import PerdiemSheet, compute_perdiem
from app.services.exports import Cell, Sheet, Written, write_tables
from app.services.installation import Installation

ALLOWANCE = ("day", "night")
TRANSPORT = ("transport_person", "transport_place")
ROUNDING_RULE = (
    "Each line (a rate times its days, nights or trips) is rounded once, half up, to the "
    "currency's smallest unit; totals add the rounded lines."
)


@dataclass(frozen=True)
class PerdiemResult:
    path: Path
    format: str  # "pdf" or "xlsx"
    people: int
    totals: dict[str, str]  # currency -> "1234.50"
    pages: int = 0
    sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "people": self.people,
                "totals": self.totals, "pages": self.pages, "sha256": self.sha256}  # fmt: skip


def _rate(value: Decimal, currency: str, lang: str) -> str:
    """A rate as set, with all its decimals (33.335 stays 33.335), in the document's style."""
    text = rate_text(value, currency)
    return f"{text.replace('.', ',') if lang == 'fr' else text}\u00a0{currency}"


def _headers(sheet: PerdiemSheet, lang: str) -> list[str]:
    headers = [tr(lang, "No."), tr(lang, "Name"), tr(lang, "Organisation"), tr(lang, "Days"),
               tr(lang, "Nights")]  # fmt: skip
    for currency in sheet.currencies:
        headers += [
            tr(lang, "Allowance ({currency})", currency=currency),
            tr(lang, "Transport ({currency})", currency=currency),
            tr(lang, "Total ({currency})", currency=currency),
        ]
    return headers


def _amounts(sheet: PerdiemSheet) -> list[tuple[Any, list[Decimal]]]:
    rows = []
    for person in sheet.payable:
        values: list[Decimal] = []
        for currency in sheet.currencies:
            values += [person.amount(ALLOWANCE, currency), person.amount(TRANSPORT, currency),
                       person.totals.get(currency, Decimal(0))]  # fmt: skip
        rows.append((person, values))
    return rows


def _total_values(rows: list[tuple[Any, list[Decimal]]], width: int) -> list[Decimal]:
    return [sum((values[i] for _p, values in rows), Decimal(0)) for i in range(width)]


def workbook_sheets(sheet: PerdiemSheet, lang: str = "en") -> list[Sheet]:
    """The payment sheet and its rates, as typed tables (numbers stay numbers)."""
    lang = check_language(lang)
    rows = _amounts(sheet)
    data: list[list[Cell]] = [
        [number, person.name, person.organisation, person.days, person.nights,
         *(float(v) for v in values)]
        for number, (person, values) in enumerate(rows, start=1)
    ]  # fmt: skip
    totals = _total_values(rows, 3 * len(sheet.currencies))
    data.append([None, tr(lang, "Total"), "", sum(p.days for p, _v in rows),
                 sum(p.nights for p, _v in rows), *(float(v) for v in totals)])  # fmt: skip
    rates: list[list[Cell]] = [
        [tr(lang, RATE_LABELS[r.kind]), r.location or tr(lang, "Any place"), r.currency,
         float(r.amount)]
        for r in sheet.settings.rates
    ]  # fmt: skip
    rates.append([tr(lang, "Rounding"), tr(lang, ROUNDING_RULE), "", None])
    return [
        Sheet(tr(lang, "Per-diem"), _headers(sheet, lang), data),
        Sheet(
            tr(lang, "Rates"),
            [tr(lang, "Rate"), tr(lang, "Place"), tr(lang, "Currency"), tr(lang, "Amount")],
            rates,
        ),
    ]


def _payable_or_refuse(inst: Installation, training_id: str) -> PerdiemSheet:
    sheet = compute_perdiem(inst, training_id)
    if not sheet.settings.rates:
        raise UserError(
            Phrase("This training has no per-diem rates yet; set them in its Per-diem tab first.")
        )
    return sheet


def export_xlsx(
    inst: Installation, training_id: str, path: Path, lang: str = "en"
) -> PerdiemResult:
    sheet = _payable_or_refuse(inst, training_id)
    written: Written = write_tables(Path(path), workbook_sheets(sheet, lang), lang=lang)
    return PerdiemResult(written.path, "xlsx", len(sheet.payable), sheet.to_json()["totals"])


# --- the signed PDF ----------------------------------------------------------------------------


def _story(sheet: PerdiemSheet, lang: str, width: float, stamp: Any, signer: str,
           generated: datetime) -> list[Any]:  # fmt: skip
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from app.services.pdf_page import styles
    from app.services.pdf_rows import Column, RowTable
    from app.services.pdf_text import markup

    st = styles()
    t = sheet.training

    def p(value: str, style: Any = None, bold: bool = False) -> Any:
        return Paragraph(markup(value, bold=bold), style or st.body)

    story = [p(tr(lang, "Per-diem and transport payment sheet"), st.small),
             p(t.title, st.title, bold=True),
             p(" · ".join(x for x in (t.mission, format_date_range(t.start, t.end, lang),
                                      ", ".join(t.locations)) if x))]  # fmt: skip
    rates = "; ".join(
        f"{tr(lang, RATE_LABELS[r.kind])} ({r.location or tr(lang, 'any place')}): "
        f"{_rate(r.amount, r.currency, lang)}"
        for r in sheet.settings.rates
    )
    story += [p(tr(lang, "Rates: {rates}.", rates=rates), st.small),
              p(tr(lang, ROUNDING_RULE), st.small), Spacer(1, 6)]  # fmt: skip
    currencies = sheet.currencies
    # One line of header per column: the currency goes in each amount, not in the title.
    money_w = 0.54 / max(1, 3 * len(currencies))
    fractions = [0.03, 0.14, 0.1, 0.04, 0.045] + [money_w] * (3 * len(currencies)) + [0.13]
    scale = 1 / sum(fractions)
    titles = [tr(lang, "Allowance"), tr(lang, "Transport"), tr(lang, "Total")] * len(currencies)
    headers = [*_headers(sheet, lang)[:5], *titles, tr(lang, "Signature")]
    aligns = (
        ["right", "left", "left", "right", "right"] + ["right"] * (3 * len(currencies)) + ["left"]
    )
    columns = [Column(h, width * f * scale, a) for h, f, a in zip(headers, fractions, aligns,
                                                                  strict=True)]  # fmt: skip
    rows = _amounts(sheet)
    body = [
        [str(n), person.name, person.organisation, str(person.days), str(person.nights),
         *(format_money(v, currencies[i // 3], lang) for i, v in enumerate(values)), ""]
        for n, (person, values) in enumerate(rows, start=1)
    ]  # fmt: skip
    totals = _total_values(rows, 3 * len(currencies))
    body.append(["", tr(lang, "Total"), "", str(sum(x.days for x, _v in rows)),
                 str(sum(x.nights for x, _v in rows)),
                 *(format_money(v, currencies[i // 3], lang) for i, v in enumerate(totals)),
                 ""])  # fmt: skip
    story.append(RowTable(columns, body, font_size=7.5, padding=6))  # room to sign
    summary = ", ".join(format_money(v, c, lang) for c, v in sorted(sheet.totals.items()))
    block = [
        Spacer(1, 8),
        p(
            tr(
                lang,
                "{people} people paid; total {totals}.",
                people=len(rows),
                totals=summary or "0",
            ),
            bold=True,
        ),
        p(
            tr(
                lang,
                "Signed digitally by {signer} on {date}.",
                signer=signer,
                date=format_date(generated.date(), lang),
            ),
            st.small,
        ),
        Spacer(1, 4),
        stamp.flowable,
    ]
    story.append(KeepTogether(block))
    return story


def build_pdf(sheet: PerdiemSheet, lang: str, signer: str, generated: datetime
              ) -> tuple[bytes, int, Any]:  # fmt: skip
    """The unsigned payment sheet: (bytes, pages, stamp placement)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    from app.services.pdf import StampSpace
    from app.services.pdf_page import Footer, numbered_canvas
    from app.services.signing import StampPlacement

    page = landscape(A4)
    margin = 30.0
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin + 12, title=f"{tr(lang, 'Per-diem')} — {sheet.training.title}",
        author=signer, creator="Muster", lang=lang,
    )  # fmt: skip
    stamp = StampSpace(250, 64)
    story = _story(sheet, lang, page[0] - 2 * margin, stamp, signer, generated)
    footer = Footer(left=f"{sheet.training.mission} · {sheet.training.title}",
                    document_id=str(uuid.uuid4()), lang=lang, margin=margin)  # fmt: skip
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue(), doc.page, StampPlacement(page=stamp.page, box=stamp.box)


def export_pdf(inst: Installation, training_id: str, path: Path, private_key: Any,
               lang: str = "en") -> PerdiemResult:  # fmt: skip
    """Build, sign and write the payment sheet (atomically)."""
    import hashlib

    from app.fileio import write_atomically
    from app.services.identity import require_identity
    from app.services.pdf import stamp_lines
    from app.services.signing import sign_pdf

    lang = check_language(lang)
    sheet = _payable_or_refuse(inst, training_id)
    identity = require_identity(inst)
    now = datetime.now(UTC)
    who = ", ".join(x for x in (identity.name, identity.title, identity.mission) if x)
    data, pages, placement = build_pdf(sheet, lang, who, now)
    signed = sign_pdf(data, private_key, identity, placement, stamp_lines(identity, now, lang),
                      reason=tr(lang, "Per-diem and transport payment sheet"),
                      location=", ".join(sheet.training.locations))  # fmt: skip
    write_atomically(Path(path), signed)
    return PerdiemResult(Path(path), "pdf", len(sheet.payable), sheet.to_json()["totals"], pages,
                         hashlib.sha256(signed).hexdigest())  # fmt: skip


def export_perdiem(inst: Installation, training_id: str, path: Path, lang: str = "en",
                   private_key: Any = None) -> PerdiemResult:  # fmt: skip
    """The payment sheet to ``path``: a signed .pdf or an .xlsx, by its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return export_xlsx(inst, training_id, path, lang)
    if suffix != ".pdf":
        raise UserError(
            Phrase(
                "A payment sheet is a .pdf or an .xlsx file, not '{file}'.", file=Path(path).name
            )
        )
    if private_key is None:
        raise ValueError("a signed PDF needs the private key")
    return export_pdf(inst, training_id, path, private_key, lang)
