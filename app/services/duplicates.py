"""One person, one record: finding likely duplicates and merging them.

The same police officer attends in Beni in March and in Bunia in June, typed
"Kahindo Mumbere" once and "MUMBERE Kahindo" the next time; a Kazakh delegate is
"Юсупова" on one list and "Iousoupova" (French transliteration) on another; a
Libyan officer is "محمد الورفلي", "Mohamed Al-Warfalli" or "Muhammad Elwerfalli".

Names are reduced to a *skeleton* per word: transliterate Cyrillic and Arabic to
Latin, fold accents, merge the spellings transliteration varies on (ou/u, kh/h,
sh/ch/tch, dj/j, q/k...), drop vowels and doubled letters. Yusupova, Iousoupova
and Юсупова all become "spv"; Mohamed, Mohammed, Muhammad and محمد become
"mhmd". People are grouped (blocked) by pairs of word skeletons, kept in memory,
so a check compares a name with a handful of people, never with everyone. Within
a block a score (0..1) weighs the name against sex, organisation, phone and e-mail.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import derived_id
from app.db.models import Attendance, Enrolment, Person, Training
from app.errors import NotFoundError, UserError
from app.l10n import Phrase
from app.services.installation import Installation
from app.services.people import PersonInfo, _person_info
from app.textnorm import clean_text, fold

# --- transliteration -----------------------------------------------------------------------

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh, Uzbek, Kyrgyz, Tajik letters
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i", "ў": "o", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j", "ї": "i", "є": "e",
}  # fmt: skip

# Arabic consonants to Latin; long vowels (ا و ي) and ع/ء become vowels, which the
# skeleton drops, as French and English transliterations mostly do.
_ARABIC = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "d", "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "u", "ي": "i", "ء": "", "ئ": "i", "ؤ": "u", "ى": "a",
    "ة": "a", "پ": "p", "چ": "ch", "گ": "g", "ڤ": "v", "ی": "i", "ک": "k",
}  # fmt: skip

_ARTICLES = {"al", "el", "ul", "al-", "el-"}
_TOKEN_SPLIT = re.compile(r"[\s\-‐_.,;/'’ʼʻ`()]+")
_LATIN_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("tsch", "s"), ("sch", "s"), ("tch", "s"), ("ch", "s"), ("sh", "s"),
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"),
    ("th", "t"), ("dh", "d"), ("ts", "s"), ("tz", "s"), ("ck", "k"), ("qu", "k"),
    ("q", "k"), ("x", "ks"), ("z", "s"), ("w", "v"),
)  # fmt: skip
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


_TRANSLIT = str.maketrans({**_CYRILLIC, **_ARABIC})
_ARABIC_INITIAL_W = re.compile(r"(?:(?<=\s)|^)(ال)?و")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def transliterate(text: str) -> str:
    """Lower-case Latin letters for a name in Latin, Cyrillic or Arabic script."""
    folded = fold(text)
    # Arabic و at the start of a word (after the article) is the consonant w.
    folded = _ARABIC_INITIAL_W.sub(lambda m: (m.group(1) or "") + "w", folded)
    return " ".join(_NOT_LETTERS.sub(" ", folded.translate(_TRANSLIT)).split())


def name_tokens(full_name: str) -> list[str]:
    """Transliterated words of a name, with a separate article ("Al-") joined to its word."""
    raw = [t for t in _TOKEN_SPLIT.split(transliterate(full_name)) if t]
    tokens: list[str] = []
    pending_article = ""
    for token in raw:
        if token in _ARTICLES:
            pending_article = "al"
            continue
        tokens.append(pending_article + token if pending_article else token)
        pending_article = ""
    return tokens


@functools.lru_cache(maxsize=100_000)
def skeleton(token: str) -> str:
    """The consonant skeleton transliterations agree on: Yusupova, Iousoupova -> 'spv'."""
    word = token
    for a, b in _LATIN_RULES:
        word = word.replace(a, b)
    word = _SOFT_C.sub("s", word).replace("c", "k")
    article = word.startswith(("al", "el", "ul")) and len(word) > 4
    consonants = _DOUBLES.sub(r"\1", _VOWELS.sub("", word))
    if article and consonants.startswith("l") and len(consonants) > 2:
        consonants = consonants[1:]  # Al-Warfalli, Elwerfalli, الورفلي -> 'vrfl'
    return consonants or word[:2]


@dataclass(frozen=True)
class NameForm:
    """A name prepared for comparison."""

    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]
    joined: str = ""  # skeleton of the words run together: "Ali Omar" and "AliOmar" agree

    @property
    def block_keys(self) -> set[str]:
        """Keys shared by names that could be the same: pairs of word skeletons, and the
        run-together skeleton (a name typed without its spaces, or with hidden ones)."""
        unique = sorted(set(self.skeletons))
        if not unique:
            return set()
        joined = {f"={self.joined}"} if self.joined else set()
        if len(unique) == 1:
            return {unique[0]} | joined
        return {f"{a}|{b}" for a, b in itertools.combinations(unique, 2)} | joined


def name_form(full_name: str) -> NameForm:
    tokens = tuple(name_tokens(full_name))
    return NameForm(tokens, tuple(skeleton(t) for t in tokens), skeleton("".join(tokens)))


@functools.lru_cache(maxsize=100_000)
def _bigrams(word: str) -> frozenset[str]:
    padded = f" {word} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


FUZZY_FLOOR = 0.6  # two words less alike than this are different words, not typos


def _fuzzy_token_similarity(a: str, b: str, ska: str, skb: str) -> float:
    """Spelling similarity of two words whose skeletons differ: letter-pair (Dice) overlap."""
    ga, gb = _bigrams(a), _bigrams(b)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    sa, sb = _bigrams(ska), _bigrams(skb)
    sk_dice = 2 * len(sa & sb) / (len(sa) + len(sb)) if ska and skb else 0.0
    best = max(dice * 0.85, sk_dice * 0.8)
    return best if best >= FUZZY_FLOOR * 0.85 else 0.0


FUZZY_CEILING = 0.85  # the most a word pair with different skeletons can score


def name_similarity(a: NameForm, b: NameForm, floor: float = 0.0) -> float:
    """0..1; word order does not matter, a missing middle name costs a little.

    Words are paired exactly first, then by skeleton, and only the words left over
    are compared letter by letter (difflib, the slow part). When even perfect
    leftovers could not lift the score to ``floor``, that work is skipped and the
    upper bound returned, which is below ``floor`` anyway.
    """
    if not a.tokens or not b.tokens:
        return 0.0
    run_together = 0.0
    if len(a.tokens) != len(b.tokens):  # "AliOmar" is "Ali Omar" typed without its space
        if "".join(a.tokens) == "".join(b.tokens):
            return RUN_TOGETHER
        if a.joined == b.joined and len(a.joined) >= 3:  # and spelled a little differently
            run_together = RUN_TOGETHER * 0.95
    return max(run_together, _word_similarity(a, b, floor))


RUN_TOGETHER = 0.95  # the same letters, split into words differently


def _word_similarity(a: NameForm, b: NameForm, floor: float) -> float:
    """Word-by-word similarity (see :func:`name_similarity`)."""
    short, long_ = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    coverage = len(short.tokens) / len(long_.tokens)
    scale = (0.85 + 0.15 * coverage) / len(short.tokens)
    left_short = list(range(len(short.tokens)))
    left_long = list(range(len(long_.tokens)))
    total = 0.0
    for same, value in ((short.tokens, 1.0), (short.skeletons, 0.92)):
        other = long_.tokens if value == 1.0 else long_.skeletons
        for i in list(left_short):
            if value < 1.0 and len(same[i]) < 2:
                continue
            for j in left_long:
                if same[i] == other[j]:
                    total += value
                    left_short.remove(i)
                    left_long.remove(j)
                    break
    if not left_short:
        return total * scale
    if (total + FUZZY_CEILING * len(left_short)) * scale < floor:
        return (total + FUZZY_CEILING * len(left_short)) * scale
    for i in left_short:
        best, best_j = 0.0, -1
        for j in left_long:
            sim = _fuzzy_token_similarity(
                short.tokens[i], long_.tokens[j], short.skeletons[i], long_.skeletons[j]
            )
            if sim > best:
                best, best_j = sim, j
        if best_j >= 0:
            left_long.remove(best_j)
        total += best
    return total * scale


def phone_key(phone: str) -> str:
    """The last nine digits: +243 812 345 678, 0812345678 and 243812345678 meet."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def email_key(email: str) -> str:
    return clean_text(email).casefold()


