"""Axis scales for counts of people: whole numbers only, whatever the counts.

With one participant per category a chart's automatic ticks read "0 0.2 0.4 …" and,
printed as integers, "0 0 0 0 0 1". Both the Summary tab (QtCharts) and the PDF
charts (ReportLab) ask here for a step of 1, 2, 5, 10, 20, 50… and a top that is a
multiple of it, so every tick is a whole number and there are few of them.
"""

from __future__ import annotations

import math


def integer_scale(top: float, max_steps: int = 5) -> tuple[int, int]:
    """(step, upper bound) for an axis from 0 that must show ``top``: whole-number ticks,
    at most ``max_steps`` intervals, ``upper`` a multiple of ``step`` and at least 1."""
    top = max(math.ceil(top), 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            intervals = math.ceil(top / step)
            if intervals <= max_steps:
                return step, intervals * step
        magnitude *= 10
