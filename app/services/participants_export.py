"""Participants of a training, and report tables, as Excel-ready .xlsx or CSV files.

Built on ``exports.write_table`` (CSV in UTF-8 with a BOM so Excel shows accents,
Cyrillic and Arabic; atomic writes). Column titles follow the document language
(``--lang fr`` for a French ministry). Optional HXL hashtags in a second header
row let humanitarian data tools read the file (#org, #sector, #adm1, #reached +f +m).
The participants file has one column per session, so it can be imported back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import UserError
from app.l10n import check_language, tr
from app.services.attendance import get_grid
from app.services.exports import Cell, write_table
from app.services.installation import Installation
from app.services.reports import ReportFilter, build_report
from app.services.trainings import get_training

STATUS_WORDS = {"present": "present", "absent": "absent", "excused": "excused"}
SEX_WORDS = {"F": "F", "M": "M", "X": "X"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: int


def participants_table(
    inst: Installation, training_id: str, lang: str = "en"
) -> tuple[list[str], list[str], list[list[Cell]]]:
    """(headers, HXL tags, rows) of a training's participants, with one column per session."""
    lang = check_language(lang)
    info = get_training(inst, training_id)
    grid = get_grid(inst, training_id)
    headers = [
        tr(lang, "Name"), tr(lang, "Sex"), tr(lang, "Category"), tr(lang, "Organisation"),
        tr(lang, "Function"), tr(lang, "Partner"), tr(lang, "Nationality"), tr(lang, "Phone"),
        tr(lang, "E-mail"), tr(lang, "Sessions attended"),
    ]  # fmt: skip
    tags = [
        "#beneficiary+name", "#beneficiary+sex", "#beneficiary+type", "#org",
        "#beneficiary+function", "#org+partner", "#country+nationality", "#contact+phone",
        "#contact+email", "#reached+sessions",
    ]  # fmt: skip
    for s in info.sessions:
        place = f" {s.location}" if s.location else ""
        headers.append(f"{s.date.isoformat()}{place}")
        tags.append("#reached+attendance")
    categories = _category_labels(inst, lang)
    rows: list[list[Cell]] = []
    for p in grid.participants:
        person = p.person
        row: list[Cell] = [
            person.full_name, SEX_WORDS.get(person.sex, person.sex),
            categories.get(person.category, person.category), person.organisation,
            person.function, person.partner, person.nationality, person.phone, person.email,
            grid.person_present(person.id),
        ]  # fmt: skip
        for s in info.sessions:
            status = grid.marks.get((person.id, s.id))
            row.append(tr(lang, STATUS_WORDS[status]) if status else "")
        rows.append(row)
    return headers, tags, rows


def _category_labels(inst: Installation, lang: str) -> dict[str, str]:
    from app.services.reference import list_categories

    return {c.code: c.label(lang) for c in list_categories(inst, include_retired=True)}


def export_participants(
    inst: Installation, training_id: str, path: Path, lang: str = "en", hxl: bool = False
) -> ExportResult:
    """Write the training's participants to ``path`` (.xlsx or .csv)."""
    headers, tags, rows = participants_table(inst, training_id, lang)
    written = write_table(
        Path(path), headers, rows, hxl_tags=tags if hxl else None,
        sheet_name=tr(check_language(lang), "Participants"),
    )  # fmt: skip
    return ExportResult(written, len(rows), len(headers))


# --- report tables ---------------------------------------------------------------------------

REPORT_TABLES = (
    "by_mission", "by_category", "by_sex", "by_partner", "by_organisation", "by_category_sex",
    "by_session",
)  # fmt: skip


