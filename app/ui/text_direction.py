"""Showing names right whatever their script: Arabic right-to-left inside English or French.

Qt shapes Arabic by itself (HarfBuzz); what goes wrong is *direction*. An Arabic
name dropped into an LTR sentence ("Deleted “محمد علي” (2 sessions).") can drag
the punctuation and numbers next to it to the wrong side. Wrapping it in Unicode
isolates (FSI U+2068 … PDI U+2069) keeps it a self-contained run. In tables,
a cell holding an RTL name reads best aligned to the right.

Where to use it (for the UI teams):
- ``isolate(name)`` whenever a user-typed value is put into a translated sentence
  with ``.format(...)`` (status bar, message boxes, labels, tab titles).
- ``cell_alignment(text)`` as the ``TextAlignmentRole`` of name/organisation cells
  in table models, and ``apply_direction(line_edit)`` on name fields if wanted
  (Qt already picks the cursor direction from the text).
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

FSI = "\u2068"  # first strong isolate: direction taken from the text itself
PDI = "\u2069"  # pop directional isolate
_RTL = {"R", "AL"}
_LTR = {"L"}


def first_strong_direction(text: str | None) -> Qt.LayoutDirection | None:
    """The direction of the first letter with a strong direction, None when there is none."""
    for ch in text or "":
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return Qt.LayoutDirection.RightToLeft
        if kind in _LTR:
            return Qt.LayoutDirection.LeftToRight
    return None


def is_rtl(text: str | None) -> bool:
    """True when ``text`` reads right to left (Arabic, Hebrew…), as Qt decides it."""
    return first_strong_direction(text) == Qt.LayoutDirection.RightToLeft


def has_rtl(text: str | None) -> bool:
    """True when any letter of ``text`` is right-to-left (mixed names count)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text or "")


def isolate(text: str | None) -> str:
    """``text`` wrapped in direction isolates when it holds RTL letters, else unchanged.

    Plain Latin/Cyrillic text stays byte-identical, so tests and exports of
    ordinary names see no invisible characters.
    """
    value = text or ""
    if not has_rtl(value) or (value.startswith(FSI) and value.endswith(PDI)):
        return value
    return f"{FSI}{value}{PDI}"


def strip_isolates(text: str) -> str:
    """Remove the isolate marks (before copying text to a file or the clipboard)."""
    return text.replace(FSI, "").replace(PDI, "")


def cell_alignment(text: str | None, numeric: bool = False) -> int:
    """The ``TextAlignmentRole`` value for a cell: RTL text to the right, LTR to the left.

    Uses AlignAbsolute so an RTL name is right-aligned in a left-to-right window.
    """
    vertical = Qt.AlignmentFlag.AlignVCenter
    if numeric or is_rtl(text):
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | vertical)
    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | vertical)


def apply_direction(edit: QLineEdit) -> None:
    """Make a line edit follow the direction of what is typed in it (right-align Arabic)."""

    def update(text: str) -> None:
        edit.setAlignment(
            Qt.AlignmentFlag(cell_alignment(text)) if text else Qt.AlignmentFlag.AlignLeft
        )

    edit.textChanged.connect(update)
    update(edit.text())
