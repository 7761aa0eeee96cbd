"""One app at a time per database file: a second window gets a clear message instead
of a locked or corrupted file. The lock is held by the operating system on an open
file, so it disappears with the process even after a power cut or a crash."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from .errors import StoreError

if os.name == "nt":  # pragma: no cover - exercised on the clerks' Windows laptops
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


class DatabaseLock:
    def __init__(self, database: Path):
        self.path = database.with_name(database.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        handle.seek(0)  # Windows locks bytes from the position: always byte 0 ("a+" is at the end)
        if not _try_lock(handle):
            handle.close()
            name = self.path.name.removesuffix(".lock")
            raise StoreError(
                f"Cơ sở dữ liệu «{name}» đang được mở ở cửa sổ khác của ứng dụng "
                "(hoặc một lệnh khác đang dùng). Hãy dùng cửa sổ đang mở, hoặc đóng cửa sổ "
                "đó rồi mở lại."
            )
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None
