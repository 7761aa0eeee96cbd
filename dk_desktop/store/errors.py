"""The store's refusals, each with a Vietnamese message that says what happened and what
to do; and the translation of the operating system's and SQLite's errors into them, so
that no English error text (or traceback) reaches a person."""

from __future__ import annotations

import errno
import sqlite3


class StoreError(Exception):
    """A problem with a database file, with a Vietnamese message for the person."""


class DamagedDatabase(StoreError):
    """The file is ours (or looks like SQLite) but does not pass the integrity check:
    never opened for writing; the way out is the latest good backup."""


class DatabaseInUse(StoreError):
    """Another window of the app (or a command) holds the database's lock."""


class ReadOnlyDatabase(StoreError):
    """The file, its folder or its disk cannot be written: it is opened for reading only."""


class DiskFull(StoreError, OSError):
    """No room left (or not enough to keep the safety margin). Also an OSError, so that
    code which reports failed file writes reports this one the same way."""


def read_only_message(name: str) -> str:
    return (
        f"Tệp «{name}» đang mở ở chế độ chỉ đọc (tệp, thư mục hoặc ổ đĩa không cho ghi, "
        "ví dụ USB bị gạt khóa ghi): không sửa được số liệu. Chưa có gì bị thay đổi. Muốn "
        "sửa, hãy chép tệp sang thư mục ghi được (ví dụ Tài liệu) rồi mở tệp đã chép."
    )


def disk_full_message(name: str) -> str:
    return (
        f"Ổ đĩa đã đầy: không ghi được «{name}». Chưa có gì bị thay đổi. Hãy xóa bớt "
        "tệp không cần trên ổ đĩa này (hoặc chép dữ liệu sang ổ khác) rồi thử lại."
    )


def busy_message(name: str) -> str:
    return (
        f"Tệp «{name}» đang bận: một chương trình khác (ví dụ một công cụ xem SQLite) đang "
        "ghi vào tệp. Chưa có gì bị thay đổi. Hãy đóng chương trình đó rồi thử lại."
    )


def folder_message(name: str) -> str:
    return (
        f"«{name}» là một thư mục, không phải tệp dữ liệu. Hãy chọn tệp dữ liệu (.sqlite) "
        "nằm trong thư mục đó, hoặc đặt tên cho tệp mới."
    )


def name_too_long_message(name: str) -> str:
    return (
        f"Tên tệp «{name}» quá dài đối với ổ đĩa. Chưa có gì bị thay đổi. Hãy đặt tên "
        "ngắn hơn (hoặc chọn thư mục nằm gần gốc ổ đĩa hơn)."
    )


def from_os_error(error: OSError, name: str) -> StoreError:
    """The refusal for a failed file operation on ``name``; already ours: unchanged."""
    if isinstance(error, StoreError):
        return error
    code = error.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", None):
        return DiskFull(disk_full_message(name))
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyDatabase(
            f"Không có quyền ghi «{name}» (tệp, thư mục hoặc ổ đĩa chỉ đọc). Chưa có gì bị "
            "thay đổi. Hãy chọn một thư mục ghi được (ví dụ Tài liệu) rồi thử lại."
        )
    if code == errno.ENAMETOOLONG:
        return StoreError(name_too_long_message(name))
    if code == errno.EISDIR:
        return StoreError(folder_message(name))
    if code == errno.ENOENT:
        return StoreError(f"Không tìm thấy «{name}» (tệp hoặc thư mục đã bị chuyển đi).")
    return StoreError(
        f"Không đọc hoặc ghi được «{name}» (lỗi hệ thống số {code}). Chưa có gì bị thay đổi. "
        "Hãy kiểm tra ổ đĩa rồi thử lại."
    )


# SQLite's primary result codes (the low byte of an extended code)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_FULL, _SQLITE_CANTOPEN = 13, 14


def from_sqlite_error(error: sqlite3.Error, name: str) -> StoreError | None:
    """The refusal for what the disk or another program did to a SQLite file (busy, read
    only, full, unreadable); None for anything else, which is a fault of the program and
    must not be dressed up as a person's problem."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(busy_message(name))
    if code == _SQLITE_READONLY:
        return ReadOnlyDatabase(read_only_message(name))
    if code == _SQLITE_FULL:
        return DiskFull(disk_full_message(name))
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return StoreError(
            f"Không đọc hoặc ghi được tệp «{name}» (ổ đĩa bị rút ra, hỏng hoặc không cho "
            "ghi). Chưa có gì bị thay đổi. Hãy kiểm tra ổ đĩa rồi mở lại tệp."
        )
    return None
