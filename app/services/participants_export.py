"""Participants of a training, and report tables, as Excel-ready .xlsx or CSV files.

Built on ``exports.write_tables`` (typed .xlsx cells, formula-safe text, CSV in UTF-8
with a BOM in the comma or French semicolon dialect; atomic writes). Column titles
follow the document language (``--lang fr`` for a French ministry). Optional HXL
hashtags (``hxl_tags``) in a second header row let humanitarian data tools read the
file; names, phones and e-mails are tagged only when asked. The participants file has
one column per session, so it can be imported back.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError
from app.l10n import Phrase, check_language, tr
from app.services.attendance import get_grid
from app.services.exports import Cell, Sheet, Written, write_tables
from app.services.hxl_tags import tags_for
from app.services.installation import Installation
from app.services.reports import ReportFilter, build_report
from app.services.trainings import get_training

STATUS_WORDS = {
    "present": "present",
    "absent": "absent",
    "excused": "excused",
    "late": "late",
    "left_early": "left early",
}  # read back by participant_import
SEX_WORDS = {"F": "F", "M": "M", "X": "X"}
PERSON_KINDS = ["name", "sex", "category", "organisation", "function", "partner",
                "nationality", "phone", "email", "sessions_attended"]  # fmt: skip


def participants_sheet(
    inst: Installation, training_id: str, lang: str = "en", hxl_personal: bool = False
) -> Sheet:
    """A training's participants, one column per session (so the file imports back)."""
    lang = check_language(lang)
    info = get_training(inst, training_id)
    grid = get_grid(inst, training_id)
    headers = [
        tr(lang, "Name"), tr(lang, "Sex"), tr(lang, "Category"), tr(lang, "Organisation"),
        tr(lang, "Function"), tr(lang, "Partner"), tr(lang, "Nationality"), tr(lang, "Phone"),
        tr(lang, "E-mail"), tr(lang, "Sessions attended"),
    ]  # fmt: skip
    kinds = list(PERSON_KINDS)
    for s in info.sessions:
        place = f" {s.location}" if s.location else ""
        headers.append(f"{s.date.isoformat()}{place}")
        kinds.append("attendance")
    categories = _category_labels(inst, lang)
    from app.services.audit.consent import unnamed_in_training

    hidden = unnamed_in_training(inst, training_id)  # counted in reports, never listed (issue 19)
    rows: list[list[Cell]] = []
    for p in grid.participants:
        person = p.person
        if person.id in hidden:
            continue
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
    return Sheet(tr(lang, "Participants"), headers, rows, tags_for(kinds, hxl_personal))


def _category_labels(inst: Installation, lang: str) -> dict[str, str]:
    from app.services.reference import list_categories

    return {c.code: c.label(lang) for c in list_categories(inst, include_retired=True)}


def export_participants(
    inst: Installation,
    training_id: str,
    path: Path,
    lang: str = "en",
    hxl: bool = False,
    csv_dialect: str | None = None,
    hxl_personal: bool = False,
) -> Written:
    """Write the training's participants to ``path`` (.xlsx or .csv in ``csv_dialect``)."""
    sheet = participants_sheet(inst, training_id, lang, hxl_personal)
    if not hxl:
        sheet = Sheet(sheet.name, sheet.headers, sheet.rows)
    return write_tables(Path(path), [sheet], csv_dialect, check_language(lang))


# --- report tables ---------------------------------------------------------------------------

REPORT_TABLES = (
    "by_mission", "by_category", "by_sex", "by_partner", "by_organisation", "by_category_sex",
    "by_session",
)  # fmt: skip


