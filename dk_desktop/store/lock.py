"""One app at a time per database file: a second window gets a clear message instead
of a locked or corrupted file. The lock is held by the operating system on an open
file, so it disappears with the process even after a power cut or a crash.

The lock follows the file, not the name it was opened by: a symbolic link or a second
(hard) link to the same database must not let it be opened twice. On Linux and macOS the
database file itself is locked (flock, which SQLite's own fcntl locks do not see), so
every name of it shares the one lock. On Windows, where a locked byte cannot be read by
anybody else (SQLite included), byte 0 of a «.lock» file beside the real file (links
resolved) is locked; a hard link has another real name, so byte 0 of a second lock file
named after the file's identity (volume and file index, the same for every name of it) in
the user's temporary folder is locked too. A file that does not exist yet is locked through
that «.lock» file while it is created; ``follow()`` then moves the lock onto the new file
(on Windows: adds the identity's).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from ..paths import can_write
from .errors import DatabaseInUse, StoreError, folder_message, from_os_error
from .files import sibling

log = logging.getLogger(__name__)

if sys.platform == "win32":  # pragma: no cover - exercised on the clerks' Windows laptops
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)  # the byte locked in acquire()
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# flock on the database itself (not on Windows, where a locked byte is unreadable)
LOCK_THE_DATABASE_ITSELF = os.name != "nt"


def _lock_file(database: Path) -> Path:
    return sibling(database, ".lock")


def _identity_lock_file(real: Path) -> Path | None:
    """Where the lock is not on the database itself: a lock file named after the file's
    identity, which every (hard) link to it shares; None before the file exists."""
    try:
        identity = real.stat()
    except OSError:
        return None
    folder = Path(tempfile.gettempdir()) / "dk-desktop-khoa"
    return folder / f"{identity.st_dev:x}-{identity.st_ino:x}.lock"


class DatabaseLock:
    def __init__(self, database: Path):
        self.database = Path(database)
        self.path = _lock_file(self.database)
        self._handle: IO[Any] | None = None
        self._identity: IO[Any] | None = None  # where the database itself is not locked

    def _target(self) -> Path:
        """The file whose lock stands for the database's: the database itself where it
        exists (not on Windows), otherwise the «.lock» file beside its real name."""
        real = self.database.resolve()
        if real.is_dir():  # no «.lock» file is made beside a folder given by mistake
            raise StoreError(folder_message(self.database.name))
        if LOCK_THE_DATABASE_ITSELF and real.is_file():
            return real
        return _lock_file(real)

    def _open(self) -> IO[Any]:
        self.path = self._target()
        if self.path == self.database.resolve():
            # opened for reading only: works on a read-only file or disk, writes nothing
            return self.path.open("rb")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.open("a+", encoding="utf-8")

    def acquire(self) -> None:
        try:
            handle = self._open()
        except OSError as error:
            if _read_only_folder(self.database):
                # nobody can write there, so two windows cannot harm it: no lock needed
                log.info("Không khóa được %s (thư mục chỉ đọc): %s", self.database, error)
                return
            raise from_os_error(error, self.database.name) from None
        handle.seek(0)  # Windows locks bytes from the position: always byte 0 ("a+" is at the end)
        if not _try_lock(handle):
            handle.close()
            raise DatabaseInUse(
                f"Cơ sở dữ liệu «{self.database.name}» đang được mở ở cửa sổ khác của ứng dụng "
                "(hoặc một lệnh khác đang dùng). Hãy dùng cửa sổ đang mở, hoặc đóng cửa sổ "
                "đó rồi mở lại."
            )
        self._handle = handle
        try:
            self._lock_identity()
        except StoreError:
            self.release()
            raise

    def _lock_identity(self) -> None:
        """Where the lock is a «.lock» file beside the real name (Windows), also lock the
        one named after the file's identity, so that a hard link cannot open it twice."""
        if LOCK_THE_DATABASE_ITSELF or self._identity is not None:
            return
        path = _identity_lock_file(self.database.resolve())
        if path is None:
            return  # not created yet: follow() comes back here once it is
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("a+", encoding="utf-8")
        except OSError as error:  # a temporary folder we cannot write: the name lock stays
            log.warning("Không tạo được khóa theo tệp %s: %s", path, error)
            return
        handle.seek(0)
        if not _try_lock(handle):
            handle.close()
            raise DatabaseInUse(
                f"Cơ sở dữ liệu «{self.database.name}» đang được mở ở cửa sổ khác của ứng dụng "
                "(qua một tên khác của cùng tệp). Hãy dùng cửa sổ đang mở, hoặc đóng cửa sổ "
                "đó rồi mở lại."
            )
        self._identity = handle

    def follow(self) -> None:
        """After the database was created under the «.lock» file's lock: lock the new file
        itself, then let the «.lock» file go. On Windows the «.lock» file stays the lock."""
        if self._handle is not None and self._target() == self.path:
            self._lock_identity()  # the new file now has an identity to lock
            return
        previous = self._handle
        self._handle = None
        try:
            self.acquire()
        finally:
            if previous is not None:
                _unlock(previous)
                previous.close()

    def release(self) -> None:
        for handle in (self._identity, self._handle):
            if handle is not None:
                _unlock(handle)
                handle.close()
        self._identity = self._handle = None


def _read_only_folder(database: Path) -> bool:
    return not can_write(database.resolve().parent)
