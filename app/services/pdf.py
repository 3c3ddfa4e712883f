"""The signed training summary: cover, key figures, breakdowns, charts, participants, signature.

Figures come from :func:`app.services.reports.build_report` for the one training,
so the PDF says exactly what ``muster report --training T`` says. Participants
are unique people with merges resolved, as the report counts them.

Speed: a 10,000-row ReportLab table costs far more than ten 1,000-row ones, and a
Paragraph per cell costs 4 to 10 times a plain string. The participant list, the
only part that grows with the training, is a dedicated row flowable
(:mod:`app.services.pdf_rows`) that wraps plain strings once and splits between
pages in linear time; the small tables use platypus Tables with pre-wrapped strings.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from app.db.engine import batched_rows
from app.db.models import Document
from app.l10n import check_language, format_date, format_date_range, format_number, tr
from app.l10n import format_percent as pct
from app.services import reference
from app.services.evaluation.pdf_sections import (
    EvaluationData,
    collect_evaluation,
    evaluation_sections,
)
from app.services.installation import Installation
from app.services.reports import NO_CATEGORY, NO_PARTNER, Report, ReportFilter, build_report
from app.services.trainings import TrainingInfo, get_training

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
    from reportlab.platypus import Flowable

    from app.services.identity import IdentityInfo
    from app.services.signing import StampPlacement

MAX_ORGANISATIONS = 25
KIND_LABELS = {
    "training": "Training",
    "workshop": "Workshop",
    "conference": "Conference",
    "seminar": "Seminar",
    "side_event": "Side event",
    "other": "Other event",
}
ROLE_LABELS = {"lead": "lead", "co_organiser": "co-organiser", "funder": "funder"}
SEX_SHORT = {"en": {"F": "F", "M": "M", "X": "–"}, "fr": {"F": "F", "M": "H", "X": "–"}}


@dataclass(frozen=True)
class SummaryOptions:
    lang: str = "en"
    include_names: bool = True


@dataclass(frozen=True)
class ParticipantLine:
    name: str
    sex: str
    category: str
    organisation: str
    function: str
    present: int
    person_id: str = ""


@dataclass(frozen=True)
class SummaryData:
    """Everything the summary shows, read in one go (then no database while drawing)."""

    training: TrainingInfo
    mission_name: str
    report: Report
    participants: list[ParticipantLine]
    category_labels: dict[str, str] = field(default_factory=dict)  # name_en -> label
    audit: Any = None  # app.services.audit.pdf_sections.AuditSection (issue 19)
    evaluation: EvaluationData | None = None  # completion, tests, feedback (evaluation package)


@dataclass(frozen=True)
class Signer:
    """Who signs, as shown in the signature block."""

    name: str
    title: str
    mission: str
    fingerprint: str


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    document_id: str
    pages: int
    stamp: StampPlacement


@dataclass(frozen=True)
class SummaryResult:
    path: Path
    archived: Path  # the copy kept under the documents folder
    document_id: str
    sha256: str
    fingerprint: str
    pages: int
    participants: int
    names_included: bool


# --- data ------------------------------------------------------------------------------


def _participants(inst: Installation, training_id: str, lang: str) -> list[ParticipantLine]:
    """Unique people enrolled (merged records counted as their survivor), sorted by name.

    When none of them is merged, they are the people of the completion list (read once
    for the whole summary), each with the sessions they came to: no second pass over the
    enrolments and marks. Otherwise merged records are resolved here."""
    from app.services.evaluation.completion import counted_as_listed, training_completion

    if counted_as_listed(inst, training_id):
        fr = lang == "fr"
        return [
            ParticipantLine(p.full_name, p.sex, (p.category_name_fr if fr else p.category_name)
                            or "", p.organisation, p.function, p.attended, p.person_id)
            for p in training_completion(inst, training_id).people
        ]  # fmt: skip
    return _participants_resolving_merges(inst, training_id, lang)


def _participants_resolving_merges(
    inst: Installation, training_id: str, lang: str
) -> list[ParticipantLine]:
    label = "c.name_fr" if lang == "fr" else "c.name_en"
    people_sql = text(
        f"""
        WITH uniq AS (
            SELECT DISTINCT coalesce(p.merged_into_id, p.id) AS pid
            FROM enrolments e JOIN people p ON p.id = e.person_id
            WHERE e.training_id = :tid AND e.deleted = FALSE
              AND (p.deleted = FALSE OR p.merged_into_id IS NOT NULL)
        )
        SELECT p.id, p.full_name, p.sex, coalesce({label}, ''), p.organisation, p.function
        FROM uniq JOIN people p ON p.id = uniq.pid
        LEFT JOIN categories c ON c.id = p.category_id
        ORDER BY p.name_key, p.id
        """
    )
    # Separate query: joining a grouped CTE per row made SQLite re-run it (quadratic).
    present_sql = text(
        """
        SELECT coalesce(p.merged_into_id, p.id), count(DISTINCT a.session_id)
        FROM training_sessions s
        JOIN attendance a ON a.session_id = s.id
        JOIN people p ON p.id = a.person_id
        WHERE s.training_id = :tid AND s.deleted = FALSE AND a.deleted = FALSE
          AND a.status IN ('present', 'late', 'left_early')
        GROUP BY 1
        """
    )
    with inst.db.reading() as session:
        conn = session.connection()
        present: dict[str, int] = dict(
            batched_rows(conn.execute(present_sql, {"tid": training_id}))
        )
        return [
            ParticipantLine(name, sex, category, organisation, function,
                            int(present.get(pid, 0)), pid)
            for pid, name, sex, category, organisation, function
            in batched_rows(conn.execute(people_sql, {"tid": training_id}))
        ]  # fmt: skip


def collect_summary_data(inst: Installation, training_id: str, lang: str = "en") -> SummaryData:
    """Read the training, its report and its participants (each read once for all the
    sections: :mod:`app.services.read_once`)."""
    from app.services.read_once import read_once

    with read_once():
        return _collect_summary_data(inst, training_id, check_language(lang))


def _collect_summary_data(inst: Installation, training_id: str, lang: str) -> SummaryData:
    training = get_training(inst, training_id)
    report = build_report(inst, ReportFilter(training_id=training_id, include_cancelled=True))
    # Names in the document's language: the mission's French name, PNUD for UNDP.
    mission_name = reference.mission_label(inst, training.mission_id, lang)
    shown = reference.partner_labels(inst, lang)
    training = replace(
        training,
        partners=tuple(
            replace(x, acronym=shown.get(x.acronym, x.acronym)) for x in training.partners
        ),
    )
    report = replace(report, by_partner={shown.get(k, k): n for k, n in report.by_partner.items()})
    with inst.db.reading() as session:
        labels: dict[str, str] = dict(
            session.execute(
                text("SELECT name_en, name_fr FROM categories WHERE deleted = FALSE")
            ).all()
        )
    category_labels = {en: (fr if lang == "fr" and fr else en) for en, fr in labels.items()}
    category_labels[NO_CATEGORY] = tr(lang, "No category")
    from app.services.audit.pdf_sections import summary_extras

    # People who did not consent to be named appear in counts only (issue 19).
    participants, audit = summary_extras(
        inst, training_id, report, _participants(inst, training_id, lang)
    )
    return SummaryData(
        training=training,
        mission_name=str(mission_name),
        report=report,
        participants=participants,
        category_labels=category_labels,
        audit=audit,
        evaluation=collect_evaluation(inst, training_id, report.by_category_sex),
    )


# --- drawing ---------------------------------------------------------------------------


class StampSpace:
    """An empty box in the flow whose page and position become the signature's place."""

    def __init__(self, width: float, height: float) -> None:
        from reportlab.platypus import Flowable

        holder = self

        class _Box(Flowable):
            def wrap(self, _aw: float, _ah: float) -> tuple[float, float]:
                return width, height

            def draw(self) -> None:
                x, y = self.canv.absolutePosition(0, 0)
                holder.page = self.canv.getPageNumber() - 1
                holder.box = (x, y, x + width, y + height)

        self.flowable: Flowable = _Box()
        self.page = -1
        self.box: tuple[float, float, float, float] = (0, 0, 0, 0)


