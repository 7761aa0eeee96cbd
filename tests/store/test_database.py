"""Opening files: what is refused, and that a refusal changes nothing."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dk_desktop.store.database import connect, integrity_problem
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import Store
from dk_desktop.store.schema import (
    APPLICATION_ID,
    known_migration_names,
    migrations,
    schema_version,
)
from dk_desktop.store.seed import figure_row, read_seed


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_holds_the_resolution_and_the_safe_pragmas(store, db_path):
    assert len(store.items()) > 22
    assert sorted(i.resolution_number for i in store.items() if i.resolution_number) == list(
        range(1, 23)
    )
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert not list(db_path.parent.glob("*.dang-ghi"))  # no temporary file left behind


def test_reopening_finds_everything(db_path):
    first = Store.open(db_path)
    village = first.add_village("Bản Kèo Tèo")
    first.close()
    again = Store.open(db_path, create=False)
    assert [v.name for v in again.villages()] == [village.name]
    again.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "trống"),
        (b"this is a text file, not a database", "không phải là cơ sở dữ liệu SQLite"),
        (b"PK\x03\x04" + b"\x00" * 200, "không phải là cơ sở dữ liệu SQLite"),
    ],
)
def test_not_a_database_is_refused_and_left_alone(tmp_path, content, message):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_apps_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(StoreError, match="không phải của ứng dụng"):
        Store.open(path)
    assert fingerprint(path) == before


def test_file_from_a_newer_version_is_refused_unchanged(store, db_path):
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('dk_desktop', 'm999_from_the_future', '2031-01-01')"
    )
    store.db.conn.commit()
    store.close()
    before = fingerprint(db_path)
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        Store.open(db_path)
    assert fingerprint(db_path) == before


def test_newer_user_version_is_refused(store, db_path):
    store.db.execute(f"PRAGMA user_version = {schema_version() + 1}")
    store.close()
    with pytest.raises(StoreError, match="phiên bản mới hơn"):
        Store.open(db_path)


def test_damaged_file_is_refused_unchanged(store, db_path):
    store.close()
    data = bytearray(db_path.read_bytes())
    page_size = 4096
    # Scribble over the second page (the start of the schema's tables).
    data[page_size : page_size + 200] = b"\xff" * 200
    db_path.write_bytes(bytes(data))
    before = fingerprint(db_path)
    with pytest.raises(StoreError, match="hỏng"):
        Store.open(db_path)
    assert fingerprint(db_path) == before


def test_missing_file_without_create(tmp_path):
    with pytest.raises(StoreError, match="Không tìm thấy"):
        Store.open(tmp_path / "none.sqlite", create=False)


def test_migrations_are_recorded(store):
    applied = {row[0] for row in store.db.execute("SELECT name FROM _sqlite_migrations")}
    assert applied == known_migration_names()


def test_a_file_from_the_first_version_is_upgraded_after_a_backup(tmp_path):
    """A database written before exchange existed (only m001) keeps its figures, gains
    place uids and a device id, and a backup of the old file is made first."""
    path = tmp_path / "old.sqlite"
    old = connect(path)
    migrations.apply(old, stop_before="m002_exchange")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    seed = read_seed()
    with old.atomic():
        old.execute("INSERT INTO meta VALUES ('commune_name', 'Đoàn Kết')")
        old.execute("INSERT INTO fields VALUES ('economy', 'Kinh tế', 0)")
        old.execute(
            "INSERT INTO items (id, code, section, number, resolution_number, field_code, name,"
            " position) VALUES (1, 'CT20', 'target', '20', 20, 'economy', 'Kết nạp', 0)"
        )
        row = figure_row(seed["items"][19]["figures"][0], 1, 0, term=(2025, 2030))
        row.pop("total"), row.pop("structure")  # columns of m004, not in the first version
        old["figures"].insert(row)
        old.execute(
            "INSERT INTO places (id, name, kind, position) VALUES (1, 'Đoàn Kết', 'commune', 0)"
        )
        old.execute(
            "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at) "
            "VALUES (1, 1, 2026, 12, 'Thư', '2026-01-01')"
        )
    old.close()

    upgraded = Store.open(path)
    assert upgraded.result(1, 1, 2026).value == 12
    assert upgraded.commune().uid
    assert upgraded.device_id()
    assert upgraded.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    upgraded.close()
    (backup,) = (tmp_path / "sao-luu").glob("*truoc-nang-cap.sqlite")
    copy = connect(backup, readonly=True)  # the backup is the file as it was
    assert copy.execute("SELECT name FROM _sqlite_migrations").fetchall() == [("m001_initial",)]
    assert copy.execute("SELECT value FROM results").fetchall() == [(12,)]
    copy.close()


def test_integrity_problem_reports_broken_links(store):
    store.db.execute("PRAGMA foreign_keys = OFF")
    store.db.execute(
        "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at) "
        "VALUES (99999, 1, 2026, 1, 'x', 'y')"
    )
    store.db.conn.commit()
    assert "liên kết" in integrity_problem(store.db)


def test_a_healthy_file_has_no_problem(store):
    assert integrity_problem(store.db) is None
    readonly = connect(Path(store.path), readonly=True)
    assert integrity_problem(readonly) is None
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        readonly.execute("DELETE FROM history")
    readonly.close()
