"""Printable sign-in sheets: one or more landscape pages per session, for wet signatures.

Enrolled participants are pre-filled (sorted by name), followed by blank rows for
walk-ins. The phone column is left blank on purpose: the sheet goes round the
room, and participants' numbers should not travel with it; each person writes
their own (or confirms it) next to their signature.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import NotFoundError
from app.l10n import Phrase, check_language, format_date, tr
from app.services.installation import Installation
from app.services.people import PersonInfo, list_participants
from app.services.reference import list_categories
from app.services.trainings import SessionInfo, TrainingInfo, get_training

BLANK_ROWS = 10
ROW_HEIGHT = 24.0


@dataclass(frozen=True)
class SheetResult:
    path: Path
    sessions: int
    pages: int
    participants: int


def resolve_session(training: TrainingInfo, ref: str) -> SessionInfo:
    """A session of ``training`` by id or id prefix (4+ characters), or by ISO date."""
    ref = ref.strip().lower()
    matches = [s for s in training.sessions if s.id == ref]
    if not matches and len(ref) >= 4:
        matches = [s for s in training.sessions if s.id.startswith(ref)]
    if not matches:
        matches = [s for s in training.sessions if s.date.isoformat() == ref]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(
            Phrase("More than one session matches {ref}; give more of its id.", ref=ref)
        )
    listing = "; ".join(
        f"{s.id[:8]} ({s.date.isoformat()}, {s.location})" for s in training.sessions
    )
    raise NotFoundError(
        Phrase(
            "This training has no session {ref}. Its sessions: {sessions}.",
            ref=ref,
            sessions=listing or Phrase("none yet"),
        )
    )


@dataclass(frozen=True)
class _SheetLayout:
    """What every session's page is drawn from: the training, its people, the columns."""

    lang: str
    training: TrainingInfo
    people: list[PersonInfo]  # sorted by name
    categories: dict[str, str]  # category code -> label in ``lang``
    photo_answers: dict[str, str]  # person id -> "yes"/"no" in ``lang``
    widths: list[float]
    blank_rows: int
    st: Any  # app.services.pdf_page.styles()
    cells: Any  # app.services.pdf._Cells


def build_sheets(
    inst: Installation,
    training_id: str,
    session_id: str | None = None,
    lang: str = "en",
    blank_rows: int = BLANK_ROWS,
) -> tuple[bytes, int, int, int]:
    """The sheets PDF: (bytes, sessions, pages, pre-filled participants)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import PageBreak

    lang = check_language(lang)
    training = get_training(inst, training_id)
    sessions = [resolve_session(training, session_id)] if session_id else list(training.sessions)
    if not sessions:
        raise NotFoundError(
            Phrase(
                "This training has no sessions yet; add its dates and places first, "
                "then print the sign-in sheets."
            )
        )
    page_size = landscape(A4)
    margin = 30.0
    layout = _sheet_layout(inst, training, lang, page_size[0] - 2 * margin, blank_rows)
    story: list[Any] = []
    for index, session in enumerate(sessions):
        if index:
            story.append(PageBreak())
        story += _session_heading(layout, session)
        story.append(_sign_in_table(layout))
    data, pages = _render(layout, story, page_size, margin)
    return data, len(sessions), pages, len(layout.people)


def _sheet_layout(
    inst: Installation, training: TrainingInfo, lang: str, width: float, blank_rows: int
) -> _SheetLayout:
    """Read the participants, their categories and photo answers; size the columns."""
    from app.services.audit.consent import photo_choices
    from app.services.pdf import _Cells
    from app.services.pdf_page import styles

    people = [p.person for p in list_participants(inst, training.id)]
    categories = {c.code: c.label(lang) for c in list_categories(inst, include_retired=True)}
    st = styles()
    widths = [width * w for w in (0.04, 0.19, 0.045, 0.115, 0.16, 0.13, 0.1, 0.055, 0.165)]
    # Each person's answer about photos, for whoever takes pictures in the room (issue 19).
    photos = {"given": tr(lang, "yes"), "refused": tr(lang, "no"), "withdrawn": tr(lang, "no")}
    photo_of = photo_choices(inst, [p.id for p in people])
    answers = {pid: photos.get(choice, "") for pid, choice in photo_of.items()}
    return _SheetLayout(lang, training, people, categories, answers, widths, blank_rows, st,
                        _Cells(8))  # fmt: skip


def _session_heading(layout: _SheetLayout, session: SessionInfo) -> list[Any]:
    """The session's title lines, its footer text, topic and the instruction to sign."""
    from reportlab.platypus import Paragraph, Spacer

    from app.services.pdf_page import footer_text
    from app.services.pdf_text import markup

    lang, training, st = layout.lang, layout.training, layout.st
    story: list[Any] = [
        Paragraph(markup(tr(lang, "Sign-in sheet")), st.small),
        Paragraph(markup(training.title, bold=True), st.title),
    ]
    place = session.location or "–"
    short = tr(
        lang,
        "Session {number}: {date}, {place}",
        number=training.sessions.index(session) + 1,
        date=format_date(session.date, lang),
        place=place,
    )
    line = tr(
        lang,
        "{mission} · Session {number} of {count} · {date} · {place}",
        mission=training.mission,
        number=training.sessions.index(session) + 1,
        count=len(training.sessions),
        date=format_date(session.date, lang),
        place=place,
    )
    story.append(Paragraph(markup(line, bold=True), st.body))
    story.append(footer_text(f"{training.mission} · {short} · {training.title}"))
    if session.topic:
        story.append(Paragraph(markup(session.topic), st.body))
    story.append(
        Paragraph(
            markup(
                tr(
                    lang,
                    "Please check your details, correct them if needed, and sign. "
                    "If your name is not listed, write it on a blank line.",
                )
            ),
            st.small,
        )
    )
    story.append(Spacer(1, 6))
    return story


