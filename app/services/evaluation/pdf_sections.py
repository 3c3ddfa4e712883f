"""The summary PDF's evaluation sections: completion, knowledge test (with a chart), feedback.

``pdf.collect_summary_data`` reads :func:`collect_evaluation` once; ``pdf._story`` adds
:func:`evaluation_sections` after the attendance by session. Figures come from the
report's :class:`~.figures.EvaluationFigures` (the same as ``muster report``), the
per-person completion from :mod:`.completion`, feedback from :mod:`.feedback`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.l10n import format_number, tr
from app.l10n import format_percent as pct
from app.services.evaluation.completion import TrainingCompletion, format_hours, training_completion
from app.services.evaluation.feedback import FeedbackSummary, feedback_summary
from app.services.evaluation.figures import NO_CATEGORY, EvaluationFigures, TestFigures
from app.services.installation import Installation

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Flowable

MAX_COMMENTS = 40


@dataclass(frozen=True)
class EvaluationData:
    completion: TrainingCompletion
    feedback: FeedbackSummary
    participants_by_category_sex: dict[str, dict[str, int]]

    def completed_ids(self) -> set[str]:
        return {p.person_id for p in self.completion.people if p.completed}


def collect_evaluation(inst: Installation, training_id: str,
                       by_category_sex: dict[str, dict[str, int]]) -> EvaluationData:  # fmt: skip
    completion = training_completion(inst, training_id)
    # The same people in the same order: the completion's list, not a second read of it.
    feedback = feedback_summary(inst, training_id, [p.person_id for p in completion.people])
    return EvaluationData(completion, feedback, by_category_sex)


def evaluation_sections(data: EvaluationData, figures: EvaluationFigures, lang: str,
                        width: float, labels: dict[str, str]) -> list[Flowable]:  # fmt: skip
    """Completion, then the knowledge test and the feedback when there are any."""
    story = _completion(data, figures, lang, width, labels)
    if figures.tests.with_both:
        story += _tests(data, figures, lang, width, labels)
    if data.feedback.forms:
        story += _feedback(data.feedback, lang, width)
    return story


def _simple_table(header: list[str], rows: list[list[Any]], widths: list[float],
                  numeric_from: int, total_row: bool = False) -> Any:  # fmt: skip
    """A table in the summary's look (as ``pdf._simple_table``: blue header, total row)."""
    from reportlab.platypus import Table

    from app.services.pdf_page import LIGHT_BLUE, table_style
    from app.services.pdf_text import SANS_BOLD

    style = table_style()
    style.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), SANS_BOLD),
                  ("BACKGROUND", (0, -1), (-1, -1), LIGHT_BLUE)]  # fmt: skip
    table = Table([header, *rows], colWidths=_fit_header(header, widths), repeatRows=1)
    table.setStyle(style)
    return table


