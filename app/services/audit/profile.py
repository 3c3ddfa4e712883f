"""Age band and the Washington Group short set of disability questions, all optional.

Age: one of the standard bands (under 18, 18–24, 25–34, 35–44, 45–54, 55–64, 65 and
over), or a year of birth, which is reduced to its band at once (age = the year of
the training, or this year, minus the year of birth) and never stored itself.

Disability: the Washington Group short set (WG-SS), six questions answered "no
difficulty", "some difficulty", "a lot of difficulty" or "cannot do at all". The WG's
own cut-off decides: *with disability* when at least one answer is "a lot of
difficulty" or "cannot do at all"; *without* when all six are answered and none is;
otherwise (nothing, or only part, answered) *not recorded*. Nothing is ever guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.db.audit_models import AGE_BANDS, WG_ANSWERS, WG_DOMAINS, PersonProfile
from app.db.base import derived_id
from app.db.models import Person
from app.errors import NotFoundError, ValidationError
from app.l10n import Phrase
from app.services.installation import Installation

NOT_RECORDED = "not recorded"
AGE_BAND_LABELS = {
    "under_18": "Under 18",
    "18_24": "18–24",
    "25_34": "25–34",
    "35_44": "35–44",
    "45_54": "45–54",
    "55_64": "55–64",
    "65_plus": "65 and over",
}
# The keys reports use (``by_age_band``): readable and stable.
AGE_BAND_KEYS = {
    "under_18": "under 18", "18_24": "18-24", "25_34": "25-34", "35_44": "35-44",
    "45_54": "45-54", "55_64": "55-64", "65_plus": "65+",
}  # fmt: skip
WG_QUESTIONS = {
    "seeing": "Do you have difficulty seeing, even if wearing glasses?",
    "hearing": "Do you have difficulty hearing, even if using a hearing aid?",
    "walking": "Do you have difficulty walking or climbing steps?",
    "remembering": "Do you have difficulty remembering or concentrating?",
    "self_care": "Do you have difficulty with self-care, such as washing all over or dressing?",
    "communicating": "Using your usual language, do you have difficulty communicating, "
    "for example understanding or being understood?",
}
WG_ANSWER_LABELS = {
    "none": "No difficulty",
    "some": "Some difficulty",
    "a_lot": "A lot of difficulty",
    "cannot": "Cannot do at all",
}
DISABILITY_KEYS = ("with disability", "without disability", NOT_RECORDED)
DISABILITY_LABELS = {
    "with disability": "With disability",
    "without disability": "Without disability",
    NOT_RECORDED: "Not recorded",
}
_BAND_STARTS = ((65, "65_plus"), (55, "55_64"), (45, "45_54"), (35, "35_44"),
                (25, "25_34"), (18, "18_24"), (0, "under_18"))  # fmt: skip


@dataclass(frozen=True)
class ProfileInfo:
    person_id: str
    age_band: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # domain -> answer ("" missing)
    anonymised_on: date | None = None

    @property
    def disability(self) -> str:
        return disability_status(self.answers)


def profile_id(person_id: str) -> str:
    return derived_id("profile", person_id)


def band_for_year(year_of_birth: int, on: date) -> str:
    """The age band of someone born in ``year_of_birth``, in the year of ``on``."""
    age = on.year - year_of_birth
    if year_of_birth < 1900 or age < 0 or age > 120:
        raise ValidationError(
            {"age_band": Phrase("{year} is not a year of birth.", year=year_of_birth)}
        )
    return next(band for start, band in _BAND_STARTS if age >= start)


def disability_status(answers: dict[str, str]) -> str:
    """The Washington Group identifier: with, without, or not recorded."""
    given = [answers.get(d, "") for d in WG_DOMAINS]
    if any(a in ("a_lot", "cannot") for a in given):
        return "with disability"
    if all(given):
        return "without disability"
    return NOT_RECORDED


def _info(row: PersonProfile | None, person_id: str) -> ProfileInfo:
    if row is None or row.deleted:
        return ProfileInfo(person_id, answers=dict.fromkeys(WG_DOMAINS, ""))
    return ProfileInfo(
        person_id,
        row.age_band,
        {d: getattr(row, f"wg_{d}") for d in WG_DOMAINS},
        row.anonymised_on,
    )


def read_profile(session: Session, person_id: str) -> ProfileInfo:
    return _info(session.get(PersonProfile, profile_id(person_id)), person_id)


def get_profile(inst: Installation, person_id: str) -> ProfileInfo:
    with inst.db.reading() as session:
        return read_profile(session, person_id)


def write_profile(session: Session, person_id: str, age_band: str,
                  answers: dict[str, str]) -> None:  # fmt: skip
    """Store the answers inside the caller's transaction (refused when not a known answer)."""
    if age_band not in AGE_BANDS:
        raise ValidationError({"age_band": Phrase("Choose one of the age bands.")})
    for domain, answer in answers.items():
        if domain not in WG_DOMAINS or answer not in WG_ANSWERS:
            raise ValidationError({f"wg.{domain}": Phrase("Choose one of the answers.")})
    row = session.get(PersonProfile, profile_id(person_id))
    if row is None:
        if not age_band and not any(answers.values()):
            return  # nothing to record
        row = PersonProfile(id=profile_id(person_id), person_id=person_id)
        session.add(row)
    wanted = {"age_band": age_band, "deleted": False}
    wanted.update({f"wg_{d}": a for d, a in answers.items()})
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def save_profile(
    inst: Installation,
    person_id: str,
    age_band: str = "",
    answers: dict[str, str] | None = None,
    year_of_birth: int | None = None,
    on: date | None = None,
) -> ProfileInfo:
    """Record the age band (or the band of ``year_of_birth``) and WG-SS answers."""
    if year_of_birth is not None:
        age_band = band_for_year(year_of_birth, on or date.today())
    with inst.db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError(Phrase("That person no longer exists."))
        full = dict.fromkeys(WG_DOMAINS, "")
        full.update(answers or {})
        write_profile(session, person_id, age_band, full)
        session.flush()
        return read_profile(session, person_id)


def merge_profiles(session: Session, keep: Person, other: Person) -> None:
    """Answers only the merged record had fill the survivor's blanks."""
    mine, theirs = read_profile(session, keep.id), read_profile(session, other.id)
    answers = {d: mine.answers.get(d) or theirs.answers.get(d, "") for d in WG_DOMAINS}
    band = mine.age_band or theirs.age_band
    if band != mine.age_band or answers != mine.answers:
        write_profile(session, keep.id, band, answers)
