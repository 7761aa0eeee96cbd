"""Typing figures the way a clerk does: accepted, refused, undone, redone — and the
database always holds what the screen shows."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from dk_desktop.core.model import Field, Status
from dk_desktop.ui.main_window import FIELD_TABS
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import year_results as years

from .conftest import enter_in_cell, open_editor


def field_tab(window, field: Field):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    return window.field_tabs[field]


def figure_row_text(tab, figure_id: int, column: int) -> str:  # type: ignore[no-untyped-def]
    row = tab.model.row_for_figure(figure_id)
    return tab.model.index(row, column).data()


def year_index(tab, year: int, column: int = years.RESULT):  # type: ignore[no-untyped-def]
    model = tab.detail.year_model
    return model.index(year - 2025, column)


def commune_value(window, figure_id: int, year: int) -> Decimal | None:  # type: ignore[no-untyped-def]
    store = window.session.store
    result = store.result(figure_id, store.commune().id, year)
    return None if result is None else result.value


def test_typing_26_3_changes_status_and_percent_and_is_saved(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")  # hồ sơ TTHC được số hóa: 100 %
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    assert tab.select_figure(figure.id)
    assert figure_row_text(tab, figure.id, columns.STATUS) == Status.NO_DATA.value

    enter_in_cell(qtbot, tab.detail.year_table, year_index(tab, 2026), "26,3")

    assert commune_value(window, figure.id, 2026) == Decimal("26.3")
    assert figure_row_text(tab, figure.id, columns.STATUS) != Status.NO_DATA.value
    assert figure_row_text(tab, figure.id, columns.PERCENT) == "26,3 %"
    assert figure_row_text(tab, figure.id, columns.LATEST) == "26,3 (2026)"
    assert year_index(tab, 2026).data() == "26,3"
    assert "Đã lưu" in window.status_text()
    # the overview follows at once
    overview_row = window.overview.model.row_for_item(figure.item_id)
    assert window.overview.model.rows[overview_row].status is not Status.NO_DATA


def test_thousands_are_read_the_vietnamese_way(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT04a")  # tổng đàn gia súc, con
    tab = field_tab(window, Field.ECONOMY)
    tab.select_figure(figure.id)
    enter_in_cell(qtbot, tab.detail.year_table, year_index(tab, 2026), "11.041")
    assert commune_value(window, figure.id, 2026) == Decimal(11041)
    assert year_index(tab, 2026).data() == "11.041"


def test_garbage_is_refused_in_place_and_the_old_value_stays(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "40")
    assert commune_value(window, figure.id, 2026) == Decimal(40)

    editor = enter_in_cell(qtbot, table, year_index(tab, 2026), "abc")

    # refused: the editor stays open on the cell, the message says what is expected
    assert table.state() == table.State.EditingState
    assert table.focusWidget() is editor
    assert "không phải là số" in tab.detail.banner.text()
    assert "26,3" in tab.detail.banner.text()  # an example of what to type
    assert "không phải là số" in window.status_text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert commune_value(window, figure.id, 2026) == Decimal(40)
    assert year_index(tab, 2026).data() == "40"


def test_english_decimal_point_and_out_of_range_values_are_refused(qtbot, window):
    store = window.session.store
    percent = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(percent.id)
    table = tab.detail.year_table

    editor = enter_in_cell(qtbot, table, year_index(tab, 2027), "26.3")
    assert "26,3" in tab.detail.banner.text()  # suggests the comma
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    editor = enter_in_cell(qtbot, table, year_index(tab, 2027), "120")
    assert "từ 0 đến 100" in tab.detail.banner.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert commune_value(window, percent.id, 2027) is None


def test_a_fraction_of_a_count_is_refused(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT04a")  # con
    tab = field_tab(window, Field.ECONOMY)
    tab.select_figure(figure.id)
    editor = enter_in_cell(qtbot, tab.detail.year_table, year_index(tab, 2026), "12,5")
    assert "số nguyên" in tab.detail.banner.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert commune_value(window, figure.id, 2026) is None


def test_tab_moves_right_and_enter_moves_down(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table

    enter_in_cell(qtbot, table, year_index(tab, 2026), "30", key=Qt.Key.Key_Return)
    assert table.currentIndex().row() == year_index(tab, 2027).row()

    enter_in_cell(qtbot, table, year_index(tab, 2027), "35", key=Qt.Key.Key_Tab)
    assert commune_value(window, figure.id, 2027) == Decimal(35)
    # Tab saved the figure and moved to the cell on the right, as in Excel
    assert table.currentIndex().row() == year_index(tab, 2027).row()
    assert table.currentIndex().column() > years.RESULT
    assert table.state() != table.State.EditingState

    # typing a character on a selected cell starts editing it with that character
    table.setCurrentIndex(year_index(tab, 2028))
    qtbot.keyClick(table, Qt.Key.Key_4)
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert commune_value(window, figure.id, 2028) == Decimal(42)


def test_delete_clears_a_cell_and_undo_brings_it_back(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "50")
    table.setCurrentIndex(year_index(tab, 2026))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert commune_value(window, figure.id, 2026) is None
    window.undo_action.trigger()
    assert commune_value(window, figure.id, 2026) == Decimal(50)


def test_undo_and_redo_write_to_the_database(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "20")
    enter_in_cell(qtbot, table, year_index(tab, 2026), "26,3")
    assert commune_value(window, figure.id, 2026) == Decimal("26.3")
    assert "26,3" in window.undo_action.text()

    window.undo_action.trigger()
    assert commune_value(window, figure.id, 2026) == Decimal(20)
    assert year_index(tab, 2026).data() == "20"
    assert figure_row_text(tab, figure.id, columns.PERCENT) == "20 %"
    assert "hoàn tác" in window.status_text()

    window.undo_action.trigger()
    assert commune_value(window, figure.id, 2026) is None
    assert figure_row_text(tab, figure.id, columns.STATUS) == Status.NO_DATA.value

    window.redo_action.trigger()
    window.redo_action.trigger()
    assert commune_value(window, figure.id, 2026) == Decimal("26.3")
    assert figure_row_text(tab, figure.id, columns.PERCENT) == "26,3 %"


def test_ctrl_z_and_ctrl_y_from_the_keyboard(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "60")
    window.activateWindow()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert commune_value(window, figure.id, 2026) is None
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert commune_value(window, figure.id, 2026) == Decimal(60)


def test_the_history_names_the_user(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    tab.select_figure(figure.id)
    enter_in_cell(qtbot, tab.detail.year_table, year_index(tab, 2026), "26,3")
    history = tab.detail.history_model
    assert history.rowCount() >= 1
    assert history.index(0, 1).data() == "Lò Thị Hương"
    assert "26,3" in history.index(0, 2).data()
    assert "Năm 2026" in history.index(0, 2).data()


def test_editor_opens_with_the_old_value(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT04a")
    tab = field_tab(window, Field.ECONOMY)
    tab.select_figure(figure.id)
    table = tab.detail.year_table
    enter_in_cell(qtbot, table, year_index(tab, 2026), "11041")
    editor = open_editor(qtbot, table, year_index(tab, 2026))
    assert editor.text() == "11.041"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
