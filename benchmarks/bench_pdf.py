"""Signed summary PDF for one big training: build + sign time at 1,000 and 10,000 participants.

Goal (issue 4): under 1 s for 1,000 participants, under 5 s for 10,000, on this
machine. The data is made here, in a temporary home, with bulk Core inserts: one
training with three sessions, participants whose names mix Latin, Cyrillic and
Arabic (about 10 % Arabic), long organisation names that must wrap, and
attendance for every session. Times are wall-clock for the whole export
(read + layout + sign + write) and for its parts; the best of a few runs.
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

PASSPHRASE = "benchmark passphrase 2024"
SIZES = (1_000, 10_000)
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
        session.info["keep_sync_fields"] = True
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


def run() -> list[dict[str, object]]:
    from app.paths import Paths
    from app.services import identity, pdf, signing
    from app.services.installation import Profile, open_installation

    rows: list[dict[str, object]] = []
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
            for size in SIZES:
                tid = _make_training(inst, size, size)
                runs = 3 if size <= 1_000 else 2
                out = Path(folder) / f"summary-{size}.pdf"
                total, result = _best(
                    runs, lambda tid=tid, out=out: pdf.export_summary(inst, tid, out, key)
                )
                goal = 1.0 if size <= 1_000 else 5.0
                rows.append({
                    "benchmark": "pdf_summary", "metric": f"build+sign {size:,} participants",
                    "value": round(total, 3), "unit": "s",
                    "note": f"goal < {goal:g} s; {result.pages} pages, "
                            f"{out.stat().st_size / 1e6:.1f} MB",
                })  # fmt: skip
                collect, data = _best(runs, lambda tid=tid: pdf.collect_summary_data(inst, tid))
                layout, built = _best(
                    runs, lambda data=data: pdf.render_summary(data, pdf.SummaryOptions(), signer)
                )
                sign, _ = _best(
                    runs,
                    lambda built=built: signing.sign_pdf(
                        built.data, key, me, built.stamp, [("Signed", 8, False)]
                    ),
                )
                rows += [
                    {"benchmark": "pdf_summary", "metric": f"  read data {size:,}",
                     "value": round(collect, 3), "unit": "s", "note": "SQL + dataclasses"},
                    {"benchmark": "pdf_summary", "metric": f"  layout {size:,}",
                     "value": round(layout, 3), "unit": "s", "note": "ReportLab; participants as a row flowable"},
                    {"benchmark": "pdf_summary", "metric": f"  sign {size:,}",
                     "value": round(sign, 3), "unit": "s", "note": "pyHanko PAdES, ECDSA P-256"},
                ]  # fmt: skip
            verify, verdict = _best(2, lambda: signing.verify_pdf(inst, out))
            rows.append({"benchmark": "pdf_summary", "metric": f"verify {SIZES[-1]:,}",
                         "value": round(verify, 3), "unit": "s",
                         "note": "valid" if verdict.ok else verdict.verdict})  # fmt: skip
        finally:
            inst.close()
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
