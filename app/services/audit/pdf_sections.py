"""What the signed summary says about issue 19 (called from ``app.services.pdf``).

- :func:`summary_extras` (while reading, before drawing): takes out of the participant
  list the people who may not be named (they stay in every count) and gathers the
  age band and disability figures, the per-diem totals and the evidence files.
- :func:`section_flowables` (while drawing): a note saying how many people appear in
  counts only, the age and disability breakdowns ("Not recorded" counted, never
  guessed), per-diem totals by currency, and each evidence file with its SHA-256, so
  anyone holding the files can check they are the ones the summary names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from app.db.models import Enrolment, Person
from app.l10n import format_number, tr
from app.services.audit.evidence import KIND_LABELS, EvidenceInfo, list_evidence
from app.services.installation import Installation


@dataclass(frozen=True)
class AuditSection:
    hidden: int  # participants counted but not listed by name
    by_age_band: dict[str, int]
    by_disability: dict[str, int]
    perdiem_totals: dict[str, Decimal]
    perdiem_paid: int
    evidence: tuple[EvidenceInfo, ...]


def summary_extras(inst: Installation, training_id: str, report: Any,
                   participants: list[Any]) -> tuple[list[Any], AuditSection]:  # fmt: skip
    """(the participant lines that may be named, the section's data)."""
    from app.services.audit.consent import names_need_consent, unnamed_people
    from app.services.audit.perdiem_compute import perdiem_totals

    # Every participant is an enrolled person, or the record one was merged into.
    enrolled = (
        select(func.coalesce(Person.merged_into_id, Person.id))
        .join(Enrolment, Enrolment.person_id == Person.id)
        .where(Enrolment.training_id == training_id)
    )
    with inst.db.reading() as session:
        hidden = unnamed_people(session, [p.person_id for p in participants],
                                names_need_consent(inst), among=enrolled)  # fmt: skip
    shown = [p for p in participants if p.person_id not in hidden]
    sheet = perdiem_totals(inst, training_id)
    section = AuditSection(
        hidden=len(participants) - len(shown),
        by_age_band=dict(report.by_age_band),
        by_disability=dict(report.by_disability),
        perdiem_totals=dict(sheet.totals),
        perdiem_paid=sheet.paid,
        evidence=tuple(list_evidence(inst, training_id)),
    )
    return shown, section


def hidden_note(section: AuditSection | None, lang: str) -> str:
    """The sentence under the participant list when some people are not named ("" if none)."""
    if section is None or not section.hidden:
        return ""
    return tr(lang, "{count} participant(s) did not consent to be named: they are counted in "
                    "the figures above but not listed.", count=section.hidden)  # fmt: skip


def _grouped(sha256: str) -> str:
    """The hash in groups of eight, so it wraps inside its column (spaces are not part of it)."""
    return " ".join(sha256[i : i + 8] for i in range(0, len(sha256), 8))


def section_flowables(section: AuditSection | None, lang: str, width: float) -> list[Any]:
    """Age and disability, per-diem totals, evidence files: the summary's audit pages."""
    if section is None:
        return []
    from reportlab.platypus import CondPageBreak, Paragraph

    from app.services.audit.figures import group_label
    from app.services.audit.money import format_money
    from app.services.pdf_page import styles
    from app.services.pdf_rows import Column, RowTable
    from app.services.pdf_text import markup

    st = styles()

    def p(value: str, style: Any = None) -> Any:
        return Paragraph(markup(value), style or st.body)

    story: list[Any] = [CondPageBreak(140), p(tr(lang, "Age and disability"), st.heading)]
    from reportlab.platypus import Spacer, Table

    def breakdown(by: str, title: str, counts: dict[str, int]) -> Any:
        rows = [(group_label(by, k, lang), format_number(n, lang)) for k, n in counts.items()]
        return RowTable([Column(tr(lang, title), width * 0.3),
                         Column(tr(lang, "Participants"), width * 0.14, "right")], rows)  # fmt: skip

    pair = Table([[breakdown("age_band", "Age band", section.by_age_band), Spacer(1, 1),
                   breakdown("disability", "Disability", section.by_disability)]],
                 colWidths=[width * 0.44, width * 0.12, width * 0.44])  # fmt: skip
    pair.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)])  # fmt: skip
    story.append(pair)
    story.append(p(tr(lang, "Disability follows the Washington Group short set: with "
                            "disability means a lot of difficulty, or cannot do, in one "
                            "domain at least."), st.small))  # fmt: skip
    if section.perdiem_totals:
        totals = ", ".join(
            format_money(v, c, lang) for c, v in sorted(section.perdiem_totals.items())
        )
        story += [p(tr(lang, "Per-diem and transport"), st.heading),
                  p(tr(lang, "{people} people paid; total {totals}.",
                       people=section.perdiem_paid, totals=totals))]  # fmt: skip
    if section.evidence:
        story += [CondPageBreak(120), p(tr(lang, "Evidence files"), st.heading),
                  p(tr(lang, "Each file's SHA-256 identifies it: anyone holding the file can "
                             "check it is the one listed here (sha256sum FILE)."), st.small)]  # fmt: skip
        columns = [Column(tr(lang, "File"), width * 0.25), Column(tr(lang, "Kind"), width * 0.15),
                   Column(tr(lang, "Session"), width * 0.12),
                   Column("SHA-256", width * 0.48, "left")]  # fmt: skip
        files = [(e.file_name, tr(lang, KIND_LABELS.get(e.kind, e.kind)),
                  e.session_date or tr(lang, "training"), _grouped(e.sha256))
                 for e in section.evidence]  # fmt: skip
        story.append(RowTable(columns, files, font_size=7))
    return story
