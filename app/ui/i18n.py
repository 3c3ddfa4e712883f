"""The interface language: which one, its translators, its locale, and name sorting.

The choice lives in the data home's ``settings.ini`` (key ``ui/language``) so it is
known before the database opens: even a start-up problem is explained in French.
With no choice stored, Muster speaks French when the system does, else English.

Three translators are installed: Muster's own ``muster_<lang>.qm`` (compiled from
the Qt Linguist ``.ts`` sources by the Makefile), the English one too (it holds the
plural forms "1 training" / "3 trainings"), and Qt's ``qtbase_<lang>.qm`` so the
standard buttons and dialogs ("Annuler", the file dialog) follow. ``QLocale`` is set
as the default so dates and numbers follow as well. Last comes
:class:`AnyContextTranslator`, asked only when the others found nothing: a feature
module's ``window.tr("…")`` is filed by lupdate under the context ``window`` while Qt
looks it up under ``MainWindow``; this one finds such strings by their source text.

The language of documents (PDFs, sheets, exports) is a separate choice kept in the
database (see ``app.l10n.DOCUMENT_LANGUAGE_SETTING``): a French summary can come out
of an English interface.
"""

from __future__ import annotations

import functools
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QTranslator,
)

from app.l10n import DOCUMENT_LANGUAGE_SETTING, LANGUAGES, check_language
from app.paths import Paths
from app.textnorm import fold

if TYPE_CHECKING:
    # It returns its message unchanged; PySide6's stub says ``object``. Import it from here.
    QT_TRANSLATE_NOOP: Callable[[str, str], str]
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "translations"
LANGUAGE_KEY = "ui/language"
# Shown in the language's own words, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

T = TypeVar("T")

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators
_current = "en"


def system_language() -> str:
    """French when the system speaks French, else English."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def locale_for(lang: str) -> QLocale:
    """The QLocale used for dates, numbers and sorting in ``lang``."""
    if check_language(lang) == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _settings(paths: Paths) -> QSettings:
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def stored_language(paths: Paths) -> str | None:
    """The language the user picked for this data home, or None if never picked."""
    value = _settings(paths).value(LANGUAGE_KEY, "", str)
    return value if value in LANGUAGES else None


def ui_language(paths: Paths) -> str:
    """The interface language for ``paths``: the user's choice, else the system's."""
    return stored_language(paths) or system_language()


def save_language(paths: Paths, lang: str) -> None:
    """Remember the interface language; it applies from the next start."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    settings = _settings(paths)
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()


def forget_language(paths: Paths) -> None:
    """Follow the system's language again (from the next start)."""
    settings = _settings(paths)
    settings.remove(LANGUAGE_KEY)
    settings.sync()


def current_language() -> str:
    """The language installed by the last ``install_language``."""
    return _current


def qm_file(lang: str) -> Path:
    return TRANSLATIONS_DIR / f"muster_{lang}.qm"


