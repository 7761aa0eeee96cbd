"""Nothing typed is dropped: a figure's note, a cell, a name, a dialog's fields are saved on
leaving them like a cell (with undo and history), or asked about before they are lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from dk_desktop.core.model import Field, TaskState
from dk_desktop.store.repository import Store
from dk_desktop.ui.figure_detail import PAGE_HISTORY, PAGE_SOURCE
from dk_desktop.ui.figure_dialog import FigureDialog
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES, MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import year_results as years
from dk_desktop.ui.receive_dialog import ReceiveDialog
from dk_desktop.ui.setup_dialog import SetupDialog

from .conftest import USER, Modals, click, open_editor, type_text
from .test_exchange_ui import usb, village_window  # noqa: F401 - fixtures

NOTE = "Theo báo cáo số 12-BC/ĐU của Đảng ủy xã"


def economy(window: MainWindow):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    return window.field_tabs[Field.ECONOMY]


def two_figures(tab):  # type: ignore[no-untyped-def]
    figures = [row.figure for row in tab.model.rows if row.figure is not None]
    return figures[0], figures[1]


def type_note(qtbot, window: MainWindow, tab, figure, text: str = NOTE) -> None:  # type: ignore[no-untyped-def]
    """Open the figure's «Nguồn, ghi chú» page and type into the note, as a person does."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab.select_figure(figure.id)
    detail = tab.detail
    detail.pages.setCurrentIndex(PAGE_SOURCE)
    qtbot.mouseClick(detail.note.viewport(), Qt.MouseButton.LeftButton)
    assert detail.note.hasFocus()
    if text:
        detail.note.selectAll()  # in place of the seed's note, if it has one
        type_text(detail.note, text)


