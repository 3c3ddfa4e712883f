"""The signed training summary: real PDFs built from the demo data, parsed back with Poppler."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.db.models import Document
from app.l10n import format_number
from app.services import identity
from app.services.demo import demo_training_ids
from app.services.installation import Profile
from app.services.pdf import SummaryOptions, export_summary
from app.services.reports import ReportFilter, build_report
from tests.helpers import needs_tools, run_cli

PASS = "correct horse battery staple"
needs_poppler = needs_tools("pdftotext", "pdftoppm", reason="poppler-utils missing")


def pdf_text(path: Path, layout: bool = True) -> str:
    """The PDF's text as Poppler extracts it, NFKC-normalised (Arabic presentation forms)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
    out = unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")
    # Without layout, join wrapped lines so a name split over two lines still reads whole.
    return out if layout else re.sub(r"[ \n]+", " ", out)


def render(path: Path, artifacts: Path, stem: str, pages: str = "1") -> list[Path]:
    """Render pages to PNG in tests/artifacts for people to look at."""
    first, _, last = pages.partition("-")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", first, "-l", last or first, str(path),
         str(artifacts / stem)],
        check=True,
    )  # fmt: skip
    return sorted(artifacts.glob(f"{stem}*.png"))


@pytest.fixture
def signer(demo_installation) -> Iterator[tuple[Any, Any]]:
    """The demo installation with a signing identity, and its unlocked key."""
    identity.create_identity(
        demo_installation,
        Profile(name="Chantal Mbuyi", title="Training focal point", mission="MONUSCO"),
        PASS,
    )
    yield demo_installation, identity.unlock_private_key(demo_installation, PASS)


def training_ids() -> dict[str, str]:
    """Demo trainings by mission code."""
    return {key.split("-")[0].upper(): tid for key, tid in demo_training_ids().items()}


def _participant_names(inst: Any, training_id: str) -> list[str]:
    with inst.db.reading() as session:
        return list(
            session.execute(
                text(
                    "SELECT p.full_name FROM enrolments e JOIN people p ON p.id = e.person_id "
                    "WHERE e.training_id = :t AND e.deleted = 0 AND p.deleted = 0"
                ),
                {"t": training_id},
            ).scalars()
        )


@needs_poppler
@pytest.mark.parametrize("mission", ["MONUSCO", "UNRCCA", "UNSMIL"])
def test_summary_figures_equal_the_report(signer, tmp_path: Path, mission: str) -> None:
    inst, key = signer
    training_id = training_ids()[mission]
    out = tmp_path / "summary.pdf"
    result = export_summary(inst, training_id, out, key, SummaryOptions(lang="en"))
    content = pdf_text(out)
    code, report_json, _err = run_cli(
        "report", "--training", training_id, "--json", home=inst.paths.home
    )
    assert code == 0
    report = json.loads(report_json)
    assert report == build_report(inst, ReportFilter(training_id=training_id)).to_json()

    # Key figures, read back from the page.
    women = re.search(r"Women \(([\d,]+) of ([\d,]+)\)", content)
    assert women and (int(women[1]), int(women[2])) == (report["women"], report["participants"])
    rate = re.search(r"Attendance rate \(([\d,]+) of ([\d,]+)", content)
    assert rate and (int(rate[1]), int(rate[2])) == (
        report["attendances"],
        report["recorded_marks"],
    )
    assert f"{round(report['women_share'] * 100)}%" in content
    assert f"{round(report['attendance_rate'] * 100)}%" in content

    # Category by sex: every row and the total row.
    for category, counts in report["by_category_sex"].items():
        total = counts["female"] + counts["male"] + counts["unspecified"]
        row = rf"{re.escape(category)}\s+{counts['female']}\s+{counts['male']}\s+{counts['unspecified']}\s+{total}\b"
        assert re.search(row, content), category
    sexes = report["by_sex"]
    assert re.search(
        rf"Total\s+{sexes['female']}\s+{sexes['male']}\s+{sexes['unspecified']}\s+{report['participants']}\b",
        content,
    )
    # Partners and sessions.
    for partner, count in report["by_partner"].items():
        label = "No partner" if partner == "(none)" else partner
        assert re.search(rf"{re.escape(label)}\s+{count}\s", content), partner
    for s in report["by_session"]:
        assert re.search(rf"{s['present']}\s+{s['absent']}\s+{s['excused']}\s+\d+%", content)

    # Every participant is listed, each once; every page has the document id and page X of Y.
    names = _participant_names(inst, training_id)
    assert len(names) == report["participants"] == result.participants
    flat = pdf_text(out, layout=False)
    for name in names:
        assert unicodedata.normalize("NFKC", name) in flat, name
    pages = content.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == result.pages
    for number, page in enumerate(pages, start=1):
        assert f"Document {result.document_id}" in page
        assert f"Page {number} of {result.pages}" in page
    # Signature block.
    assert "Signed digitally by Chantal Mbuyi, Training focal point, MONUSCO" in flat
    assert identity.format_fingerprint(result.fingerprint) in flat.replace("\n", " ")


