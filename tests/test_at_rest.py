"""A lost laptop shows nothing: encrypted database, backups and kept files; the passphrase,
the recovery key and the upgrade of an earlier release's plaintext folder, through the CLI."""

from __future__ import annotations

import io
import shutil
import signal
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.db.cipher import has_plaintext_header
from app.errors import UserError
from app.paths import Paths
from app.services import vault
from tests.helpers import connect_database, dump_database, run_cli, run_forked
from tests.test_participant_import import write_list

PASS = "correct horse battery staple"
NEW_PASS = "violet tractors sing at dawn"


def _names(database: Path) -> set[str]:
    conn = connect_database(database)
    try:
        rows = conn.execute("SELECT full_name FROM people").fetchall()
    finally:
        conn.close()
    return {r[0] for r in rows if r[0]}


def _needles(names: set[str]) -> list[bytes]:
    """Every name, and each part of four letters or more, in UTF-8 and UTF-16 (PDF text)."""
    parts = {p for n in names for p in n.replace("-", " ").split() if len(p) >= 4}
    out = set()
    for text in {*names, *parts}:
        out.add(text.encode("utf-8"))
        out.add(text.encode("utf-16-be"))
    return sorted(out)


def _every_byte(folder: Path) -> list[tuple[str, bytes]]:
    """Every file under ``folder``, and every member of every ZIP in it (nested too)."""
    found: list[tuple[str, bytes]] = []

    def add(label: str, data: bytes) -> None:
        found.append((label, data))
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    add(f"{label}!{member}", archive.read(member))

    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        add(str(file.relative_to(folder)), file.read_bytes())
    return found


def _leaks(folder: Path, names: set[str]) -> list[str]:
    needles = _needles(names)
    return [
        f"{label}: {needle!r}"
        for label, data in _every_byte(folder)
        for needle in needles
        if needle in data
    ]


@pytest.mark.timeout(240)
def test_after_a_full_workflow_no_name_is_readable_in_the_data_folders(tmp_path: Path) -> None:
    field, hq = tmp_path / "field", tmp_path / "hq"
    out = tmp_path / "out"  # where the user chose to save: plaintext on purpose
    out.mkdir()
    steps = [
        (field, ["init", "--name", "Awa Kahindo", "--title", "FP", "--mission", "MONUSCO"]),
        (field, ["demo", "--mission", "MONUSCO"]),
        (hq, ["init", "--name", "HQ New York", "--title", "Analyst", "--role", "hq"]),
        (hq, ["identity", "--export", str(tmp_path / "hq.pem")]),
        (field, ["identity", "--export", str(tmp_path / "field.pem")]),
        (hq, ["trust", "add", str(tmp_path / "field.pem"), "--yes"]),
        (hq, ["hq-key", "export", str(tmp_path / "hq-key.json")]),
        (field, ["hq-key", "set", str(tmp_path / "hq-key.json"), "--yes"]),
    ]
    for home, args in steps:
        code, _, err = run_cli(*args, home=home)
        assert code == 0, (args, err)
    code, stdout, err = run_cli("trainings", "--json", home=field)
    import json

    training = json.loads(stdout)[0]["id"]
    sheet = write_list(tmp_path / "liste.xlsx")
    for args in (
        ["participants", "import", training, str(sheet), "--yes"],
        ["pdf", training, "-o", str(out / "summary.pdf")],
        ["sheet", training, "-o", str(out / "sheets.pdf")],
        ["backup"],
        ["export", "-o", str(out / "bundle.muster")],
    ):
        code, _, err = run_cli(*args, home=field)
        assert code == 0, (args, err)
    code, _, err = run_cli("import", str(out / "bundle.muster"), home=hq)
    assert code == 0, err
    code, _, err = run_cli("backup", home=hq)
    assert code == 0, err

    names = _names(field / "muster.sqlite3")
    assert "Гульнара Юсупова" in names or any("Юсупова" in n for n in names)
    assert any("الورفلي" in n for n in names) and len(names) > 50
    assert _names(hq / "muster.sqlite3") >= names - {"Awa Kahindo"}  # HQ holds them too
    # The user's own exports do hold the names (a sanity check of the scan itself)...
    assert _leaks(out, names)
    # ...but nothing Muster keeps does, in any script, in any file or ZIP member.
    for home in (field, hq):
        assert (home / "documents").is_dir() and list((home / "documents").iterdir())
        assert len(list((home / "backups").iterdir())) >= 1
        assert _leaks(home, names) == []


