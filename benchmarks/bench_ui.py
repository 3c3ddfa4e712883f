"""Desktop responsiveness: a 10,000-training list and a 500-participant × 10-session training.

The list model loads only ids and fetches rows in batches when painted, so opening
10,000 trainings should cost about what opening three does. The big training is
opened in its editor, then its participants table and attendance grid are shown.
Data are generated into a temporary home with SQLAlchemy Core inserts.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TRAININGS = 10_000
PARTICIPANTS = 500
SESSIONS = 10


def _sync_fields(device: str, version: int) -> dict[str, Any]:
    now = datetime(2025, 1, 1)
    return {
        "created_at": now,
        "updated_at": now,
        "updated_by": device,
        "version": version,
        "deleted": False,
    }


def _generate_trainings(inst: Any, count: int) -> None:
    from sqlalchemy import insert

    from app.db.base import new_id
    from app.db.models import Training, TrainingSession
    from app.services import reference

    rng = random.Random(7)
    missions = [m.id for m in reference.list_missions(inst)]
    with inst.db.transaction() as session:
        place = reference.ensure_location(session, "Bunia")
        session.flush()
        place_id = place.id
    base = _sync_fields(inst.device_id, 1)
    trainings_rows, session_rows = [], []
    for i in range(count):
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 2000))
        tid = new_id()
        trainings_rows.append(
            {**base, "id": tid, "mission_id": rng.choice(missions),
             "title": f"Formation {i:05d} sur la chaîne pénale", "theme": "", "kind": "training",
             "start_date": start, "end_date": start + timedelta(days=1), "status": "held",
             "description": "", "trainers": []}
        )  # fmt: skip
        session_rows.append(
            {**base, "id": new_id(), "training_id": tid, "date": start, "location_id": place_id,
             "topic": ""}
        )  # fmt: skip
    with inst.db.engine.begin() as conn:
        conn.execute(insert(Training), trainings_rows)
        conn.execute(insert(TrainingSession), session_rows)


def _generate_big_training(inst: Any) -> str:
    from sqlalchemy import insert

    from app.db.base import derived_id, new_id
    from app.db.models import Attendance, Enrolment, Person
    from app.services import trainings
    from app.services.trainings import SessionInput, TrainingInput
    from app.textnorm import fold

    start = date(2025, 3, 3)
    info = trainings.create_training(
        inst,
        TrainingInput(
            title="Conférence régionale (500 participants)",
            mission="MONUSCO",
            start=start,
            end=start + timedelta(days=SESSIONS - 1),
            sessions=tuple(
                SessionInput(start + timedelta(days=i), "Kinshasa", f"Séance {i + 1}")
                for i in range(SESSIONS)
            ),
        ),
    )
    rng = random.Random(11)
    base = _sync_fields(inst.device_id, 2)
    first = ["Déogratias", "Aïcha", "Юлия", "محمد", "Claudine", "Бахтияр", "فاطمة", "Kahindo"]
    last = ["Mumbere", "Benali", "Иванова", "الورفلي", "Kasongo", "Юсупов", "بن علي", "Ngoy"]
    people_rows, enrol_rows, attendance_rows = [], [], []
    for i in range(PARTICIPANTS):
        pid = new_id()
        name = f"{rng.choice(first)} {rng.choice(last)} {i}"
        people_rows.append(
            {**base, "id": pid, "full_name": name, "name_key": fold(name),
             "sex": rng.choice("FMX"), "organisation": f"Organisation {i % 37}",
             "function": "Magistrat", "nationality": "", "phone": "", "email": "",
             "consent": False}
        )  # fmt: skip
        enrol_rows.append(
            {**base, "id": derived_id("enrolment", info.id, pid), "training_id": info.id,
             "person_id": pid}
        )  # fmt: skip
        for s in info.sessions:
            if rng.random() < 0.9:
                attendance_rows.append(
                    {**base, "id": derived_id("attendance", s.id, pid), "session_id": s.id,
                     "person_id": pid, "status": rng.choice(("present",) * 8 + ("absent", "excused"))}
                )  # fmt: skip
    with inst.db.engine.begin() as conn:
        conn.execute(insert(Person), people_rows)
        conn.execute(insert(Enrolment), enrol_rows)
        conn.execute(insert(Attendance), attendance_rows)
    return info.id


def _wait(app: Any, condition: Any, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.001)


def run() -> list[dict[str, object]]:
    from PySide6.QtWidgets import QApplication

    from app.paths import Paths
    from app.services.installation import open_installation

    app = QApplication.instance() or QApplication([])
    rows: list[dict[str, object]] = []

    def row(metric: str, value: float, unit: str, note: str = "") -> None:
        rows.append(
            {"benchmark": "ui", "metric": metric, "value": value, "unit": unit, "note": note}
        )

    with tempfile.TemporaryDirectory(prefix="muster-bench-ui-") as folder:
        inst = open_installation(Paths(Path(folder)))
        started = time.perf_counter()
        _generate_trainings(inst, TRAININGS)
        big_id = _generate_big_training(inst)
        row("generate data", time.perf_counter() - started, "s", f"{TRAININGS:,} trainings")

        from app.ui.main_window import MainWindow

        tracemalloc.start()
        started = time.perf_counter()
        window = MainWindow(inst, welcome=False)
        window.resize(1280, 780)
        window.show()
        _wait(app, lambda: window.model.rowCount() > TRAININGS)
        window.table.viewport().repaint()  # first paint: fetches only the visible batch
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        row("list of 10,001 trainings: open to first paint", elapsed, "s", "cold, lazy model")
        row("list: Python memory peak to first paint", peak / 2**20, "MiB", "tracemalloc")
        row("list: rows fetched for first paint", len(window.model._rows), "rows")

        started = time.perf_counter()
        window._closing_confirmed = True
        window.close()
        started = time.perf_counter()
        window = MainWindow(inst, welcome=False)
        window.resize(1280, 780)
        window.show()
        _wait(app, lambda: window.model.rowCount() > TRAININGS)
        window.table.viewport().repaint()
        row("list: open again to first paint (warm)", time.perf_counter() - started, "s")

        started = time.perf_counter()
        window.page.search.setText("01234")
        _wait(app, lambda: window.model.rowCount() == 1)
        row("list: search by title among 10,001", time.perf_counter() - started, "s",
            "includes 250 ms typing pause")  # fmt: skip
        window.page.search.clear()
        _wait(app, lambda: window.model.rowCount() > TRAININGS)

        started = time.perf_counter()
        window.table.scrollToBottom()
        window.table.viewport().repaint()
        row("list: jump to the end and paint", time.perf_counter() - started, "s")

        started = time.perf_counter()
        editor = window.open_training(big_id)
        _wait(app, lambda: editor.info is not None)
        window.repaint()
        row("500×10 training: open editor, details shown", time.perf_counter() - started, "s",
            "first open imports the editor and QtCharts")  # fmt: skip
        _wait(app, lambda: not window.worker.busy)
        row("500×10 training: all pages loaded behind", time.perf_counter() - started, "s")

        started = time.perf_counter()
        editor.show_page("participants")
        _wait(app, lambda: editor.participants.model.rowCount() == PARTICIPANTS)
        window.repaint()
        row("500×10 training: participants table shown", time.perf_counter() - started, "s")

        started = time.perf_counter()
        editor.show_page("attendance")
        _wait(app, lambda: editor.attendance.model.rowCount() == PARTICIPANTS)
        window.repaint()
        row("500×10 training: attendance grid shown", time.perf_counter() - started, "s")

        page = editor.attendance
        page.table.setCurrentIndex(page.model.index(250, 5))
        started = time.perf_counter()
        page.set_cells([page.model.index(250, 5)], "absent")
        window.repaint()
        row("500×10 training: one mark, repainted", time.perf_counter() - started, "s",
            "saving continues in the worker")  # fmt: skip
        _wait(app, lambda: not window.worker.busy)

        started = time.perf_counter()
        editor.show_page("summary")
        _wait(app, lambda: editor.summary.report is not None)
        window.repaint()
        row("500×10 training: summary with charts", time.perf_counter() - started, "s")

        window._closing_confirmed = True
        window.close()
        inst.close()
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