class _Cells:
    """Turns strings into table cells: plain when they fit, Paragraphs when they must wrap."""

    def __init__(self, font_size: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        from app.services.pdf_text import SANS

        self.size = font_size
        self.style = ParagraphStyle("c", fontName=SANS, fontSize=font_size, leading=font_size + 1.5)
        self.style_right = ParagraphStyle("cr", parent=self.style, alignment=2)

    def cell(
        self, value: str, width: float, row: int, col: int, commands: list[tuple[Any, ...]]
    ) -> Any:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Paragraph

        from app.services.pdf_text import ARABIC, has_arabic, is_pure_arabic, markup, visual

        room = width - 6
        if has_arabic(value):
            if is_pure_arabic(value):
                shown = visual(value)
                if stringWidth(shown, ARABIC, self.size) <= room:
                    commands.append(("FONTNAME", (col, row), (col, row), ARABIC))
                    commands.append(("ALIGN", (col, row), (col, row), "RIGHT"))
                    return shown
            return Paragraph(markup(value), self.style_right)
        # Cheap test first: no DejaVu glyph (Latin or Cyrillic) is wider than 1.1 em.
        if len(value) * self.size * 1.1 <= room:
            return value
        # Plain strings with line breaks wrap for a fraction of a Paragraph's cost.
        return _wrapped(value, room, self.size)


@lru_cache(maxsize=50_000)
def _wrapped(value: str, width: float, size: float) -> str:
    """``value`` broken into lines that fit ``width`` (organisations repeat: cached)."""
    from reportlab.lib.utils import simpleSplit

    from app.services.pdf_text import SANS

    return "\n".join(simpleSplit(value, SANS, size, width)) or value


def _kv_table(rows: list[tuple[str, Any]], width: float) -> Any:
    from reportlab.platypus import Table

    from app.services.pdf_page import GRID, MUTED
    from app.services.pdf_text import SANS, SANS_BOLD

    table = Table(rows, colWidths=[width * 0.22, width * 0.78])
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (0, -1), SANS_BOLD),
            ("FONTNAME", (1, 0), (1, -1), SANS),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )
    return table


