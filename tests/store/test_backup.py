"""Backups: made while writing, restorable, thinned without trusting the clock."""

import sqlite3
from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest

from dk_desktop.store.backup import (
    backup_database,
    backup_if_due,
    check_backup,
    latest_good_backup,
    list_backups,
    restore_backup,
    thin_backups,
)
from dk_desktop.store.database import connect
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store


def members(store: Store, year: int = 2026):
    result = store.result(store.figure_by_code("CT20a").id, store.commune().id, year)
    return None if result is None else result.value


def set_members(store: Store, value: int, year: int = 2026) -> None:
    figure = store.figure_by_code("CT20a")
    store.set_result(figure.id, store.commune().id, year, ResultInput(D(value)))


def test_a_backup_is_a_sound_copy_and_can_be_restored(store, db_path):
    set_members(store, 12)
    made = store.backup("thu-cong")
    assert check_backup(made).ok and check_backup(made).results == 1
    set_members(store, 99)
    set_members(store, 5, 2027)
    before_restore = restore_backup(store.db, db_path, made)
    assert members(store) == 12
    assert members(store, 2027) is None
    # The state before the restore was itself backed up, so the restore can be undone.
    assert check_backup(before_restore).results == 2
    restore_backup(store.db, db_path, before_restore)
    assert members(store) == 99


def test_backup_while_another_connection_writes_holds_the_committed_state(store, db_path):
    set_members(store, 1)
    writer = sqlite3.connect(db_path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE results SET value = 50")  # written, not yet committed
    during = store.backup("thu-cong")
    writer.commit()
    writer.close()
    after = store.backup("thu-cong")
    for path, expected in ((during, 1), (after, 50)):
        assert check_backup(path).ok
        copy = connect(path, readonly=True)
        assert copy.execute("SELECT value FROM results").fetchone()[0] == expected
        copy.close()


def test_a_backup_inside_a_transaction_is_refused_not_hung(store):
    with pytest.raises(StoreError, match="giao dịch"), store.transaction():
        store.db.execute("UPDATE meta SET value = value")
        store.backup("thu-cong")


def test_a_damaged_backup_is_refused_for_restore(store, db_path):
    made = store.backup("thu-cong")
    made.write_bytes(b"not a database any more")
    assert not check_backup(made).ok
    with pytest.raises(StoreError, match="không dùng được"):
        restore_backup(store.db, db_path, made)


def test_latest_good_backup_skips_broken_ones(store, db_path):
    good = store.backup("thu-cong")
    broken = store.backup("thu-cong")
    broken.write_bytes(b"\x00" * 100)
    assert latest_good_backup(db_path).path == good


def test_start_up_backup_once_a_day(store, db_path):
    assert backup_if_due(store.db, db_path, today=date(2027, 3, 15)) is not None
    assert backup_if_due(store.db, db_path, today=date(2027, 3, 15)) is None
    assert backup_if_due(store.db, db_path, today=date(2027, 3, 16)) is not None


def make_backups(store: Store, db_path, dates: list[datetime]) -> list:
    return [backup_database(store.db, db_path, reason="thu-cong", now=when) for when in dates]


def test_retention_keeps_latest_then_daily_weekly_monthly(store, db_path):
    start = datetime(2026, 1, 1, 8)
    # Four backups a day for 400 days, oldest first.
    dates = [start + timedelta(days=d, hours=h) for d in range(400) for h in (0, 2, 4, 6)]
    for when in dates:
        backup_database(store.db, db_path, reason="thu-cong", now=when)
    kept = list_backups(db_path)
    newest = datetime(2027, 2, 4, 14)  # the last one made
    assert kept[0].taken_at == newest
    days = {b.taken_at.date() for b in kept}
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(days) >= 14  # one for each of the last two weeks at least
    assert len(months) >= 13  # one per month back to the start
    assert len(kept) < 60  # and the folder does not grow without end


def test_a_clock_set_to_2001_never_deletes_the_newest(store, db_path):
    correct = make_backups(store, db_path, [datetime(2027, 5, d) for d in range(1, 29)])
    wrong = make_backups(store, db_path, [datetime(2001, 1, 1, h) for h in range(12)])
    kept = {b.path for b in list_backups(db_path)}
    assert set(wrong[-10:]) <= kept  # the 10 newest by number, whatever they claim
    assert correct[-1] in kept  # the newest with a true date is kept too (daily bucket)
    assert list_backups(db_path)[0].path == wrong[-1]


def test_thinning_never_leaves_fewer_than_the_latest(store, db_path):
    made = make_backups(store, db_path, [datetime(2030, 1, 1)] * 3)
    assert thin_backups(db_path, keep_latest=3, daily=0, weekly=0, monthly=0) == []
    assert {b.path for b in list_backups(db_path)} == set(made)


def test_catalogue_change_makes_a_backup_first(store, db_path):
    store.update_figure(store.figure_by_code("CT19b").id, target=D(50))
    (backup,) = list_backups(db_path)
    assert backup.reason == "truoc-sua-danh-muc"
    copy = Store.open(backup.path, create=False)
    assert copy.figure_by_code("CT19b").target == D(49)  # the state before the change
    copy.close()


def test_a_second_copy_of_the_app_gets_a_clear_message(store, db_path):
    with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
        Store.open(db_path)
    store.close()
    again = Store.open(db_path)  # free once the first one closed
    again.close()


def test_a_damaged_file_is_put_aside_not_deleted_and_replaced_by_a_backup(store, db_path):
    from dk_desktop.store.backup import replace_damaged
    from dk_desktop.store.database import inspect_file
    from dk_desktop.store.errors import DamagedDatabase

    set_members(store, 12)
    good = store.backup("thu-cong")
    store.close()
    db_path.write_bytes(db_path.read_bytes()[:5000])  # cut short, as by a failing disk
    with pytest.raises(DamagedDatabase, match="bị hỏng"):
        inspect_file(db_path)
    damaged_bytes = db_path.read_bytes()
    (backup,) = [b for b in list_backups(db_path) if b.path == good]
    aside = replace_damaged(db_path, backup)
    assert aside.read_bytes() == damaged_bytes
    assert "bị hỏng" in aside.name
    reopened = Store.open(db_path)
    assert members(reopened) == 12
    reopened.close()


def test_the_lock_is_always_on_the_first_byte(monkeypatch, db_path):
    """Windows locks bytes from the file position; the lock file opened for appending is
    positioned at its end, which moves as the file grows. Lock and unlock byte 0."""
    import dk_desktop.store.lock as lock_module

    positions = []
    monkeypatch.setattr(lock_module, "_try_lock", lambda h: positions.append(h.tell()) or True)
    monkeypatch.setattr(lock_module, "_unlock", lambda h: positions.append(h.tell()))
    lock_file = db_path.with_name(db_path.name + ".lock")
    lock_file.write_text("4242", encoding="utf-8")  # left by an earlier run
    lock = lock_module.DatabaseLock(db_path)
    lock.acquire()
    lock.release()
    assert positions[0] == 0


def test_many_catalogue_edits_do_not_push_out_the_copy_before_a_package(store, db_path):
    start = backup_database(store.db, db_path, reason="khoi-dong")
    before_package = backup_database(store.db, db_path, reason="truoc-nhan-goi")
    forest = store.figure_by_code("CT19b")
    for n in range(12):
        store.update_figure(forest.id, note=f"sửa lần {n}")
    kept = {b.path for b in list_backups(db_path)}
    assert {start, before_package} <= kept