def _fit_header(header: list[str], widths: list[float], size: float = 8) -> list[float]:
    """Widen the columns whose title would not fit (French titles are longer), taking the
    room from the first column, which holds names and wraps."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.services.pdf_text import SANS_BOLD

    needed = [stringWidth(title, SANS_BOLD, size) + 8 for title in header]
    out = list(widths)
    for i in range(1, len(out)):
        extra = max(0.0, needed[i] - out[i])
        out[i] += extra
        out[0] -= extra
    return out


def _p(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    from app.services.pdf_text import markup

    return Paragraph(markup(text), style)


def _completion(data: EvaluationData, figures: EvaluationFigures, lang: str, width: float,
                labels: dict[str, str]) -> list[Flowable]:  # fmt: skip
    from reportlab.platypus import CondPageBreak

    from app.services.pdf_page import styles

    st = styles()
    num = lambda n: format_number(n, lang)  # noqa: E731
    people = len(data.completion.people)
    hours = [p.hours for p in data.completion.people if p.hours is not None]
    text = tr(
        lang,
        "Rule: {rule}. {completed} of {total} participants completed the training ({share}).",
        rule=data.completion.rule.describe(lang), completed=num(figures.completed),
        total=num(people), share=pct(figures.completed / people if people else None, lang),
    )  # fmt: skip
    if hours:
        text += " " + tr(lang, "Hours attended: {hours} in all, {mean} on average.",
                         hours=format_hours(sum(hours), lang),
                         mean=format_hours(sum(hours) / len(hours), lang))  # fmt: skip
    rows: list[list[Any]] = []
    for cat, counts in data.participants_by_category_sex.items():
        done = figures.completed_by_category_sex.get(cat, {})
        total, completed = sum(counts.values()), sum(done.values())
        rows.append([
            labels.get(cat, cat), num(total), num(completed),
            f"{num(done.get('female', 0))} / {num(counts.get('female', 0))}",
            f"{num(done.get('male', 0))} / {num(counts.get('male', 0))}",
            pct(completed / total if total else None, lang),
        ])  # fmt: skip
    by_sex = figures.completed_by_sex
    women = sum(c.get("female", 0) for c in data.participants_by_category_sex.values())
    men = sum(c.get("male", 0) for c in data.participants_by_category_sex.values())
    rows.append([
        tr(lang, "Total"), num(people), num(figures.completed),
        f"{num(by_sex.get('female', 0))} / {num(women)}",
        f"{num(by_sex.get('male', 0))} / {num(men)}",
        pct(figures.completed / people if people else None, lang),
    ])  # fmt: skip
    header = [tr(lang, "Category"), tr(lang, "Participants"), tr(lang, "Completed"),
              tr(lang, "Women"), tr(lang, "Men"), tr(lang, "Share")]  # fmt: skip
    table = _simple_table(header, rows, [width * w for w in (0.36, 0.14, 0.13, 0.12, 0.12, 0.13)],
                          numeric_from=1, total_row=True)  # fmt: skip
    note = tr(lang, "Women and men: completed / participants.")
    return [CondPageBreak(140), _p(tr(lang, "Completion"), st.heading), _p(text, st.body), table,
            _p(note, st.small)]  # fmt: skip


def _test_row(label: str, f: TestFigures, lang: str) -> list[str]:
    return [
        label, format_number(f.with_both, lang), pct(f.mean_pre, lang), pct(f.mean_post, lang),
        _points(f.mean_gain, lang), pct(f.improved_share, lang),
    ]  # fmt: skip


def _points(gain: float | None, lang: str) -> str:
    """+12 points (of 100)."""
    if gain is None:
        return "–"
    sign = "+" if gain >= 0 else "−"
    return f"{sign}{format_number(abs(gain) * 100, lang, 1)}"


def _tests(data: EvaluationData, figures: EvaluationFigures, lang: str, width: float,
           labels: dict[str, str]) -> list[Flowable]:  # fmt: skip
    from reportlab.platypus import CondPageBreak, Spacer

    from app.services.pdf_page import styles

    st = styles()
    t = figures.tests
    maximum = data.completion.training.test_max_score
    text = tr(
        lang,
        "{count} participants took both the pre-test and the post-test (out of {max} points; "
        "only they are counted). The average score went from {pre} to {post} of the maximum, "
        "a gain of {gain} points out of 100; {improved} of them improved ({share}).",
        count=format_number(t.with_both, lang), max=format_number(maximum or 0, lang),
        pre=pct(t.mean_pre, lang), post=pct(t.mean_post, lang), gain=_points(t.mean_gain, lang),
        improved=format_number(t.improved, lang), share=pct(t.improved_share, lang),
    )  # fmt: skip
    sex_names = {"female": tr(lang, "Women"), "male": tr(lang, "Men"),
                 "unspecified": tr(lang, "Not stated")}  # fmt: skip
    rows = [_test_row(labels.get(k, k), v, lang) for k, v in figures.tests_by_category.items()]
    rows += [_test_row(sex_names.get(k, k), v, lang) for k, v in figures.tests_by_sex.items()]
    rows.append(_test_row(tr(lang, "Total"), t, lang))
    header = [tr(lang, "Group"), tr(lang, "With both"), tr(lang, "Pre-test"),
              tr(lang, "Post-test"), tr(lang, "Gain (points)"), tr(lang, "Improved")]  # fmt: skip
    table = _simple_table(header, rows, [width * w for w in (0.32, 0.12, 0.14, 0.14, 0.14, 0.14)],
                          numeric_from=1, total_row=True)  # fmt: skip
    story: list[Flowable] = [CondPageBreak(160), _p(tr(lang, "Knowledge test"), st.heading),
                             _p(text, st.body), table]  # fmt: skip
    chart = tests_chart(figures, lang, width, labels)
    if chart is not None:
        story += [Spacer(1, 6), chart]
    return story


def tests_chart(figures: EvaluationFigures, lang: str, width: float,
                labels: dict[str, str]) -> Drawing | None:  # fmt: skip
    """Horizontal bars: mean pre- and post-test score (% of the maximum) per category."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from app.services.pdf_page import UN_BLUE
    from app.services.pdf_text import SANS, fit

    groups = [(labels.get(k, k), v) for k, v in figures.tests_by_category.items()][:10]
    groups.append((tr(lang, "Total"), figures.tests))
    if len(groups) < 2:
        return None
    label_width, bar = 150, 7
    height = 40 + bar * 2.6 * len(groups)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 30
    chart.width, chart.height = width - label_width - 20, height - 36
    ordered = list(reversed(groups))
    chart.data = [[round(100 * (g.mean_pre or 0), 1) for _, g in ordered],
                  [round(100 * (g.mean_post or 0), 1) for _, g in ordered]]  # fmt: skip
    chart.categoryAxis.categoryNames = [fit(n, SANS, 7, label_width - 10) for n, _ in ordered]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d %%" if lang == "fr" else "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barWidth = bar
    chart.bars[0].fillColor = colors.HexColor("#b8c4d0")
    chart.bars[1].fillColor = UN_BLUE
    chart.bars.strokeColor = colors.white
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = label_width, 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = SANS
    legend.fontSize = 7
    legend.boxAnchor = "w"
    legend.dx = legend.dy = 7
    legend.deltax = 110
    legend.colorNamePairs = [
        (colors.HexColor("#b8c4d0"), tr(lang, "Pre-test (% of the maximum)")),
        (UN_BLUE, tr(lang, "Post-test (% of the maximum)")),
    ]
    drawing.add(legend)
    return drawing