# --- scoring -----------------------------------------------------------------------------

MIN_NAME = 0.72  # below this a name is not "similar"
MIN_SCORE = 0.6  # below this a pair is not offered
CERTAIN_SCORE = 0.9  # at or above, with an almost identical name: the same person


@dataclass(frozen=True)
class Candidate:
    """What the finder knows about one person, kept in memory for a run."""

    id: str
    full_name: str
    sex: str
    organisation: str
    organisation_key: str
    phone_key: str
    email_key: str
    form: NameForm


@dataclass(frozen=True)
class Match:
    person_id: str
    score: float
    name_score: float
    reasons: tuple[str, ...]

    @property
    def certain(self) -> bool:
        """Sure enough to merge without asking (scripts, --yes)."""
        return self.score >= CERTAIN_SCORE and self.name_score >= 0.9


def _org_key(organisation: str) -> str:
    return " ".join(transliterate(organisation).split())


def score_pair(a: Candidate, b: Candidate) -> Match | None:
    """How likely ``a`` and ``b`` are one person, with the reasons, or None when unlikely."""
    same_phone = bool(a.phone_key) and a.phone_key == b.phone_key
    same_email = bool(a.email_key) and a.email_key == b.email_key
    name = name_similarity(a.form, b.form, 0.5 if same_phone or same_email else MIN_NAME)
    if name < MIN_NAME and not ((same_phone or same_email) and name >= 0.5):
        return None
    reasons: list[str] = []
    if name >= 0.999 or (a.form.skeletons and sorted(a.form.tokens) == sorted(b.form.tokens)):
        reasons.append("same name")
    else:
        reasons.append("similar name")
    score = 0.7 * name
    if same_phone:
        score += 0.3
        reasons.append("same phone")
    if same_email:
        score += 0.3
        reasons.append("same e-mail")
    if a.organisation_key and a.organisation_key == b.organisation_key:
        score += 0.15
        reasons.append("same organisation")
    if a.sex in ("F", "M") and b.sex in ("F", "M"):
        if a.sex == b.sex:
            score += 0.1
            reasons.append("same sex")
        else:
            score -= 0.35
            reasons.append("different sex")
    if a.phone_key and b.phone_key and not same_phone:
        score -= 0.1
        reasons.append("different phone")
    score = max(0.0, min(1.0, score))
    if score < MIN_SCORE:
        return None
    return Match(b.id, round(score, 3), round(name, 3), tuple(reasons))