@pytest.mark.timeout(180)
def test_missing_and_wrong_passphrase_are_one_sentence(demo_installation, tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = demo_installation.paths.home
    demo_installation.close()
    before = dump_database(home / "muster.sqlite3")
    for env, said in (({"MUSTER_PASSPHRASE": ""}, "No passphrase given"),
                      ({"MUSTER_PASSPHRASE": "not the passphrase"}, "The passphrase is not right.")):  # fmt: skip
        done = run_forked("trainings", home=home, env=env)
        assert done.returncode == 1, done.stderr
        assert done.stderr.count("\n") == 1 and said in done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS + "\n", encoding="utf-8")
    done = run_forked("trainings", "--passphrase-file", str(secret), home=home,
                      env={"MUSTER_PASSPHRASE": ""})  # fmt: skip
    assert done.returncode == 0 and "MONUSCO" in done.stdout, done.stderr
    assert dump_database(home / "muster.sqlite3") == before


@pytest.mark.timeout(240)
def test_passphrase_change_and_recovery_key_through_the_cli(home: Path, tmp_path: Path) -> None:
    env = {"MUSTER_PASSPHRASE": PASS}
    done = run_forked("init", "--name", "Jean Mukendi", "--title", "FP", "--mission", "MONUSCO",
                      home=home, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    recovery = done.stdout.split("Recovery key:")[1].split()[0]
    assert len(recovery) == 39 and recovery.count("-") == 7
    key_file = Paths(home).data_key.read_bytes()
    database = (home / "muster.sqlite3").read_bytes()

    # A guessable new passphrase is refused with the reason; nothing changes.
    for weak, said in (("1234567890", "common"), ("aaaaaaaaaaaa", "repeats"),
                       ("Jean Mukendi 2024", "your own name")):  # fmt: skip
        done = run_forked("passphrase", "change", home=home,
                          env={**env, "MUSTER_NEW_PASSPHRASE": weak})  # fmt: skip
        assert done.returncode == 1 and said in done.stderr, done.stderr
    assert Paths(home).data_key.read_bytes() == key_file
    done = run_forked("passphrase", "change", home=home,
                      env={**env, "MUSTER_NEW_PASSPHRASE": NEW_PASS})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (home / "muster.sqlite3").read_bytes()[:4096] == database[:4096]  # not rewritten
    done = run_forked("trainings", home=home, env=env)
    assert done.returncode == 1 and "The passphrase is not right." in done.stderr
    done = run_forked("trainings", home=home, env={"MUSTER_PASSPHRASE": NEW_PASS})
    assert done.returncode == 0, done.stderr
    from app.services.identity import check_signing_passphrase

    assert check_signing_passphrase(Paths(home), NEW_PASS) is not None  # it changed with it

    # Forgotten: the recovery key unlocks, a new passphrase is set, the signing key follows.
    typed = tmp_path / "recovery.txt"
    typed.write_text(recovery.lower().replace("-", " ") + "\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("0000-0000-0000-0000-0000-0000-0000-0000", encoding="utf-8")
    reset = {"MUSTER_PASSPHRASE": "", "MUSTER_NEW_PASSPHRASE": "quiet rivers carry old maps"}
    done = run_forked("passphrase", "reset", "--recovery-key-file", str(wrong), home=home,
                      env=reset)  # fmt: skip
    assert done.returncode == 1 and "does not unlock" in done.stderr
    done = run_forked("passphrase", "reset", "--recovery-key-file", str(typed), home=home,
                      env=reset)  # fmt: skip
    assert done.returncode == 0, done.stderr
    from app.services.identity import check_signing_passphrase

    assert check_signing_passphrase(Paths(home), "quiet rivers carry old maps") is not None
    done = run_forked("passphrase", "recovery-key", home=home,
                      env={"MUSTER_PASSPHRASE": "quiet rivers carry old maps"})  # fmt: skip
    assert done.returncode == 0 and "Recovery key:" in done.stdout
    done = run_forked("passphrase", "reset", "--recovery-key-file", str(typed), home=home,
                      env=reset)  # fmt: skip
    assert done.returncode == 1 and "does not unlock" in done.stderr  # replaced


@pytest.mark.timeout(240)
def test_recovery_key_reset_brings_back_the_hq_bundle_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HQ forgot its passphrase: after the reset, bundles sent to its key still import."""
    from app.services.sync.hq_key import ESCROW_FILE, SECRET_FILE

    field, hq = tmp_path / "field", tmp_path / "hq"
    bundle = str(tmp_path / "bundle.muster")
    code, out, err = run_cli("init", "--name", "HQ New York", "--title", "Analyst", "--role",
                             "hq", home=hq)  # fmt: skip
    assert code == 0, err
    recovery = tmp_path / "recovery.txt"
    recovery.write_text(out.split("Recovery key:")[1].split()[0], encoding="utf-8")
    for home, args in (
        (field, ["init", "--name", "Awa Kahindo", "--title", "FP", "--mission", "MONUSCO"]),
        (field, ["identity", "--export", str(tmp_path / "field.pem")]),
        (hq, ["trust", "add", str(tmp_path / "field.pem"), "--yes"]),
        (hq, ["hq-key", "export", str(tmp_path / "hq-key.json")]),
        (field, ["hq-key", "set", str(tmp_path / "hq-key.json"), "--yes"]),
        (field, ["export", "-o", bundle]),
    ):
        code, out, err = run_cli(*args, home=home)
        assert code == 0, (args, err)
    secret, sealed = hq / "keys" / SECRET_FILE, hq / "keys" / ESCROW_FILE
    assert sealed.exists() and b"AGE-SECRET-KEY" not in sealed.read_bytes()

    # An HQ key from before the sealed copy existed gets it when the passphrase opens it.
    sealed.unlink()
    code, _, err = run_cli("import", bundle, "--dry-run", home=hq)
    assert code == 0, err
    assert sealed.exists()

    monkeypatch.setenv("MUSTER_PASSPHRASE", "")
    monkeypatch.setenv("MUSTER_NEW_PASSPHRASE", NEW_PASS)
    before = secret.read_bytes()
    code, out, err = run_cli("passphrase", "reset", "--recovery-key-file", str(recovery), home=hq)
    assert code == 0, err
    assert "The passphrase is changed" in out and "HQ key" not in out  # nothing left behind
    assert secret.read_bytes() != before
    import pyrage

    with pytest.raises(pyrage.DecryptError):  # the old passphrase no longer opens it
        pyrage.passphrase.decrypt(secret.read_bytes(), PASS)
    monkeypatch.setenv("MUSTER_PASSPHRASE", NEW_PASS)
    code, out, err = run_cli("import", bundle, home=hq)  # HQ's key opens with the new one
    assert code == 0, err

    # Without a sealed copy the reset still succeeds, and says what it could not bring back.
    sealed.unlink()
    before = secret.read_bytes()
    monkeypatch.setenv("MUSTER_NEW_PASSPHRASE", "quiet rivers carry old maps")
    code, out, err = run_cli("passphrase", "reset", "--recovery-key-file", str(recovery), home=hq)
    assert code == 0, err
    assert "The HQ key that opens bundles still needs the old passphrase" in out
    assert secret.read_bytes() == before


# --- upgrading an earlier release's plaintext folder ----------------------------------------


def _plaintext_folder(tmp_path: Path, demo_installation) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """An earlier release's data folder: plaintext database, backup and document."""
    template = demo_installation.paths.database
    demo_installation.close()
    home = tmp_path / "old"
    (home / "backups").mkdir(parents=True)
    (home / "documents").mkdir()
    (home / "exports").mkdir()
    plain = home / "muster.sqlite3"
    src = connect_database(template)
    dst = sqlite3.connect(plain)
    for line in src.iterdump():  # a plaintext copy, as an earlier release kept it
        if not line.startswith(("BEGIN", "COMMIT")):
            dst.execute(line)
    dst.commit()
    dst.execute("PRAGMA journal_mode=WAL")
    dst.close()
    src.close()
    shutil.copyfile(plain, home / "backups" / "muster-20240101-120000-000000-manual.sqlite3")
    (home / "documents" / "old.pdf").write_bytes(b"%PDF-1.4 Mumbere Kahindo signed")
    (home / "exports" / "participants.csv").write_text("Mumbere Kahindo\n", encoding="utf-8")
    return home, dump_database(plain)


def _converting(home: Path, kill_at: int | None) -> subprocess.CompletedProcess[str]:
    """``muster trainings`` on the old folder, SIGKILLed at the ``kill_at``-th file step."""
    crash = (
        "import os, shutil, signal\n"
        "from app.db import cipher\n"
        "from app.services.vault import upgrade\n"
        f"limit = {kill_at!r}\n"
        "count = [0]\n"
        "def step(name, real):\n"
        "    def wrapped(*a, **k):\n"
        "        count[0] += 1\n"
        "        if limit is not None and count[0] == limit:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        result = real(*a, **k)\n"
        "        if limit is not None and count[0] + 1000 == limit:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        return result\n"
        "    return wrapped\n"
        "upgrade.os = type('os', (), {k: getattr(os, k) for k in dir(os) if not k.startswith('__')})\n"
        "upgrade.os.replace = step('replace', os.replace)\n"
        "upgrade.os.fsync = step('fsync', os.fsync)\n"
        "upgrade.export_encrypted = step('export', cipher.export_encrypted)\n"
        "upgrade.shutil = type('sh', (), {'copyfile': step('copy', shutil.copyfile), "
        "'move': shutil.move, 'rmtree': shutil.rmtree})\n"
        "upgrade.write_atomically = step('write', upgrade.write_atomically)\n"
    )
    # A process of its own for each launch (SIGKILL really kills it), forked from one
    # that imported Muster once: 24 launches, not 24 interpreter start-ups.
    return run_forked("trainings", home=home, env={"MUSTER_PASSPHRASE": PASS}, setup=crash)


def _opens(home: Path, expected_dump: str) -> None:
    """Either the old plaintext database or the new encrypted one, holding the same data."""
    database = home / "muster.sqlite3"
    if has_plaintext_header(database):
        conn = sqlite3.connect(database)
        dumped = "\n".join(conn.iterdump())
        conn.close()
    else:
        dumped = dump_database(database)
    assert dumped == expected_dump


@pytest.mark.timeout(300)
def test_plaintext_upgrade_survives_sigkill_at_every_step(
    tmp_path: Path, demo_installation
) -> None:  # type: ignore[no-untyped-def]
    home, before = _plaintext_folder(tmp_path, demo_installation)
    pristine = tmp_path / "pristine"
    shutil.copytree(home, pristine)
    killed_at: list[int] = []
    for kill_at in [*range(1, 10), 1002, 1004, 1006]:  # before, and after, each step
        shutil.rmtree(home)
        shutil.copytree(pristine, home)
        done = _converting(home, kill_at)
        if done.returncode == -signal.SIGKILL:
            killed_at.append(kill_at)
        else:
            assert done.returncode == 0, done.stderr
        _opens(home, before)  # whatever the moment: one of the two opens, nothing lost
        finished = _converting(home, None)  # the next launch finishes the upgrade
        assert finished.returncode == 0, finished.stderr
        assert "MONUSCO" in finished.stdout
        _opens(home, before)
        _check_upgraded(home)
    assert len(killed_at) >= 9  # it really died at many points, before and after the swap


def _check_upgraded(home: Path) -> None:
    assert not has_plaintext_header(home / "muster.sqlite3")
    assert not (home / "exports").exists() and not Paths(home).upgrade_marker.exists()
    for file in (home / "backups").iterdir():
        assert not has_plaintext_header(file), file.name
        assert not file.name.endswith(".partial")
    assert (home / "documents" / "old.pdf").read_bytes().startswith(b"MUSTER-SEALED-1")
    assert b"Kahindo" not in b"".join(f.read_bytes() for f in home.rglob("*") if f.is_file())
    assert any("before-encryption" in f.name for f in (home / "backups").iterdir())
    assert (Paths(home).exports / "participants.csv").exists()  # the user's export, moved out
    assert vault.has_key(Paths(home)) and not vault.has_recovery_key(Paths(home))


@pytest.mark.timeout(180)
def test_upgrade_needs_the_signing_key_passphrase(tmp_path: Path, demo_installation) -> None:  # type: ignore[no-untyped-def]
    home, before = _plaintext_folder(tmp_path, demo_installation)
    from cryptography.hazmat.primitives.asymmetric import ec

    from app.services.identity import encrypt_private_key

    (home / "keys").mkdir()
    key = ec.generate_private_key(ec.SECP256R1())
    (home / "keys" / "signing-key.pem").write_bytes(encrypt_private_key(key, PASS))
    done = run_forked("trainings", home=home, env={"MUSTER_PASSPHRASE": "some other words here"})
    assert done.returncode == 1 and "The passphrase is not right." in done.stderr
    assert has_plaintext_header(home / "muster.sqlite3") and not vault.has_key(Paths(home))
    done = run_forked("trainings", home=home, env={"MUSTER_PASSPHRASE": PASS})
    assert done.returncode == 0, done.stderr
    _opens(home, before)
    assert (home / "keys" / "signing-key.pem").read_bytes()  # untouched, same passphrase


def test_an_encrypted_connection_gets_every_pragma_after_its_key(installation) -> None:  # type: ignore[no-untyped-def]
    """Keyed first (else nothing reads), SQLCipher 4's page format, then WAL, FULL sync,
    foreign keys, the page cache the big report needs, temporary files in memory."""
    from app.db.engine import CACHE_KIB

    assert installation.key is not None and not has_plaintext_header(installation.paths.database)
    with installation.db.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "cache_size", "temp_store",
                         "cipher_page_size", "cipher_hmac_algorithm")
        }  # fmt: skip
        assert conn.exec_driver_sql("SELECT count(*) FROM trainings").scalar() is not None
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "cache_size": -CACHE_KIB, "temp_store": 2, "cipher_page_size": "4096",
                      "cipher_hmac_algorithm": "HMAC_SHA512"}  # fmt: skip
    assert CACHE_KIB >= 128 * 1024


