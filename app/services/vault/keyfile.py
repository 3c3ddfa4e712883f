"""The data key and its two wraps, as password managers keep theirs.

A random 256-bit data key encrypts the database (SQLCipher), its backups and the
kept files. It is stored only wrapped, in ``keys/data-key.json``:

- by the passphrase: Argon2id (RFC 9106) turns the passphrase and a random salt
  into a key-encryption key, which seals the data key with AES-256-GCM. The
  Argon2id parameters are stored with the wrap, so they can be raised later and
  a wrap made with other parameters still opens;
- by the recovery key (shown once, written down by the user): 160 random bits, so
  HKDF-SHA256 is enough to turn it into a key-encryption key.

Changing the passphrase re-wraps the same data key: the database is not rewritten.
A wrong passphrase fails the GCM tag check, which says nothing else about the key.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import NewerVersionError, UserError
from app.fileio import write_atomically
from app.l10n import Phrase

FORMAT = "muster-data-key"
VERSION = 1
KEY_BYTES = 32
MAX_KEY_FILE = 64 * 1024
RECOVERY_BYTES = 20  # 160 bits: 32 characters of base32 in eight groups of four
# Crockford's base32: no I, L, O or U, so a written key cannot be misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"O": "0", "I": "1", "L": "1"}


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored with each passphrase wrap."""

    # OWASP's first Argon2id configuration (46 MiB, 1 pass, 1 lane): about 0.09 s here,
    # mostly hidden behind the main window's imports at launch (15 % start-up budget).
    memory_kib: int = 47104
    iterations: int = 1
    lanes: int = 1

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(secret)


STRONG_KDF = KdfParams()


class _Derivation:
    """One Argon2id run, done once; others wait for its key (a small Future)."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.key: bytes | None = None

    def result(self, params: KdfParams, secret: bytes, salt: bytes) -> bytes:
        self.done.wait()
        # The run failed in another thread: run it here, for its error or its key.
        return self.key if self.key is not None else params.derive(secret, salt)


class _KekCache:
    """Key-encryption keys derived in this process, so one unlock costs one Argon2id run.

    The process holds the data key itself once unlocked, so keeping what unwrapped
    it adds nothing a memory reader would not already have. Keyed by a hash. A
    derivation still running (started ahead by :func:`derive_ahead`) is waited for,
    not run twice.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keks: dict[bytes, _Derivation] = {}

    def derive(self, params: KdfParams, secret: bytes, salt: bytes) -> bytes:
        token, found, mine = self._claim(params, secret, salt)
        if not mine:
            return found.result(params, secret, salt)
        return self._run(token, found, params, secret, salt)

    def start(self, params: KdfParams, secret: bytes, salt: bytes) -> None:
        """Claim the run here, so an unlock that comes before the thread has started
        waits for it, then run it in a background thread."""
        token, found, mine = self._claim(params, secret, salt)
        if mine:
            threading.Thread(
                target=self._run_quietly,
                args=(token, found, params, secret, salt),
                name="muster-kdf-ahead",
                daemon=True,
            ).start()

    def _claim(
        self, params: KdfParams, secret: bytes, salt: bytes
    ) -> tuple[bytes, _Derivation, bool]:
        token = hashlib.sha256(
            b"%d/%d/%d/" % (params.memory_kib, params.iterations, params.lanes) + salt + secret
        ).digest()
        with self._lock:
            found = self._keks.get(token)
            mine = found is None
            if found is None:
                found = self._keks[token] = _Derivation()
        return token, found, mine

    def _run_quietly(self, *args: Any) -> None:
        with contextlib.suppress(Exception):  # the unlock that needs it reports the error
            self._run(*args)

    def _run(self, token: bytes, found: _Derivation, params: KdfParams, secret: bytes,
             salt: bytes) -> bytes:  # fmt: skip
        try:
            key = found.key = params.derive(secret, salt)
        except BaseException:
            with self._lock:
                del self._keks[token]
            raise
        finally:
            found.done.set()
        return key


_CACHE = _KekCache()


def derive_ahead(path: Path, passphrase: str) -> None:
    """Start the Argon2id run that unlocking ``path`` with ``passphrase`` will need.

    It runs in a background thread (the library releases the GIL), so a command or
    the app can import its modules meanwhile; the unlock then finds the result ready.
    No key file (a new or plaintext folder: the unlock makes one): nothing to start.
    Anything else wrong (a damaged file) is left for the unlock to report.
    """
    try:
        if not path.is_file():
            return
    except OSError:
        return

    with contextlib.suppress(Exception):  # reading the small key file takes no time
        wrap = load(path).passphrase
        _CACHE.start(_params(wrap), passphrase.encode("utf-8"), _unb64(wrap["salt"]))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    return base64.b64decode(value, validate=True)


def _aad(slot: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{slot}".encode("ascii")


def _seal(kek: bytes, key: bytes, slot: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, key, _aad(slot)))}


def _open(kek: bytes, wrap: dict[str, Any], slot: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["wrapped"]), _aad(slot))
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def _recovery_kek(secret: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"muster recovery key").derive(secret)


