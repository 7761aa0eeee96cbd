"""Former communes in «Địa bàn», the village secretary's own village, ratio halves that
would be lost on closing, and the window's signal for a new database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from dk_desktop.core.model import Field
from dk_desktop.ui.figure_detail import PAGE_VILLAGES
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES, MainWindow
from dk_desktop.ui.models import places as place_columns
from dk_desktop.ui.models import village_results as village
from dk_desktop.ui.models import year_results as years
from dk_desktop.ui.settings import ROLE_VILLAGE
from dk_desktop.ui.setup_dialog import SetupDialog

from .conftest import click, enter_in_cell, type_text
from .test_charts_in_window import shown


def test_former_communes_are_added_renamed_and_group_the_villages(qtbot, window):
    store = window.session.store
    window.tabs.setCurrentIndex(TAB_PLACES)
    tab = window.places
    before = len(store.former_communes())
    assert tab.former_model.rowCount() == before

    tab.former_name.setFocus()
    type_text(tab.former_name, "Chiềng Ly")
    qtbot.mouseClick(tab.add_former_button, Qt.MouseButton.LeftButton)
    former = next(p for p in store.former_communes() if p.name == "Chiềng Ly")
    assert tab.former_model.rowCount() == before + 1
    assert tab.former_name.text() == ""
    assert tab.parent_combo.findText("Chiềng Ly") >= 0  # a new village can go under it
    assert any(e.entity == "place" and e.new_value == "Chiềng Ly" for e in store.history())

    # the same name twice is refused in Vietnamese
    type_text(tab.former_name, "chiềng ly")
    qtbot.mouseClick(tab.add_former_button, Qt.MouseButton.LeftButton)
    assert "Đã có xã cũ" in tab.banner.text()
    assert len(store.former_communes()) == before + 1

    # a village added under it is counted and grouped under it
    tab.name.setFocus()
    type_text(tab.name, "Bản Hua Pàu")
    tab.parent_combo.setCurrentIndex(tab.parent_combo.findText("Chiềng Ly"))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    hua_pau = next(v for v in store.villages() if v.name == "Bản Hua Pàu")
    assert hua_pau.parent_id == former.id
    row = tab.former_model.row_for_place(former.id)
    assert tab.former_model.index(row, place_columns.FORMER_VILLAGES).data() == "1"

    # renamed in place: the villages follow, the history keeps it, undo goes back
    enter_in_cell(
        qtbot, tab.former_table, tab.former_model.index(row, place_columns.FORMER_NAME), "Chiềng Lý"
    )
    assert store.place(former.id).name == "Chiềng Lý"
    village_row = tab.model.row_for_place(hua_pau.id)
    assert tab.model.index(village_row, place_columns.FORMER).data() == "Chiềng Lý"
    assert "đổi tên xã cũ" in window.undo_action.text()
    window.undo_action.trigger()
    assert store.place(former.id).name == "Chiềng Ly"
    assert tab.model.index(village_row, place_columns.FORMER).data() == "Chiềng Ly"


def test_a_village_secretary_starts_on_the_own_village(qtbot, window, modals):  # noqa: F811
    session = window.session
    store = session.store
    session.add_village("Bản Suối Giăng 1", None)
    session.add_village("Bản Nà Mường", None)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SetupDialog)
        dialog.village_role.setChecked(True)
        dialog.village.setCurrentIndex(dialog.village.findText("Bản Nà Mường"))
        click("Bắt đầu")(dialog)

    modals.then(SetupDialog, fill)
    assert window.run_setup()
    modals.finish()
    assert window.settings.role == ROLE_VILLAGE
    # who and which village: in the status bar and the title bar
    assert "Bí thư chi bộ Bản Nà Mường" in window.where.text()
    assert "Bí thư chi bộ Bản Nà Mường" in window.windowTitle()

    # a figure reported by villages opens on «Theo bản», on the own village's row
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    cattle = store.figure_by_code("CT04a")
    tab.select_figure(cattle.id)
    detail = tab.detail
    assert detail.pages.currentIndex() == PAGE_VILLAGES
    current = detail.village_table.currentIndex()
    assert detail.village_model.rows[current.row()].place.name == "Bản Nà Mường"
    assert current.column() == village.RESULT
    # typing goes straight into the own village
    detail.village_table.setFocus()
    qtbot.keyClick(detail.village_table, Qt.Key.Key_1)  # typing on a cell starts editing
    editor = detail.village_table.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "20")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # Qt commits on Enter through a queued call
    nà_mường = next(v for v in store.villages() if v.name == "Bản Nà Mường")
    result = store.result(cattle.id, nà_mường.id, detail.village_model.year)
    assert result is not None and result.value == Decimal(120)

    # a ratio starts on its first part ("số đạt")
    poor = store.figure_by_code("CT11a")
    field = store.item(poor.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    other = window.field_tabs[field]
    other.select_figure(poor.id)
    current = other.detail.village_table.currentIndex()
    assert other.detail.village_model.rows[current.row()].place.name == "Bản Nà Mường"
    assert current.column() == village.NUMER


def half_typed_ratio(qtbot, window):  # type: ignore[no-untyped-def]
    store = window.session.store
    figure = store.figure_by_code("CT11a")  # tỷ lệ hộ nghèo: số hộ nghèo / tổng số hộ
    field = store.item(figure.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    tab = window.field_tabs[field]
    tab.select_figure(figure.id)
    model = tab.detail.year_model
    tab.detail.pages.setCurrentIndex(0)
    enter_in_cell(qtbot, tab.detail.year_table, model.index(1, years.NUMER), "12")
    assert model.pending.has((store.commune().id, 2026))
    return tab


def test_closing_with_a_half_typed_ratio_asks_first(qtbot, window, modals):  # noqa: F811
    half_typed_ratio(qtbot, window)
    asked: list[str] = []

    def read_then(button: str):  # type: ignore[no-untyped-def]
        def action(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append(box.text() + "\n" + box.informativeText())
            click(button)(box)

        return action

    modals.then(QMessageBox, read_then("Quay lại"))
    assert not window.close()
    assert window.isVisible() and window.session is not None
    assert "Còn 1 ô số đạt chưa có tổng số; đóng mà không lưu ô đó?" in asked[0]
    assert "năm 2026" in asked[0]

    # opening another database asks too, and «Quay lại» keeps this one
    other = window.session.store.path.parent / "khac.sqlite"
    modals.then(QMessageBox, read_then("Quay lại"))
    assert not window.new_database(other)
    assert not other.exists()
    assert "mở tệp khác" in asked[1]

    modals.then(QMessageBox, read_then("Đóng không lưu"))
    assert window.close()
    modals.finish()
    assert window.session is None


def test_closing_without_pending_halves_asks_nothing(qtbot, window, modals):  # noqa: F811
    assert window.pending_entries() == []
    assert window.close()  # Modals fails on any unexpected dialog
    modals.finish()


def test_the_window_announces_each_new_database(qtbot, window, tmp_path: Path):
    seen = []
    window.session_changed.connect(seen.append)
    assert "_install" not in vars(window)  # no method replaced on the instance
    first = window.session
    assert window.exchange_actions._followed is first
    assert window.new_database(tmp_path / "thu-hai.sqlite")
    assert seen == [window.session] and window.session is not first
    # the exchange actions follow the new session (its conflict count)
    assert window.exchange_actions._followed is window.session


def test_the_last_export_folder_is_remembered_across_starts(
    qtbot, window, settings, tmp_path: Path, monkeypatch
):
    folder = tmp_path / "Báo cáo"
    folder.mkdir()
    suggested: list[str] = []

    def save_name(parent, title, where, filters, *args, **kwargs):  # type: ignore[no-untyped-def]
        suggested.append(where)
        return str(folder / "bieu-do.png"), next(iter(filters.split(";;")))

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    actions = window.report_actions
    path = actions.ask_save_path("Lưu biểu đồ", "Biểu đồ", {"Ảnh PNG (*.png)": ".png"})
    assert path == folder / "bieu-do.png"
    assert settings.export_folder == folder

    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.report_actions.default_folder() == folder
    again.report_actions.ask_save_path("Lưu biểu đồ", "Biểu đồ", {"Ảnh PNG (*.png)": ".png"})
    assert Path(suggested[-1]).parent == folder


def test_a_click_on_a_field_bar_of_the_overview_chart_opens_that_field(qtbot, window):
    window.tabs.setCurrentIndex(0)
    chart = window.overview.chart
    shown(qtbot, chart)
    assert chart.spec is not None and len(chart.spec.rows) == len(Field) + 1
    ax = chart.figure.axes[0]
    row = chart.spec.rows.index(list(Field).index(Field.DEFENCE_SECURITY))
    x, y = ax.transData.transform((1, row))
    ratio = chart.canvas.devicePixelRatioF()
    point = QPoint(int(x / ratio), int(chart.canvas.height() - y / ratio))
    qtbot.mouseClick(chart.canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == FIELD_TABS[Field.DEFENCE_SECURITY])


def test_selecting_another_figure_with_a_half_typed_ratio_asks_first(
    qtbot,
    window,
    modals,  # noqa: F811
):
    tab = half_typed_ratio(qtbot, window)
    store = window.session.store
    ratio = tab.detail.figure
    other = next(
        row.figure for row in tab.model.rows if row.figure is not None and row.figure.id != ratio.id
    )
    asked: list[str] = []

    def answer(button: str):  # type: ignore[no-untyped-def]
        def action(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append(box.text() + "\n" + box.informativeText())
            click(button)(box)

        return action

    # a click on another row of the table: «Quay lại» keeps the ratio selected, half kept
    row = tab.model.row_for_figure(other.id)
    rect = tab.table.visualRect(tab.model.index(row, 1))
    modals.then(QMessageBox, answer("Quay lại"))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked[0].startswith("Còn 1 ô số đạt chưa có tổng số; bỏ ô đó?")
    assert "năm 2026" in asked[0]
    assert tab.current_figure_id() == ratio.id
    assert tab.model.rows[tab.table.currentIndex().row()].figure.id == ratio.id
    assert tab.detail.year_model.pending.has((store.commune().id, 2026))
    assert tab.detail.year_model.index(1, years.NUMER).data() is not None

    # «Bỏ ô đó»: the other figure is shown, the half is gone, nothing was written
    modals.then(QMessageBox, answer("Bỏ ô đó"))
    assert tab.select_figure(other.id)
    assert tab.current_figure_id() == other.id
    assert window.pending_entries() == []
    assert all(r.year != 2026 or r.place_id != store.commune().id for r in store.results(ratio.id))

    # back on the ratio, nothing is asked any more (Modals fails on an unexpected box)
    assert tab.select_figure(ratio.id)
    modals.finish()


def test_changing_the_village_year_with_a_half_typed_ratio_asks_first(
    qtbot,
    window,
    modals,  # noqa: F811
):
    store = window.session.store
    window.session.add_village("Bản Nà Mường", None)
    figure = store.figure_by_code("CT11a")
    field = store.item(figure.item_id).field
    window.tabs.setCurrentIndex(FIELD_TABS[field])
    tab = window.field_tabs[field]
    tab.select_figure(figure.id)
    detail = tab.detail
    detail.pages.setCurrentIndex(PAGE_VILLAGES)
    model = detail.village_model
    year = model.year
    row = next(i for i, r in enumerate(model.rows) if r.place is not None and r.place.parent_id)
    enter_in_cell(qtbot, detail.village_table, model.index(row, village.NUMER), "7")
    key = (model.rows[row].place.id, year)
    assert model.pending.has(key)
    other_year = 2027 if year != 2027 else 2028

    modals.then(QMessageBox, click("Quay lại"))
    detail.village_year.setCurrentIndex(detail.village_year.findData(other_year))
    assert detail.village_year.currentData() == year and model.year == year
    assert model.pending.has(key)

    modals.then(QMessageBox, click("Bỏ ô đó"))
    detail.village_year.setCurrentIndex(detail.village_year.findData(other_year))
    assert model.year == other_year and not model.pending.has(key)
    modals.finish()


def test_receiving_or_restoring_with_a_half_typed_ratio_asks_first(
    qtbot, window, modals, tmp_path: Path
):
    """A package or a restore reloads every view: a «số đạt» waiting for its «tổng số» is
    asked about first, and «Quay lại» receives and restores nothing."""
    from dk_desktop.store.backup import list_backups
    from dk_desktop.ui.backup_dialog import MANUAL, BackupDialog
    from dk_desktop.ui.receive_dialog import receive

    half_typed_ratio(qtbot, window)
    asked: list[str] = []

    def read_then(button: str):  # type: ignore[no-untyped-def]
        def action(box: QWidget) -> None:
            asked.append(box.text())
            click(button)(box)

        return action

    package = tmp_path / "goi.dkgoi"  # never opened: «Quay lại» comes before the file
    modals.then(QMessageBox, read_then("Quay lại"))
    assert receive(window, package) is None
    assert "Còn 1 ô số đạt chưa có tổng số; nhận gói mà không lưu ô đó?" in asked[-1]
    assert window.pending_entries() != []

    store = window.session.store
    store.backup(MANUAL)
    before = len(list_backups(store.path))
    dialog = BackupDialog(window)
    dialog.table.selectRow(0)
    modals.then(QMessageBox, click("Khôi phục")).then(QMessageBox, read_then("Quay lại"))
    assert not dialog.restore_selected()
    assert "khôi phục bản sao lưu mà không lưu ô đó?" in asked[-1]
    assert len(list_backups(store.path)) == before  # no «Trước khi khôi phục» copy made
    assert window.pending_entries() != []
    modals.finish()
    dialog.deleteLater()
