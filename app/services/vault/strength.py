"""Passphrase strength, estimated by zxcvbn rather than by rules written here.

zxcvbn (Dropbox's estimator, Python port) counts the guesses an attacker needs,
from patterns (repeats, sequences, keyboard runs, dates), dictionaries of common
passwords, words and names, and the user's own inputs (name, mission, e-mail). A
passphrase is refused below :data:`MIN_SCORE` (fewer than about 10^8 guesses),
with one sentence that names the weakest pattern found. The sentence's ``reason``
code lets the interface say it in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import UserError
from app.l10n import Phrase

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn's "safely unguessable: moderate protection from offline attacks"

REASONS: dict[str, str] = {
    "short": Phrase(
        "The passphrase must be at least 10 characters long; "
        "a few words in a row are easy to remember and hard to guess."
    ),
    "repeat": Phrase(
        "The passphrase repeats the same characters or words; "
        "choose a few words that have nothing to do with each other."
    ),
    "sequence": Phrase(
        'The passphrase is a sequence such as "abcd" or "1234", which is guessed at once; '
        "choose a few unrelated words."
    ),
    "spatial": Phrase(
        'The passphrase follows the keys of the keyboard (like "qwerty"), '
        "which is guessed at once; choose a few unrelated words."
    ),
    "date": Phrase(
        "The passphrase is mostly a date or a year, which is easy to guess; "
        "choose a few unrelated words."
    ),
    "own": Phrase(
        "The passphrase contains your own name, mission or e-mail address, "
        "which anyone could guess; choose other words."
    ),
    "common": Phrase(
        "The passphrase is a common word or password, which is guessed at once; "
        "add a few unrelated words."
    ),
    "weak": Phrase("The passphrase is too easy to guess; add another word or two."),
}


@dataclass(frozen=True)
class Weakness:
    reason: str  # a key of REASONS

    @property
    def sentence(self) -> str:
        return REASONS[self.reason]


def weakness(passphrase: str, user_inputs: Iterable[str] = ()) -> Weakness | None:
    """Why ``passphrase`` is too easy to guess, or None when it is strong enough."""
    if len(passphrase.strip()) < MIN_LENGTH:
        return Weakness("short")
    from zxcvbn import zxcvbn

    inputs = [w for value in user_inputs for w in (value, *value.split()) if len(w) >= 3]
    result = zxcvbn(passphrase[:100], user_inputs=[*inputs, "muster"])
    if result["score"] < MIN_SCORE:
        return Weakness(_reason(result["sequence"], {w.lower() for w in inputs}))
    if _mostly_own_words(passphrase, inputs):
        return Weakness("own")
    return None


def _mostly_own_words(passphrase: str, inputs: list[str]) -> bool:
    """zxcvbn scores "AminaDiallo1" well; little is left once the user's own words go."""
    rest = passphrase.lower()
    for word in sorted({w.lower() for w in inputs if len(w) >= 4}, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest != passphrase.lower() and sum(ch.isalnum() for ch in rest) < 6


def _reason(sequence: list[dict[str, object]], own: set[str]) -> str:
    """The pattern covering most of the passphrase, as one of REASONS."""
    longest = max(sequence, key=lambda m: len(str(m.get("token", ""))), default={})
    pattern = longest.get("pattern")
    if pattern == "dictionary":
        if (
            longest.get("dictionary_name") == "user_inputs"
            or str(longest.get("matched_word", "")).lower() in own
        ):
            return "own"
        return "common"
    if pattern in ("repeat", "sequence", "spatial", "date"):
        return str(pattern)
    if pattern == "regex":
        return "date"
    return "weak"


class WeakPassphraseError(UserError):
    """A guessable passphrase; ``reason`` lets the interface translate the sentence."""

    def __init__(self, found: Weakness) -> None:
        super().__init__(found.sentence, field="passphrase")
        self.reason = found.reason


def check_strength(passphrase: str, user_inputs: Iterable[str] = ()) -> None:
    """Refuse a guessable passphrase with one sentence saying why."""
    found = weakness(passphrase, user_inputs)
    if found is not None:
        raise WeakPassphraseError(found)
