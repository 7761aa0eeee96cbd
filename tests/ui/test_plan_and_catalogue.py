"""The clerk's yearly milestones («Mốc kế hoạch») typed into the year table, and retired
figures seen again and brought back — all written at once, in the history, undoable."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from dk_desktop.core.model import Field, Status
from dk_desktop.ui.main_window import FIELD_TABS
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import year_results as years

from .conftest import enter_in_cell


def field_tab(window, field: Field):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    return window.field_tabs[field]


def planned(tab, year: int) -> str:  # type: ignore[no-untyped-def]
    return tab.detail.year_model.index(year - 2025, years.PLANNED).data()


def planned_index(tab, year: int):  # type: ignore[no-untyped-def]
    return tab.detail.year_model.index(year - 2025, years.PLANNED)


def status_of(tab, figure_id: int) -> str:  # type: ignore[no-untyped-def]
    row = tab.model.row_for_figure(figure_id)
    return tab.model.index(row, columns.STATUS).data()


def test_a_yearly_milestone_is_typed_moves_the_plan_and_the_status_and_is_undone(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT19b")  # tỷ lệ che phủ rừng: 46 % (2025) → 49 % (2030)
    tab = field_tab(window, store.item(figure.item_id).field)
    tab.select_figure(figure.id)
    model = tab.detail.year_model
    table = tab.detail.year_table
    assert planned(tab, 2027) == "47,2"  # the straight path
    # only the years strictly between the baseline and the target take a milestone
    for year, editable in ((2025, False), (2026, True), (2029, True), (2030, False)):
        flags = model.flags(planned_index(tab, year))
        assert bool(flags & Qt.ItemFlag.ItemIsEditable) is editable, year

    # a level met at the start stays at the target: no milestone to set there
    cattle = store.figure_by_code("CT04a")  # 11.152 con in 2025, ≥ 9.820 asked
    tab.detail.year_model.set_figure(cattle)
    assert not model.flags(planned_index(tab, 2027)) & Qt.ItemFlag.ItemIsEditable
    tab.detail.year_model.set_figure(store.figure(figure.id))

    enter_in_cell(qtbot, table, model.index(2027 - 2025, years.RESULT), "47,5")
    assert status_of(tab, figure.id) == Status.ON_TRACK.value

    enter_in_cell(qtbot, table, planned_index(tab, 2027), "48")
    assert store.figure(figure.id).milestones == {2027: Decimal(48)}
    # the planned path bends at the milestone, and the status follows at once
    assert planned(tab, 2026) == "47"
    assert planned(tab, 2027) == "48"
    assert planned(tab, 2028) == "48,33"
    assert status_of(tab, figure.id) != Status.ON_TRACK.value
    assert "mốc kế hoạch" in window.undo_action.text()
    assert "Đã lưu" in window.status_text()
    history = store.history(figure_id=figure.id)
    assert any(entry.entity == "milestone" and entry.year == 2027 for entry in history)

    # a wrong entry is refused in Vietnamese and the milestone stays
    editor = enter_in_cell(qtbot, table, planned_index(tab, 2027), "abc")
    assert "Mốc kế hoạch" in tab.detail.banner.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    editor = enter_in_cell(qtbot, table, planned_index(tab, 2027), "120")
    assert "100" in tab.detail.banner.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert store.figure(figure.id).milestones == {2027: Decimal(48)}

    # undo writes back (the straight path again), redo brings the milestone back
    window.undo_action.trigger()
    assert store.figure(figure.id).milestones == {}
    assert planned(tab, 2027) == "47,2"
    assert status_of(tab, figure.id) == Status.ON_TRACK.value
    window.redo_action.trigger()
    assert store.figure(figure.id).milestones == {2027: Decimal(48)}
    assert planned(tab, 2027) == "48"

    # Delete on the cell removes the milestone (back to the straight path)
    table.setFocus()
    table.setCurrentIndex(planned_index(tab, 2027))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert store.figure(figure.id).milestones == {}
    assert planned(tab, 2027) == "47,2"


def test_a_retired_figure_is_shown_on_request_and_brought_back(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    tab = field_tab(window, Field.CULTURE_SOCIETY)
    window.session.retire_figure(store.figure(figure.id), True)
    assert tab.model.row_for_figure(figure.id) is None
    assert not tab.show_retired.isChecked()

    qtbot.mouseClick(tab.show_retired, Qt.MouseButton.LeftButton)
    assert tab.show_retired.isChecked()
    row = tab.model.row_for_figure(figure.id)
    assert row is not None
    assert tab.model.index(row, columns.STATUS).data() == "Thôi theo dõi"
    assert "thôi theo dõi" in tab.model.index(row, columns.NAME).data()
    assert tab.select_figure(figure.id)
    assert tab.retire_button.text() == "Theo dõi lại"

    qtbot.mouseClick(tab.retire_button, Qt.MouseButton.LeftButton)
    assert not store.figure(figure.id).retired
    assert tab.retire_button.text() == "Thôi theo dõi chỉ số"
    assert tab.model.index(tab.model.row_for_figure(figure.id), columns.STATUS).data() == (
        Status.NO_DATA.value
    )
    assert "Theo dõi lại" in window.undo_action.text()
    retired_changes = [e for e in store.history(figure_id=figure.id) if e.attribute == "retired"]
    assert len(retired_changes) == 2  # retired, then brought back
    # the overview counts it again
    assert window.overview.model.row_for_item(figure.item_id) is not None

    window.undo_action.trigger()
    assert store.figure(figure.id).retired
    window.redo_action.trigger()
    assert not store.figure(figure.id).retired

    qtbot.mouseClick(tab.show_retired, Qt.MouseButton.LeftButton)
    assert not tab.show_retired.isChecked()
    assert tab.model.row_for_figure(figure.id) is not None  # followed again: still listed