def report_sheet(
    inst: Installation, table: str, flt: ReportFilter | None = None, lang: str = "en"
) -> Sheet:
    """One breakdown of the consolidated report, typed and tagged."""
    lang = check_language(lang)
    if table not in REPORT_TABLES:
        raise UserError(
            Phrase(
                "There is no report table called '{table}'; choose one of {items}.",
                table=table,
                items=", ".join(REPORT_TABLES),
            )
        )
    if table == "by_session" and (flt is None or flt.training_id is None):
        raise UserError(Phrase("The table by session needs one training: give --training."))
    report = build_report(inst, flt)
    count = tr(lang, "Participants")
    simple = {
        "by_mission": (tr(lang, "Mission"), "mission", report.by_mission),
        "by_category": (tr(lang, "Category"), "category", report.by_category),
        "by_partner": (tr(lang, "Partner"), "partner", report.by_partner),
        "by_organisation": (tr(lang, "Organisation"), "organisation", report.by_organisation),
    }
    sexes = ("female", "male", "unspecified")
    by_sex_headers = [tr(lang, "Women"), tr(lang, "Men"), tr(lang, "Not stated"), tr(lang, "Total")]
    by_sex_kinds = ["women", "men", "not_stated", "participants"]
    if table in simple:
        label, kind, values = simple[table]
        rows: list[list[Cell]] = [[k, v] for k, v in values.items()]
        return Sheet(table, [label, count], rows, tags_for([kind, "participants"]))
    if table == "by_sex":
        row: list[Cell] = [report.by_sex.get(k, 0) for k in sexes]
        return Sheet(table, by_sex_headers, [[*row, report.participants]], tags_for(by_sex_kinds))
    if table == "by_category_sex":
        rows = []
        for category, by_sex in report.by_category_sex.items():
            counts = [by_sex.get(k, 0) for k in sexes]
            rows.append([category, *counts, sum(counts)])
        return Sheet(table, [tr(lang, "Category"), *by_sex_headers], rows,
                     tags_for(["category", *by_sex_kinds]))  # fmt: skip
    headers = [tr(lang, "Date"), tr(lang, "Place"), tr(lang, "Topic"), tr(lang, "Present"),
               tr(lang, "Absent"), tr(lang, "Excused")]  # fmt: skip
    kinds = ["date", "place", "topic", "present", "absent", "excused"]
    rows = [[s.date, s.location, s.topic, s.present, s.absent, s.excused]
            for s in report.by_session]  # fmt: skip
    return Sheet(table, headers, rows, tags_for(kinds))


def _untagged(sheet: Sheet, hxl: bool) -> Sheet:
    return sheet if hxl else Sheet(sheet.name, sheet.headers, sheet.rows)


def export_report_table(
    inst: Installation,
    table: str,
    path: Path,
    flt: ReportFilter | None = None,
    lang: str = "en",
    hxl: bool = False,
    csv_dialect: str | None = None,
) -> Written:
    """Write one report breakdown to ``path`` (.xlsx or .csv)."""
    sheet = _untagged(report_sheet(inst, table, flt or ReportFilter(), lang), hxl)
    return write_tables(Path(path), [sheet], csv_dialect, check_language(lang))


def export_report_workbook(
    inst: Installation,
    path: Path,
    flt: ReportFilter | None = None,
    lang: str = "en",
    hxl: bool = False,
) -> Written:
    """Every report table (by session too, for one training) as sheets of one .xlsx."""
    flt = flt or ReportFilter()
    if Path(path).suffix.lower() != ".xlsx":
        raise UserError(
            Phrase(
                "A workbook of several tables is an .xlsx file, not '{file}'.", file=Path(path).name
            )
        )
    sheets = [
        _untagged(report_sheet(inst, table, flt, lang), hxl)
        for table in REPORT_TABLES
        if table != "by_session" or flt.training_id is not None
    ]
    return write_tables(Path(path), sheets)


def training_export_name(inst: Installation, training_id: str, suffix: str = ".xlsx") -> str:
    """A file name suggestion: 'participants-2024-05-14-formation-des-acteurs.xlsx'."""
    import re
    import unicodedata

    info = get_training(inst, training_id)
    ascii_title = unicodedata.normalize("NFKD", info.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_title).strip("-").lower()[:40] or "training"
    return f"participants-{info.start.isoformat()}-{slug}{suffix}"
