"""The open database as the store's parts share it: its connection, the person writing,
one all-or-nothing transaction, rows read as dicts and the meta keys. The front door
(repository.Store) is one; every part (catalogue, places, results, …) is handed it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database
from sqlite_utils.db import Table

from .backup import backup_database
from .errors import ReadOnlyDatabase, StoreError, from_sqlite_error, read_only_message

DEFAULT_USER = "Văn phòng xã"


class Access:
    """One open database: ``db`` (sqlite-utils), its ``path``, the ``user`` whose name goes
    into every change, and whether it can be written at all (``read_only``)."""

    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        user: str = DEFAULT_USER,
        *,
        read_only: bool = False,
    ):
        self.db = db
        self.path = path
        self.user = user
        self.read_only = read_only  # the file, folder or disk cannot be written

    @property
    def file_name(self) -> str:
        """The file's name for messages ("" for a database without a file)."""
        return self.path.name if self.path is not None else ""

    def backup(self, reason: str) -> Path | None:
        """A backup before a risky change (import, restore, catalogue change)."""
        if self.path is None:
            return None
        return backup_database(self.db, self.path, reason=reason)

    def check_writable(self) -> None:
        """Refuse, before anything is done, a change to a database opened read-only."""
        if self.read_only:
            raise ReadOnlyDatabase(read_only_message(self.file_name))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write; database refusals (and a busy, full or read-only
        file) become Vietnamese messages, and nothing is changed."""
        self.check_writable()
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as error:
            raise StoreError(integrity_message(error)) from None
        except sqlite3.Error as error:
            refusal = from_sqlite_error(error, self.file_name)
            if refusal is None:
                raise
            raise refusal from None

    @contextmanager
    def rolled_back(self) -> Iterator[None]:
        """Changes made inside are undone at the end, whatever happens (to see what a
        change would do: a configuration package's preview)."""
        try:
            with self.db.atomic():
                yield
                raise _Undo
        except _Undo:
            pass

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts, for reading only (writes go through the parts' methods)."""
        cursor = self.db.execute(sql, params or [])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def table(self, name: str) -> Table:
        """A table to write through sqlite-utils (``db[name]`` might be a view)."""
        return self.db.table(name)

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row into a table with an integer key; return its id."""
        return cast(int, self.table(table).insert(row).last_pk)

    def meta(self) -> dict[str, str]:
        """The database's own keys: the commune's names and term, the device id, the
        logical counter, … (docs/data-format.md)."""
        return {row["key"]: row["value"] for row in self.table("meta").rows}

    def set_meta(self, key: str, value: str) -> None:
        """Write one meta key (added when absent). Call inside a transaction."""
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


class _Undo(Exception):
    """Ends a ``rolled_back`` block, so that its changes are rolled back."""


def integrity_message(error: sqlite3.IntegrityError) -> str:
    """A constraint the database refused, in words (the schema's checks and triggers)."""
    text = str(error)
    if "does not fit its figure" in text:
        return "Giá trị không hợp với chỉ số (ví dụ: số lượng âm hoặc có phần lẻ, tỷ lệ quá 100 %)."
    if "UNIQUE" in text:
        return "Đã có một mục trùng tên hoặc trùng mã."
    if "FOREIGN KEY" in text:
        return "Dữ liệu tham chiếu tới một mục không tồn tại."
    if "place with results" in text:
        return "Địa bàn đã có số liệu nên không xóa được."
    return f"Cơ sở dữ liệu từ chối thay đổi này ({text})."
