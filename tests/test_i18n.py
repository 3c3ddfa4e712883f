"""Translations are complete and consistent; names in every script search and sort right.

The .ts checks read the Qt Linguist sources themselves (what translators edit) and
re-run lupdate over today's code, so a string added without its French fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from app.l10n import format_date, format_number, format_percent, tr
from app.services import people, trainings
from app.services.people import PersonInput
from app.services.trainings import SessionInput, TrainingInput
from app.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
TS_FILES = sorted(TS_DIR.glob("muster_*.ts"))
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402

PLACEHOLDER = re.compile(r"%n|%L?\d+|\{[A-Za-z_][A-Za-z0-9_]*\}")
ACCELERATOR = re.compile(r"&(?![&\s])")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def messages(ts_file: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts_file).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def translations_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def test_there_is_a_ts_file_per_language() -> None:
    assert {p.stem for p in TS_FILES} == {"muster_en", "muster_fr"}


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda p: p.name)
def test_ts_is_complete(ts_file: Path) -> None:
    problems = []
    found = messages(ts_file)
    assert len(found) > 100, "the .ts holds far fewer strings than the UI has"
    for context, message in found:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "missing"
        if kind in ("unfinished", "obsolete", "vanished", "missing"):
            problems.append(f"{kind}: {context}|{source}")
            continue
        forms = translations_of(message)
        if message.get("numerus") == "yes" and len(forms) != 2:
            problems.append(f"{len(forms)} plural forms: {context}|{source}")
        if not all(form.strip() for form in forms):
            problems.append(f"empty: {context}|{source}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts_file", TS_FILES, ids=lambda p: p.name)
def test_ts_placeholders_and_accelerators_match(ts_file: Path) -> None:
    problems = []
    for context, message in messages(ts_file):
        source = message.findtext("source") or ""
        for form in translations_of(message):
            # a French singular may say "une formation" instead of "%n formation"
            singular_ok = message.get("numerus") == "yes" and set(placeholders(form)) <= {"%n"}
            if placeholders(form) != placeholders(source) and not singular_ok:
                problems.append(f"placeholders {context}|{source!r} -> {form!r}")
            if bool(ACCELERATOR.search(source)) != bool(ACCELERATOR.search(form)):
                problems.append(f"accelerator {context}|{source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def test_french_interface_typography() -> None:
    """The interface's French spaces as the catalogue's does (tests/test_error_catalog.py):
    a no-break space before ; : ! ? and %, and inside « », so no line starts with a colon."""
    bad = [
        f"{context}|{message.findtext('source')!r} -> {form!r}"
        for context, message in messages(TS_DIR / "muster_fr.ts")
        for form in translations_of(message)
        for before in (" ;", " :", " !", " ?", " »", "« ")
        if before in form
    ] + [
        f"{context}|{form!r}"
        for context, message in messages(TS_DIR / "muster_fr.ts")
        for form in translations_of(message)
        if re.search(r" %(?![0-9nL])", form)  # not before %1 or %n
    ]
    assert not bad, "use U+00A0 (or U+202F) there:\n" + "\n".join(bad[:40])


def test_english_plurals_read_naturally() -> None:
    plural = {
        message.findtext("source"): translations_of(message)
        for _ctx, message in messages(TS_DIR / "muster_en.ts")
        if message.get("numerus") == "yes"
    }
    assert plural["%n training(s)"] == ["%n training", "%n trainings"]
    assert update_translations.plural_forms("%n match(es) found") == [
        "%n match found",
        "%n matches found",
    ]


def test_ts_files_hold_every_string_of_todays_code(tmp_path: Path) -> None:
    """lupdate over the current app/ui finds nothing new: every visible string is translated."""
    sources = update_translations.ui_sources()
    strings = update_translations.wrapped_strings(sources)
    assert ("Muster", "Female") in strings  # strings behind one-argument helpers are seen
    extra = tmp_path / "wrapped_strings.py"
    shutil.copy(update_translations.write_wrapped_file(strings), extra)
    for ts_file in TS_FILES:
        copy = tmp_path / ts_file.name
        shutil.copy(ts_file, copy)
        lang = ts_file.stem.split("_")[1]
        update_translations.run_lupdate([*sources, extra], copy, lang)
        missing = update_translations.unfinished_sources(copy)
        if lang == "en":  # English fills itself; only irregular plurals need a hand
            update_translations.fill(copy, "en", {})
            missing = update_translations.unfinished_sources(copy)
        assert not missing, (
            f"{ts_file.name} lacks {len(missing)} strings; run 'make translations-update' and "
            "translate them:\n" + "\n".join(missing[:40])
        )


def test_document_catalog_is_sorted_and_placeholders_match() -> None:
    path = TS_DIR / "core.fr.json"
    text = path.read_text(encoding="utf-8")
    catalog = json.loads(text)
    assert list(catalog) == sorted(catalog), "keep core.fr.json sorted"
    assert "\\u00" not in text, "write core.fr.json with ensure_ascii=False"
    problems = [
        f"{key!r} -> {value!r}"
        for key, value in catalog.items()
        if not value.strip() or placeholders(key) != placeholders(value)
    ]
    assert not problems, "\n".join(problems)


def document_strings() -> dict[str, str]:
    """Every literal passed to ``app.l10n.tr(lang, "…")`` in the code, with its file."""
    import ast

    found: dict[str, str] = {}
    for path in sorted((ROOT / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "app.l10n"
            for alias in node.names
            if alias.name == "tr"
        }
        for node in ast.walk(tree):
            if (
                names
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in names
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                found.setdefault(node.args[1].value, str(path.relative_to(ROOT)))
    return found


def test_document_catalog_has_every_document_string() -> None:
    catalog = json.loads((TS_DIR / "core.fr.json").read_text(encoding="utf-8"))
    strings = document_strings()
    assert len(strings) > 20
    missing = [f"{where}: {text!r}" for text, where in strings.items() if text not in catalog]
    assert not missing, "add the French to core.fr.json:\n" + "\n".join(missing)


def test_documents_in_french_whatever_the_interface() -> None:
    assert format_date(date(2024, 9, 1), "fr") == "1er septembre 2024"
    assert format_date(date(2024, 9, 10), "en") == "10 September 2024"
    assert format_number(1234.5, "fr", 1) == "1\u202f234,5"
    assert format_percent(0.415, "fr") == "42\u00a0%"
    assert tr("fr", "no such sentence {x}", x=1) == "no such sentence 1"


# --- names in every script -------------------------------------------------------------

NAMES = [
    "Déogratias Mbuyi",
    "Élodie Kabila",
    "Eric Ngoy",
    "Zoé Lumbu",
    "Ёлкин Сергей",
    "Елена Петрова",
    "Әлібек Қасымов",
    "أحمد الفيتوري",
    "فاطمة بن علي",
    "إبراهيم الشريف",
]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("deogratias", "Déogratias"),
        ("ÉLODIE", "elodie"),
        ("елкин", "Ёлкин"),
        ("ЁЛКИН", "Елкин"),
        ("Алибек Касымов", "Әлібек Қасымов"),
        ("احمد", "أحمد"),
        ("مُحَمَّد", "محمد"),
        ("فاطمه", "فاطمة"),
        ("علی", "علي"),  # Persian yeh typed, Arabic stored
        ("کریم", "كريم"),  # Persian kaf
        ("٠٨١٢٣", "08123"),  # Arabic-Indic digits
        ("N’Diaye", "N'Diaye"),
        ("Œuvre", "oeuvre"),
    ],
)
def test_fold_meets_spellings(typed: str, stored: str) -> None:
    assert fold(typed) == fold(stored)


def test_fold_keeps_different_names_apart() -> None:
    folded = {fold(n) for n in NAMES}
    assert len(folded) == len(NAMES)
    assert fold("Ahmed") != fold("أحمد")


@pytest.fixture
def training_with_names(installation):  # type: ignore[no-untyped-def]
    info = trainings.create_training(
        installation,
        TrainingInput(
            title="Formation multilingue",
            mission="MONUSCO",
            start=date(2024, 9, 10),
            end=date(2024, 9, 10),
            sessions=(SessionInput(date=date(2024, 9, 10), location="Goma"),),
        ),
    )
    for name in NAMES:
        people.add_participant(installation, info.id, PersonInput(full_name=name, sex="F"))
    return installation, info.id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DEOGRATIAS", "Déogratias Mbuyi"),
        ("elodie", "Élodie Kabila"),
        ("ЕЛКИН", "Ёлкин Сергей"),
        ("алибек", "Әлібек Қасымов"),
        ("احمد", "أحمد الفيتوري"),
        ("فاطمه", "فاطمة بن علي"),
        ("ابراهيم", "إبراهيم الشريف"),
    ],
)
def test_services_search_ignores_case_accents_and_script_forms(
    training_with_names, typed: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    inst, training_id = training_with_names
    assert [p.full_name for p in people.search_people(inst, typed)] == [expected]
    found = people.list_participants(inst, training_id, search=typed)
    assert [p.person.full_name for p in found] == [expected]


def test_services_list_names_in_a_stable_script_aware_order(training_with_names) -> None:  # type: ignore[no-untyped-def]
    inst, training_id = training_with_names
    listed = [p.person.full_name for p in people.list_participants(inst, training_id)]
    latin = [n for n in listed if n[0].isascii() or n[0] in "ÉÈ"]
    # accents do not push a name to the end: Élodie comes between Déogratias and Eric
    assert latin == ["Déogratias Mbuyi", "Élodie Kabila", "Eric Ngoy", "Zoé Lumbu"]
    assert listed.index("Елена Петрова") < listed.index("Ёлкин Сергей")
    assert listed.index("Zoé Lumbu") < listed.index("Елена Петрова") < listed.index("أحمد الفيتوري")