def _simple_table(
    header: list[str],
    rows: list[list[Any]],
    widths: list[float],
    numeric_from: int,
    total_row: bool = False,
) -> Any:
    from reportlab.platypus import Table

    from app.services.pdf_page import LIGHT_BLUE, table_style
    from app.services.pdf_text import SANS_BOLD

    style = table_style()
    style.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if total_row:
        style += [
            ("FONTNAME", (0, -1), (-1, -1), SANS_BOLD),
            ("BACKGROUND", (0, -1), (-1, -1), LIGHT_BLUE),
        ]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return table


@dataclass(frozen=True)
class _Layout:
    """What every section of the summary draws with: language, page width, styles, cells."""

    lang: str
    width: float
    st: Any  # app.services.pdf_page.styles()
    cells: _Cells

    def p(self, value: str, style: Any = None, bold: bool = False) -> Any:
        """A paragraph of ``value`` (body style unless told)."""
        from reportlab.platypus import Paragraph

        from app.services.pdf_text import markup

        return Paragraph(markup(value, bold=bold), style or self.st.body)

    def num(self, n: int) -> str:
        return format_number(n, self.lang)


def _story(
    data: SummaryData,
    options: SummaryOptions,
    signer: Signer,
    generated: datetime,
    width: float,
    stamp: StampSpace,
) -> list[Flowable]:
    from app.services.audit.pdf_sections import section_flowables
    from app.services.pdf_page import styles

    lang = options.lang
    layout = _Layout(lang, width, styles(), _Cells(7.5))
    r = data.report
    story: list[Flowable] = [
        *_cover(data, layout),
        *_key_figures(r, layout),
        *_by_category_and_sex(data, layout),
        *_by_partner(r, layout),
        *_by_organisation(r, layout),
        *_by_session(r, layout),
    ]
    if data.evaluation is not None:  # completion, knowledge test, feedback
        story += evaluation_sections(data.evaluation, r.evaluation, lang, width,
                                     data.category_labels)  # fmt: skip
    story += _participants_section(data, options, layout)
    story += section_flowables(data.audit, lang, width)  # age, disability, per-diem, evidence
    story.append(_signature(signer, generated, stamp, layout))
    return story


