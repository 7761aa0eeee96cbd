"""A figure of a new kind (issue 13 §3) added through the figure dialog as a clerk does, with
the field it needs, then shown in the field tab with its words, verdict and pace."""

from __future__ import annotations

from decimal import Decimal

from dk_desktop.core.model import Field, Kind, Status
from dk_desktop.store.records import ResultInput
from dk_desktop.ui.figure_dialog import FigureDialog
from dk_desktop.ui.models.figure_table import LATEST, PACE, PERCENT, STATUS, TARGET

from .conftest import type_text
from .test_window import FIELD_TABS


def _choose_kind(dialog: FigureDialog, kind: Kind) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))


def test_x_of_y_units_asks_its_total_and_shows_4_of_9_with_its_verdict(qtbot, window):
    store = window.session.store
    item = store.items(field=Field.ECONOMY)[0]
    dialog = FigureDialog(window.session, items=store.items(field=Field.ECONOMY), item=item)
    qtbot.addWidget(dialog)
    assert not dialog.form.isRowVisible(dialog.total)  # a level has no «tổng số»
    _choose_kind(dialog, Kind.UNITS_OF_TOTAL)
    assert dialog.form.isRowVisible(dialog.total)
    assert not dialog.form.isRowVisible(dialog.structure)
    type_text(dialog.name, "Số thôn đạt chuẩn nông thôn mới")
    type_text(dialog.unit, "thôn")
    dialog.target.setText("4")
    dialog.baseline.setText("2")
    dialog.value_type.setCurrentIndex(dialog.value_type.findData("count"))
    dialog.accept()
    assert "tổng số đơn vị" in dialog.banner.text()  # refused in words until it is typed
    dialog.total.setText("9")
    dialog.accept()
    added = dialog.result_figure
    assert added is not None and (added.kind, added.total) == (Kind.UNITS_OF_TOTAL, Decimal(9))

    window.session.set_result(added, store.commune(), 2027, ResultInput(value=Decimal(3)))
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    tab.refresh()
    row = tab.model.row_for_figure(added.id)
    assert row is not None

    def cell(column: int) -> str:
        return tab.model.index(row, column).data()

    assert cell(TARGET) == "4/9"
    assert cell(LATEST) == "3/9 (2027)"
    assert cell(PERCENT) == "75 %"
    assert cell(STATUS) == Status.ON_TRACK.value
    assert cell(PACE) == "Cần tăng thêm 1 thôn trong 3 năm còn lại"


def test_a_structure_share_asks_its_structure_and_a_yearly_minimum_its_words(qtbot, window):
    store = window.session.store
    item = store.items(field=Field.ECONOMY)[0]
    dialog = FigureDialog(window.session, items=store.items(field=Field.ECONOMY), item=item)
    qtbot.addWidget(dialog)
    _choose_kind(dialog, Kind.STRUCTURE)
    assert dialog.form.isRowVisible(dialog.structure)
    assert not dialog.form.isRowVisible(dialog.total)
    type_text(dialog.name, "Dịch vụ")
    type_text(dialog.unit, "%")
    dialog.target.setText("20")
    type_text(dialog.structure, "Cơ cấu kinh tế")
    dialog.value_type.setCurrentIndex(dialog.value_type.findData("percent"))
    dialog.accept()
    assert dialog.result_figure is not None
    assert dialog.result_figure.structure == "Cơ cấu kinh tế"

    minimum = window.session.add_figure(
        item,
        name="Kết nạp đảng viên mới",
        unit="đảng viên/năm",
        kind="yearly_minimum",
        target=Decimal(25),
        value_type="count",
    )
    commune = store.commune()
    window.session.set_result(minimum, commune, 2026, ResultInput(value=Decimal(20)))
    window.session.set_result(minimum, commune, 2027, ResultInput(value=Decimal(26)))
    tab = window.field_tabs[Field.ECONOMY]
    tab.refresh()
    row = tab.model.row_for_figure(minimum.id)
    assert tab.model.index(row, TARGET).data() == "≥ 25 mỗi năm"
    assert tab.model.index(row, STATUS).data() == Status.EXCEEDED.value
    assert tab.model.index(row, PACE).data() == (
        "Cần đạt ≥ 25 đảng viên mỗi năm trong 3 năm còn lại; năm 2026 chưa đạt"
    )