@needs_poppler
def test_scripts_render_and_are_kept(signer, tmp_path: Path, artifacts: Path) -> None:
    """Arabic (UNSMIL, English) and Cyrillic (UNRCCA, French): text and rendered pages."""
    inst, key = signer
    ids = training_ids()
    arabic_pdf = tmp_path / "unsmil-en.pdf"
    export_summary(inst, ids["UNSMIL"], arabic_pdf, key, SummaryOptions(lang="en"))
    arabic_names = [
        n for n in _participant_names(inst, ids["UNSMIL"]) if re.search("[\u0600-\u06ff]", n)
    ]
    assert arabic_names, "the demo has Arabic names"
    flat = pdf_text(arabic_pdf, layout=False)
    # Poppler gives back logical order: shaping and reordering kept the letters right.
    for name in arabic_names:
        assert name in flat
    fonts = subprocess.run(["pdffonts", str(arabic_pdf)], capture_output=True, text=True).stdout
    assert "NotoNaskhArabic" in fonts and "DejaVuSans" in fonts
    # Every font that draws text is embedded (ReportLab always lists the base-14 Helvetica).
    drawn = [line for line in fonts.splitlines()[2:] if line.strip() and "Helvetica" not in line]
    assert drawn and all(line.split()[-5] == "yes" for line in drawn)

    french_pdf = tmp_path / "unrcca-fr.pdf"
    result = export_summary(inst, ids["UNRCCA"], french_pdf, key, SummaryOptions(lang="fr"))
    content = pdf_text(french_pdf)
    for label in ("Chiffres clés", "Participants par catégorie et par sexe", "Présence par séance",
                  "Signé numériquement par", f"Page 1 sur {result.pages}", "10–12 septembre 2024"):  # fmt: skip
        assert label in content, label
    report = build_report(inst, ReportFilter(training_id=ids["UNRCCA"]))
    assert f"Femmes ({report.women} sur {report.participants})" in content
    assert f"{format_number(round(report.women_share * 100), 'fr')} %" in content  # NFKC: nbsp
    cyrillic = [n for n in _participant_names(inst, ids["UNRCCA"]) if re.search("[а-яА-Я]", n)]
    assert cyrillic and all(n in pdf_text(french_pdf, layout=False) for n in cyrillic)

    for pdf, stem in ((arabic_pdf, "pdf-summary-unsmil-en"), (french_pdf, "pdf-summary-unrcca-fr")):
        for old in artifacts.glob(f"{stem}*.png"):
            old.unlink()
        assert render(pdf, artifacts, stem, "1-5")


@needs_poppler
def test_no_names_means_no_names_anywhere(signer, tmp_path: Path) -> None:
    inst, key = signer
    for mission in ("UNSMIL", "UNRCCA"):
        training_id = training_ids()[mission]
        out = tmp_path / f"{mission}.pdf"
        export_summary(inst, training_id, out, key, SummaryOptions(include_names=False))
        flat = pdf_text(out, layout=False)
        raw = out.read_bytes()
        assert "left out of this version" in flat
        for name in _participant_names(inst, training_id):
            assert unicodedata.normalize("NFKC", name) not in flat, name
            assert name.encode("utf-8") not in raw
            assert name.encode("utf-16-be") not in raw
        # Figures are still there.
        report = build_report(inst, ReportFilter(training_id=training_id))
        assert f"Women ({report.women} of {report.participants})" in pdf_text(out)