def make_candidate(
    person_id: str,
    full_name: str,
    sex: str | None = None,
    organisation: str = "",
    phone: str = "",
    email: str = "",
) -> Candidate:
    return Candidate(
        person_id,
        full_name,
        sex or "X",
        clean_text(organisation),
        _org_key(organisation),
        phone_key(phone),
        email_key(email),
        name_form(full_name),
    )


class PeopleIndex:
    """Every live person, blocked by name skeletons, phone and e-mail, for fast lookups."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self.people: dict[str, Candidate] = {}
        self._blocks: dict[str, set[str]] = {}
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        self.remove(candidate.id)
        self.people[candidate.id] = candidate
        for key in self._keys(candidate):
            self._blocks.setdefault(key, set()).add(candidate.id)

    def remove(self, person_id: str) -> None:
        old = self.people.pop(person_id, None)
        if old is None:
            return
        for key in self._keys(old):
            block = self._blocks.get(key)
            if block is not None:
                block.discard(person_id)
                if not block:
                    del self._blocks[key]

    @staticmethod
    def _keys(candidate: Candidate) -> set[str]:
        keys = {f"n:{k}" for k in candidate.form.block_keys}
        if candidate.phone_key:
            keys.add(f"p:{candidate.phone_key}")
        if candidate.email_key:
            keys.add(f"e:{candidate.email_key}")
        return keys

    def matches(
        self, probe: Candidate, exclude_ids: Collection[str] = (), limit: int = 5
    ) -> list[Match]:
        """The best matches for ``probe``, best first."""
        ids: set[str] = set()
        for key in self._keys(probe):
            ids.update(self._blocks.get(key, ()))
        found = []
        for person_id in ids:
            if person_id == probe.id or person_id in exclude_ids:
                continue
            match = score_pair(probe, self.people[person_id])
            if match is not None:
                found.append(match)
        found.sort(key=lambda m: (-m.score, self.people[m.person_id].full_name))
        return found[:limit]

    def blocks(self) -> Iterable[set[str]]:
        return self._blocks.values()


@dataclass
class _CachedIndex:
    index: PeopleIndex
    versions: dict[str, int]  # every row of people, deleted ones too
    marker: tuple[int, int, int]  # count, max version, checksum of versions

    @property
    def max_version(self) -> int:
        return self.marker[1]


_CHECK_MOD = 1_000_000_007  # versions are ~2**56: sum them modulo a prime, not overflow
_index_cache: dict[str, _CachedIndex] = {}
_index_lock = threading.Lock()
_CANDIDATE_COLUMNS = (Person.id, Person.full_name, Person.sex, Person.organisation,
                      Person.phone, Person.email)  # fmt: skip


def load_index(inst: Installation) -> PeopleIndex:
    """The index of live people, kept between calls and brought up to date incrementally.

    Every local edit raises a person's version, so rows newer than the cached
    maximum are the changes; a count and checksum of versions catch anything else
    (records received from another device with older versions): then it is rebuilt.
    """
    key = str(inst.db.path)
    with _index_lock, inst.db.reading() as session:
        stamp = session.execute(
            select(func.count(), func.coalesce(func.max(Person.version), 0),
                   func.coalesce(func.sum(Person.version % _CHECK_MOD), 0)).select_from(Person)
        ).one()  # fmt: skip
        marker = (int(stamp[0]), int(stamp[1]), int(stamp[2]))
        cached = _index_cache.get(key)
        if cached is not None and cached.marker == marker:
            return cached.index
        if cached is not None:
            changed = session.execute(
                select(*_CANDIDATE_COLUMNS, Person.version, Person.deleted).where(
                    Person.version > cached.max_version
                )
            ).all()
            for *fields, version, deleted in changed:
                cached.versions[fields[0]] = int(version)
                if deleted:
                    cached.index.remove(fields[0])
                else:
                    cached.index.add(make_candidate(*fields))
            versions = cached.versions.values()
            checksum = sum(v % _CHECK_MOD for v in versions)
            if (len(versions), max(versions, default=0), checksum) == marker:
                cached.marker = marker
                return cached.index
        rows = session.execute(select(*_CANDIDATE_COLUMNS, Person.version, Person.deleted)).all()
        index = PeopleIndex()
        versions_by_id: dict[str, int] = {}
        for *fields, version, deleted in rows:
            versions_by_id[fields[0]] = int(version)
            if not deleted:
                index.add(make_candidate(*fields))
        _index_cache[key] = _CachedIndex(index, versions_by_id, marker)
        return index


# --- public API ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SimilarPerson:
    person: PersonInfo
    score: float  # 0..1
    reasons: tuple[str, ...]


def find_similar_people(
    inst: Installation,
    full_name: str,
    sex: str | None = None,
    organisation: str = "",
    phone: str = "",
    exclude_ids: Collection[str] = (),
    limit: int = 5,
) -> list[SimilarPerson]:
    """People who may be the one being typed in, best first, so the user can pick them."""
    if not clean_text(full_name):
        return []
    index = load_index(inst)
    probe = make_candidate("", full_name, sex, organisation, phone)
    found = index.matches(probe, exclude_ids, limit)
    if not found:
        return []
    with inst.db.reading() as session:
        out = []
        for match in found:
            person = session.get(Person, match.person_id)
            if person is None or person.deleted:
                continue
            out.append(SimilarPerson(_person_info(session, person), match.score, match.reasons))
        return out


@dataclass(frozen=True)
class PersonSummary:
    """A person with where they took part, for the side-by-side duplicates view."""

    person: PersonInfo
    trainings: tuple[str, ...]  # titles
    attendance_marks: int


@dataclass(frozen=True)
class DuplicatePair:
    first: PersonSummary
    second: PersonSummary
    score: float
    reasons: tuple[str, ...]

    @property
    def key(self) -> str:
        return pair_key(self.first.person.id, self.second.person.id)


def pair_key(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


DISMISSED_KEY = "duplicates.dismissed"


def _dismissed(inst: Installation) -> set[str]:
    try:
        return set(json.loads(inst.get_setting(DISMISSED_KEY, "[]")))
    except ValueError:
        return set()


def dismiss_pair(inst: Installation, first_id: str, second_id: str) -> None:
    """Remember that two people are different, so the pair is not offered again."""
    dismissed = _dismissed(inst)
    dismissed.add(pair_key(first_id, second_id))
    inst.set_settings({DISMISSED_KEY: json.dumps(sorted(dismissed))})


MAX_BLOCK = 400  # a block this big is a very common name pair; still scored, but capped


def find_duplicate_pairs(
    inst: Installation, min_score: float = 0.7, limit: int = 500
) -> list[DuplicatePair]:
    """Pairs of live people who are probably one person, best first."""
    index = load_index(inst)
    dismissed = _dismissed(inst)
    best: dict[str, Match] = {}
    for block in index.blocks():
        if len(block) < 2:
            continue
        members = sorted(block)[:MAX_BLOCK]
        for a, b in itertools.combinations(members, 2):
            key = pair_key(a, b)
            if key in best or key in dismissed:
                continue
            match = score_pair(index.people[a], index.people[b])
            if match is not None and match.score >= min_score:
                best[key] = match
    ordered = sorted(best.items(), key=lambda kv: -kv[1].score)[:limit]
    if not ordered:
        return []
    with inst.db.reading() as session:
        summaries: dict[str, PersonSummary] = {}
        out = []
        for key, match in ordered:
            a, b = key.split("|")
            pa, pb = _summary(session, a, summaries), _summary(session, b, summaries)
            if pa is None or pb is None:
                continue
            out.append(DuplicatePair(pa, pb, match.score, match.reasons))
        return out


def _summary(
    session: Session, person_id: str, cache: dict[str, PersonSummary]
) -> PersonSummary | None:
    if person_id in cache:
        return cache[person_id]
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        return None
    titles = session.scalars(
        select(Training.title)
        .join(Enrolment, Enrolment.training_id == Training.id)
        .where(
            Enrolment.person_id == person_id,
            Enrolment.deleted.is_(False),
            Training.deleted.is_(False),
        )
        .order_by(Training.start_date)
    ).all()
    marks = session.scalar(
        select(func.count())
        .select_from(Attendance)
        .where(Attendance.person_id == person_id, Attendance.deleted.is_(False))
    )
    summary = PersonSummary(_person_info(session, person), tuple(titles), int(marks or 0))
    cache[person_id] = summary
    return summary


# --- merging -------------------------------------------------------------------------------

_STATUS_RANK = {"present": 4, "late": 3, "left_early": 3, "excused": 2, "absent": 1}
_FILLABLE = ("organisation", "function", "nationality", "phone", "email", "category_id",
             "partner_id")  # fmt: skip


def merge_people(inst: Installation, keep_id: str, merge_id: str) -> PersonInfo:
    """Make ``merge_id`` part of ``keep_id``: every enrolment and attendance moves over.

    Enrolment and attendance ids derive from (training/session, person), so moved
    rows are re-created under the kept person's ids and the old ones soft-deleted;
    when both people have a row, the kept one stays with the better attendance
    status (present > excused > absent). The merged person is soft-deleted with
    ``merged_into_id`` set, so reports and other devices resolve it. One transaction.
    """
    if keep_id == merge_id:
        raise UserError(Phrase("A person cannot be merged with themselves."))
    with inst.db.transaction() as session:
        keep = session.get(Person, keep_id)
        other = session.get(Person, merge_id)
        if keep is None or keep.deleted or other is None or other.deleted:
            raise NotFoundError(
                Phrase("One of these two people no longer exists; refresh the list.")
            )
        merge_into(session, keep, other)
        session.flush()
        return _person_info(session, keep)


def merge_into(session: Session, keep: Person, other: Person) -> None:
    """The body of :func:`merge_people`, for callers that already hold a transaction."""
    for enrolment in session.scalars(
        select(Enrolment).where(Enrolment.person_id == other.id, Enrolment.deleted.is_(False))
    ).all():
        target_id = derived_id("enrolment", enrolment.training_id, keep.id)
        target = session.get(Enrolment, target_id)
        if target is None:
            session.add(Enrolment(id=target_id, training_id=enrolment.training_id,
                                  person_id=keep.id))  # fmt: skip
        elif target.deleted:
            target.deleted = False
        enrolment.deleted = True
    for mark in session.scalars(
        select(Attendance).where(Attendance.person_id == other.id, Attendance.deleted.is_(False))
    ).all():
        target_id = derived_id("attendance", mark.session_id, keep.id)
        kept = session.get(Attendance, target_id)
        if kept is None:
            session.add(Attendance(id=target_id, session_id=mark.session_id, person_id=keep.id,
                                   status=mark.status, minutes=mark.minutes))  # fmt: skip
        elif kept.deleted:
            kept.deleted, kept.status, kept.minutes = False, mark.status, mark.minutes
        elif _STATUS_RANK.get(mark.status, 0) > _STATUS_RANK.get(kept.status, 0):
            kept.status, kept.minutes = mark.status, mark.minutes
        mark.deleted = True
    from app.services.evaluation.people import move_evaluation

    move_evaluation(session, keep, other)
    for name in _FILLABLE:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if keep.sex == "X" and other.sex in ("F", "M"):
        keep.sex = other.sex
    keep.consent = bool(keep.consent or other.consent)
    from app.services.audit.consent import merge_consents
    from app.services.audit.profile import merge_profiles

    merge_consents(session, keep, other)  # a refusal to be named always wins (issue 19)
    merge_profiles(session, keep, other)
    other.deleted = True
    other.merged_into_id = keep.id
    session.flush()
    # Anyone merged into the loser earlier now points at the survivor (no chains).
    for earlier in session.scalars(
        select(Person).where(Person.merged_into_id == other.id, Person.id != other.id)
    ).all():
        earlier.merged_into_id = keep.id


__all__ = [
    "DuplicatePair",
    "PeopleIndex",
    "SimilarPerson",
    "dismiss_pair",
    "find_duplicate_pairs",
    "find_similar_people",
    "merge_people",
    "name_form",
    "name_similarity",
    "skeleton",
    "transliterate",
]