def _cover(data: SummaryData, layout: _Layout) -> list[Flowable]:
    """Cover block: title, mission, kind, theme, dates, places, partners, trainers."""
    from reportlab.platypus import Spacer

    lang, st, p, t = layout.lang, layout.st, layout.p, data.training
    partners = ", ".join(
        f"{x.acronym} ({tr(lang, ROLE_LABELS.get(x.role, x.role))})" for x in t.partners
    )
    cover = [
        (tr(lang, "Mission"), p(f"{t.mission} — {data.mission_name}".strip(" —"))),
        (tr(lang, "Kind"), p(tr(lang, KIND_LABELS.get(t.kind, t.kind)))),
        (tr(lang, "Theme"), p(t.theme or "–")),
        (tr(lang, "Dates"), p(format_date_range(t.start, t.end, lang))),
        (tr(lang, "Places"), p(", ".join(t.locations) or "–")),
        (tr(lang, "Partners and roles"), p(partners or "–")),
        (tr(lang, "Trainers"), p(", ".join(t.trainers) or "–")),
    ]
    return [
        p(tr(lang, "Training summary"), st.small),
        p(t.title, st.title, bold=True),
        _kv_table(cover, layout.width),
        Spacer(1, 8),
    ]


def _key_figures(r: Report, layout: _Layout) -> list[Flowable]:
    """Four boxes: participants, women, sessions, attendance rate."""
    from reportlab.platypus import Paragraph, Table

    from app.services.pdf_page import GRID, LIGHT_BLUE

    lang, st, num, width = layout.lang, layout.st, layout.num, layout.width
    figures = [
        (num(r.participants), tr(lang, "Participants")),
        (
            pct(r.women_share, lang),
            tr(lang, "Women ({women} of {total})", women=num(r.women), total=num(r.participants)),
        ),
        (num(r.sessions), tr(lang, "Sessions")),
        (
            pct(r.attendance_rate, lang),
            tr(
                lang,
                "Attendance rate ({present} of {recorded} marks)",
                present=num(r.attendances),
                recorded=num(r.recorded_marks),
            ),
        ),
    ]
    boxes = Table(
        [
            [Paragraph(v, st.figure_value) for v, _ in figures],
            [Paragraph(label, st.figure_label) for _, label in figures],
        ],
        colWidths=[width / 4] * 4,
    )
    boxes.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), LIGHT_BLUE),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
            ("INNERGRID", (0, 0), (-1, -1), 0, LIGHT_BLUE),
            ("LINEAFTER", (0, 0), (-2, -1), 0.5, GRID),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ]
    )
    return [layout.p(tr(lang, "Key figures"), st.heading), boxes]


def _by_category_and_sex(data: SummaryData, layout: _Layout) -> list[Flowable]:
    """The category-by-sex table with its total row, and its chart."""
    from reportlab.platypus import Spacer

    from app.services.pdf_charts import category_sex_chart

    lang, num, width, r = layout.lang, layout.num, layout.width, data.report
    story: list[Flowable] = [
        layout.p(tr(lang, "Participants by category and sex"), layout.st.heading)
    ]
    cat_rows: list[list[Any]] = []
    chart_rows: list[tuple[str, int, int, int]] = []
    for cat, counts in r.by_category_sex.items():
        label = data.category_labels.get(cat, cat)
        women, men, other = counts["female"], counts["male"], counts["unspecified"]
        cat_rows.append([label, num(women), num(men), num(other), num(women + men + other)])
        chart_rows.append((label, women, men, other))
    cat_rows.append(
        [
            tr(lang, "Total"),
            num(r.by_sex["female"]),
            num(r.by_sex["male"]),
            num(r.by_sex["unspecified"]),
            num(r.participants),
        ]
    )
    header = [tr(lang, "Category"), tr(lang, "Women"), tr(lang, "Men"), tr(lang, "Not stated")]
    header.append(tr(lang, "Total"))
    story.append(
        _simple_table(
            header, cat_rows, [width * 0.44] + [width * 0.14] * 4, numeric_from=1, total_row=True
        )
    )
    chart = category_sex_chart(chart_rows, lang, width)
    if chart is not None:
        story += [Spacer(1, 6), chart]
    return story


