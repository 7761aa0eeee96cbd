"""Every table model passes Qt's model tester, empty and with data, without a window."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from dk_desktop.core.model import Field, Section, Status, TaskState
from dk_desktop.store.repository import ResultInput
from dk_desktop.ui.models import figure_table, places
from dk_desktop.ui.models import year_results as years
from dk_desktop.ui.models.figure_table import FigureTableModel
from dk_desktop.ui.models.history import HistoryModel
from dk_desktop.ui.models.overview import OverviewModel
from dk_desktop.ui.models.places import PlacesModel
from dk_desktop.ui.models.task_states import TaskStatesModel
from dk_desktop.ui.models.village_results import VillageResultsModel
from dk_desktop.ui.models.year_results import YearResultsModel
from dk_desktop.ui.places_tab import PlacesTab


@pytest.fixture
def filled(session):  # type: ignore[no-untyped-def]
    """A session with two villages and a few results."""
    store = session.store
    former = store.former_communes()
    a = session.add_village("Bản Nà Mường", former[0].id if former else None)
    b = session.add_village("Bản Hua Păng", None)
    poor = store.figure_by_code("CT11a")
    session.set_result(poor, a, 2026, ResultInput(None, Decimal(20), Decimal(400)))
    session.set_result(poor, b, 2026, ResultInput(None, Decimal(10), Decimal(40)))
    cattle = store.figure_by_code("CT04a")
    session.set_result(cattle, a, 2026, ResultInput(Decimal(6000)))
    session.set_result(cattle, store.commune(), 2027, ResultInput(Decimal(10000), note="ước"))
    task = store.items(Section.TASK, Field.ECONOMY)[0]
    session.set_task_state(task, 2026, TaskState.DONE, "xong")
    return session


@pytest.mark.parametrize("field", list(Field))
def test_figure_table_model(qtmodeltester, filled, field):
    model = FigureTableModel(filled, field)
    qtmodeltester.check(model)
    model.refresh()
    qtmodeltester.check(model)


def test_figure_table_shows_baseline_target_status_and_pace(filled):
    model = FigureTableModel(filled, Field.ECONOMY)
    store = filled.store
    cattle = store.figure_by_code("CT04a")
    row = model.row_for_figure(cattle.id)
    data = [model.index(row, c).data() for c in range(model.columnCount())]
    assert data[figure_table.BASELINE] == "11.152"
    assert data[figure_table.TARGET] == "≥ 9.820"
    assert data[figure_table.LATEST] == "10.000 (2027)"
    status = model.rows[row].status
    assert data[figure_table.STATUS] == status.value
    assert model.index(row, figure_table.STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_the_screen_and_the_reports_write_the_same_numbers_and_words(filled):
    """One way to write «So với NQ», «Tiến độ» and the verdict (core.words): every figure
    row of every field tab reads as the report table's row for the same figure."""
    from dk_desktop.reports.common import gather

    store = filled.store
    milestone = store.figure_by_code("CT05a")
    filled.set_result(milestone, store.commune(), 2027, ResultInput(Decimal(0)))
    report = {r.figure_id: r for r in gather(store).table_rows(store.items()) if r.figure_id}
    compared = 0
    for field in Field:
        model = FigureTableModel(filled, field)
        for number, row in enumerate(model.rows):
            if row.kind != "figure" or row.figure.id not in report:
                continue
            line = report[row.figure.id]
            shown = [model.index(number, c).data() for c in range(model.columnCount())]
            assert shown[figure_table.PERCENT] == line.compared
            assert shown[figure_table.PROGRESS] == line.progress_text
            assert shown[figure_table.STATUS] == line.status_word
            assert shown[figure_table.TARGET] == line.target
            compared += 1
    assert compared > 40
    # poverty 6,82 % (villages, 2026) against 3 %: 44 % of NQ, and (6,1 − 6,82) of the way
    model = FigureTableModel(filled, Field.CULTURE_SOCIETY)
    poverty = model.row_for_figure(store.figure_by_code("CT11a").id)
    assert model.index(poverty, figure_table.PERCENT).data() == "44 %"
    assert model.index(poverty, figure_table.PROGRESS).data() == "-23,2 %"
    # a yes/no milestone in words, everywhere on the row; not a failure before 2030
    model = FigureTableModel(filled, Field.ECONOMY)
    row = model.row_for_figure(milestone.id)
    shown = [model.index(row, c).data() for c in range(model.columnCount())]
    assert shown[figure_table.TARGET] == "Đạt"
    assert shown[figure_table.LATEST] == "Chưa đạt (2027)"
    assert shown[figure_table.PERCENT] == "Chưa đạt"
    assert shown[figure_table.STATUS] == "Chưa đến hạn"