def _feedback(summary: FeedbackSummary, lang: str, width: float) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak

    from app.services.pdf_page import styles

    st = styles()
    rows: list[list[Any]] = []
    comments: list[str] = []
    for q in summary.questions:
        if q.question.kind == "text":
            comments += list(q.comments)
            continue
        if q.question.kind == "rating":
            shown = "–" if q.average is None else f"{format_number(q.average, lang, 1)} / 5"
        else:
            shown = tr(lang, "{share} yes", share=pct(q.average, lang))
        rows.append([_p(q.question.text(lang), st.cell), format_number(q.answered, lang), shown])
    text = tr(lang, "{forms} of {participants} participants returned the feedback form.",
              forms=format_number(summary.forms, lang),
              participants=format_number(summary.participants, lang))  # fmt: skip
    story: list[Flowable] = [CondPageBreak(120), _p(tr(lang, "Feedback"), st.heading),
                             _p(text, st.body)]  # fmt: skip
    if rows:
        header = [tr(lang, "Question"), tr(lang, "Answers"), tr(lang, "Average")]
        story.append(_simple_table(header, rows, [width * 0.6, width * 0.15, width * 0.25], 1))
    if comments:
        story.append(_p(tr(lang, "Comments ({count})", count=format_number(len(comments), lang)),
                        st.body))  # fmt: skip
        from reportlab.lib.styles import ParagraphStyle

        from app.services.pdf_text import has_arabic

        left = ParagraphStyle("comment", parent=st.small, leftIndent=10, spaceBefore=1.5)
        right = ParagraphStyle("comment_rtl", parent=left, alignment=2, rightIndent=10)
        for comment in comments[:MAX_COMMENTS]:
            rtl = has_arabic(comment) and not any("a" <= c.lower() <= "z" for c in comment)
            story.append(_p(comment, right if rtl else left))
        if len(comments) > MAX_COMMENTS:
            story.append(_p(tr(lang, "and {count} more.",
                               count=format_number(len(comments) - MAX_COMMENTS, lang)), st.small))  # fmt: skip
    return story


__all__ = ["NO_CATEGORY", "EvaluationData", "collect_evaluation", "evaluation_sections"]