def _by_partner(r: Report, layout: _Layout) -> list[Flowable]:
    """Participants by partner institution, with their share."""
    from reportlab.platypus import CondPageBreak

    lang, num, width = layout.lang, layout.num, layout.width
    partner_rows = [
        [
            tr(lang, "No partner") if name == NO_PARTNER else name,
            num(n),
            pct(n / r.participants if r.participants else None, lang),
        ]
        for name, n in r.by_partner.items()
    ]
    return [
        CondPageBreak(120),
        layout.p(tr(lang, "Participants by partner institution"), layout.st.heading),
        _simple_table(
            [tr(lang, "Partner"), tr(lang, "Participants"), tr(lang, "Share")],
            partner_rows,
            [width * 0.6, width * 0.2, width * 0.2],
            numeric_from=1,
        ),
    ]


def _by_organisation(r: Report, layout: _Layout) -> list[Flowable]:
    """The biggest organisations (``MAX_ORGANISATIONS``), the others on one line."""
    from reportlab.platypus import CondPageBreak

    lang, num, width, cells = layout.lang, layout.num, layout.width, layout.cells
    org_items = list(r.by_organisation.items())
    org_rows: list[list[Any]] = []
    org_style: list[tuple[Any, ...]] = []
    for i, (name, n) in enumerate(org_items[:MAX_ORGANISATIONS], start=1):
        label = tr(lang, "Not stated") if name == "(none)" else name
        org_rows.append([cells.cell(label, width * 0.6, i, 0, org_style), num(n)])
        org_rows[-1].append(pct(n / r.participants if r.participants else None, lang))
    if len(org_items) > MAX_ORGANISATIONS:
        rest = org_items[MAX_ORGANISATIONS:]
        count = sum(n for _, n in rest)
        org_rows.append(
            [
                tr(lang, "{count} other organisations", count=num(len(rest))),
                num(count),
                pct(count / r.participants if r.participants else None, lang),
            ]
        )
    table = _simple_table(
        [tr(lang, "Organisation"), tr(lang, "Participants"), tr(lang, "Share")],
        org_rows,
        [width * 0.6, width * 0.2, width * 0.2],
        numeric_from=1,
    )
    table.setStyle(org_style)
    return [
        CondPageBreak(120),
        layout.p(tr(lang, "Participants by organisation"), layout.st.heading),
        table,
    ]


def _by_session(r: Report, layout: _Layout) -> list[Flowable]:
    """Attendance by session: one row each, a total row, and the chart."""
    from reportlab.platypus import CondPageBreak, Spacer

    from app.services.pdf_charts import session_chart

    lang, num, width = layout.lang, layout.num, layout.width
    story: list[Flowable] = [
        CondPageBreak(140),
        layout.p(tr(lang, "Attendance by session"), layout.st.heading),
    ]
    sess_style: list[tuple[Any, ...]] = []
    session_rows, session_chart_rows = _session_rows(r, layout, sess_style)
    session_rows.append(
        [
            tr(lang, "Total"),
            "",
            "",
            num(r.attendances),
            num(sum(s.absent for s in r.by_session)),
            num(sum(s.excused for s in r.by_session)),
            pct(r.attendance_rate, lang),
        ]
    )
    table = _simple_table(
        [
            tr(lang, "Date"),
            tr(lang, "Place"),
            tr(lang, "Topic"),
            tr(lang, "Present"),
            tr(lang, "Absent"),
            tr(lang, "Excused"),
            tr(lang, "Rate"),
        ],
        session_rows,
        [width * w for w in (0.17, 0.16, 0.3, 0.09, 0.09, 0.09, 0.1)],
        numeric_from=3,
        total_row=True,
    )
    table.setStyle(sess_style)
    story.append(table)
    chart = session_chart(session_chart_rows, lang, width)
    if chart is not None:
        story += [Spacer(1, 6), chart]
    return story


