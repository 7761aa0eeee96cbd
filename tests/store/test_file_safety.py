"""The disk and the world around the file: read-only files and disks, a full disk, a
busy database, a folder given for a file, names too long for backups, links to the
file, leftovers of a power cut, a clock stuck in 2001. Each ends in a Vietnamese
refusal and no change, never a Python error."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest

from dk_desktop.store import connection as connection_module
from dk_desktop.store import files
from dk_desktop.store.backup import (
    backup_database,
    backup_if_due,
    check_backup,
    list_backups,
    restore_backup,
)
from dk_desktop.store.errors import DamagedDatabase, DiskFull, ReadOnlyDatabase, StoreError
from dk_desktop.store.files import NAME_LIMIT, write_bytes_atomically
from dk_desktop.store.repository import ResultInput, Store


def members(store: Store, year: int = 2026) -> D | None:
    result = store.result(store.figure_by_code("CT20a").id, store.commune().id, year)
    return None if result is None else result.value


def set_members(store: Store, value: int, year: int = 2026) -> None:
    figure = store.figure_by_code("CT20a")
    store.set_result(figure.id, store.commune().id, year, ResultInput(D(value)))


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*" + files.TEMPORARY_SUFFIX))


# --- read-only ---------------------------------------------------------------------------


@pytest.mark.parametrize("folder_too", [True, False], ids=["read-only disk", "read-only file"])
def test_a_read_only_database_opens_for_reading_and_refuses_edits(
    db_path, read_only_copy, folder_too
):
    made = Store.open(db_path)
    set_members(made, 12)
    made.close()
    path = read_only_copy(db_path, folder_too=folder_too)
    before = path.read_bytes()

    store = Store.open(path)
    try:
        assert store.read_only
        assert members(store) == 12  # reading works
        with pytest.raises(ReadOnlyDatabase, match="chỉ đọc"):
            set_members(store, 99)
        with pytest.raises(ReadOnlyDatabase, match="chỉ đọc"):
            store.update_figure(store.figure_by_code("CT19b").id, target=D(50))
        with pytest.raises(ReadOnlyDatabase, match="chỉ đọc"):
            store.add_village("Bản Mới")
        assert members(store) == 12
        if folder_too:  # no backups folder can be made there: skipped, not an error
            assert backup_if_due(store.db, path) is None
        else:  # a read-only file in a writable folder is backed up as usual
            made_backup = backup_if_due(store.db, path)
            assert made_backup is not None and check_backup(made_backup).results == 1
    finally:
        store.close()
    assert path.read_bytes() == before


def test_a_read_only_database_is_not_refused_by_the_lock(db_path, read_only_copy):
    """The lock never needs to write beside the file: two readers of a read-only disk are
    still told apart from one another, and the file opens."""
    Store.open(db_path).close()
    path = read_only_copy(db_path)
    store = Store.open(path)
    try:
        with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
            Store.open(path)
    finally:
        store.close()


# --- a full disk ---------------------------------------------------------------------------


def test_a_write_that_fails_for_lack_of_room_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "goi.json"
    target.write_bytes(b"old")

    def half_then_full(self: Path, data: bytes) -> int:
        with self.open("wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    with pytest.raises(DiskFull, match="Ổ đĩa đã đầy"):
        write_bytes_atomically(target, b"new content" * 100)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_backup_that_fails_while_flushing_leaves_no_temporary_file(store, db_path, monkeypatch):
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(DiskFull, match="Ổ đĩa đã đầy"):
        store.backup("thu-cong")
    monkeypatch.undo()
    assert leftovers(db_path.parent) == []
    assert list_backups(db_path) == []


def test_a_copy_that_would_leave_less_than_the_margin_is_refused_before_writing(
    store, db_path, monkeypatch
):
    real = shutil.disk_usage

    def nearly_full(folder):  # type: ignore[no-untyped-def]
        usage = real(folder)
        return usage._replace(free=files.FREE_MARGIN + 1000)

    monkeypatch.setattr(files.shutil, "disk_usage", nearly_full)
    with pytest.raises(DiskFull, match="gần đầy"):
        store.backup("thu-cong")
    assert leftovers(db_path.parent) == []
    assert list_backups(db_path) == []


def fill(folder: Path, leave: int) -> Path:
    """Write a filler file until only about ``leave`` bytes are free on the disk."""
    filler = folder / "day-o-dia.bin"
    chunk = b"\0" * (256 * 1024)
    with filler.open("wb") as handle:
        while shutil.disk_usage(folder).free - len(chunk) >= leave:
            handle.write(chunk)
            handle.flush()
        try:
            handle.write(b"\0" * max(0, shutil.disk_usage(folder).free - leave))
            handle.flush()
        except OSError:
            pass
    return filler


def test_a_real_nearly_full_disk_keeps_its_margin_and_a_full_one_refuses_writes(
    db_path, small_disk
):
    made = Store.open(db_path)
    set_members(made, 12)
    made.close()
    disk = small_disk("16m")
    path = Path(shutil.copy2(db_path, disk / db_path.name))

    filler = fill(disk, files.FREE_MARGIN + 100 * 1024)  # less room than a copy needs
    store = Store.open(path)
    try:
        free = shutil.disk_usage(disk).free
        with pytest.raises(DiskFull, match="gần đầy"):
            store.backup("thu-cong")
        assert shutil.disk_usage(disk).free == free  # the margin was not touched
        assert leftovers(disk) == []

        filler.unlink()
        fill(disk, 0)  # now the disk is full to the last byte
        with pytest.raises(DiskFull, match="Ổ đĩa đã đầy"):
            set_members(store, 99)
        assert members(store) == 12
    finally:
        store.close()
    reopened = Store.open(path)
    assert members(reopened) == 12
    reopened.close()
    assert leftovers(disk) == []


# --- busy, a folder, a long name ----------------------------------------------------------


def test_a_busy_database_is_a_message_not_damage(db_path, monkeypatch):
    Store.open(db_path).close()
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(db_path)  # another program, writing
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="đang bận") as refused:
            Store.open(db_path)
        assert not isinstance(refused.value, DamagedDatabase)  # no restore is offered
    finally:
        other.rollback()
        other.close()


def test_a_write_to_a_busy_database_is_refused_with_a_message(store, monkeypatch):
    set_members(store, 12)
    store.db.conn.execute(f"PRAGMA busy_timeout = {200}")
    other = sqlite3.connect(store.path)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        with pytest.raises(StoreError, match="đang bận"):
            set_members(store, 99)
    finally:
        other.rollback()
        other.close()
    assert members(store) == 12
    set_members(store, 99)  # free again
    assert members(store) == 99


def test_a_folder_given_as_the_database_is_refused(tmp_path):
    with pytest.raises(StoreError, match="là một thư mục"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="là một thư mục"):
        Store.open(tmp_path, create=False)


def test_a_name_so_long_that_the_backup_name_would_not_fit_still_gets_backups(tmp_path):
    stem = "Dữ liệu Nghị quyết xã Đoàn Kết " * 8
    name = stem[: 200 - len(".sqlite")].rstrip() + ".sqlite"
    while len(name.encode("utf-8")) > NAME_LIMIT - 10:  # it and its journal fit, barely
        name = name[:-9] + ".sqlite"
    path = tmp_path / name
    store = Store.open(path)
    try:
        set_members(store, 12)
        first = store.backup("thu-cong")
        set_members(store, 99)
        assert len(first.name.encode("utf-8")) <= NAME_LIMIT
        assert [b.path for b in list_backups(path)] == [first]
        restore_backup(store.db, path, first)
        assert members(store) == 12
        assert backup_if_due(store.db, path) is not None
    finally:
        store.close()
    other = tmp_path / (name[:-20] + "khác.sqlite")  # same long start, another file
    assert list_backups(other) == []
    too_long = tmp_path / ("x" * (NAME_LIMIT - 10) + ".sqlite")  # its journal would not fit
    with pytest.raises(StoreError, match="quá dài"):
        Store.open(too_long)


# --- the lock follows the file ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs links")
def test_a_link_to_the_database_cannot_open_it_a_second_time(store, db_path, tmp_path):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    symbolic = elsewhere / "loi-tat.sqlite"
    symbolic.symlink_to(db_path)
    hard = elsewhere / "ten-thu-hai.sqlite"
    os.link(db_path, hard)
    for name in (symbolic, hard):
        with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
            Store.open(name)
    store.close()
    again = Store.open(hard)  # free once the first one closed
    again.close()


# --- leftovers of a power cut ---------------------------------------------------------------


def test_temporary_files_left_by_a_power_cut_are_removed_at_start_only_the_apps_own(store, db_path):
    made = store.backup("thu-cong")
    store.close()
    folder = made.parent
    own = [
        files.temporary_name(db_path),
        files.temporary_name(folder / "du-lieu-000009-20270315-083000-v7-khoi-dong.sqlite"),
        files.temporary_name(folder / "du-lieu-000010-20270315-083000-truoc-nhap.sqlite"),
    ]
    others = [
        files.temporary_name(db_path.with_name("bao-cao.pdf")),  # an export's, not ours
        files.temporary_name(folder / "khac-000001-20270315-083000-khoi-dong.sqlite"),
        db_path.with_name("ghi-chu.txt"),
    ]
    for path in own + others:
        path.write_bytes(b"half written")
    Store.open(db_path).close()
    assert not any(path.exists() for path in own)
    assert all(path.exists() for path in others)
    assert check_backup(made).ok


# --- backups and the clock ---------------------------------------------------------------


def test_a_clock_stuck_in_2001_still_backs_up_every_start_after_a_change(store, db_path):
    stuck = date(2001, 1, 1)
    made = []
    for value in range(5):  # five starts, each the same day by the clock, each with work
        made.append(backup_if_due(store.db, db_path, today=stuck))
        set_members(store, value)
    assert all(made)
    assert len({b.seq for b in list_backups(db_path) if b.reason == "khoi-dong"}) == 5
    # no change since the last backup: no new copy that same day
    backup_if_due(store.db, db_path, today=stuck)
    assert backup_if_due(store.db, db_path, today=stuck) is None


def test_restoring_never_deletes_the_backup_being_restored(store, db_path):
    set_members(store, 12)
    day = datetime(2027, 5, 1, 8)
    oldest = backup_database(store.db, db_path, reason="thu-cong", now=day)
    set_members(store, 99)
    for hour in range(9, 18):  # nine more that day: the oldest is the tenth newest
        backup_database(store.db, db_path, reason="thu-cong", now=day.replace(hour=hour))
    assert oldest in {b.path for b in list_backups(db_path)}
    restore_backup(store.db, db_path, oldest)
    assert members(store) == 12
    assert oldest.exists()


def test_backup_names_without_a_change_counter_are_still_listed(store, db_path):
    """Backups made before the counter was recorded keep their place in the list."""
    made = backup_database(store.db, db_path, reason="thu-cong")
    old_style = made.with_name("du-lieu-000007-20260101-080000-khoi-dong.sqlite")
    shutil.copy2(made, old_style)
    listed = list_backups(db_path)
    assert listed[0].path == old_style and listed[0].version is None
    assert listed[1].version is not None
    assert backup_if_due(store.db, db_path, today=date(2026, 1, 1)) is not None


# --- the command line: a message and a non-zero exit, never a traceback --------------------


def test_the_command_line_says_what_is_wrong_with_the_database(
    db_path, tmp_path, read_only_copy, capsys, monkeypatch
):
    from dk_desktop.cli import main

    made = Store.open(db_path)
    set_members(made, 12)
    made.close()
    exported = tmp_path / "du-lieu.json"
    assert main(["export", "--db", str(db_path), "-o", str(exported)]) == 0

    assert main(["check", "--db", str(tmp_path)]) == 1
    assert "là một thư mục" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path), "-o", str(tmp_path / "x.json")]) == 1
    assert "là một thư mục" in capsys.readouterr().err

    read_only = read_only_copy(db_path)
    assert main(["import", str(exported), "--db", str(read_only)]) == 1
    assert "chỉ đọc" in capsys.readouterr().err

    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(db_path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["export", "--db", str(db_path), "-o", str(tmp_path / "y.json")]) == 1
        assert "đang bận" in capsys.readouterr().err
    finally:
        other.rollback()
        other.close()


def test_with_a_lock_file_as_on_windows_a_new_database_opens_and_is_locked(tmp_path, monkeypatch):
    """On Windows the «.lock» file beside the real name stays the lock after creating the
    file (locking it again from a second handle would refuse the app its own file)."""
    from dk_desktop.store import lock as lock_module

    monkeypatch.setattr(lock_module, "LOCK_THE_DATABASE_ITSELF", False)
    path = tmp_path / "moi.sqlite"
    store = Store.open(path)
    try:
        with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
            Store.open(path)
        link = tmp_path / "loi-tat.sqlite"
        link.symlink_to(path)
        with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
            Store.open(link)
    finally:
        store.close()
    Store.open(path).close()


def test_with_a_lock_file_as_on_windows_a_hard_link_cannot_open_the_file_twice(
    tmp_path, monkeypatch
):
    """A hard link has a real name of its own, so the «.lock» file beside it differs: the
    lock named after the file's identity (shared by every name of it) refuses it."""
    import tempfile

    from dk_desktop.store import lock as lock_module

    monkeypatch.setattr(lock_module, "LOCK_THE_DATABASE_ITSELF", False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tam"))
    path = tmp_path / "moi.sqlite"
    store = Store.open(path)
    try:
        elsewhere = tmp_path / "thu-muc-khac"
        elsewhere.mkdir()
        link = elsewhere / "cung-tep.sqlite"
        os.link(path, link)
        with pytest.raises(StoreError, match="đang được mở ở cửa sổ khác"):
            Store.open(link)
    finally:
        store.close()
    Store.open(link).close()  # once the first is closed, any name opens it
    Store.open(path).close()


def test_any_file_committed_on_a_disk_left_without_its_margin_is_taken_back(
    store, tmp_path, monkeypatch
):
    """Exports built by other modules (reports, charts, packages) end in commit_file: a
    file that leaves less than the margin free is removed again, the old one kept."""
    from dk_desktop.reports.xlsx_report import write_xlsx_report

    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"the old report")
    real = shutil.disk_usage
    monkeypatch.setattr(
        files.shutil, "disk_usage", lambda folder: real(folder)._replace(free=files.FREE_MARGIN - 1)
    )
    with pytest.raises(DiskFull, match="gần đầy"):
        write_xlsx_report(store, target, 2026)
    assert target.read_bytes() == b"the old report"
    assert leftovers(tmp_path) == []