def test_a_target_missing_data_says_how_many_figures_have_some(filled):
    model = OverviewModel(filled)
    target_4 = next(n for n, r in enumerate(model.rows) if r.item.number == "4")
    assert model.rows[target_4].status is Status.INCOMPLETE  # cattle only, of 7 figures
    tip = model.index(target_4, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "1/7 chỉ số có số liệu" in tip
    table = FigureTableModel(filled, Field.ECONOMY)
    heading = table.row_for_item(model.rows[target_4].item.id)
    tip = table.index(heading, figure_table.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "1/7 chỉ số có số liệu" in tip


def test_year_results_model(qtmodeltester, filled):
    model = YearResultsModel(filled)
    qtmodeltester.check(model)
    store = filled.store
    model.set_figure(store.figure_by_code("CT11a"))
    qtmodeltester.check(model)
    # 2026 has no commune figure: the villages' ratio is shown, computed
    assert model.index(1, years.RESULT).data() == "6,82"
    model.set_figure(store.figure_by_code("CT04a"))
    qtmodeltester.check(model)
    assert model.index(2, years.RESULT).data() == "10.000"
    assert model.index(2, years.NOTES).data() == "ước"
    assert "Lò Thị Hương" in model.index(2, years.ENTERED).data()


def test_a_rates_plan_in_the_year_table_has_the_rates_unit(filled):
    """«8–10 %/năm», as the reports and the figure table write the resolution's figure."""
    model = YearResultsModel(filled)
    model.set_figure(filled.store.figure_by_code("CT02a"))  # tăng thu ngân sách 8–10 %/năm
    assert model.index(1, years.PLANNED).data() == "8–10 %/năm"


def test_village_results_model(qtmodeltester, filled):
    model = VillageResultsModel(filled)
    qtmodeltester.check(model)
    model.set_figure(filled.store.figure_by_code("CT11a"), 2026)
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # two villages and the total
    model.set_year(2030)
    qtmodeltester.check(model)
    model.set_figure(filled.store.figure_by_code("CT06a"), 2026)  # commune only
    assert model.rowCount() == 0


def test_task_states_model(qtmodeltester, filled):
    model = TaskStatesModel(filled, Field.ECONOMY, 2026)
    qtmodeltester.check(model)
    row = next(n for n, r in enumerate(model.rows) if r.item is not None and r.states)
    assert "Hoàn thành" in [model.index(row, c).data() for c in range(model.columnCount())]


def test_overview_model(qtmodeltester, filled):
    model = OverviewModel(filled)
    qtmodeltester.check(model)
    assert model.rowCount() == 22
    assert {r.status for r in model.rows} - {Status.NO_DATA}


def test_places_model(qtmodeltester, filled):
    model = PlacesModel(filled)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    counts = {
        model.index(r, places.NAME).data(): model.index(r, places.RESULTS).data() for r in range(2)
    }
    assert counts == {"Bản Nà Mường": "2", "Bản Hua Păng": "1"}


def test_the_places_tab_reads_its_rows_once(qtbot, filled, monkeypatch):
    store = filled.store
    reads = []
    counted = type(store).result_counts_by_place
    monkeypatch.setattr(
        type(store), "result_counts_by_place", lambda self: reads.append(1) or counted(self)
    )
    tab = PlacesTab(filled)
    qtbot.addWidget(tab)
    assert len(reads) == 1 and tab.model.rowCount() == 2
    tab.refresh()
    assert len(reads) == 2


def test_history_model(qtmodeltester, filled):
    model = HistoryModel(filled)
    qtmodeltester.check(model)
    model.set_subject(figure_id=filled.store.figure_by_code("CT04a").id)
    qtmodeltester.check(model)
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("Toàn xã" in t and "10.000" in t for t in texts)
    assert any("Bản Nà Mường" in t and "6.000" in t for t in texts)


def test_history_writes_a_yes_no_figures_results_in_words(filled):
    """«Đạt» / «Chưa đạt» in the history too, as on screen and in the reports (not 1 → 0)."""
    store = filled.store
    party = store.figure_by_code("CT21a")  # Đảng bộ xã hoàn thành tốt nhiệm vụ: yes/no
    filled.set_result(party, store.commune(), 2026, ResultInput(Decimal(1)))
    filled.set_result(party, store.commune(), 2026, ResultInput(Decimal(0)))
    model = HistoryModel(filled)
    model.set_subject(figure_id=party.id)
    texts = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("Đạt → Chưa đạt" in t for t in texts), texts
    assert not any("1 → 0" in t for t in texts)


def test_signals_do_not_eat_the_true_object(session):
    """PySide6 6.12 drops a reference to True on every Python emit (and to None on every
    Qt call returning nothing): a long session of typing aborted the interpreter
    ("bool_dealloc"). pyproject pins a binding without the bug; this guards the pin."""
    import gc
    import sys

    store = session.store
    village = session.add_village("Bản Thử", None)
    figure = store.figure_by_code("CT04a")
    model = FigureTableModel(session, Field.ECONOMY)
    session.changed.connect(lambda change: model.refresh())
    gc.collect()
    gc.disable()  # objects of earlier tests freed meanwhile would blur the count
    try:
        before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
        for number in range(1, 101):
            session.set_result(figure, village, 2026, ResultInput(Decimal(number)))
        for _ in range(100):
            session.undo_stack.undo()
        lost_true = before_true - sys.getrefcount(True)
        lost_none = before_none - sys.getrefcount(None)
    finally:
        gc.enable()
    # with the bug each write and undo loses at least three references (600 here)
    assert lost_true < 30
    assert lost_none < 30


def test_stored_values_of_a_yes_no_figure_are_words(session):
    """The package preview writes what a package holds through display.stored_value_text:
    «Đạt» / «Chưa đạt» for a yes/no figure (never 1 / 0), Vietnamese numbers otherwise."""
    from dk_desktop.ui.display import stored_value_text

    store = session.store
    milestone, cattle = store.figure_by_code("CT05a"), store.figure_by_code("CT04a")
    assert stored_value_text(milestone, 1.0) == "Đạt"
    assert stored_value_text(milestone, "0") == "Chưa đạt"
    assert stored_value_text(cattle, 11152.0) == "11.152"
    assert stored_value_text(None, "26.3") == "26,3"


def test_the_screen_summary_is_the_reports_sentence():
    """ui.texts.summary_sentence (translatable) writes exactly core's Summary.sentence."""
    from dk_desktop.core.progress import summarize
    from dk_desktop.ui.texts import SUMMARY_WORDS, summary_sentence

    assert set(SUMMARY_WORDS) == set(Status) - {Status.EXCEEDED, Status.MET}
    summary = summarize(list(Status) * 2)
    assert summary_sentence(summary) == summary.sentence()


def test_the_2025_row_of_the_entry_table_says_what_it_counts(filled):
    """A cumulative figure's 2025 counts in the term (from the Congress); for the other
    kinds 2025 is the baseline year (issue 10 §3, issue 12 §4)."""
    model = YearResultsModel(filled)
    store = filled.store
    model.set_figure(store.figure_by_code("CT20a"))  # kết nạp đảng viên: cumulative
    assert model.index(0, years.YEAR).data() == "2025 (từ Đại hội)"
    assert "tính vào tổng" in model.index(0, years.YEAR).data(Qt.ItemDataRole.ToolTipRole)
    model.set_figure(store.figure_by_code("CT11a"))
    assert model.index(0, years.YEAR).data() == "2025 (năm gốc)"
    assert model.index(1, years.YEAR).data() == "2026"


def test_an_incomplete_village_total_says_how_many_villages_reported(filled):
    """Poultry typed by one village of two: shown with «1/2 bản», «Chưa đủ số liệu», and
    the same note in the report table (issue 12 §3)."""
    from dk_desktop.reports.common import gather

    store = filled.store
    poultry = store.figure_by_code("CT04b")
    village = next(v for v in store.villages() if v.name == "Bản Nà Mường")
    filled.set_result(poultry, village, 2027, ResultInput(Decimal(3000)))
    model = FigureTableModel(filled, Field.ECONOMY)
    row = model.row_for_figure(poultry.id)
    assert model.index(row, figure_table.LATEST).data() == "3.000 (2027; 1/2 bản)"
    assert model.index(row, figure_table.STATUS).data() == "Chưa đủ số liệu"
    assert model.index(row, figure_table.PERCENT).data() == ""  # not judged on a part
    tip = model.index(row, figure_table.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "1/2 bản có số liệu" in tip
    line = next(r for r in gather(store).table_rows() if r.figure_id == poultry.id)
    assert "1/2 bản có số liệu" in line.note and line.status_word == "Chưa đủ số liệu"


def test_a_yes_no_figure_is_typed_and_edited_in_words(filled):
    model = YearResultsModel(filled)
    milestone = filled.store.figure_by_code("CT05a")
    model.set_figure(milestone)
    index = model.index(2, years.RESULT)  # 2027
    assert model.setData(index, "Chưa đạt")
    model.set_figure(milestone)  # read again, as the window does after a write
    assert model.index(2, years.RESULT).data() == "Chưa đạt"
    assert model.index(2, years.RESULT).data(Qt.ItemDataRole.EditRole) == "Chưa đạt"  # not 0
    assert model.setData(index, "có")
    model.set_figure(milestone)
    assert model.index(2, years.RESULT).data(Qt.ItemDataRole.EditRole) == "Đạt"