def _session_rows(
    r: Report, layout: _Layout, style: list[tuple[Any, ...]]
) -> tuple[list[list[Any]], list[tuple[str, int, int]]]:
    """(table rows, chart rows) of the sessions; wrapping commands go in ``style``."""
    lang, num, width, cells = layout.lang, layout.num, layout.width, layout.cells
    session_rows: list[list[Any]] = []
    session_chart_rows: list[tuple[str, int, int]] = []
    for i, s in enumerate(r.by_session, start=1):
        rate = s.present / s.recorded if s.recorded else None
        session_rows.append(
            [
                format_date(s.date, lang),
                cells.cell(s.location or "–", width * 0.16, i, 1, style),
                cells.cell(s.topic or "–", width * 0.3, i, 2, style),
                num(s.present),
                num(s.absent),
                num(s.excused),
                pct(rate, lang),
            ]
        )
        session_chart_rows.append((f"{s.date:%d/%m} {s.location}".strip(), s.present, s.recorded))
    return session_rows, session_chart_rows


def _participants_section(
    data: SummaryData, options: SummaryOptions, layout: _Layout
) -> list[Flowable]:
    """The participant list, or a sentence saying the names are left out."""
    from reportlab.platypus import CondPageBreak

    from app.services.audit.pdf_sections import hidden_note

    lang, st, p = layout.lang, layout.st, layout.p
    story: list[Flowable] = [CondPageBreak(160), p(tr(lang, "Participants"), st.heading)]
    if options.include_names:
        story += _participant_tables(data, lang, layout.width)
        if note := hidden_note(data.audit, lang):
            story.append(p(note, st.small))
    else:
        story.append(
            p(
                tr(
                    lang,
                    "Participants' names are left out of this version of the summary; "
                    "it shows aggregate figures only.",
                )
            )
        )
    return story


def _signature(signer: Signer, generated: datetime, stamp: StampSpace, layout: _Layout) -> Any:
    """Who signed and when, how to check the file, and the box the stamp goes in."""
    from reportlab.platypus import KeepTogether, Spacer

    from app.services.identity import format_fingerprint

    lang, st, p = layout.lang, layout.st, layout.p
    fp = format_fingerprint(signer.fingerprint)
    who = ", ".join(x for x in (signer.name, signer.title, signer.mission) if x)
    block: list[Flowable] = [
        p(tr(lang, "Signature"), st.heading),
        p(
            tr(
                lang,
                "Signed digitally by {signer} on {date}.",
                signer=who,
                date=format_date(generated.date(), lang),
            )
        ),
        p(tr(lang, "Certificate fingerprint (SHA-256): {fingerprint}", fingerprint=fp), st.small),
        p(
            tr(
                lang,
                "To check this document, open it in Muster (Tools > Verify a document) "
                "or run: muster verify FILE.pdf",
            ),
            st.small,
        ),
        Spacer(1, 6),
        stamp.flowable,
    ]
    return KeepTogether(block)


def _participant_tables(data: SummaryData, lang: str, width: float) -> list[Flowable]:
    """The participant list: one fast row table that splits between pages."""
    from app.services.pdf_rows import Column, RowTable

    sessions = data.report.sessions
    fractions = (0.06, 0.25, 0.05, 0.15, 0.24, 0.17, 0.08)
    titles = ("No.", "Name", "Sex", "Category", "Organisation", "Function", "Sessions")
    aligns = ("right", "left", "center", "left", "left", "left", "right")
    columns = [
        Column(tr(lang, title), width * f, align)
        for title, f, align in zip(titles, fractions, aligns, strict=True)
    ]
    sex_short = SEX_SHORT[lang]
    done = data.evaluation.completed_ids() if data.evaluation is not None else set()
    rows = [
        (
            str(number),
            line.name,
            sex_short.get(line.sex, line.sex),
            line.category,
            line.organisation,
            line.function,
            f"{line.present}/{sessions}" + (" ✓" if line.person_id in done else ""),
        )
        for number, line in enumerate(data.participants, start=1)
    ]
    return [RowTable(columns, rows)]


