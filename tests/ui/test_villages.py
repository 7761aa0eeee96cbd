"""Villages: add one, enter its figures, see the commune total computed the right way."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from dk_desktop.core.model import Field, Status
from dk_desktop.store.repository import ResultInput
from dk_desktop.ui.figure_detail import PAGE_VILLAGES
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import places as place_columns
from dk_desktop.ui.models import village_results as village

from .conftest import enter_in_cell, type_text


def add_village_through_the_tab(qtbot, window, name: str, former: str | None = None):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(TAB_PLACES)
    tab = window.places
    tab.name.setFocus()
    type_text(tab.name, name)
    if former is not None:
        tab.parent_combo.setCurrentIndex(tab.parent_combo.findText(former))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    return next(v for v in window.session.store.villages() if v.name == name)


def village_row(model, name: str) -> int:  # type: ignore[no-untyped-def]
    for number, row in enumerate(model.rows):
        if row.place is not None and row.place.name == name:
            return number
    raise AssertionError(f"no row for {name}")


def test_add_a_village_and_enter_its_figure_to_see_the_commune_total(qtbot, window):
    store = window.session.store
    former = store.former_communes()[0].name
    first = add_village_through_the_tab(qtbot, window, "Bản Nà Mường", former)
    second = add_village_through_the_tab(qtbot, window, "Tiểu khu Pa Khen")
    assert [v.name for v in store.villages()] == ["Bản Nà Mường", "Tiểu khu Pa Khen"]
    assert store.place(first.id).parent_id == store.former_communes()[0].id
    assert window.places.model.rowCount() == 2
    assert window.places.model.index(0, place_columns.FORMER).data() == former

    figure = store.figure_by_code("CT04a")  # tổng đàn gia súc: the villages' sum
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(figure.id)
    detail = tab.detail
    detail.pages.setCurrentIndex(PAGE_VILLAGES)
    detail.village_year.setCurrentIndex(detail.village_year.findData(2026))
    model = detail.village_model
    table = detail.village_table

    enter_in_cell(
        qtbot, table, model.index(village_row(model, first.name), village.RESULT), "6.000"
    )
    enter_in_cell(
        qtbot, table, model.index(village_row(model, second.name), village.RESULT), "4.500"
    )

    assert store.result(figure.id, first.id, 2026).value == Decimal(6000)
    total_row = model.rowCount() - 1
    assert model.index(total_row, village.VILLAGE).data() == "Cộng toàn xã"
    assert model.index(total_row, village.RESULT).data() == "10.500"
    assert "10.500" in detail.village_total.text()
    row = tab.model.row_for_figure(figure.id)
    assert tab.model.index(row, columns.LATEST).data() == "10.500 (2026)"
    assert window.session.store.commune_series(figure)[2026] == Decimal(10500)


def test_a_ratio_is_summed_parts_not_an_average_of_percentages(qtbot, window):
    store = window.session.store
    big = add_village_through_the_tab(qtbot, window, "Bản Hua Păng")
    small = add_village_through_the_tab(qtbot, window, "Bản Tà Lại")
    figure = store.figure_by_code("CT11a")  # tỷ lệ hộ nghèo: số hộ nghèo / tổng số hộ
    window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
    tab = window.field_tabs[Field.CULTURE_SOCIETY]
    tab.select_figure(figure.id)
    detail = tab.detail
    detail.pages.setCurrentIndex(PAGE_VILLAGES)
    detail.village_year.setCurrentIndex(detail.village_year.findData(2026))
    model = detail.village_model
    table = detail.village_table
    assert not table.isColumnHidden(village.NUMER)

    enter_in_cell(qtbot, table, model.index(village_row(model, big.name), village.NUMER), "20")
    assert "để lưu" in window.status_text()  # the part waits for its other half
    assert store.result(figure.id, big.id, 2026) is None
    enter_in_cell(qtbot, table, model.index(village_row(model, big.name), village.DENOM), "400")
    enter_in_cell(qtbot, table, model.index(village_row(model, small.name), village.NUMER), "10")
    enter_in_cell(qtbot, table, model.index(village_row(model, small.name), village.DENOM), "40")

    assert store.result(figure.id, big.id, 2026).value == Decimal(5)
    assert model.index(village_row(model, small.name), village.RESULT).data() == "25"
    total_row = model.rowCount() - 1
    # (20 + 10) / (400 + 40) = 6,82 %, not the mean of 5 % and 25 % (15 %)
    assert model.index(total_row, village.RESULT).data() == "6,82"
    assert model.index(total_row, village.NUMER).data() == "30"
    assert model.index(total_row, village.DENOM).data() == "440"
    row = tab.model.row_for_figure(figure.id)
    assert tab.model.rows[row].status is not Status.NO_DATA

    # more poor households than households: refused in place, nothing changes
    editor = enter_in_cell(
        qtbot, table, model.index(village_row(model, small.name), village.NUMER), "50"
    )
    assert "không thể lớn hơn" in detail.banner.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert store.result(figure.id, small.id, 2026).numerator == Decimal(10)


def test_rename_and_retire_a_village_but_never_delete_one_with_figures(qtbot, window, monkeypatch):
    store = window.session.store
    place = add_village_through_the_tab(qtbot, window, "Bản Cũ")
    tab = window.places
    model = tab.model
    enter_in_cell(qtbot, tab.table, model.index(0, place_columns.NAME), "Bản Mới")
    assert store.place(place.id).name == "Bản Mới"

    figure = store.figure_by_code("CT04a")
    window.session.set_result(figure, store.place(place.id), 2026, ResultInput(Decimal(5)))
    tab.table.setCurrentIndex(model.index(0, place_columns.NAME))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.delete_village()
    assert store.place(place.id).name == "Bản Mới"  # still there
    assert "Thôi theo dõi" in tab.banner.text()

    qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    assert store.place(place.id).retired
    assert model.index(0, place_columns.STATE).data() == "Thôi theo dõi"
    window.undo_action.trigger()
    assert not store.place(place.id).retired
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert store.place(place.id).name == "Bản Cũ"