# --- recovery keys as people write them ---------------------------------------------------


def format_recovery_key(secret: bytes) -> str:
    """'7G4K-…' : eight groups of four characters of Crockford base32."""
    number = int.from_bytes(secret, "big")
    chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in range(len(secret) * 8 // 5)][::-1]
    text = "".join(chars)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The secret from what the user typed (case, spaces, dashes and O/0, I/L/1 forgiven)."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in cleaned)
    expected = RECOVERY_BYTES * 8 // 5
    if len(cleaned) != expected or any(ch not in _ALPHABET for ch in cleaned):
        raise UserError(
            Phrase(
                "That is not a recovery key: it has 32 letters and digits, in eight groups of four."
            ),
            field="recovery_key",
        )
    number = 0
    for ch in cleaned:
        number = (number << 5) | _ALPHABET.index(ch)
    return number.to_bytes(RECOVERY_BYTES, "big")


# --- the key file ------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFile:
    """What ``data-key.json`` holds: the two wraps of one data key."""

    passphrase: dict[str, Any]
    recovery: dict[str, Any] | None
    created_at: str

    @property
    def has_recovery(self) -> bool:
        return self.recovery is not None

    @property
    def kdf(self) -> KdfParams:
        return _params(self.passphrase)


def _params(wrap: dict[str, Any]) -> KdfParams:
    if wrap.get("kdf") != "argon2id":
        raise ValueError("unknown key derivation")
    values = [wrap.get(k) for k in ("memory_kib", "iterations", "lanes")]
    if not all(isinstance(v, int) and 0 < v < 1 << 24 for v in values):
        raise ValueError("bad key derivation parameters")
    return KdfParams(*values)  # type: ignore[arg-type]


def _damaged(path: Path) -> UserError:
    return UserError(
        Phrase(
            "The key file {path} is damaged, so the data cannot be unlocked. Put back a copy of "
            "the keys folder.",
            path=path,
        )
    )


def load(path: Path) -> KeyFile:
    """Read the key file; UserError in one sentence when it is missing or damaged."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE + 1)
    except FileNotFoundError:
        raise UserError(
            Phrase(
                "The key file {path} is missing, so the database cannot be unlocked. Put back a "
                "copy of the keys folder.",
                path=path,
            )
        ) from None
    except OSError as exc:
        raise UserError(
            Phrase(
                "Cannot read the key file {path}: {reason}.", path=path, reason=exc.strerror or exc
            )
        ) from None
    try:
        data = json.loads(raw)
        if len(raw) > MAX_KEY_FILE or data.get("format") != FORMAT:
            raise ValueError("not a key file")
        if data.get("version") != VERSION:
            raise NewerVersionError(
                Phrase("The key file {path} was made by a newer version of Muster.", path=path)
            )
        passphrase = data["passphrase"]
        _params(passphrase)
        recovery = data.get("recovery")
        for wrap in (passphrase, recovery):
            if wrap is not None:
                _unb64(wrap["salt"]), _unb64(wrap["nonce"]), _unb64(wrap["wrapped"])
        return KeyFile(passphrase, recovery, str(data.get("created_at", "")))
    except UserError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _damaged(path) from None


def save(path: Path, keyfile: KeyFile) -> None:
    """Write the key file atomically, private to the user."""
    body = {"format": FORMAT, "version": VERSION, **asdict(keyfile)}
    write_atomically(path, json.dumps(body, indent=1).encode("utf-8"), private=True)


def passphrase_wrap(key: bytes, passphrase: str, params: KdfParams) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = _CACHE.derive(params, passphrase.encode("utf-8"), salt)
    return {"kdf": "argon2id", **asdict(params), "salt": _b64(salt), **_seal(kek, key, "pass")}


def recovery_wrap(key: bytes) -> tuple[dict[str, Any], str]:
    """A new recovery wrap of ``key`` and the recovery key to show the user."""
    secret, salt = secrets.token_bytes(RECOVERY_BYTES), secrets.token_bytes(16)
    wrap = {
        "kdf": "hkdf-sha256",
        "salt": _b64(salt),
        **_seal(_recovery_kek(secret, salt), key, "recovery"),
    }
    return wrap, format_recovery_key(secret)


def new_keyfile(key: bytes, passphrase: str, params: KdfParams) -> KeyFile:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return KeyFile(passphrase_wrap(key, passphrase, params), None, now)


def unwrap_with_passphrase(keyfile: KeyFile, passphrase: str) -> bytes | None:
    wrap = keyfile.passphrase
    kek = _CACHE.derive(keyfile.kdf, passphrase.encode("utf-8"), _unb64(wrap["salt"]))
    return _open(kek, wrap, "pass")


def unwrap_with_recovery(keyfile: KeyFile, recovery_key: str) -> bytes | None:
    secret = parse_recovery_key(recovery_key)
    if keyfile.recovery is None:
        return None
    wrap = keyfile.recovery
    return _open(_recovery_kek(secret, _unb64(wrap["salt"])), wrap, "recovery")


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)
