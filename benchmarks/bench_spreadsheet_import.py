"""Importing a 5,000-row participant sheet into a database that already holds 20,000 people.

Duplicate checks included: every row is compared with the people in its name
blocks. One in ten rows is a person already in the database, spelled another way
(other script, other word order), so the finder has real work to do. Reported:
seconds per step and peak Python memory (tracemalloc) of a whole import.
"""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

EXISTING_PEOPLE = 20_000
SHEET_ROWS = 5_000

FIRST = ["Mumbere", "Kahindo", "Masika", "Furaha", "Esther", "Jean-Pierre", "Déogratias",
         "Гульнара", "Нурлан", "Айгерим", "Бахтиёр", "Дильноза", "محمد", "أحمد", "فاطمة",
         "عائشة", "Mohamed", "Nurlan", "Aigerim", "Fatima", "Kavira", "Baraka", "Zawadi",
         "Amani", "Sifa", "Tumaini", "Alisher", "Timur", "Madina", "Salem", "Khaled", "Omar"]  # fmt: skip
LAST = ["Kasereka", "Paluku", "Kambale", "Muhindo", "Kavugho", "Nzanzu", "Katembo", "Юсупова",
        "Абдуллаев", "Каримов", "Назарбаева", "Рахимов", "الورفلي", "الزوي", "المبروك",
        "القذافي", "Al-Warfalli", "Yusupova", "Karimov", "Rakhimov", "Mbusa", "Bahati",
        "Vahwere", "Kyakimwa", "Sikuli", "Lukogo", "Tursunov", "Ergasheva", "Ben Ali",
        "Trabelsi", "Mansour", "Haddad"]  # fmt: skip
SYLLABLES = ["ka", "mu", "si", "ra", "to", "be", "ni", "lo", "za", "du", "ve", "ho", "ba",
             "ki", "ma", "no", "pa", "ru", "sa", "te", "wi", "yo", "dji", "kha", "nur", "sul"]  # fmt: skip


def _pools() -> tuple[list[str], list[str]]:
    """Real first and family names plus invented ones: common names repeat, as in life."""
    rng = random.Random(7)

    def invent(count: int) -> list[str]:
        return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
                for _ in range(count)]  # fmt: skip

    return FIRST + invent(400), LAST + invent(1500)


FIRST_POOL, LAST_POOL = _pools()


def _name(rng: random.Random) -> str:
    # common real names three times as often as any invented one
    first = rng.choice(FIRST) if rng.random() < 0.25 else rng.choice(FIRST_POOL)
    last = rng.choice(LAST) if rng.random() < 0.25 else rng.choice(LAST_POOL)
    if rng.random() < 0.4:
        return f"{first} {rng.choice(FIRST_POOL)} {last}"
    return f"{first} {last}"


def _setup(folder: Path):  # type: ignore[no-untyped-def]
    from app.db.base import new_id, utcnow
    from app.db.models import Person
    from app.paths import Paths
    from app.services.demo import load_demo
    from app.services.installation import open_installation
    from app.services.trainings import SessionInput, TrainingInput, create_training
    from app.textnorm import fold

    inst = open_installation(Paths(folder))
    load_demo(inst)
    rng = random.Random(5000)
    now = utcnow()
    people = []
    for _ in range(EXISTING_PEOPLE):
        name = _name(rng)
        people.append({
            "id": new_id(), "full_name": name, "name_key": fold(name), "sex": rng.choice("FM"),
            "organisation": rng.choice(["PNC", "Parquet de Beni", "Ministry of Interior", ""]),
            "phone": "", "email": "", "function": "", "nationality": "", "consent": False,
            "created_at": now, "updated_at": now, "updated_by": "bench", "version": 1,
            "deleted": False,
        })  # fmt: skip
    with inst.db.transaction() as session:
        session.execute(Person.__table__.insert(), people)
    trainings = [
        create_training(
            inst,
            TrainingInput(
                f"Benchmark training {i}", "MONUSCO", date(2025, 3, 3), date(2025, 3, 5),
                sessions=tuple(SessionInput(date(2025, 3, d), "Goma") for d in (3, 4, 5)),
            ),
        ).id
        for i in range(2)
    ]  # fmt: skip
    return inst, trainings, [p["full_name"] for p in people]


def _write_sheet(path: Path, existing: list[str]) -> None:
    from openpyxl import Workbook

    rng = random.Random(42)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Liste")
    sheet.append(["Liste de présence — atelier de Goma"])
    sheet.append([])
    sheet.append(["N°", "Nom et prénoms", "Sexe", "Fonction", "Institution", "Téléphone",
                  "Courriel", "03/03/2025", "04/03/2025", "05/03/2025"])  # fmt: skip
    for i in range(SHEET_ROWS):
        if i % 10 == 0:
            words = rng.choice(existing).split()
            rng.shuffle(words)  # a known person, words in another order, upper case
            name = " ".join(words).upper()
        else:
            name = _name(rng)
        sheet.append([i + 1, name, rng.choice(["F", "M", "Femme", "Homme"]), "Agent",
                      rng.choice(["PNC", "Parquet de Beni", "Prison de Goma"]),
                      f"+243 81{i:07d}", f"p{i}@example.cd", "X", rng.choice(["X", "A", ""]),
                      rng.choice(["X", "E", ""])])  # fmt: skip
    book.save(path)


def _import(inst, training_id: str, path: Path) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from app.services import participant_import as pi

    times: dict[str, float] = {}
    start = time.perf_counter()
    data = pi.read_sheet(path)
    times["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    mapping = pi.auto_mapping(inst, training_id, data)
    preview = pi.build_preview(inst, training_id, data, mapping)
    times["preview"] = time.perf_counter() - mark
    mark = time.perf_counter()
    result = pi.apply_import(inst, preview)
    times["apply"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    times["created"] = result.created
    times["matched"] = result.matched
    times["possible"] = len(preview.possible_duplicates)
    return times


def run() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="muster-bench-import-") as tmp:
        folder = Path(tmp)
        inst, trainings, existing = _setup(folder / "home")
        sheet = folder / "liste.xlsx"
        _write_sheet(sheet, existing)
        try:
            timed = _import(inst, trainings[0], sheet)
            tracemalloc.start()
            _import(inst, trainings[1], sheet)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            inst.close()
    name = "spreadsheet_import"
    note = f"{SHEET_ROWS:,} rows into a db of {EXISTING_PEOPLE:,}+ people"
    return [
        {"benchmark": name, "metric": "read .xlsx (5,000 rows)", "value": timed["read"],
         "unit": "s", "note": note},
        {"benchmark": name, "metric": "mapping + preview + duplicate checks",
         "value": timed["preview"], "unit": "s", "note": f"{timed['possible']:.0f} rows to confirm"},
        {"benchmark": name, "metric": "apply (one transaction)", "value": timed["apply"],
         "unit": "s", "note": f"{timed['created']:.0f} new, {timed['matched']:.0f} known"},
        {"benchmark": name, "metric": "whole import", "value": timed["total"], "unit": "s",
         "note": "goal: a few seconds"},
        {"benchmark": name, "metric": "peak Python memory of an import",
         "value": round(peak / (1024 * 1024), 1), "unit": "MiB", "note": "tracemalloc"},
    ]  # fmt: skip
