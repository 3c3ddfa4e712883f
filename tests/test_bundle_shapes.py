"""The whole-column shape checks of bundle validation say exactly what the regexes say.

``schema.all_match`` checks a column of ids or timestamps in one C pass when every value
has Muster's own layout, and falls back to the regex value by value otherwise; it must
never accept a value the regex refuses, nor refuse one it accepts.
"""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from app.services.sync.schema import (
    _DIGITS_TO_ZERO,
    _HEX_TO_ZERO,
    DATETIME_LINE,
    DATETIME_RE,
    UUID_LINE,
    UUID_RE,
    all_match,
)

# Near misses: the characters of the layouts, their look-alikes and line breaks.
UUID_CHARS = "0123456789abcdef-ABCDEFg\n \u0663"
DATETIME_CHARS = "0123456789-: T.\n\u0663x"


def _near(chars: str, length: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=chars, min_size=length - 2, max_size=length + 2)


def _mutated(good: st.SearchStrategy[str], chars: str) -> st.SearchStrategy[str]:
    """A well-shaped value with one character replaced, inserted or removed."""

    def edit(value: str, at: int, char: str, how: int) -> str:
        at %= len(value) + 1
        return (value[:at] + char + value[at + 1 :], value[:at] + char + value[at:],
                value[:at] + value[at + 1 :])[how]  # fmt: skip

    return st.builds(edit, good, st.integers(0, 40), st.sampled_from(chars), st.integers(0, 2))


uuids = st.builds(lambda n: str(uuid.UUID(int=n)), st.integers(0, 2**128 - 1))
stamps = st.builds(
    lambda d, t: f"{d.isoformat()} {t.isoformat(timespec='microseconds')}", st.dates(), st.times()
)
other_stamps = st.builds(
    lambda d, t, sep: f"{d.isoformat()}{sep}{t.isoformat(timespec='seconds')}",
    st.dates(), st.times(), st.sampled_from(" T"),
)  # fmt: skip


@given(st.lists(st.one_of(uuids, uuids, _mutated(uuids, UUID_CHARS), _near(UUID_CHARS, 36)),
                min_size=1, max_size=6))  # fmt: skip
def test_ids_are_judged_as_the_regex_judges_them(values: list[str]) -> None:
    expected = all(map(UUID_RE.match, values))
    assert all_match(values, UUID_RE, UUID_LINE, _HEX_TO_ZERO) == expected


@given(st.lists(st.one_of(stamps, stamps, other_stamps, _mutated(stamps, DATETIME_CHARS),
                          _near(DATETIME_CHARS, 26)), min_size=1, max_size=6))  # fmt: skip
def test_timestamps_are_judged_as_the_regex_judges_them(values: list[str]) -> None:
    expected = all(map(DATETIME_RE.match, values))
    assert all_match(values, DATETIME_RE, DATETIME_LINE, _DIGITS_TO_ZERO) == expected


def test_values_cannot_lend_each_other_characters() -> None:
    """A short value next to a long one: together they have the length of two ids."""
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    assert not all_match([a[:-1], a[-1] + b], UUID_RE, UUID_LINE, _HEX_TO_ZERO)
    stamp = "2024-09-10 08:00:00.000000"
    assert not all_match([stamp[:-1], "0" + stamp], DATETIME_RE, DATETIME_LINE, _DIGITS_TO_ZERO)


def test_a_line_break_cannot_hide_two_ids_in_one_value() -> None:
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    assert not all_match([f"{a}\n{b}"], UUID_RE, UUID_LINE, _HEX_TO_ZERO)
    assert not all_match([f"{a}\n{b}", a], UUID_RE, UUID_LINE, _HEX_TO_ZERO)
    assert all_match([a, b], UUID_RE, UUID_LINE, _HEX_TO_ZERO)
