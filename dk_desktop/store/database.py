"""Creating a database file and opening one for use, safely: a new file is built under a
temporary name and renamed into place; an existing one is inspected (connection.py)
before it is opened, and backed up before its schema is upgraded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from . import schema
from .backup import backup_database
from .connection import connect, inspect_file, integrity_problem
from .errors import (
    ReadOnlyDatabase,
    StoreError,
    from_os_error,
    from_sqlite_error,
    read_only_message,
)
from .files import writing
from .seed import load_seed

# connect, inspect_file and integrity_problem live in connection.py; they are named here
# too because the command line and its tests reach them as database.<name>.
__all__ = [
    "connect",
    "create_database",
    "inspect_file",
    "integrity_problem",
    "open_database",
    "open_read_only",
]

NEW_DATABASE_BYTES = 512 * 1024  # a new database with the resolution: about 200 KB


def create_database(path: Path, seed: dict[str, Any], *, created_by: str = "Hệ thống") -> None:
    """Create a new database holding the resolution, atomically: it is built under a
    temporary name and renamed into place, so a power cut never leaves half a file."""
    if path.exists():
        raise StoreError(f"Tệp «{path.name}» đã có; không tạo đè lên tệp đang có.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise from_os_error(error, path.name) from None
    with writing(path, NEW_DATABASE_BYTES) as temporary:
        db = connect(temporary)
        try:
            schema.apply_migrations(db)
            with db.atomic():
                load_seed(db, seed, created_by=created_by)
            db.execute("PRAGMA synchronous = FULL")
        finally:
            db.close()


def open_database(path: Path) -> Database:
    """Open an existing database for writing after inspecting it; upgrade its schema.
    Disk and SQLite errors (busy, full, read-only) become Vietnamese refusals."""
    inspect_file(path)
    try:
        db = connect(path)
        try:
            pending = schema.pending_migrations(db)
            if pending:
                backup_database(db, path, reason="truoc-nang-cap")
                schema.apply_migrations(db)
        except BaseException:
            db.close()
            raise
    except sqlite3.Error as error:
        refusal = from_sqlite_error(error, path.name)
        if refusal is None:
            raise
        raise refusal from None
    return db


def open_read_only(path: Path) -> Database:
    """Open a database that cannot be written (a read-only file, folder or disk) for
    reading; one that would first need a schema upgrade is refused."""
    inspect_file(path)
    try:
        db = connect(path, readonly=True)
        try:
            pending = schema.pending_migrations(db)
        except BaseException:
            db.close()
            raise
    except sqlite3.Error as error:
        raise from_sqlite_error(error, path.name) or ReadOnlyDatabase(
            read_only_message(path.name)
        ) from None
    if pending:
        db.close()
        raise ReadOnlyDatabase(
            f"Tệp «{path.name}» chỉ đọc được (tệp, thư mục hoặc ổ đĩa không cho ghi) và được "
            "ghi bởi phiên bản cũ hơn của ứng dụng, cần nâng cấp trước khi mở. Hãy chép tệp "
            "sang thư mục ghi được (ví dụ Tài liệu) rồi mở tệp đã chép."
        )
    return db
