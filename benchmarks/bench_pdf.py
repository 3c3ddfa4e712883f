"""Signed summary PDF for one big training, side by side with a baseline commit, in one run.

Goals: under 1 s for 1,000 participants and under 5 s for 10,000 on this machine
(issue 4), and within 20 % of the baseline commit (issue 16: PDF/A-2b, certification,
searchable Arabic must not cost more than that). The baseline is checked out into a
temporary ``git worktree`` under /tmp; the same worker (this file, run with
``--worker``) then runs in a subprocess over each source tree in turn, with the same
interpreter and libraries, on the same data (made in each worker's temporary home
with bulk Core inserts from the same seed): one training with three sessions,
participants whose names mix Latin, Cyrillic and Arabic (about 10 % Arabic), long
organisation names that must wrap, and attendance for every session. Workers
alternate between the two trees so that other load on the machine falls on both
alike. Times are wall-clock for the whole export (read + layout + sign + write) and
for its parts; the best of each side's runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase 2024"
SIZES = (1_000, 10_000)
BASELINE = "14993bc"  # main before issue 16
ROUNDS = 3  # workers per side and size, alternating baseline / today (best of each side)
ROOT = Path(__file__).resolve().parent.parent
LATIN = (
    "Aminata Coulibaly",
    "Jean-Pierre Mbala",
    "Élodie Fontaine",
    "Moïse Ilunga",
    "Chantal Nsimba",
    "Patrice Lokuli",
    "Grâce Mukendi",
    "Désiré Kabila",
)
CYRILLIC = (
    "Айгерим Садыкова",
    "Нурлан Ахметов",
    "Дилноза Юсупова",
    "Бахтияр Рахимов",
    "Гульнара Ибраимова",
    "Тимур Исмаилов",
)
ARABIC = ("فاطمة الزهراء بن علي", "عبد الحميد الورفلي", "مصطفى طارق البرعصي", "أسماء رمضان السنوسي")
ORGANISATIONS = (
    "Tribunal de grande instance de Bunia",
    "Parquet général près la Cour d'appel de Kisangani",
    "Ministry of Internal Affairs of the Kyrgyz Republic",
    "Prison centrale de Bunia",
    "Libyan Arab Armed Forces General Command (Benghazi)",
    "Security Directorate of Misrata",
    "Association des femmes juristes",
)
FUNCTIONS = (
    "Juge",
    "Procureur",
    "Greffier",
    "Directeur",
    "Inspecteur principal",
    "Senior Adviser",
    "Lieutenant Colonel, Security Directorate",
)
CATEGORIES = ("magistrate", "prosecutor", "police", "corrections", "civil_society", "government")  # fmt: skip


def _make_training(inst: Any, participants: int, seed: int) -> str:
    """One training with three sessions and ``participants`` people, inserted in bulk."""
    from sqlalchemy import insert

    from app.db.base import derived_id, utcnow
    from app.db.models import Attendance, Enrolment, Person
    from app.services.reference import category_id
    from app.services.trainings import SessionInput, TrainingInput, create_training
    from app.textnorm import fold

    training = create_training(
        inst,
        TrainingInput(
            title=f"Benchmark training with {participants:,} participants",
            mission="MONUSCO",
            start=date(2024, 9, 10),
            end=date(2024, 9, 12),
            theme="Criminal justice chain",
            kind="training",
            status="held",
            trainers=("Trainer One", "Trainer Two"),
            sessions=tuple(
                SessionInput(date(2024, 9, d), place)
                for d, place in ((10, "Beni"), (11, "Bunia"), (12, "Kinshasa"))
            ),
        ),
    )
    rng = random.Random(seed)
    now = utcnow()
    common = {"created_at": now, "updated_at": now, "updated_by": "bench", "version": 1,
              "deleted": False}  # fmt: skip
    people, enrolments, marks = [], [], []
    for i in range(participants):
        pool = ARABIC if i % 10 == 0 else CYRILLIC if i % 10 < 3 else LATIN
        name = f"{rng.choice(pool)} {i}"
        pid = str(uuid.uuid4())
        people.append({**common, "id": pid, "full_name": name, "name_key": fold(name),
                       "sex": rng.choice("FFMMMX"),
                       "category_id": category_id(rng.choice(CATEGORIES)),
                       "organisation": rng.choice(ORGANISATIONS),
                       "function": rng.choice(FUNCTIONS), "nationality": "", "phone": "",
                       "email": "", "consent": True})  # fmt: skip
        enrolments.append({**common, "id": derived_id("enrolment", training.id, pid),
                           "training_id": training.id, "person_id": pid})  # fmt: skip
        for s in training.sessions:
            marks.append({**common, "id": derived_id("attendance", s.id, pid),
                          "session_id": s.id, "person_id": pid,
                          "status": rng.choice(("present",) * 8 + ("absent", "excused"))})  # fmt: skip
    with inst.db.transaction() as session:
        for model, rows in ((Person, people), (Enrolment, enrolments), (Attendance, marks)):
            for start in range(0, len(rows), 5_000):
                session.execute(insert(model), rows[start : start + 5_000])
    return training.id


def _best(runs: int, job: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - started)
    return best, result


def _measure(size: int, runs: int) -> dict[str, Any]:
    """In a worker: make the data, warm up, then time the export and its parts (best of runs)."""
    import app
    from app.paths import Paths
    from app.services import identity, pdf, signing
    from app.services.installation import Profile, open_installation

    with tempfile.TemporaryDirectory(prefix="muster-bench-pdf-") as folder:
        inst = open_installation(Paths(Path(folder) / "home"))
        try:
            identity.create_identity(
                inst, Profile(name="Bench Signer", title="Focal point", mission="MONUSCO"),
                PASSPHRASE,
            )  # fmt: skip
            key = identity.unlock_private_key(inst, PASSPHRASE)
            me = identity.require_identity(inst)
            signer = pdf.Signer(me.name, me.title, me.mission, me.fingerprint)
            # Warm-up: imports (pyHanko ~0.5 s), font registration, first layout.
            warm = _make_training(inst, 20, 1)
            pdf.export_summary(inst, warm, Path(folder) / "warm.pdf", key)
            tid = _make_training(inst, size, size)
            out = Path(folder) / f"summary-{size}.pdf"
            total, result = _best(runs, lambda: pdf.export_summary(inst, tid, out, key))
            collect, data = _best(runs, lambda: pdf.collect_summary_data(inst, tid))
            layout, built = _best(
                runs, lambda: pdf.render_summary(data, pdf.SummaryOptions(), signer)
            )
            sign, _ = _best(
                runs,
                lambda: signing.sign_pdf(built.data, key, me, built.stamp, [("Signed", 8, False)]),
            )
            verify, verdict = _best(runs, lambda: signing.verify_pdf(inst, out))
            return {
                "source": str(Path(app.__file__).resolve().parent.parent),
                "total": total, "collect": collect, "layout": layout, "sign": sign,
                "verify": verify, "valid": verdict.ok, "pages": result.pages,
                "megabytes": out.stat().st_size / 1e6,
            }  # fmt: skip
        finally:
            inst.close()


def _worker(tree: Path, size: int) -> dict[str, Any]:
    """Run ``_measure`` in a fresh interpreter over the source tree ``tree``."""
    # Today's installations are encrypted: their data key opens with the passphrase.
    env = {**os.environ, "PYTHONPATH": str(tree), "MUSTER_PASSPHRASE": PASSPHRASE}
    runs = "3" if size <= 1_000 else "2"
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", str(size), runs],
        cwd=tree, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(measured["source"]) != tree.resolve():
        raise RuntimeError(f"worker ran {measured['source']}, not {tree}")
    return measured


@contextlib.contextmanager
def _baseline_tree(commit: str) -> Iterator[Path]:
    """``commit`` checked out in a temporary git worktree, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="muster-bench-baseline-"))
    tree = folder / "tree"
    git = ["git", "-C", str(ROOT)]
    subprocess.run([*git, "worktree", "add", "--detach", str(tree), commit],
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield tree
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=False,
                       capture_output=True)  # fmt: skip
        subprocess.run([*git, "worktree", "prune"], check=False, capture_output=True)
        folder.rmdir()