class AnyContextTranslator(QTranslator):
    """Finds a finished translation by its source text alone, whatever its context.

    Installed first, so Qt asks it last: only strings the context-exact translators
    missed come here. The ``.ts`` source is read on the first miss (a few ms).
    """

    def __init__(self, ts_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ts_file = ts_file
        self._table: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        table: dict[str, str] = {}
        try:
            root = ET.parse(self._ts_file).getroot()
        except (OSError, ET.ParseError):
            return table
        for message in root.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if (
                source
                and translation is not None
                and message.get("numerus") != "yes"
                and translation.get("type") not in ("unfinished", "obsolete", "vanished")
                and translation.text
            ):
                table.setdefault(source, translation.text)
        return table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if n >= 0 or not source:
            return ""
        if self._table is None:
            self._table = self._load()
        return self._table.get(source, "")


def install_language(lang: str, app: QCoreApplication | None = None) -> list[str]:
    """Install Muster's and Qt's translators for ``lang`` and make its locale the default.

    Replaces translators installed before, so tests can switch back and forth.
    Returns the files that were loaded (a missing compiled ``.qm`` is logged, not fatal:
    the interface then shows English).
    """
    global _current
    lang = check_language(lang)
    app = app or QCoreApplication.instance()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    loaded: list[str] = []
    ts_file = TRANSLATIONS_DIR / f"muster_{lang}.ts"
    if lang != "en" and ts_file.exists():
        fallback = AnyContextTranslator(ts_file, app)
        QCoreApplication.installTranslator(fallback)
        _installed.append(fallback)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    candidates = [qm_file(lang)]
    if lang != "en":
        candidates.append(qt_dir / f"qtbase_{lang}.qm")
    for file in candidates:
        translator = QTranslator(app)
        if file.exists() and translator.load(str(file)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            loaded.append(str(file))
        else:
            log.warning("translation file %s is missing; run 'make translations'", file)
    QLocale.setDefault(locale_for(lang))
    _current = lang
    return loaded


def apply_language(paths: Paths, app: QCoreApplication | None = None) -> str:
    """Install the language chosen for ``paths`` (start-up); returns it."""
    lang = ui_language(paths)
    install_language(lang, app)
    return lang


def document_language(installation: Any) -> str:
    """The language for PDFs and exports: the user's choice, else the interface's."""
    stored = installation.get_setting(DOCUMENT_LANGUAGE_SETTING, "")
    return stored if stored in LANGUAGES else current_language()


def save_document_language(installation: Any, lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    installation.set_settings({DOCUMENT_LANGUAGE_SETTING: lang})


# --- sorting names the way the reader expects ------------------------------------------


def collator(lang: str | None = None) -> QCollator:
    """A case-insensitive, number-aware collator for ``lang`` (default: the interface's).

    ICU orders "Élodie" between "Eduardo" and "Eric", Cyrillic "Ёлкин" next to
    "Елена", Arabic "أحمد" next to "احمد", where plain code-point order would not.
    """
    return _collator(check_language(lang or _current))


@functools.cache
def _collator(lang: str) -> QCollator:
    result = QCollator(locale_for(lang))
    result.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    result.setNumericMode(True)
    return result


def compare_names(a: str, b: str, lang: str | None = None) -> int:
    """Negative, zero or positive, as ``a`` sorts before, with or after ``b``."""
    return collator(lang).compare(a or "", b or "")


def sort_names(
    items: Iterable[T], key: Callable[[T], str] = str, lang: str | None = None
) -> list[T]:
    """``items`` sorted by ``key(item)`` (a name) with the locale's collation."""
    coll = collator(lang)

    def compare(a: T, b: T) -> int:
        return coll.compare(key(a), key(b))

    return sorted(items, key=functools.cmp_to_key(compare))


class LocaleSortFilterProxyModel(QSortFilterProxyModel):
    """Sorts text with the locale's collation and filters ignoring case, accents and marks.

    For small in-memory tables (participants of one training, reference lists): put it
    between the model and the view, call ``set_search(text)`` from the search box.
    Numbers sort as numbers. The filter looks at ``filterKeyColumn()`` (-1: every column).
    """

    def __init__(self, parent: QObject | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._needle = ""
        self.setFilterKeyColumn(-1)

    def set_search(self, text: str) -> None:
        needle = fold(text)
        if needle != self._needle:
            self.beginFilterChange()  # invalidateFilter() is deprecated since Qt 6.10
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a = left.data(self.sortRole())
        b = right.data(self.sortRole())
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return collator(self._lang).compare(str(a or ""), str(b or "")) < 0

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        key = self.filterKeyColumn()
        columns = range(model.columnCount(parent)) if key < 0 else (key,)
        for column in columns:
            value = model.index(row, column, parent).data(Qt.ItemDataRole.DisplayRole)
            if value is not None and self._needle in fold(str(value)):
                return True
        return False