def test_summary_is_recorded_and_archived(signer, tmp_path: Path) -> None:
    inst, key = signer
    out = tmp_path / "nested" / "folder" / "summary.pdf"
    result = export_summary(inst, training_ids()["MONUSCO"], out, key)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    from app.services.documents import read_document

    assert read_document(inst, result.archived.name) == data  # the kept copy is sealed
    assert data[:200] not in result.archived.read_bytes()
    assert result.archived.parent == inst.paths.documents
    with inst.db.reading() as session:
        doc = session.scalars(select(Document)).one()
        assert doc.id == result.document_id
        assert doc.sha256 == hashlib.sha256(data).hexdigest() == result.sha256
        assert doc.signer_fingerprint == identity.load_identity(inst).fingerprint
        assert doc.kind == "summary" and doc.exported_seq is None
        assert doc.training_id == training_ids()["MONUSCO"]
        assert doc.source_device == inst.device_id
    assert f"muster-document:{result.document_id}".encode() in data
    assert not list(out.parent.glob(".*tmp"))  # written atomically, nothing left over


@needs_poppler
def test_merged_people_count_once(signer, tmp_path: Path) -> None:
    """A duplicate merged into another record is one participant, as in the report."""
    inst, key = signer
    training_id = training_ids()["UNSMIL"]
    with inst.db.transaction() as session:
        a, b = session.execute(
            text(
                "SELECT p.id FROM enrolments e JOIN people p ON p.id = e.person_id "
                "WHERE e.training_id = :t ORDER BY p.name_key LIMIT 2"
            ),
            {"t": training_id},
        ).scalars()
        session.execute(
            text("UPDATE people SET deleted = 1, merged_into_id = :a WHERE id = :b"),
            {"a": a, "b": b},
        )
        gone = session.execute(
            text("SELECT full_name FROM people WHERE id = :b"), {"b": b}
        ).scalar()
    report = build_report(inst, ReportFilter(training_id=training_id))
    assert report.participants == 27
    out = tmp_path / "merged.pdf"
    result = export_summary(inst, training_id, out, key)
    assert result.participants == 27
    flat = pdf_text(out, layout=False)
    assert unicodedata.normalize("NFKC", gone) not in flat
    layout = pdf_text(out)
    assert re.search(r"Women \(\d+ of 27\)", layout)
    # The numbered list stops at 27.
    assert re.search(r"(?m)^\s+27\s+[^\d\s]", layout) and not re.search(
        r"(?m)^\s+28\s+[^\d\s]", layout
    )


def test_cli_pdf(signer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inst, _key = signer
    home = inst.paths.home
    out = tmp_path / "cli.pdf"
    code, stdout, err = run_cli("pdf", "UNSMIL-missing", "-o", str(out), home=home)
    assert code == 1 and "No training matches" in err
    monkeypatch.setenv("MUSTER_PASSPHRASE", "not the passphrase")
    code, _stdout, err = run_cli("pdf", training_ids()["UNSMIL"][:8], "-o", str(out), home=home)
    assert code == 1 and "The passphrase is not right." in err and not out.exists()
    secret = tmp_path / "secret"
    secret.write_text(PASS, encoding="utf-8")
    code, stdout, err = run_cli(
        "pdf", training_ids()["UNSMIL"][:8], "-o", str(out), "--lang", "fr", "--no-names",
        "--passphrase-file", str(secret), "--json", home=home,
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(stdout)
    assert shown["names_included"] is False and shown["participants"] == 28
    assert hashlib.sha256(out.read_bytes()).hexdigest() == shown["sha256"]
    code, _stdout, err = run_cli("pdf", "x", "-o", str(out), "--lang", "de", home=home)
    assert code == 2


def test_cli_pdf_without_identity(demo_installation, tmp_path: Path) -> None:
    code, _out, err = run_cli(
        "pdf", training_ids()["UNSMIL"], "-o", str(tmp_path / "x.pdf"),
        home=demo_installation.paths.home,
    )  # fmt: skip
    assert code == 1 and "no signing identity" in err