def _rows(size: int, base: dict[str, Any], today: dict[str, Any]) -> list[dict[str, object]]:
    goal = 1.0 if size <= 1_000 else 5.0
    ratio = today["total"] / base["total"]
    rows: list[dict[str, object]] = [{
        "benchmark": "pdf_summary", "metric": f"build+sign {size:,} participants",
        "value": round(today["total"], 3), "unit": "s",
        "note": f"baseline {BASELINE} {base['total']:.3f} s: x{ratio:.2f} (goal <= x1.20); "
                f"goal < {goal:g} s; {today['pages']} pages, {today['megabytes']:.1f} MB "
                f"(baseline {base['megabytes']:.1f} MB)",
    }]  # fmt: skip
    for part, note in (("collect", "read data"), ("layout", "layout"), ("sign", "sign"),
                       ("verify", "verify")):  # fmt: skip
        rows.append({
            "benchmark": "pdf_summary", "metric": f"  {note} {size:,}",
            "value": round(today[part], 3), "unit": "s",
            "note": f"baseline {base[part]:.3f} s: x{today[part] / base[part]:.2f}"
                    + ("" if part != "verify" or today["valid"] else "; NOT valid"),
        })  # fmt: skip
    return rows


def _best_of(results: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("total", "collect", "layout", "sign", "verify")
    best = dict(results[0])
    for key in keys:
        best[key] = min(r[key] for r in results)
    return best


def run() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with _baseline_tree(BASELINE) as baseline:
        for size in SIZES:
            sides: dict[str, list[dict[str, Any]]] = {"baseline": [], "today": []}
            for _round in range(ROUNDS):
                sides["baseline"].append(_worker(baseline, size))
                sides["today"].append(_worker(ROOT, size))
            rows += _rows(size, _best_of(sides["baseline"]), _best_of(sides["today"]))
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(_measure(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        for row in run():
            print(row)
