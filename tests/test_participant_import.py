"""Importing real participant lists into a training: mapping, preview, one transaction."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db.models import Attendance, ColumnMapping, Enrolment, Person
from app.errors import UserError
from app.services import participant_import as pi
from app.services.attendance import get_grid
from app.services.people import PersonInput, create_person, list_participants
from app.services.reports import ReportFilter, build_report
from app.services.trainings import SessionInput, TrainingInput, create_training
from tests.helpers import MUSTER_EXE, run_cli

HEADERS = ["N°", "Nom", "Prénom", "Sexe", "Fonction", "Institution", "Téléphone", "Courriel",
           "Catégorie", datetime(2024, 3, 4), "05/03/2024"]  # fmt: skip
PEOPLE = [
    [1, "KAHINDO", "Mumbere", "Homme", "OPJ", "PNC Beni", "+243 812 000 111", "k.m@pnc.cd",
     "Police", "X", "X"],
    [2, "Masika", "Furaha", "Femme", "Juge", "Tribunal de paix de Beni", "", "", "Magistrat",
     "P", "A"],
    [3, "Юсупова", "Гульнара", "Ж", "Судья", "Верховный суд", "", "", "Magistrate / judge",
     "oui", ""],
    [4, "الورفلي", "محمد", "ذكر", "ضابط", "وزارة الداخلية", "0912345678", "pas un mail",
     "Militaire", "1", "E"],
    [5, "Kasereka", "Jean-Pierre", "féminin?", "Greffier", "Parquet de Beni", "", "",
     "Agent pénitentiaire", "", "✓"],
    [6, "Nzanzu", "Esther", "F", "Directrice", "Prison centrale de Beni", "", "",
     "Correction", "X", "??"],
    [7, "Total", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def write_list(path: Path, rows: list[list[object]] = PEOPLE, headers=HEADERS) -> Path:  # type: ignore[no-untyped-def]
    """A sign-in sheet as partners type it: merged titles, blank lines, French headers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Liste"
    sheet.append(["Mission de l'ONU pour la stabilisation en RD Congo"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(["Formation des acteurs de la chaîne pénale — Beni, 4 au 6 mars 2024"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    sheet.append([])
    sheet.append(list(headers))
    for index, row in enumerate(rows):
        sheet.append(list(row))
        if index % 2 == 1:
            sheet.append([])  # blank lines between people
    book.save(path)
    return path


@pytest.fixture
def training(installation):  # type: ignore[no-untyped-def]
    return create_training(
        installation,
        TrainingInput(
            "Formation Beni", "MONUSCO", date(2024, 3, 4), date(2024, 3, 6),
            sessions=(SessionInput(date(2024, 3, 4), "Beni"), SessionInput(date(2024, 3, 5), "Beni"),
                      SessionInput(date(2024, 3, 6), "Beni")),
        ),
    )  # fmt: skip


def _count(inst, model) -> int:  # type: ignore[no-untyped-def]
    with inst.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(
            model.deleted.is_(False))) or 0)  # fmt: skip


@pytest.mark.parametrize(
    ("header", "field"),
    [("Nom", "last_name"), ("Prénom(s)", "first_name"), ("Nom et prénoms", "full_name"),
     ("NOM COMPLET", "full_name"), ("Sexe (M/F)", "sex"), ("Genre", "sex"),
     ("Grade", "function"), ("Fonction / Grade", "function"), ("Institution", "organisation"),
     ("Organisation", "organisation"), ("Téléphone", "phone"), ("Tél.", "phone"),
     ("Numéro de téléphone", "phone"), ("Courriel", "email"), ("E-mail", "email"),
     ("Full name", "full_name"), ("Gender", "sex"), ("Position", "function"),
     ("Nationalité", "nationality"), ("Partenaire", "partner"), ("Catégorie", "category"),
     ("ФИО", "full_name"), ("Пол", "sex"), ("الاسم", "full_name"), ("N°", ""),
     ("Signature", ""), ("Observations diverses", None)],
)  # fmt: skip
def test_header_words_in_english_french_russian_arabic(header: str, field: str | None) -> None:
    assert pi.header_field(header) == field


@pytest.mark.parametrize(
    ("value", "sex"),
    [("F", "F"), ("m", "M"), ("Femme", "F"), ("HOMME", "M"), ("Female", "F"), ("male", "M"),
     ("féminin", "F"), ("Masculin", "M"), ("Mme", "F"), ("Ж", "F"), ("муж.", "M"), ("ذكر", "M"),
     ("أنثى", "F"), ("", "X"), ("peut-être", None)],
)  # fmt: skip
def test_sex_spellings(value: str, sex: str | None) -> None:
    assert pi.sex_from_text(value) == sex


def test_import_a_real_sign_in_sheet(installation, training, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = pi.read_sheet(write_list(tmp_path / "liste.xlsx"))
    assert data.header_line == 4
    mapping = pi.auto_mapping(installation, training.id, data)
    day1, day2, _day3 = training.sessions
    assert mapping == ["", "last_name", "first_name", "sex", "function", "organisation", "phone",
                       "email", "category", f"session:{day1.id}", f"session:{day2.id}"]  # fmt: skip
    preview = pi.build_preview(installation, training.id, data, mapping)
    rows = {r.full_name: r for r in preview.rows}
    assert set(rows) == {"Mumbere KAHINDO", "Furaha Masika", "Гульнара Юсупова",
                         "محمد الورفلي", "Jean-Pierre Kasereka", "Esther Nzanzu", "Total"}  # fmt: skip
    assert rows["Total"].skip_reason == "a total line, not a person"
    assert rows["Гульнара Юсупова"].sex == "F" and rows["محمد الورفلي"].sex == "M"
    assert rows["Jean-Pierre Kasereka"].sex == "X"
    assert any("féminin?" in p for p in rows["Jean-Pierre Kasereka"].problems)
    assert any("pas un mail" in p for p in rows["محمد الورفلي"].problems)
    assert any("'??'" in p for p in rows["Esther Nzanzu"].problems)
    assert rows["محمد الورفلي"].marks == ((day1.id, "present"), (day2.id, "excused"))
    choices = {c.raw: c for c in preview.choices}
    assert choices["Magistrat"].certain and choices["Police"].certain
    assert not choices["Correction"].certain
    assert choices["Correction"].candidates[0].label == "Corrections officer"

    with installation.db.reading() as session:  # the preview wrote nothing
        assert session.scalar(select(func.count()).select_from(Person)) == 0

    result = pi.apply_import(installation, preview)
    assert (result.created, result.matched, result.enrolled) == (6, 0, 6)
    assert [s.reason for s in result.skipped] == ["a total line, not a person"]
    assert any("'Correction' read as 'Corrections officer'" in n for n in result.notes)
    participants = {
        p.person.full_name: p.person for p in list_participants(installation, training.id)
    }
    assert participants["Furaha Masika"].category == "magistrate"
    assert participants["Гульнара Юсупова"].category == "magistrate"
    assert participants["Esther Nzanzu"].category == "corrections"
    assert participants["Mumbere KAHINDO"].phone == "+243 812 000 111"
    assert participants["محمد الورفلي"].email == ""
    grid = get_grid(installation, training.id)
    kahindo = participants["Mumbere KAHINDO"].id
    assert (
        grid.marks[(kahindo, day1.id)] == "present" and grid.marks[(kahindo, day2.id)] == "present"
    )
    assert grid.marks[(participants["Furaha Masika"].id, day2.id)] == "absent"
    assert result.marks == len(grid.marks) == 9
    report = build_report(installation, ReportFilter(training_id=training.id))
    assert report.participants == 6 and report.women == 3

    # the mapping is remembered for the same titles
    with installation.db.reading() as session:
        stored = session.get(ColumnMapping, pi.header_signature(data.headers))
        assert stored is not None and stored.mapping["columns"][9] == "auto"

    # importing the same list again creates nobody: each row is its own registered person
    again = pi.build_preview(installation, training.id, data, mapping)
    assert all(r.default_person for r in again.valid_rows)
    second = pi.apply_import(installation, again)
    assert (second.created, second.matched, second.already_registered) == (0, 6, 6)
    assert _count(installation, Person) == 6 and _count(installation, Enrolment) == 6


def test_remembered_mapping_wins_over_guesses(installation, training, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "list.csv"
    path.write_text("Nom;Sexe;Service;Remarque\nKavira Esther;F;Parquet;RAS\n", encoding="utf-8")
    data = pi.read_sheet(path)
    assert pi.auto_mapping(installation, training.id, data) == [
        "full_name",
        "sex",
        "organisation",
        "",
    ]
    preview = pi.build_preview(installation, training.id, data,
                               ["full_name", "sex", "function", "organisation"])  # fmt: skip
    pi.apply_import(installation, preview)
    assert pi.auto_mapping(installation, training.id, data) == [
        "full_name", "sex", "function", "organisation"]  # fmt: skip
    person = list_participants(installation, training.id)[0].person
    assert (person.function, person.organisation) == ("Parquet", "RAS")


def test_possible_duplicates_are_offered_not_silently_twinned(
    installation, training, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    known = create_person(installation, PersonInput("Goulnara Iousoupova", "F",
                                                    organisation="Supreme Court"))  # fmt: skip
    sure = create_person(installation, PersonInput("Mumbere Kahindo", "M",
                                                   phone="0812000111"))  # fmt: skip
    data = pi.read_sheet(write_list(tmp_path / "l.xlsx"))
    preview = pi.build_preview(installation, training.id, data,
                               pi.auto_mapping(installation, training.id, data))  # fmt: skip
    rows = {r.full_name: r for r in preview.rows}
    kahindo, yusupova = rows["Mumbere KAHINDO"], rows["Гульнара Юсупова"]
    assert kahindo.default_person == sure.id and "same phone" in kahindo.matches[0].reasons
    assert yusupova.default_person is None
    assert yusupova.matches[0].person_id == known.id
    assert preview.possible_duplicates == [yusupova]
    # the user confirms Yusupova is the known person, and leaves Esther out
    decisions = pi.ImportDecisions(
        people={yusupova.line: known.id, rows["Esther Nzanzu"].line: pi.SKIP},
        values={("category", "correction"): None},
    )
    result = pi.apply_import(installation, preview, decisions)
    assert (result.created, result.matched) == (3, 2)
    assert any(s.reason == "left out in the preview" for s in result.skipped)
    names = {p.person.full_name for p in list_participants(installation, training.id)}
    assert "Goulnara Iousoupova" in names and "Гульнара Юсупова" not in names
    assert _count(installation, Person) == 5  # 2 known + 3 new


def test_failure_midway_writes_nothing(installation, training, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = pi.read_sheet(write_list(tmp_path / "l.xlsx"))
    preview = pi.build_preview(installation, training.id, data,
                               pi.auto_mapping(installation, training.id, data))  # fmt: skip
    real_insert = pi.insert_for  # the dialect's INSERT (SQLite or PostgreSQL)

    def failing_insert(session, table):  # type: ignore[no-untyped-def]
        if table.name == "attendance":
            raise OSError("disk unplugged")
        return real_insert(session, table)

    monkeypatch.setattr(pi, "insert_for", failing_insert)
    with pytest.raises(OSError):
        pi.apply_import(installation, preview)
    assert _count(installation, Person) == 0 and _count(installation, Enrolment) == 0
    assert _count(installation, Attendance) == 0


def test_bad_lists_get_a_message_and_write_nothing(installation, training, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    no_names = tmp_path / "no-names.csv"
    no_names.write_text(
        "Sexe,Institution,Téléphone\nF,Parquet,0812\nM,PNC,0813\n", encoding="utf-8"
    )
    data = pi.read_sheet(no_names)
    with pytest.raises(UserError, match="No column holds the participants' names"):
        pi.build_preview(
            installation, training.id, data, pi.auto_mapping(installation, training.id, data)
        )

    junk = tmp_path / "junk.csv"
    lines = ["Nom;Sexe"] + [
        f"Esther Kavira {i};F" if i < 5 else f"{i * 7};0" for i in range(10_000)
    ]
    junk.write_text("\n".join(lines), encoding="utf-8")
    data = pi.read_sheet(junk)
    with pytest.raises(UserError, match="9,995 of the 10,000 rows do not hold a person's name"):
        pi.build_preview(
            installation, training.id, data, pi.auto_mapping(installation, training.id, data)
        )

    numbers = tmp_path / "numbers.csv"
    numbers.write_text("Nom,Sexe\n12,F\n13,M\n", encoding="utf-8")
    data = pi.read_sheet(numbers)
    with pytest.raises(UserError, match="None of the 2 rows looks like a participant"):
        pi.build_preview(installation, training.id, data, ["full_name", "sex"])
    with pytest.raises(UserError, match="Two columns are set to 'Sex'"):
        pi.check_mapping(["full_name", "sex", "sex"])
    assert _count(installation, Person) == 0


def test_header_dates_day_first_and_session_columns(training) -> None:  # type: ignore[no-untyped-def]
    assert pi.header_dates("05/03/2024", 2024)[0] == date(2024, 3, 5)
    assert pi.header_dates("Jour 2 (5 mars)", 2024) == [date(2024, 3, 5)]
    assert pi.header_dates("2024-03-06", 2000) == [date(2024, 3, 6)]
    day1, day2, day3 = training.sessions
    columns = pi.session_columns(["Nom", "04/03", "3/5/2024", "6 mars"], training.sessions, 2024)
    assert columns == {1: day1.id, 2: day2.id, 3: day3.id}  # 3/5 read US-style: no 3 May session


def test_cli_import_without_a_terminal(installation, training, tmp_path: Path, home: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_list(tmp_path / "liste.xlsx")
    result = subprocess.run(  # stdin is not a terminal, as in a script
        [*MUSTER_EXE, "--home", str(home), "participants", "import", "Formation Beni", str(path)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Nom -> Last name" in result.stdout
    assert "6 new" in result.stdout and "row 14: Total" in result.stdout
    code, out, err = run_cli(
        "participants", "import", training.id[:8], str(path), "--yes", home=home
    )
    assert code == 0, err
    assert "0 new, 6 already known (6 already registered" in out
    code, out, err = run_cli("participants", "import", training.id, str(tmp_path / "nope.csv"),
                             "--yes", home=home)  # fmt: skip
    assert code == 1 and "no file called nope.csv" in err
    code, out, err = run_cli("participants", "import", training.id, str(path), "--dry-run",
                             "--yes", home=home)  # fmt: skip
    assert code == 0 and "Dry run: nothing was written." in out