def test_the_app_starts_the_given_passphrase_s_key_derivation_first(
    installation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """``MUSTER_PASSPHRASE`` set: its Argon2id run starts before the app's imports; without
    one, or without a key file, nothing is read before the unlock screen."""
    import threading

    from app import launch
    from app.services.vault import keyfile

    real_derive_ahead = keyfile.derive_ahead
    started: list[tuple[Path, str]] = []
    monkeypatch.setattr(keyfile, "derive_ahead", lambda path, given: started.append((path, given)))
    monkeypatch.setenv(vault.PASSPHRASE_ENV, "correct horse battery staple")
    launch.unlock_ahead(str(installation.paths.home))
    assert started == [(installation.paths.data_key, "correct horse battery staple")]
    monkeypatch.delenv(vault.PASSPHRASE_ENV)
    launch.unlock_ahead(str(installation.paths.home))
    assert len(started) == 1
    # A folder with no key file yet (new, or plaintext to upgrade): no derivation starts;
    # with one, a thread does.
    threads: list[str] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            threads.append(self.name)

    monkeypatch.setattr(keyfile.threading, "Thread", Recorded)
    real_derive_ahead(tmp_path / "new-folder" / "keys" / "data-key.json", "any passphrase")
    assert threads == []
    real_derive_ahead(installation.paths.data_key, "any passphrase")
    assert threads == ["muster-kdf-ahead"]


def test_a_derivation_started_ahead_is_waited_for_and_never_run_twice(
    installation, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """``derive_ahead`` runs Argon2id in a thread; the unlock that follows waits for it and
    gets the same key; a wrong passphrase ahead changes nothing for the right one."""
    import threading

    from app.services.vault import keyfile

    runs: list[str] = []
    release = threading.Event()
    real = keyfile.KdfParams.derive

    def slow_derive(self: keyfile.KdfParams, secret: bytes, salt: bytes) -> bytes:
        runs.append(threading.current_thread().name)
        release.wait(10)  # the unlock below must wait for this run, not start its own
        return real(self, secret, salt)

    monkeypatch.setattr(keyfile, "_CACHE", keyfile._KekCache())
    monkeypatch.setattr(keyfile.KdfParams, "derive", slow_derive)
    keyfile.derive_ahead(installation.paths.data_key, "not the passphrase")
    keyfile.derive_ahead(installation.paths.data_key, "correct horse battery staple")
    threading.Timer(0.2, release.set).start()
    key = vault.unlock(installation.paths, "correct horse battery staple")
    assert key == installation.key
    assert sorted(runs) == ["muster-kdf-ahead", "muster-kdf-ahead"]  # none in the unlock
    with pytest.raises(UserError):
        vault.unlock(installation.paths, "not the passphrase")
    assert len(runs) == 2


def test_the_command_line_starts_the_derivation_before_the_command(
    installation, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from app.services.vault import keyfile

    started: list[tuple[Path, str]] = []
    monkeypatch.setattr(keyfile, "derive_ahead", lambda path, given: started.append((path, given)))
    monkeypatch.setenv(vault.PASSPHRASE_ENV, "correct horse battery staple")
    installation.close()
    code, _out, err = run_cli("report", "--json", home=installation.paths.home)
    assert code == 0, err
    assert started == [(installation.paths.data_key, "correct horse battery staple")]
