"""Copies of the live database, made through SQLite's backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from ..paths import backups_dir
from .files import commit_file, temporary_name


def backup_database(db: Database, database_path: Path, *, reason: str) -> Path:
    """Write a consistent copy of ``db`` into the backups folder beside the database."""
    folder = backups_dir(database_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database_path.stem}-{stamp}-{reason}.sqlite"
    copy_database(db, target)
    return target


def copy_database(db: Database, target: Path) -> None:
    """Save a copy of the live database to ``target`` through the backup API; the copy is
    built under a temporary name and renamed, so ``target`` is either whole or absent."""
    temporary = temporary_name(target)
    temporary.unlink(missing_ok=True)
    destination = sqlite3.connect(str(temporary))
    try:
        db.conn.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    commit_file(temporary, target)
