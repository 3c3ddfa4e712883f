"""Refresh the Qt Linguist sources (``resources/translations/muster_*.ts``) from the code.

``make translations-update`` runs this. It runs ``pyside6-lupdate`` over ``app/ui``,
which keeps every existing translation, adds new strings as unfinished and drops
strings the code no longer has. lupdate only sees ``self.tr("…")``,
``QCoreApplication.translate("Context", "…")`` and ``QT_TRANSLATE_NOOP``; Muster
also has one-argument helpers such as ``app.ui.common.translate(text)`` that call
``QCoreApplication.translate("Muster", text)``, so their literal arguments are
collected here (by reading the code, not running it) and shown to lupdate too.

English is the source language, but ``muster_en.ts`` exists for plural forms
("%n training(s)" -> "1 training" / "3 trainings"): its plain strings are filled
with themselves, and its plurals from the "(s)" pattern.

    python tools/update_translations.py            # refresh both .ts files
    python tools/update_translations.py --fill f.json   # also fill French from a
        # {"source": "traduction", "Context|source": "…", "%n x(s)": ["…", "…"]} file
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "app" / "ui"
TS_DIR = ROOT / "resources" / "translations"
BUILD_DIR = ROOT / "build" / "i18n"
LANGS = {"fr": "fr_FR", "en": "en_GB"}


def _lupdate() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else "pyside6-lupdate"


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _wrapper_context(func: ast.FunctionDef) -> str | None:
    """ "Muster" for ``def translate(text): return QCoreApplication.translate("Muster", text)``."""
    if not func.args.args:
        return None
    param = func.args.args[0].arg
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "translate"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and isinstance(node.args[1], ast.Name)
            and node.args[1].id == param
        ):
            return node.args[0].value
    return None


def wrapped_strings(sources: list[Path]) -> list[tuple[str, str]]:
    """(context, text) of every literal passed to a one-argument translate helper."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sources}
    wrappers: dict[tuple[str, str], str] = {}  # (module, function) -> context
    for path, tree in trees.items():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and (ctx := _wrapper_context(node)):
                wrappers[(_module_name(path), node.name)] = ctx
    found: list[tuple[str, str]] = []
    for path, tree in trees.items():
        module = _module_name(path)
        local = {name: ctx for (mod, name), ctx in wrappers.items() if mod == module}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    ctx = wrappers.get((node.module, alias.name))
                    if ctx:
                        local[alias.asname or alias.name] = ctx
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in local
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((local[node.func.id], node.args[0].value))
        found.extend(_tr_parameter_strings(tree))
    return sorted(set(found))


def _tr_parameter_strings(tree: ast.Module) -> list[tuple[str, str]]:
    """Strings of ``def specs(tr): … tr("Missions")`` called as ``specs(self.tr)`` in class X.

    lupdate files them under no context, but at run time ``self.tr`` looks them up
    under X, so they are also listed under X.
    """
    takes_tr: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and "tr" in [a.arg for a in node.args.args]:
            takes_tr[node.name] = [
                call.args[0].value
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "tr"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            ]
    found: list[tuple[str, str]] = []
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for call in ast.walk(cls):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in takes_tr
                and any(isinstance(a, ast.Attribute) and a.attr == "tr" for a in call.args)
            ):
                found.extend((cls.name, text) for text in takes_tr[call.func.id])
    return found


def write_wrapped_file(strings: list[tuple[str, str]]) -> Path:
    """A Python file lupdate can read, one ``QCoreApplication.translate`` per string."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    target = BUILD_DIR / "wrapped_strings.py"
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    lines += [
        f"QCoreApplication.translate({json.dumps(ctx, ensure_ascii=False)}, "
        f"{json.dumps(text, ensure_ascii=False)})"
        for ctx, text in strings
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def run_lupdate(sources: list[Path], ts_file: Path, lang: str) -> None:
    command = [
        _lupdate(),
        *[str(p) for p in sources],
        "-locations", "none",
        "-no-obsolete",
        "-source-language", "en",
        "-target-language", LANGS[lang],
        "-ts", str(ts_file),
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, text=True)


def plural_forms(source: str) -> list[str] | None:
    """English singular and plural of "%n training(s)"; None when there is no "(s)"."""
    if "(s)" not in source and "(es)" not in source:
        return None
    singular = source.replace("(es)", "").replace("(s)", "")
    plural = source.replace("(es)", "es").replace("(s)", "s")
    return [singular, plural]


def _messages(tree: ET.ElementTree) -> list[tuple[str, ET.Element]]:
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        out.extend((name, message) for message in context.iter("message"))
    return out


def _set_translation(message: ET.Element, value: str | list[str]) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        forms = value if isinstance(value, list) else [value, value]
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value if isinstance(value, str) else value[0]


def _is_unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") == "unfinished"


def fill(
    ts_file: Path, lang: str, translations: dict[str, str | list[str]], force: bool = False
) -> tuple[int, int]:
    """Fill unfinished messages (identity for English); returns (total, still unfinished)."""
    tree = ET.parse(ts_file)
    total = unfinished = 0
    for context, message in _messages(tree):
        total += 1
        source = message.findtext("source") or ""
        key = f"{context}|{source}"
        if force and lang != "en" and (key in translations or source in translations):
            _set_translation(message, translations.get(key, translations.get(source, "")))
        if not _is_unfinished(message):
            continue
        value: str | list[str] | None
        if lang == "en":
            value = plural_forms(source) if message.get("numerus") == "yes" else source
        else:
            value = translations.get(key, translations.get(source))
        if value:
            _set_translation(message, value)
        else:
            unfinished += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return total, unfinished


def unfinished_sources(ts_file: Path) -> list[str]:
    tree = ET.parse(ts_file)
    return [f"{ctx}|{m.findtext('source')}" for ctx, m in _messages(tree) if _is_unfinished(m)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", help="JSON file of French translations to apply")
    parser.add_argument(
        "--force", action="store_true", help="also replace finished translations from --fill"
    )
    parser.add_argument("--list", action="store_true", help="print the unfinished strings")
    args = parser.parse_args(argv)
    translations: dict[str, str | list[str]] = {}
    if args.fill:
        translations = json.loads(Path(args.fill).read_text(encoding="utf-8"))
    sources = ui_sources()
    extra = write_wrapped_file(wrapped_strings(sources))
    for lang in LANGS:
        ts_file = TS_DIR / f"muster_{lang}.ts"
        run_lupdate([*sources, extra], ts_file, lang)
        total, left = fill(ts_file, lang, translations, args.force)
        print(f"{ts_file.relative_to(ROOT)}: {total} strings, {left} unfinished")
        if args.list and left:
            for item in unfinished_sources(ts_file):
                print("  " + item)
    return 0


if __name__ == "__main__":
    sys.exit(main())
