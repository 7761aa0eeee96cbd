"""Sao lưu và khôi phục: backups listed with date, reason and figures count; a restore
brings an old value back and every view reloads; at start-up a damaged file is never
opened for writing and the latest good backup is offered; a file open in another window
is refused with a clear message; the daily start-up backup."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from dk_desktop.core.model import Field
from dk_desktop.store.backup import list_backups
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.ui import app as app_module
from dk_desktop.ui.backup_dialog import COL_FIGURES, COL_REASON, COL_WHEN, BackupDialog
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.models import figure_table as columns

from .conftest import USER, Modals, click

CODE = "CT06a"  # thu nhập bình quân, triệu đồng


def set_income(window: MainWindow, value: int) -> None:
    store = window.session.store
    window.session.set_result(
        store.figure_by_code(CODE), store.commune(), 2026, ResultInput(Decimal(value))
    )


def income_cell(window: MainWindow) -> str:
    store = window.session.store
    tab = window.field_tabs[Field.ECONOMY]
    row = tab.model.row_for_figure(store.figure_by_code(CODE).id)
    return tab.model.index(row, columns.LATEST).data()


def cells(dialog: BackupDialog, column: int) -> list[str]:
    return [dialog.table.item(r, column).text() for r in range(dialog.table.rowCount())]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backups_are_listed_by_date_with_reason_and_figures(qtbot, window):
    set_income(window, 45)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert dialog.backup_now()
    assert dialog.table.rowCount() == 1
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", cells(dialog, COL_WHEN)[0])
    assert cells(dialog, COL_REASON) == ["Sao lưu thủ công"]
    assert cells(dialog, COL_FIGURES) == ["1 số liệu"]
    assert "Đã sao lưu vào" in window.status_text()
    assert dialog.restore_button.isEnabled()


def test_a_damaged_backup_is_marked_and_cannot_be_restored(qtbot, window):
    made = window.session.store.backup("thu-cong")
    made.write_bytes(b"\x00" * 512)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert cells(dialog, COL_FIGURES)[0].startswith("Hỏng, không dùng được")
    assert not dialog.restore_button.isEnabled()


def test_restore_brings_back_the_old_value_and_the_views_reload(qtbot, window):
    set_income(window, 45)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.backup_now()
    set_income(window, 99)
    assert income_cell(window) == "99 (2026)"
    old_session = window.session

    # Cancel first: nothing changes.
    modals = Modals().then(QMessageBox, click("Hủy"))
    dialog.table.selectRow(0)
    assert not dialog.restore_selected()
    modals.finish()
    assert income_cell(window) == "99 (2026)"

    question: list[str] = []

    def read_and_restore(box: QWidget) -> None:
        question.append(box.text())  # type: ignore[attr-defined]
        click("Khôi phục")(box)

    modals = Modals().then(QMessageBox, read_and_restore)
    dialog.table.selectRow(0)
    assert dialog.restore_selected()
    modals.finish()
    assert "Trạng thái hiện tại của tệp được sao lưu trước" in question[0]
    assert "1 số liệu" in question[0]
    assert window.session is not old_session  # the window reopened the file
    assert income_cell(window) == "45 (2026)"
    store = window.session.store
    assert store.result(store.figure_by_code(CODE).id, store.commune().id, 2026).value == 45
    # the state before the restore is itself a backup, listed first
    assert cells(dialog, COL_REASON)[0] == "Trước khi khôi phục"
    assert "Đã khôi phục dữ liệu về bản sao lưu lúc" in window.status_text()
    assert not window.session.undo_stack.canUndo()  # no undo into the replaced state


def damage_the_file(path: Path) -> None:
    """Scribble over the second page, as a failing disk or a torn write would."""
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


def window_without_data(qtbot, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    return main


def a_damaged_database_with_a_backup(folder: Path) -> Path:
    path = folder / "du-lieu-nghi-quyet.sqlite"
    store = Store.open(path, user=USER)
    figure = store.figure_by_code(CODE)
    store.set_result(figure.id, store.commune().id, 2026, ResultInput(Decimal(45)))
    store.backup("thu-cong")
    store.set_result(figure.id, store.commune().id, 2027, ResultInput(Decimal(50)))
    store.close()
    damage_the_file(path)
    return path


def test_damaged_database_at_start_up_offers_the_latest_good_backup(qtbot, settings, tmp_path):
    path = a_damaged_database_with_a_backup(tmp_path)
    damaged = file_hash(path)
    window = window_without_data(qtbot, settings)
    said: list[str] = []

    def read_and_restore(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        click("Khôi phục bản sao lưu")(box)

    modals = Modals().then(QMessageBox, read_and_restore)
    assert app_module.start_up(window, settings, path, tmp_path)
    modals.finish()
    assert "bị hỏng" in said[0] and "Ứng dụng không ghi vào tệp này" in said[0]
    assert "Có bản sao lưu còn tốt gần nhất" in said[0] and "1 số liệu" in said[0]
    assert "không bị xóa" in said[0]
    # the damaged file is kept aside, byte for byte; the backup's content is open
    (aside,) = [p for p in tmp_path.glob("*bị hỏng*.sqlite")]
    assert file_hash(aside) == damaged
    assert aside.name in said[0]
    assert window.session is not None and window.session.store.path == path
    assert income_cell(window) == "45 (2026)"
    assert "Đã khôi phục từ bản sao lưu" in window.status_text()
    assert any(b.reason == "khoi-dong" for b in list_backups(path))  # the daily backup
    window.close()


def test_declining_the_restore_leaves_the_damaged_file_untouched(qtbot, settings, tmp_path):
    path = a_damaged_database_with_a_backup(tmp_path)
    damaged = file_hash(path)
    window = window_without_data(qtbot, settings)
    modals = Modals().then(QMessageBox, click("Không, để sau"))
    assert app_module.start_up(window, settings, path, tmp_path)
    modals.finish()
    assert window.session is None
    assert file_hash(path) == damaged
    assert not list(tmp_path.glob("*bị hỏng*"))
    assert "bị hỏng và chưa được khôi phục" in window.status_text()


def test_damaged_without_any_backup_says_so_and_keeps_the_file(qtbot, settings, tmp_path):
    path = a_damaged_database_with_a_backup(tmp_path)
    for backup in list_backups(path):
        backup.path.unlink()
    damaged = file_hash(path)
    window = window_without_data(qtbot, settings)
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = Modals().then(QMessageBox, read)
    assert app_module.start_up(window, settings, path, tmp_path)
    modals.finish()
    assert "Không tìm thấy bản sao lưu nào còn tốt" in said[0]
    assert window.session is None
    assert file_hash(path) == damaged


def test_a_file_open_in_another_window_is_refused_and_the_app_leaves(qtbot, settings, tmp_path):
    path = tmp_path / "du-lieu-nghi-quyet.sqlite"
    other = Store.open(path, user="Cửa sổ khác")
    window = window_without_data(qtbot, settings)
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = Modals().then(QMessageBox, read)
    assert not app_module.start_up(window, settings, path, tmp_path)
    modals.finish()
    other.close()
    assert "đang được mở ở cửa sổ khác" in said[0]
    assert window.session is None


def test_the_start_up_backup_is_made_once_a_day(qtbot, settings, tmp_path):
    path = tmp_path / "du-lieu-nghi-quyet.sqlite"
    window = window_without_data(qtbot, settings)
    assert app_module.start_up(window, settings, path, tmp_path)
    assert [b.reason for b in list_backups(path)] == ["khoi-dong"]
    assert app_module.backup_at_start(window) is None  # already made today
    window.close()


# --- a read-only database, a read-only medium -------------------------------------------


def a_database_with_income(folder: Path, value: int = 45) -> Path:
    path = folder / "du-lieu-nghi-quyet.sqlite"
    store = Store.open(path, user=USER)
    figure = store.figure_by_code(CODE)
    store.set_result(figure.id, store.commune().id, 2026, ResultInput(Decimal(value)))
    store.close()
    return path


def test_a_read_only_database_opens_read_only_says_so_and_refuses_a_typed_value(
    qtbot, settings, tmp_path, read_only_copy
):
    from dk_desktop.ui.main_window import FIELD_TABS
    from dk_desktop.ui.models import year_results as years

    from .conftest import enter_in_cell

    path = read_only_copy(a_database_with_income(tmp_path / "goc"))
    before = file_hash(path)
    window = window_without_data(qtbot, settings)
    assert app_module.start_up(window, settings, path, tmp_path)
    assert window.session is not None and window.session.store.read_only
    assert "(chỉ đọc)" in window.windowTitle()
    assert "chế độ chỉ đọc" in window.status_text()
    assert "(chỉ đọc)" in window.where.text()

    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    assert tab.select_figure(window.session.store.figure_by_code(CODE).id)
    cell = tab.detail.year_model.index(2026 - 2025, years.RESULT)
    window.show_message("")
    enter_in_cell(qtbot, tab.detail.year_table, cell, "99")
    assert "chỉ đọc" in window.status_text()  # the refusal, in words, not a traceback
    assert income_cell(window) == "45 (2026)"
    assert window.session.undo_stack.count() == 0
    window.close()
    assert file_hash(path) == before


def test_portable_mode_on_a_read_only_medium_starts_and_says_why(
    qtbot, settings, tmp_path, read_only_copy
):
    import logging

    from dk_desktop import paths

    stick = read_only_copy(a_database_with_income(tmp_path / "goc")).parent
    reason = paths.cannot_write_reason(stick, portable=True)
    assert reason is not None and "chỉ cho đọc" in reason and "bên cạnh chương trình" in reason
    # neither the log nor the settings stop the start
    handlers = list(app_module.log.handlers)
    app_module.setup_logging(stick / "thu-muc-moi" / "nhat-ky-loi.log")
    (added,) = [h for h in app_module.log.handlers if h not in handlers]
    app_module.log.removeHandler(added)
    assert not isinstance(added, logging.FileHandler)  # on the standard error stream
    fallback = app_module.open_settings(stick / "thu-muc-moi")
    assert paths.can_write(fallback.path.parent)

    window = window_without_data(qtbot, settings)
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = Modals().then(QMessageBox, read)
    app_module.tell_cannot_write(window, reason)
    modals.finish()
    assert said == [reason]
    assert window.status_text() == reason
    assert app_module.start_up(window, settings, None, stick)  # the stick's own file
    assert window.session is not None and window.session.store.read_only
    assert "(chỉ đọc)" in window.windowTitle()
    window.close()


def test_a_folder_given_at_start_up_is_said_and_the_default_file_opens(qtbot, settings, tmp_path):
    folder = tmp_path / "mot-thu-muc"
    folder.mkdir()
    window = window_without_data(qtbot, settings)
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = Modals().then(QMessageBox, read)
    assert app_module.start_up(window, settings, folder, tmp_path)  # the app stays
    modals.finish()
    assert "là một thư mục" in said[0]
    assert window.session is not None  # the default file, as when --db is missing
    assert window.session.store.path == tmp_path / "du-lieu-nghi-quyet.sqlite"
    assert not folder.with_name(folder.name + ".lock").exists()
    window.close()


def test_a_failed_reopen_after_a_restore_leaves_no_view_on_the_closed_database(
    qtbot, window, monkeypatch
):
    set_income(window, 45)
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.backup_now()
    set_income(window, 99)
    path = window.session.store.path

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StoreError("Không mở được tệp (thử).")

    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = (
        Modals()
        .then(QMessageBox, click("Khôi phục"))
        .then(QMessageBox, read)  # «Không mở được tệp dữ liệu» from open_path
        .then(QMessageBox, read)  # «Không mở lại được tệp dữ liệu»
    )
    dialog.table.selectRow(dialog.backups.index(list_backups(path)[0]))
    monkeypatch.setattr(Store, "open", refused)
    assert not dialog.restore_selected()
    modals.finish()
    monkeypatch.undo()
    assert any("không mở lại được" in text for text in said)
    assert window.session is None  # no view holds the closed store
    assert window.overview is None and window.field_tabs == {}
    assert window.tabs.count() == 1 and window.tabs.widget(0) is window.waiting
    assert "Tệp → Mở tệp dữ liệu" in window.waiting.text()
    assert path.name not in window.windowTitle()
    assert not window.undo_action.isEnabled()
    assert not dialog.isVisible()
    # the restore itself was done: opening the file again shows the old value
    assert window.open_path(path)
    assert income_cell(window) == "45 (2026)"


def test_a_read_only_file_is_backed_up_as_usual_and_a_restore_is_refused_in_words(
    qtbot, settings, tmp_path, read_only_copy
):
    path = read_only_copy(a_database_with_income(tmp_path / "goc"), folder_too=False)
    before = file_hash(path)
    window = window_without_data(qtbot, settings)
    assert app_module.start_up(window, settings, path, tmp_path)
    assert window.session.store.read_only
    assert [b.reason for b in list_backups(path)] == ["khoi-dong"]  # beside it, as usual
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    modals = Modals().then(QMessageBox, click("Khôi phục"))
    assert not dialog.restore_selected()
    modals.finish()
    assert "chỉ đọc" in dialog.banner.text()
    assert [b.reason for b in list_backups(path)] == ["khoi-dong"]  # refused before anything
    assert window.session is not None and income_cell(window) == "45 (2026)"
    window.close()
    assert file_hash(path) == before


def test_save_a_copy_on_a_nearly_full_disk_is_refused_in_words(
    qtbot, window, tmp_path, monkeypatch
):
    from dk_desktop.store import files

    real = files.shutil.disk_usage
    monkeypatch.setattr(
        files.shutil, "disk_usage", lambda folder: real(folder)._replace(free=files.FREE_MARGIN)
    )
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    modals = Modals().then(QMessageBox, read)
    copy = tmp_path / "ban-sao.sqlite"
    assert not window.save_copy(copy)
    modals.finish()
    assert "Ổ đĩa gần đầy" in said[0] and "Chưa ghi gì" in said[0]
    assert not copy.exists() and not list(tmp_path.glob("*.dang-ghi"))


def test_a_busy_database_is_a_message_box_not_the_crash_dialog(
    qtbot, window, tmp_path, monkeypatch
):
    import sqlite3

    from dk_desktop.store import connection as connection_module

    other_file = a_database_with_income(tmp_path / "khac")
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(other_file)  # another program, in the middle of a write
    holder.execute("BEGIN EXCLUSIVE")
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(box.text())  # type: ignore[attr-defined]
        box.accept()  # type: ignore[attr-defined]

    before = window.session
    modals = Modals().then(QMessageBox, read)
    try:
        assert not window.open_path(other_file)
    finally:
        holder.rollback()
        holder.close()
    modals.finish()
    assert "đang bận" in said[0] and "Chưa có gì bị thay đổi" in said[0]
    assert window.session is before  # the open file stays open