def report_table(
    inst: Installation, table: str, flt: ReportFilter | None = None, lang: str = "en"
) -> tuple[list[str], list[str], list[list[Cell]]]:
    """(headers, HXL tags, rows) for one breakdown of the consolidated report."""
    lang = check_language(lang)
    if table not in REPORT_TABLES:
        raise UserError(
            f"There is no report table called '{table}'; choose one of {', '.join(REPORT_TABLES)}."
        )
    report = build_report(inst, flt)
    count = tr(lang, "Participants")
    simple = {
        "by_mission": (tr(lang, "Mission"), "#org+mission", report.by_mission),
        "by_category": (tr(lang, "Category"), "#sector", report.by_category),
        "by_partner": (tr(lang, "Partner"), "#org+partner", report.by_partner),
        "by_organisation": (tr(lang, "Organisation"), "#org", report.by_organisation),
    }
    if table in simple:
        label, tag, values = simple[table]
        return [label, count], [tag, "#reached"], [[k, v] for k, v in values.items()]
    if table == "by_sex":
        tags = {"female": "#reached+f", "male": "#reached+m", "unspecified": "#reached+x"}
        headers = [tr(lang, "Women"), tr(lang, "Men"), tr(lang, "Not stated"), tr(lang, "Total")]
        row: list[Cell] = [report.by_sex.get(k, 0) for k in ("female", "male", "unspecified")]
        return headers, [*tags.values(), "#reached+total"], [[*row, report.participants]]
    if table == "by_category_sex":
        headers = [tr(lang, "Category"), tr(lang, "Women"), tr(lang, "Men"),
                   tr(lang, "Not stated"), tr(lang, "Total")]  # fmt: skip
        tags = ["#sector", "#reached+f", "#reached+m", "#reached+x", "#reached+total"]
        rows: list[list[Cell]] = []
        for category, by_sex in report.by_category_sex.items():
            values = [by_sex.get(k, 0) for k in ("female", "male", "unspecified")]
            rows.append([category, *values, sum(values)])
        return headers, tags, rows
    # by_session: only meaningful for one training
    headers = [tr(lang, "Date"), tr(lang, "Place"), tr(lang, "Topic"), tr(lang, "Present"),
               tr(lang, "Absent"), tr(lang, "Excused")]  # fmt: skip
    tags = ["#date", "#adm1+name", "#meta+topic", "#reached+present", "#reached+absent",
            "#reached+excused"]  # fmt: skip
    if flt is None or flt.training_id is None:
        raise UserError("The table by session needs one training: give --training.")
    rows = [[s.date.isoformat(), s.location, s.topic, s.present, s.absent, s.excused]
            for s in report.by_session]  # fmt: skip
    return headers, tags, rows


def export_report_table(
    inst: Installation,
    table: str,
    path: Path,
    flt: ReportFilter | None = None,
    lang: str = "en",
    hxl: bool = False,
) -> ExportResult:
    """Write one report breakdown to ``path`` (.xlsx or .csv)."""
    headers, tags, rows = report_table(inst, table, flt or ReportFilter(), lang)
    written = write_table(Path(path), headers, rows, hxl_tags=tags if hxl else None,
                          sheet_name=table)  # fmt: skip
    return ExportResult(written, len(rows), len(headers))


def export_report_workbook(
    inst: Installation,
    path: Path,
    flt: ReportFilter | None = None,
    lang: str = "en",
    hxl: bool = False,
) -> ExportResult:
    """Every report table (by session too, for one training) as sheets of one .xlsx."""
    from app.services.exports import Sheet, write_workbook

    flt = flt or ReportFilter()
    sheets = []
    for table in REPORT_TABLES:
        if table == "by_session" and flt.training_id is None:
            continue
        headers, tags, rows = report_table(inst, table, flt, lang)
        sheets.append(Sheet(table, headers, rows, tags if hxl else None))
    written = write_workbook(Path(path), sheets)
    return ExportResult(written, sum(len(s.rows) for s in sheets), len(sheets))


def training_export_name(inst: Installation, training_id: str, suffix: str = ".xlsx") -> str:
    """A file name suggestion: 'participants-2024-05-14-formation-des-acteurs.xlsx'."""
    import re
    import unicodedata

    info = get_training(inst, training_id)
    ascii_title = unicodedata.normalize("NFKD", info.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_title).strip("-").lower()[:40] or "training"
    return f"participants-{info.start.isoformat()}-{slug}{suffix}"