def render_summary(
    data: SummaryData,
    options: SummaryOptions,
    signer: Signer,
    document_id: str | None = None,
    generated: datetime | None = None,
) -> BuiltPdf:
    """The unsigned summary PDF and where its signature stamp goes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from app.services.pdf_page import Footer, numbered_canvas
    from app.services.signing import StampPlacement

    options = SummaryOptions(check_language(options.lang), options.include_names)
    document_id = document_id or str(uuid.uuid4())
    generated = generated or datetime.now(UTC)
    margin = 40.0
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 12,
        title=data.training.title,
        author=signer.name,
        subject=tr(options.lang, "Training summary"),
        creator="Muster",
        keywords=f"muster-document:{document_id}",
        lang=options.lang,
    )
    width = A4[0] - 2 * margin
    stamp = StampSpace(250, 64)
    story = _story(data, options, signer, generated, width, stamp)
    footer = Footer(
        left=f"{data.training.mission} · {data.training.title}",  # fitted with an ellipsis
        document_id=document_id,
        lang=options.lang,
        margin=margin,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return BuiltPdf(
        data=buffer.getvalue(),
        document_id=document_id,
        pages=doc.page,
        stamp=StampPlacement(page=stamp.page, box=stamp.box),
    )


def stamp_lines(identity: IdentityInfo, when: datetime, lang: str) -> list[tuple[str, float, bool]]:
    """The visible stamp's text: who signed, as what, when, and the certificate."""
    from app.services.identity import format_fingerprint

    role = ", ".join(x for x in (identity.title, identity.mission) if x)
    return [
        (tr(lang, "Digitally signed by"), 7, False),
        (identity.name, 9, True),
        (role, 7, False),
        (when.strftime("%Y-%m-%d %H:%M UTC"), 7, False),
        (format_fingerprint(identity.fingerprint, groups=8), 6.5, False),
    ]


def export_summary(
    inst: Installation,
    training_id: str,
    destination: Path,
    private_key: EllipticCurvePrivateKey,
    options: SummaryOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> SummaryResult:
    """Build, sign and save the summary to ``destination``; keep a copy and record it."""
    from app.fileio import write_atomically
    from app.services.identity import require_identity
    from app.services.signing import sign_pdf

    options = options or SummaryOptions()
    lang = check_language(options.lang)
    identity = require_identity(inst)
    data = collect_summary_data(inst, training_id, lang)
    signer = Signer(identity.name, identity.title, identity.mission, identity.fingerprint)
    now = datetime.now(UTC)
    built = render_summary(data, SummaryOptions(lang, options.include_names), signer, None, now)
    if progress:
        progress("signing")
    signed = sign_pdf(
        built.data,
        private_key,
        identity,
        built.stamp,
        stamp_lines(identity, now, lang),
        reason=tr(lang, "Training summary"),
        location=", ".join(data.training.locations),
    )
    digest = hashlib.sha256(signed).hexdigest()
    destination = Path(destination)
    archived = inst.paths.documents / f"{built.document_id}.pdf"
    write_atomically(destination, signed)
    from app.services.documents import store_document

    store_document(inst, signed, archived.name)  # sealed with the data key
    with inst.db.transaction() as session:
        session.add(
            Document(
                id=built.document_id,
                training_id=training_id,
                kind="summary",
                file_name=archived.name,
                sha256=digest,
                signer_fingerprint=identity.fingerprint,
                source_device=inst.device_id,
                created_at=now.replace(tzinfo=None),
                lang=lang,
                names_included=options.include_names,
            )
        )
    return SummaryResult(
        path=destination,
        archived=archived,
        document_id=built.document_id,
        sha256=digest,
        fingerprint=identity.fingerprint,
        pages=built.pages,
        participants=data.report.participants,
        names_included=options.include_names,
    )


def default_file_name(training: TrainingInfo, suffix: str = "summary") -> str:
    """'MONUSCO-2024-09-10-summary.pdf': safe on every file system."""
    return f"{training.mission or 'training'}-{training.start:%Y-%m-%d}-{suffix}.pdf"


__all__ = [
    "BuiltPdf",
    "ParticipantLine",
    "Signer",
    "SummaryData",
    "SummaryOptions",
    "SummaryResult",
    "collect_summary_data",
    "default_file_name",
    "export_summary",
    "render_summary",
]