def _sign_in_table(layout: _SheetLayout) -> Any:
    """One row per participant (phone left blank on purpose), then blank rows for walk-ins."""
    from reportlab.platypus import Table

    from app.services.pdf_page import table_style

    lang, people, widths, cells = layout.lang, layout.people, layout.widths, layout.cells
    blank_rows = layout.blank_rows
    header = [
        tr(lang, "No."),
        tr(lang, "Name"),
        tr(lang, "Sex"),
        tr(lang, "Category"),
        tr(lang, "Organisation"),
        tr(lang, "Function"),
        tr(lang, "Phone"),
        tr(lang, "Photos"),
        tr(lang, "Signature"),
    ]
    sex_short = {"en": {"F": "F", "M": "M", "X": ""}, "fr": {"F": "F", "M": "H", "X": ""}}[lang]
    commands: list[tuple[Any, ...]] = []
    rows: list[list[Any]] = [header]
    for number, person in enumerate(people, start=1):
        category = layout.categories.get(person.category, "")
        rows.append(
            [
                str(number),
                cells.cell(person.full_name, widths[1], number, 1, commands),
                sex_short.get(person.sex, ""),
                cells.cell(category, widths[3], number, 3, commands),
                cells.cell(person.organisation, widths[4], number, 4, commands),
                cells.cell(person.function, widths[5], number, 5, commands),
                "",
                layout.photo_answers.get(person.id, ""),
                "",
            ]
        )
    for number in range(len(people) + 1, len(people) + blank_rows + 1):
        rows.append([str(number), "", "", "", "", "", "", "", ""])
    style = table_style(font_size=8)
    style += [
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["#ffffff"]),
        ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("ALIGN", (7, 0), (7, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.6, "#7f8c99"),
        # A pre-filled row's cells start on one baseline: readers see the row as one line.
        ("VALIGN", (0, 1), (-1, max(1, len(people))), "TOP"),
        # Room for a signature: pre-filled rows grow with their text, never below this.
        ("TOPPADDING", (0, 1), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
    ]
    heights = [None] * (len(people) + 1) + [ROW_HEIGHT] * blank_rows
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(style + commands)
    return table


def _render(
    layout: _SheetLayout, story: list[Any], page_size: tuple[float, float], margin: float
) -> tuple[bytes, int]:
    """The story laid out on landscape pages with the numbered footer: (bytes, pages)."""
    from reportlab.platypus import SimpleDocTemplate

    from app.services.pdf_page import Footer, numbered_canvas

    lang, training = layout.lang, layout.training
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 10,
        title=f"{tr(lang, 'Sign-in sheet')} — {training.title}",
        creator="Muster",
        lang=lang,
    )
    footer = Footer(
        left=f"{training.mission} · {training.title}",
        document_id=str(uuid.uuid4())[:8],
        lang=lang,
        margin=margin,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue(), doc.page


def export_sheets(
    inst: Installation,
    training_id: str,
    destination: Path,
    session_id: str | None = None,
    lang: str = "en",
) -> SheetResult:
    """Write the sign-in sheets to ``destination`` (atomically)."""
    from app.fileio import write_atomically

    data, sessions, pages, people = build_sheets(inst, training_id, session_id, lang)
    destination = Path(destination)
    write_atomically(destination, data)
    return SheetResult(destination, sessions, pages, people)
