"""Migration m004 (issue 13 §3): a file made before the new kinds is rebuilt keeping every
row, id, index, trigger and link, and then holds the new kinds, their columns and more than
22 targets."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from dk_desktop.store import seed as seed_module
from dk_desktop.store.connection import connect
from dk_desktop.store.repository import Store
from dk_desktop.store.schema import APPLICATION_ID, migrations, schema_version
from dk_desktop.store.seed import load_seed, read_seed

TABLES_REBUILT = ("items", "figures")


def _old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file as the app wrote it before m004 (m001–m003), holding the bundled seed, a
    result of each kind of place, a milestone, a task state and history."""
    original = seed_module.figure_row

    def row_before_m004(*args, **kwargs):
        row = original(*args, **kwargs)
        row.pop("total"), row.pop("structure")
        return row

    db = connect(path)
    migrations.apply(db, stop_before="m004_new_kinds")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 3")
    with monkeypatch.context() as patch:
        patch.setattr(seed_module, "figure_row", row_before_m004)
        with db.atomic():
            load_seed(db, read_seed(), created_by="Hệ thống")
    with db.atomic():
        db.execute(
            "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at) "
            "VALUES (1, 1, 2026, 12, 'Thư', '2026-01-01')"
        )
        db.execute("INSERT INTO milestones (figure_id, year, value) VALUES (1, 2027, 5)")
        db.execute(
            "INSERT INTO task_states (item_id, year, state, entered_by, entered_at) "
            "VALUES (1, 2026, 'done', 'Thư', '2026-01-01')"
        )
    db.close()


def _contents(path: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name <> '_sqlite_migrations'"
            )
        ]
        contents = {}
        for name in names:
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if c not in ("total", "structure")]
            rows = db.execute(f"SELECT {', '.join(kept)} FROM {name} ORDER BY rowid")
            contents[name] = rows.fetchall()
        return contents
    finally:
        db.close()


def _schema_objects(path: Path) -> set[tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return {
            (r[0], r[1])
            for r in db.execute("SELECT type, name FROM sqlite_master WHERE type <> 'table'")
        }
    finally:
        db.close()


def test_an_old_file_is_upgraded_keeping_every_row(tmp_path, monkeypatch):
    path = tmp_path / "cu.sqlite"
    _old_file(path, monkeypatch)
    before, objects = _contents(path), _schema_objects(path)
    assert before["figures"] and before["results"] and before["history"]

    store = Store.open(path)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.result(1, 1, 2026).value == 12
        assert store.figure(1).milestones == {2027: Decimal(5)}
    finally:
        store.close()
    assert _contents(path) == before  # every row of every table, ids and all
    assert _schema_objects(path) == objects  # indexes and triggers made again
    assert list((tmp_path / "sao-luu").glob("*truoc-nang-cap.sqlite"))  # backed up first

    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        # the triggers still guard the results, the links still hold
        with pytest.raises(sqlite3.IntegrityError, match="does not fit"):
            db.execute(
                "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at)"
                " SELECT id, 1, 2027, 1.5, 'x', 'y' FROM figures WHERE value_type = 'count'"
                " LIMIT 1"
            )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            db.execute(
                "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at)"
                " VALUES (99999, 1, 2027, 1, 'x', 'y')"
            )
        # the new kinds and more than 22 targets fit now
        db.execute(
            "INSERT INTO items (code, section, number, resolution_number, field_code, name,"
            " position) VALUES ('CT30', 'target', '30', 30, 'economy', 'Số thôn', 99)"
        )
        db.execute(
            "INSERT INTO figures (code, item_id, name, unit, kind, target, target_year,"
            " value_type, position, total) SELECT 'CT30a', id, 'Số thôn đạt chuẩn', 'thôn',"
            " 'units_of_total', 4, 2030, 'count', 0, 9 FROM items WHERE code = 'CT30'"
        )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # x of y needs its y
            db.execute(
                "INSERT INTO figures (code, item_id, name, unit, kind, target, target_year,"
                " value_type, position) VALUES ('CT30b', 1, 'x', 'thôn', 'units_of_total', 4,"
                " 2030, 'count', 1)"
            )
    finally:
        db.close()


def test_the_migration_run_again_changes_nothing(tmp_path, monkeypatch):
    """Its record is written just after its own commit: run again after a power cut between
    the two, it finds the file rebuilt and leaves it."""
    path = tmp_path / "cu.sqlite"
    _old_file(path, monkeypatch)
    Store.open(path).close()
    before = _contents(path)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_new_kinds'")
    db.close()
    Store.open(path).close()
    assert _contents(path) == before


def test_a_new_file_reads_the_new_columns(tmp_path):
    store = Store.open(tmp_path / "moi.sqlite")
    try:
        item = store.items()[0]
        figure = store.add_figure(
            item.id,
            name="Số thôn đạt chuẩn nông thôn mới",
            unit="thôn",
            kind="units_of_total",
            target=Decimal(4),
            total=Decimal(9),
            value_type="count",
        )
        assert (figure.kind.value, figure.total) == ("units_of_total", Decimal(9))
        share = store.add_figure(
            item.id,
            name="Dịch vụ",
            unit="%",
            kind="structure",
            comparator="=",
            target=Decimal(20),
            structure="Cơ cấu kinh tế",
            value_type="percent",
        )
        assert share.structure == "Cơ cấu kinh tế"
        with pytest.raises(Exception, match="tổng số đơn vị"):
            store.add_figure(
                item.id, name="x", unit="thôn", kind="units_of_total", target=Decimal(4)
            )
        with pytest.raises(Exception, match="tên cơ cấu"):
            store.add_figure(item.id, name="y", unit="%", kind="structure", target=Decimal(5))
        with pytest.raises(Exception, match="lớn hơn 0"):
            store.update_figure(figure.id, total=Decimal(-9))
        with pytest.raises(Exception, match="không được để trống"):
            store.update_figure(share.id, structure="   ")
        assert (store.figure(figure.id).total, store.figure(share.id).structure) == (
            Decimal(9),
            "Cơ cấu kinh tế",
        )
    finally:
        store.close()