def click_figure_row(qtbot, tab, figure) -> None:  # type: ignore[no-untyped-def]
    index = tab.model.index(tab.model.row_for_figure(figure.id), columns.NAME)
    tab.table.scrollTo(index)
    rect = tab.table.visualRect(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def answer(text: str, seen: list[str]):  # type: ignore[no-untyped-def]
    """Keep what the question box says, then press ``text``."""

    def action(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        click(text)(box)

    return action


def test_a_note_left_for_another_figure_is_saved_undone_by_ctrl_z_and_in_the_history(qtbot, window):
    store = window.session.store
    tab = economy(window)
    first, second = two_figures(tab)
    old = store.figure(first.id).note or ""  # the seed's note (may be empty)
    type_note(qtbot, window, tab, first, "")
    detail = tab.detail
    assert detail.note.toPlainText() == old
    detail.note.selectAll()
    type_text(detail.note, NOTE)
    click_figure_row(qtbot, tab, second)  # another figure: the note is left, and saved
    assert detail.figure.id == second.id
    assert store.figure(first.id).note == NOTE
    assert detail.note.toPlainText() == (second.note or "")  # the second figure's own

    # the history of the first figure shows the change, by whom
    click_figure_row(qtbot, tab, first)
    assert detail.note.toPlainText() == NOTE
    detail.pages.setCurrentIndex(PAGE_HISTORY)
    history = detail.history_model
    change = history.index(0, 2).data()
    assert change.startswith("Ghi chú: ") and change.endswith(f"→ {NOTE}")
    assert history.index(0, 1).data() == USER
    assert f"ghi chú của «{first.name}»" in window.undo_action.text()

    # Ctrl+Z (from the table, as a person would) brings the old note back, in the file too
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (store.figure(first.id).note or "") == old
    detail.pages.setCurrentIndex(PAGE_SOURCE)
    assert detail.note.toPlainText() == old
    qtbot.keyClick(tab.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert store.figure(first.id).note == NOTE
    assert detail.note.toPlainText() == NOTE


def test_a_note_left_for_another_page_or_another_tab_is_saved(qtbot, window):
    store = window.session.store
    tab = economy(window)
    first, _ = two_figures(tab)
    type_note(qtbot, window, tab, first)
    tab.detail.pages.setCurrentIndex(PAGE_HISTORY)  # «Lịch sử»
    assert store.figure(first.id).note == NOTE

    tab.detail.pages.setCurrentIndex(PAGE_SOURCE)
    tab.detail.note.setFocus()
    type_text(tab.detail.note, "; đã kiểm tra")
    window.tabs.setCurrentIndex(TAB_PLACES)  # another main tab
    assert store.figure(first.id).note == NOTE + "; đã kiểm tra"


def test_a_note_typed_then_the_window_closed_is_in_the_file(qtbot, window, db_file):
    tab = economy(window)
    first, _ = two_figures(tab)
    type_note(qtbot, window, tab, first)
    assert tab.detail.note.hasFocus()  # still in the field when the window closes
    assert window.close()
    again = Store.open(db_file, user=USER)
    try:
        assert again.figure(first.id).note == NOTE
    finally:
        again.close()


def test_a_note_the_file_refuses_is_kept_and_asked_about(qtbot, window):
    store = window.session.store
    tab = economy(window)
    first, second = two_figures(tab)
    store.read_only = True  # as a file opened from a write-protected USB stick
    type_note(qtbot, window, tab, first)

    # another figure: asked first; «Quay lại» keeps the figure and the text
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    click_figure_row(qtbot, tab, second)
    modals.finish()
    assert "chưa lưu được" in seen[0]
    assert f"Ghi chú của «{first.name}»" in seen[0] and "chế độ chỉ đọc" in seen[0]
    assert tab.detail.figure.id == first.id
    assert tab.detail.note.toPlainText() == NOTE
    assert "Chưa lưu được ghi chú" in window.status_text()

    # closing from another tab: asked too; «Quay lại» keeps the window open and goes back
    # to the note, with its text
    window.tabs.setCurrentIndex(TAB_PLACES)
    seen.clear()
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    assert not window.close()
    modals.finish()
    assert "đóng mà không lưu các mục đó?" in seen[0]
    assert window.isVisible() and tab.detail.note.toPlainText() == NOTE
    assert window.tabs.currentWidget() is tab
    assert tab.detail.pages.currentIndex() == PAGE_SOURCE

    # «Đóng không lưu»: the person chose it, the window closes
    modals = Modals().then(QMessageBox, click("Đóng không lưu"))
    assert window.close()
    modals.finish()


def test_a_cell_being_typed_when_the_window_closes_is_written(qtbot, window, db_file):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    field = store.item(figure.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    tab = window.field_tabs[field]
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    editor = open_editor(qtbot, table, tab.detail.year_model.index(2026 - 2025, years.RESULT))
    qtbot.keyClicks(editor, "61,5")  # no Enter: the window is closed while typing
    assert window.close()
    again = Store.open(db_file, user=USER)
    try:
        assert again.result(figure.id, again.commune().id, 2026).value == Decimal("61.5")
    finally:
        again.close()


def test_a_wrong_cell_is_asked_about_and_stays_open(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    field = store.item(figure.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    tab = window.field_tabs[field]
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    editor = open_editor(qtbot, table, tab.detail.year_model.index(2026 - 2025, years.RESULT))
    qtbot.keyClicks(editor, "abc")
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    assert not window.close()
    modals.finish()
    assert "«abc»" in seen[0]
    assert not editor.isHidden() and editor.text() == "abc"  # still there to correct
    assert store.result(figure.id, store.commune().id, 2026) is None


def test_a_village_name_typed_but_not_added_is_asked_about(qtbot, window):
    window.tabs.setCurrentIndex(TAB_PLACES)
    window.places.name.setFocus()
    type_text(window.places.name, "Bản Nà Mường")
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    assert not window.close()
    modals.finish()
    assert "Tên bản mới «Bản Nà Mường» chưa được thêm" in seen[0]
    assert window.places.name.text() == "Bản Nà Mường"


def test_clearing_a_task_state_never_drops_its_note(qtbot, window):
    tab = window.field_tabs[Field.PARTY_BUILDING]
    model = tab.task_model
    store = window.session.store
    row = next(n for n, r in enumerate(model.rows) if r.item is not None)
    item = model.rows[row].item
    window.session.set_task_state(item, 2026, TaskState.IN_PROGRESS, "Đã có kế hoạch")
    assert not model.setData(model.index(row, model.year_column(2026)), "")
    assert store.task_states(item.id)[2026] == (TaskState.IN_PROGRESS, "Đã có kế hoạch")
    assert "còn ghi chú «Đã có kế hoạch»" in window.status_text()


@pytest.mark.parametrize("how", ["esc", "cancel", "close"])
def test_the_figure_dialog_asks_before_dropping_what_was_typed(qtbot, window, how):
    tab = economy(window)
    figure, _ = two_figures(tab)
    dialog = FigureDialog(window.session, figure=figure, parent=window)  # closed with it
    dialog.show()
    qtbot.waitExposed(dialog)

    def close() -> None:
        if how == "esc":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif how == "cancel":
            click("Hủy")(dialog)
        else:
            dialog.close()
        QApplication.processEvents()

    close()  # nothing typed: it just closes
    assert not dialog.isVisible()

    dialog.show()
    dialog.note.setFocus()
    dialog.note.selectAll()
    type_text(dialog.note, "Sửa theo Nghị quyết bổ sung")
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    close()
    modals.finish()
    assert "Ghi chú: «Sửa theo Nghị quyết bổ sung»" in seen[0]
    assert dialog.isVisible() and dialog.note.text() == "Sửa theo Nghị quyết bổ sung"

    modals = Modals().then(QMessageBox, click("Bỏ, không lưu"))
    close()
    modals.finish()
    assert not dialog.isVisible()
    assert window.session.store.figure(figure.id).note == figure.note  # nothing written


def test_the_setup_dialog_asks_before_dropping_what_was_typed(qtbot, settings):
    dialog = SetupDialog(settings, commune_name="Đoàn Kết", villages=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.user.selectAll()
    type_text(dialog.user, "Quàng Văn Đức")
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    modals.finish()
    assert "Họ và tên: «Quàng Văn Đức»" in seen[0]
    assert dialog.isVisible()
    modals = Modals().then(QMessageBox, click("Bỏ, không lưu"))
    dialog.close()
    modals.finish()
    assert not dialog.isVisible()
    assert settings.user_name == USER  # unchanged


def test_a_note_typed_then_another_file_opened_is_in_the_first_file(qtbot, window, db_file):
    tab = economy(window)
    first, _ = two_figures(tab)
    type_note(qtbot, window, tab, first)
    assert window.new_database(db_file.with_name("khac.sqlite"))  # File → New, no question
    again = Store.open(db_file, user=USER)
    try:
        assert again.figure(first.id).note == NOTE
    finally:
        again.close()


def test_a_note_typed_then_a_package_received_is_kept(qtbot, window, modals, monkeypatch, request):
    from .test_exchange_ui import configured_village, enter, open_files, send_through_the_menu

    village = request.getfixturevalue("village_window")  # test_exchange_ui's laptop
    folder = request.getfixturevalue("usb")

    configured_village(window, village, modals, folder, monkeypatch)
    enter(village, "CT04a", 2026, value=6000)
    package = folder / "goi.dkgoi"
    send_through_the_menu(village, village.exchange_actions.send_data, Modals(), package)

    tab = economy(window)
    first, _ = two_figures(tab)
    type_note(qtbot, window, tab, first)  # still in the note when the package comes
    open_files(monkeypatch, package)
    receiving = Modals().then(ReceiveDialog, click("Nhận gói"))
    window.exchange_actions.receive.trigger()
    receiving.finish()
    store = window.session.store  # the window reopened the file
    assert store.figure(first.id).note == NOTE
    assert window.field_tabs[Field.ECONOMY].detail.note.toPlainText() == NOTE


def test_a_cell_the_file_refuses_when_closing_is_asked_about_and_stays_open(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    field = store.item(figure.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    tab = window.field_tabs[field]
    tab.select_figure(figure.id)
    editor = open_editor(
        qtbot, tab.detail.year_table, tab.detail.year_model.index(2026 - 2025, years.RESULT)
    )
    qtbot.keyClicks(editor, "61,5")
    store.read_only = True  # the USB stick's write protection, found on writing
    seen: list[str] = []
    modals = Modals().then(QMessageBox, answer("Quay lại", seen))
    assert not window.close()
    modals.finish()
    assert "2026, cột «Kết quả" in seen[0] and "«61,5»" in seen[0]
    assert "chế độ chỉ đọc" in seen[0]
    assert not editor.isHidden() and editor.text() == "61,5"
    store.read_only = False  # the file can be written again: closing writes the cell
    assert window.close()
    assert window.session is None
