"""Age band and disability figures: in the report (``muster report --json``), HQ's
breakdowns and its exported tables; missing answers counted as "not recorded"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from app.services import hq, people
from app.services.audit.profile import save_profile
from app.services.demo import demo_training_ids
from app.services.reports import ReportFilter, build_report
from tests.helpers import run_cli


def test_age_and_disability_in_report_and_hq_tables(demo_installation: Any, tmp_path: Path) -> None:
    inst = demo_installation
    training_id = demo_training_ids()["unsmil-2024-tunis"]
    ids = [p.person.id for p in people.list_participants(inst, training_id)]
    save_profile(inst, ids[0], year_of_birth=1990, on=date(2025, 6, 1))  # 35: 35-44
    save_profile(inst, ids[1], "18_24", {"seeing": "a_lot"})
    save_profile(inst, ids[2], "", {d: "none" for d in ("seeing", "hearing", "walking",
                                                         "remembering", "self_care",
                                                         "communicating")})  # fmt: skip
    save_profile(inst, ids[3], "", {"hearing": "some"})  # incomplete: not recorded
    report = build_report(inst, ReportFilter(training_id=training_id))
    n = report.participants
    assert report.by_age_band["35-44"] == 1 and report.by_age_band["18-24"] == 1
    assert report.by_age_band["not recorded"] == n - 2
    assert report.by_disability == {"with disability": 1, "without disability": 1,
                                    "not recorded": n - 2}  # fmt: skip
    everyone = build_report(inst, ReportFilter())
    assert sum(everyone.by_age_band.values()) == everyone.participants
    assert sum(everyone.by_disability.values()) == everyone.participants
    code, out, err = run_cli("report", "--json", home=inst.paths.home)
    assert code == 0, err
    shown = json.loads(out)
    assert shown["by_age_band"] == everyone.by_age_band
    assert shown["by_disability"] == everyone.by_disability
    rows = {r.key: r.participants for r in hq.breakdown(inst, "disability")}
    assert rows == everyone.by_disability
    ages = {r.key: r.participants for r in hq.breakdown(inst, "age_band")}
    assert ages == {k: v for k, v in everyone.by_age_band.items() if v}
    out_file = tmp_path / "hq.xlsx"
    code, _out, err = run_cli("hq-tables", "-o", str(out_file), "--by", "age_band", "--lang",
                              "fr", home=inst.paths.home)  # fmt: skip
    assert code == 0, err
    from openpyxl import load_workbook

    sheet = load_workbook(out_file).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "Tranche d'âge"
    labels = [r[0] for r in cells[1:]]
    assert "Non renseigné" in labels and "35–44" in labels
