"""The passphrase of the running app, in memory only, so signing asks for it no more.

Set by the unlock step (app/ui/app.py) and by a passphrase change; read by the
signing-key prompt and the first-run welcome. A module of its own, importing
nothing, so every window can reach it without import cycles.
"""

from __future__ import annotations

_passphrase: str | None = None


def remember(passphrase: str | None) -> None:
    global _passphrase
    _passphrase = passphrase


def known() -> str | None:
    return _passphrase
