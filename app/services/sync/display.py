"""Showing strings that came from a certificate or a bundle: one honest line, always.

A name in a certificate is chosen by whoever made it. Shown raw, a newline could add a
fake second sentence to a refusal, a terminal escape could recolour or erase it, and a
right-to-left override could reverse a fingerprint. ``shown`` turns every control,
format and separator character into a visible ``\\u`` escape and cuts very long text.
"""

from __future__ import annotations

import unicodedata

MAX_SHOWN = 80


def _visible(ch: str) -> str:
    if ch == " ":
        return ch
    category = unicodedata.category(ch)
    if category[0] in "CZ" or category == "Cs":  # controls, format, surrogates, separators
        return f"\\u{ord(ch):04x}"
    return ch


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """``value`` as a single line with every control character made visible."""
    text = str(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]
    out = "".join(map(_visible, text))
    return out if len(out) <= limit else out[: limit - 1] + "…"
