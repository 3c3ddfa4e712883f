"""One Muster window per data folder.

Two writers on one SQLite file would be safe for the data, but confusing for the
user (two windows, each missing the other's edits). The first launch holds a
``QLockFile`` on ``paths.lock_file`` (stale locks left by a crash are detected by
process id and removed) and listens on a ``QLocalServer`` whose name is a hash of
the user and the data folder. A second launch on the same folder fails to take the
lock, connects to that server and asks the running window to come forward, then
exits; when that is impossible it says plainly that Muster is already open.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.paths import Paths

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACK = b"ok\n"
CONNECT_TIMEOUT_MS = 1500


def server_name(paths: Paths) -> str:
    """A local-socket name unique to this user and data folder, short enough for Unix."""
    try:
        user = getpass.getuser()
    except Exception:  # pragma: no cover - no user name in the environment
        user = ""
    key = f"{user}\0{paths.home.resolve()}".encode()
    return "muster-" + hashlib.sha256(key).hexdigest()[:24]


def _lock(paths: Paths) -> QLockFile:
    # An unusable folder is explained in plain words by the start-up checks.
    with contextlib.suppress(OSError):
        paths.home.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


def app_is_running(paths: Paths) -> bool:
    """Whether a Muster window has this data folder open (for ``muster restore``)."""
    lock = _lock(paths)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


class SingleInstance(QObject):
    """Holds the data folder for this process; emits ``activation_requested`` on a 2nd launch."""

    activation_requested = Signal()

    def __init__(self, paths: Paths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.name = server_name(paths)
        self._lock = _lock(paths)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the folder for this process; False when another Muster holds it."""
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False  # another process holds it
            # No lock can be made here (a read-only or missing folder): carry on, and let
            # the start-up checks explain the folder problem in plain words.
            log.warning("no single-instance lock in %s: %s", self.paths.home, self._lock.error())
            return True
        QLocalServer.removeServer(self.name)  # a socket left by a crashed launch
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # The window still works; a second launch will just say Muster is open.
            log.warning("single-instance server not listening: %s", server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ACTIVATE:
            socket.write(ACK)
            socket.flush()
            self.activation_requested.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def ask_running_instance_to_activate(self) -> bool:
        """Ask the window that holds the folder to come forward; True if it answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        answered = socket.waitForReadyRead(CONNECT_TIMEOUT_MS) and socket.canReadLine()
        reply = bytes(socket.readLine().data()) if answered else b""
        socket.disconnectFromServer()
        return reply == ACK


def bring_forward(window: QObject) -> None:
    """Show, raise and focus a main window (restoring it when minimised)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    if not isinstance(window, QWidget):
        return
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
