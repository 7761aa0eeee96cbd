"""Connecting to a database file, and inspecting one before it is trusted.

The rules (those of SQLite's own advice on corruption): one connection, explicit
transactions, foreign keys on, rollback journal with synchronous=FULL. A file is
inspected read-only before it is opened for writing, so that a file that is not ours,
was written by a newer version or is damaged is refused without a single byte changed.
Opening for use (database.py) and backups (backup.py) both build on this.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from . import schema
from .errors import DamagedDatabase, StoreError, folder_message, from_os_error, from_sqlite_error

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT = 5.0  # seconds SQLite waits for another program's write to end
log = logging.getLogger(__name__)


def connect(path: Path, *, readonly: bool = False) -> Database:
    """A sqlite-utils Database on one connection with the app's pragmas."""
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        db.execute("PRAGMA journal_mode = DELETE")  # WAL misbehaves on FAT sticks
        db.execute("PRAGMA synchronous = FULL")
    return db


def inspect_file(path: Path) -> None:
    """Refuse, with a Vietnamese message, a file this app must not open for writing."""
    name = path.name
    if path.is_dir():
        raise StoreError(folder_message(name))
    try:
        with path.open("rb") as handle:
            first_page = handle.read(100)  # the SQLite file header
            header = first_page[: len(SQLITE_HEADER)]
    except FileNotFoundError:
        raise StoreError(f"Không tìm thấy tệp «{name}».") from None
    except OSError as error:
        raise from_os_error(error, name) from None
    if not header:
        raise DamagedDatabase(
            f"Tệp «{name}» trống (0 byte), không phải cơ sở dữ liệu của ứng dụng. "
            "Hãy chọn đúng tệp dữ liệu (.sqlite) hoặc tạo cơ sở dữ liệu mới."
        )
    if header != SQLITE_HEADER:
        raise DamagedDatabase(
            f"Tệp «{name}» không phải là cơ sở dữ liệu SQLite của ứng dụng. "
            "Hãy chọn đúng tệp dữ liệu (.sqlite)."
        )
    application_id = int.from_bytes(first_page[68:72], "big")
    if application_id == schema.APPLICATION_ID:
        _recover_after_power_cut(path)
    try:
        db = connect(path, readonly=True)
    except sqlite3.Error as error:
        raise from_sqlite_error(error, name) or StoreError(
            f"Không mở được tệp «{name}»: SQLite không đọc được tệp."
        ) from None
    try:
        _check_identity(db, name)
        problem = integrity_problem(db, quick=True)
        if problem:
            log.warning("quick_check of %s: %s", path, problem)
            raise DamagedDatabase(
                f"Tệp «{name}» bị hỏng: kiểm tra toàn vẹn không đạt. Ứng dụng không ghi vào "
                "tệp này. Hãy khôi phục từ bản sao lưu gần nhất."
            )
    except sqlite3.DatabaseError as error:
        log.warning("reading %s: %s", path, error)
        busy = from_sqlite_error(error, name)
        if busy is not None:  # held or unreadable is not damaged: never offer a restore
            raise busy from None
        raise DamagedDatabase(
            f"Tệp «{name}» bị hỏng hoặc không phải cơ sở dữ liệu: SQLite không đọc được cấu "
            "trúc của tệp. Ứng dụng không ghi vào tệp này."
        ) from None
    finally:
        db.close()


def _recover_after_power_cut(path: Path) -> None:
    """A power cut in the middle of a write leaves a "hot" journal beside the file. SQLite
    rolls it back (restoring the last committed state) the first time the file is read,
    which needs write access, so our own file gets one read-write look before the
    read-only checks. A file that is not ours is never opened for writing."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    conn = sqlite3.connect(str(path), timeout=5)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        pass  # the read-only checks that follow will describe the problem
    finally:
        conn.close()


def _check_identity(db: Database, name: str) -> None:
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = set(db.table_names())
    if application_id != schema.APPLICATION_ID:
        if tables:
            raise StoreError(
                f"Tệp «{name}» là một cơ sở dữ liệu SQLite khác, không phải của ứng dụng "
                "theo dõi Nghị quyết. Ứng dụng không thay đổi tệp này."
            )
        raise StoreError(f"Tệp «{name}» là cơ sở dữ liệu trống, không có dữ liệu Nghị quyết.")
    user_version = db.execute("PRAGMA user_version").fetchone()[0]
    applied = set()
    if "_sqlite_migrations" in tables:
        applied = {
            row[0]
            for row in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            ).fetchall()
        }
    unknown = applied - schema.known_migration_names()
    if unknown or user_version > schema.schema_version():
        raise StoreError(
            f"Tệp «{name}» được ghi bởi phiên bản mới hơn của ứng dụng. "
            "Hãy cập nhật ứng dụng lên phiên bản mới để mở tệp này; tệp được giữ nguyên."
        )


def integrity_problem(db: Database, *, quick: bool = False) -> str | None:
    """None when the file is sound; otherwise a short description of the problem."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall()]
    if rows != ["ok"]:
        return "; ".join(rows[:3])
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        return f"{len(broken)} liên kết dữ liệu bị hỏng (bảng {broken[0][0]})"
    return None
