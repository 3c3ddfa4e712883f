"""Every sentence a service refuses with is a Phrase with its French in core.fr.json.

The walk is over the source (``ast``), so a new ``raise UserError(f"…")`` fails here
before a French user ever sees English: refusals are ``Phrase("… {name} …", name=…)``,
their variable parts named fields, and each template has a French entry with the very
same fields (names, conversions and format specs).
"""

from __future__ import annotations

import ast
import json
import re
import string
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserError, ValidationError
from app.l10n import Phrase, interface_language, localize

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "translations" / "core.fr.json"
ERRORS = {"UserError", "ValidationError", "NotFoundError", "NewerVersionError"}


def _sources() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "app").rglob("*.py"))
    }


def error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """The four error classes and every class in app/ that derives from one of them."""
    names = set(ERRORS)
    classes = [n for t in trees.values() for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases}
            if cls.name not in names and bases & names:
                names.add(cls.name)
                grew = True
    return names


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _plain_text(node: ast.expr) -> Iterator[ast.expr]:
    """The parts of a message expression that are English baked in: literals, f-strings."""
    if (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(
        node, ast.JoinedStr
    ):
        yield node
    elif isinstance(node, ast.BinOp):  # "…" + x, "…" % x
        if any(True for _ in _plain_text(node.left)) or any(True for _ in _plain_text(node.right)):
            yield node
    elif isinstance(node, ast.IfExp):
        yield from _plain_text(node.body)
        yield from _plain_text(node.orelse)
    elif isinstance(node, ast.Dict):  # ValidationError({"field": …})
        for value in node.values:
            yield from _plain_text(value)
    elif (  # "…".format(…)
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    ):
        yield node


def problems_in(trees: dict[str, ast.Module]) -> list[str]:
    """Error constructors given English text instead of a Phrase, and Phrases of f-strings."""
    classes = error_classes(trees)
    found = []
    for where, tree in trees.items():
        validates = any(
            isinstance(n, ast.Name) and n.id == "ValidationError" for n in ast.walk(tree)
        )
        for node in ast.walk(tree):
            messages: list[ast.expr] = []
            if isinstance(node, ast.Call) and _called(node) in classes:
                messages += node.args[:1]
                messages += [k.value for k in node.keywords if k.arg in ("message", "errors")]
            elif isinstance(node, ast.Call) and _called(node) in PHRASES and node.args:
                if not isinstance(node.args[0], ast.Constant) and where != "app/l10n.py":
                    found.append(f"{where}:{node.lineno}: Phrase of a non-literal template")
                continue
            elif (  # errors["title"] = "…" before raise ValidationError(errors)
                validates
                and isinstance(node, ast.Assign)
                and isinstance(node.targets[0], ast.Subscript)
                and isinstance(node.targets[0].value, ast.Name)
                and node.targets[0].value.id == "errors"
            ):
                messages.append(node.value)
            for message in messages:
                for part in _plain_text(message):
                    found.append(f"{where}:{part.lineno}: {ast.unparse(part)[:90]}")
    return found


PHRASES = ("Phrase", "LoweredPhrase")  # a LoweredPhrase is a Phrase shown after a colon


def phrase_templates(trees: dict[str, ast.Module]) -> dict[str, str]:
    """Every ``Phrase("…")`` template literal in app/, with where it is."""
    found: dict[str, str] = {}
    for where, tree in trees.items():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _called(node) in PHRASES
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{where}:{node.lineno}")
    return found


def fields(text: str) -> Counter[tuple[str, str | None, str | None]]:
    """The replacement fields of a template: name, conversion and format spec."""
    return Counter(
        (name, conversion, spec)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


@pytest.fixture(scope="module")
def trees() -> dict[str, ast.Module]:
    return _sources()


@pytest.fixture(scope="module")
def catalog() -> dict[str, str]:
    return dict(json.loads(CATALOG.read_text(encoding="utf-8")))


def test_every_refusal_is_a_phrase(trees: dict[str, ast.Module]) -> None:
    found = problems_in(trees)
    assert not found, (
        "raise UserError(Phrase('… {name} …', name=…)), not English text or an f-string:\n"
        + "\n".join(found)
    )


def test_the_walk_catches_english_refusals() -> None:
    """The check above can fail: each way of baking English into a refusal is caught."""
    source = """
class LockedError(UserError): ...
def f(x, errors):
    raise UserError("plain")
    raise NotFoundError(f"no {x}")
    raise ValidationError({"title": "Please give a title."})
    raise app.errors.NewerVersionError("newer " + x)
    raise LockedError("locked" if x else Phrase("fine"))
    errors["end"] = f"before {x}"
    raise ValidationError(errors)
    raise UserError(Phrase(f"baked {x}"))
    raise UserError(Phrase("Fine {x}.", x=x))
    raise UserError(message)
"""
    found = problems_in({"app/example.py": ast.parse(source)})
    assert sorted(int(line.split(":")[1]) for line in found) == [
        4, 5, 6, 7, 8, 9, 11,
    ], found  # fmt: skip


def test_every_phrase_has_its_french(trees: dict[str, ast.Module], catalog: dict) -> None:
    templates = phrase_templates(trees)
    assert len(templates) > 250  # the walk sees the services' sentences
    missing = [f"{where}: {text!r}" for text, where in templates.items() if text not in catalog]
    assert not missing, "add the French to core.fr.json:\n" + "\n".join(missing)
    differ = [
        f"{where}: {text!r} -> {catalog[text]!r}"
        for text, where in templates.items()
        if fields(catalog[text]) != fields(text)
    ]
    assert not differ, "keep the same {fields} in the French:\n" + "\n".join(differ)


def test_french_typography(catalog: dict[str, str]) -> None:
    """A no-break space before ; : ! ? and %, and inside « », as French typesetting wants."""
    bad = [
        f"{key!r} -> {value!r}"
        for key, value in catalog.items()
        for before in (" ;", " :", " !", " ?", " %", " »", "« ")
        if before in re.sub(r"\{[^{}]*\}", "{}", value)  # not inside {said:%Y-%m-%d %H:%M}
    ]
    assert not bad, "use U+00A0 (or U+202F) there:\n" + "\n".join(bad[:40])


def test_a_french_refusal_reads_french_throughout() -> None:
    """Nested sentences, dates and grouped numbers follow the language; English is as it was."""
    reason = Phrase("The disk is full. Free some space and try again; nothing was saved.")
    message = Phrase("The backup could not be made. {message}", message=reason)
    assert message == (
        "The backup could not be made. The disk is full. Free some space and try again; "
        "nothing was saved."
    )
    assert localize(message, "fr") == (
        "La sauvegarde n'a pas pu être faite. Le disque est plein. Libérez de la place et "
        "réessayez\u00a0; rien n'a été enregistré."
    )
    rows = Phrase("{file} holds {count:,} parts: it is not a participant list.",
                  file="big.xlsx", count=12345)  # fmt: skip
    assert rows == "big.xlsx holds 12,345 parts: it is not a participant list."
    assert localize(rows, "fr") == (
        "big.xlsx contient 12\u202f345 parties\u00a0: ce n'est pas une liste de participants."
    )
    late = ValidationError({"end": Phrase("The end date ({end}) is before the start date ({start}).",
                                          end=date(2024, 9, 1), start=date(2024, 9, 10))})  # fmt: skip
    assert localize(late.errors["end"], "fr").startswith("La date de fin (1er septembre 2024)")


def test_interface_language_is_read_without_qt(tmp_path: Path) -> None:
    settings = tmp_path / "settings.ini"
    assert interface_language(settings) is None  # nothing chosen yet
    settings.write_text("[ui]\nlanguage=fr\n", encoding="utf-8")
    assert interface_language(settings) == "fr"
    settings.write_text("[ui]\nlanguage=xx\n", encoding="utf-8")
    assert interface_language(settings) is None
    settings.write_bytes(b"\xff\xfe[ui\n")
    assert interface_language(settings) is None


def test_a_french_interface_makes_the_command_line_refuse_in_french(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    home = tmp_path / "home"
    code, _out, err = run_cli("--home", str(home), "restore", str(tmp_path / "missing.db"))
    english_code = code
    assert code == 1, err
    assert "There is no file" in err
    from app.paths import get_paths
    from app.ui.i18n import save_language

    save_language(get_paths(str(home)), "fr")  # as Preferences does
    code, _out, err = run_cli("--home", str(home), "restore", str(tmp_path / "missing.db"))
    assert code == english_code
    assert err.startswith("muster: Il n'y a pas de fichier"), err
    assert "There is no file" not in err


def test_user_error_text_stays_english() -> None:
    err = UserError(Phrase("That person no longer exists."))
    assert str(err) == "That person no longer exists."
    assert localize(err.message, "fr") != str(err)
