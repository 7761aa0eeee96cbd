"""Durable file writes: write under a temporary name, flush to disk, then rename.

A write never uses up the last of a disk: before a copy is made there must be room for
it and a margin left (a full disk breaks Windows and every other program). A temporary
file is removed whenever its write fails, so no «….dang-ghi» is left behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from decimal import Decimal
from pathlib import Path

from ..core.numbers import format_number
from .errors import DiskFull, from_os_error, from_sqlite_error

TEMPORARY_SUFFIX = ".dang-ghi"
JOURNAL_SUFFIX = "-journal"  # SQLite's journal beside a database being written
NAME_LIMIT = 255  # bytes in one file name (ext4; FAT and NTFS allow 255 characters)
FREE_MARGIN = 10 * 1024 * 1024  # left free on the disk after any copy the app writes


def shortened(stem: str, tail_bytes: int) -> str:
    """``stem`` cut so that it and a tail of ``tail_bytes`` fit in one file name; a cut
    stem ends with «~» and a short hash of the whole, so two long names stay apart."""
    if len(stem.encode("utf-8")) + tail_bytes <= NAME_LIMIT:
        return stem
    mark = "~" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    cut = stem
    while cut and len((cut + mark).encode("utf-8")) + tail_bytes > NAME_LIMIT:
        cut = cut[:-1]
    return cut + mark


def sibling(target: Path, suffix: str) -> Path:
    """``target``'s name with ``suffix`` added, shortened when it would be too long."""
    tail = len(suffix.encode("utf-8"))
    return target.with_name(shortened(target.name, tail) + suffix)


def temporary_name(target: Path) -> Path:
    """The name a file is built under; it never carries the final name half-written.
    Room is left for SQLite's journal beside it (a database is built under it too)."""
    tail = len((TEMPORARY_SUFFIX + JOURNAL_SUFFIX).encode("utf-8"))
    return target.with_name(shortened(target.name, tail) + TEMPORARY_SUFFIX)


def name_fits(path: Path) -> bool:
    """Whether a database of this name can be written: its journal's name must fit too."""
    return len((path.name + JOURNAL_SUFFIX).encode("utf-8")) <= NAME_LIMIT


def _megabytes(size: int) -> str:
    return format_number(Decimal(size) / (1024 * 1024), 1) + " MB"


def _free(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:  # cannot tell: the write itself decides
        return None


def _nearly_full(free: int, needed: int, name: str) -> DiskFull:
    return DiskFull(
        f"Ổ đĩa gần đầy: còn trống {_megabytes(free)}, cần {_megabytes(needed)} để ghi "
        f"«{name}» và luôn chừa lại {_megabytes(FREE_MARGIN)} cho máy. Chưa ghi gì. Hãy "
        "xóa bớt tệp không cần trên ổ đĩa này (hoặc chọn ổ khác) rồi thử lại."
    )


def ensure_room(folder: Path, needed: int, name: str) -> None:
    """Refuse (DiskFull) a write of ``needed`` bytes into ``folder`` that would leave less
    than FREE_MARGIN free."""
    free = _free(folder)
    if free is not None and free - needed < FREE_MARGIN:
        raise _nearly_full(free, needed, name)


def commit_file(temporary: Path, target: Path) -> None:
    """Flush ``temporary`` to disk and rename it over ``target`` in one step. If that
    fails, or the disk is left with less than the margin, the temporary is removed and
    ``target`` stays as it was."""
    try:
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        free = _free(target.parent)
        if free is not None and free < FREE_MARGIN:  # for writers that did not check first
            size = temporary.stat().st_size
            raise _nearly_full(free + size, size, target.name)
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    if os.name == "posix":  # the rename itself must reach the disk too
        descriptor = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def writing(target: Path, needed: int) -> Iterator[Path]:
    """Build ``target`` under a temporary name: the room is checked first, the file is
    committed when the block ends, and on any failure the temporary is removed and the
    disk's or SQLite's error becomes a Vietnamese StoreError."""
    ensure_room(target.parent, needed, target.name)
    temporary = temporary_name(target)
    try:
        temporary.unlink(missing_ok=True)
        yield temporary
        commit_file(temporary, target)
    except OSError as error:
        raise from_os_error(error, target.name) from None
    except sqlite3.Error as error:
        refusal = from_sqlite_error(error, target.name)
        if refusal is None:
            raise
        raise refusal from None
    finally:
        with suppress(OSError):  # else removed at the next start (backup.remove_leftovers)
            temporary.unlink(missing_ok=True)


def write_bytes_atomically(target: Path, data: bytes) -> None:
    with writing(target, len(data)) as temporary:
        temporary.write_bytes(data)
