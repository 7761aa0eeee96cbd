"""The window around the tables: reopening finds everything, the File menu, first start,
the overview, tasks, the catalogue, help and the crash hook."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from dk_desktop import __version__
from dk_desktop.core.model import Field, Section, Status, TaskState
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.ui import app as app_module
from dk_desktop.ui.figure_dialog import FigureDialog
from dk_desktop.ui.help import GUIDE_HTML, about_text
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES, MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.settings import ROLE_VILLAGE, AppSettings
from dk_desktop.ui.setup_dialog import SetupDialog

from .conftest import USER, enter_in_cell, type_text
from .test_entry import year_index


def test_window_is_vietnamese_with_the_six_tabs(window):
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels == [
        "Tổng quan",
        "Kinh tế",
        "Văn hóa – Xã hội",
        "Quốc phòng – An ninh",
        "Xây dựng Đảng",
        "Địa bàn",
    ]
    assert "Đoàn Kết" in window.windowTitle()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "&Xem", "&Báo cáo", "&Trợ giúp"]
    header = window.field_tabs[Field.ECONOMY].model
    assert [header.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Gốc 2025",
        "Nghị quyết",
        "Kết quả\nmới nhất",
        "So với\nNQ (%)",  # issue 12: value against NQ, and the way from the baseline apart
        "Tiến độ\n(%)",
        "Đánh giá",
        "Tiến độ cần đạt",
    ]


def test_overview_counts_the_22_targets_and_opens_one_in_its_field(qtbot, window):
    overview = window.overview
    assert overview.model.rowCount() == 22
    assert overview.overall.text().endswith("0/22 chỉ tiêu đạt và vượt, 22 chưa có số liệu")
    store = window.session.store
    figure = store.figure_by_code("CT06a")  # thu nhập bình quân: ≥ 50 triệu
    window.session.set_result(figure, store.commune(), 2026, ResultInput(Decimal(55)))
    assert overview.overall.text().startswith("Toàn bộ Nghị quyết: 1/22 chỉ tiêu đạt và vượt")
    assert "1/" in overview.field_labels[Field.ECONOMY].text()

    row = overview.model.row_for_item(figure.item_id)
    index = overview.model.index(row, 1)
    assert overview.model.rows[row].status is Status.EXCEEDED
    overview.table.doubleClicked.emit(index)
    assert window.tabs.currentIndex() == FIELD_TABS[Field.ECONOMY]
    assert window.field_tabs[Field.ECONOMY].current_figure_id() == figure.id


def test_close_and_reopen_finds_everything(qtbot, settings, db_file):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    assert first.open_path(db_file, create=True)
    store = first.session.store
    figure = store.figure_by_code("CT14a")
    first.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
    tab = first.field_tabs[Field.CULTURE_SOCIETY]
    tab.select_figure(figure.id)
    enter_in_cell(qtbot, tab.detail.year_table, year_index(tab, 2026), "26,3")
    task = store.items(Section.TASK, Field.CULTURE_SOCIETY)[0]
    first.session.set_task_state(task, 2026, TaskState.IN_PROGRESS, "Đã giao chỉ tiêu")
    village = first.session.add_village("Bản Suối Giăng", None)
    first.close()

    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert settings.last_database == db_file.resolve()
    assert again.open_path(settings.last_database)
    store = again.session.store
    assert again.tabs.currentIndex() == FIELD_TABS[Field.CULTURE_SOCIETY]
    assert store.result(figure.id, store.commune().id, 2026).value == Decimal("26.3")
    assert store.task_states(task.id)[2026] == (TaskState.IN_PROGRESS, "Đã giao chỉ tiêu")
    assert [v.name for v in store.villages()] == [village.name]
    tab = again.field_tabs[Field.CULTURE_SOCIETY]
    row = tab.model.row_for_figure(figure.id)
    assert tab.model.index(row, columns.PERCENT).data() == "26,3 %"
    assert db_file.resolve() in settings.recent_files
    again.close()


def test_opening_a_broken_file_shows_the_store_message_and_keeps_the_open_one(
    window, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(window, "show_error", lambda title, text: shown.append((title, text)))
    broken = tmp_path / "hong.sqlite"
    broken.write_bytes(b"day khong phai la co so du lieu")
    before = window.session
    assert not window.open_database(broken)
    assert shown and shown[0][0] == "Không mở được tệp dữ liệu"
    assert "không phải là cơ sở dữ liệu SQLite" in shown[0][1]
    assert window.session is before
    assert broken.read_bytes() == b"day khong phai la co so du lieu"


def test_new_database_never_overwrites_a_file(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "show_error", lambda title, text: shown.append(text))
    existing = tmp_path / "co-roi.sqlite"
    existing.write_bytes(b"x")
    assert not window.new_database(existing)
    assert "đã có" in shown[0]
    fresh = tmp_path / "Dữ liệu mới.sqlite"
    assert window.new_database(fresh)
    assert window.session.store.path == fresh
    assert len(window.session.store.items(Section.TARGET)) == 22


def test_save_a_copy_through_the_backup_api(window, tmp_path):
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    window.session.set_result(figure, store.commune(), 2026, ResultInput(Decimal("26.3")))
    target = tmp_path / "usb" / "Bản sao dữ liệu.sqlite"
    target.parent.mkdir()
    assert window.save_copy(target)
    assert "Đã lưu bản sao" in window.status_text()
    copy = Store.open(target, create=False)
    assert copy.result(figure.id, copy.commune().id, 2026).value == Decimal("26.3")
    copy.close()


def test_first_start_setup_stores_the_user_and_the_history_names_them(qtbot, tmp_path):
    settings = AppSettings(tmp_path / "moi.ini")
    assert not settings.is_set_up
    dialog = SetupDialog(settings, commune_name="Đoàn Kết", villages=["Bản Nà Mường"])
    qtbot.addWidget(dialog)
    assert dialog.commune.text() == "Đoàn Kết"
    dialog.accept()  # no name yet: refused, with a message
    assert "họ và tên" in dialog.banner.text()
    assert not settings.is_set_up
    type_text(dialog.user, "Quàng Văn Đức")
    dialog.village_role.setChecked(True)
    dialog.village.setCurrentIndex(0)
    dialog.accept()
    assert settings.user_name == "Quàng Văn Đức"
    assert settings.role == ROLE_VILLAGE
    assert settings.village == "Bản Nà Mường"
    assert "Bản Nà Mường" in settings.role_text()

    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(tmp_path / "db.sqlite", create=True)
    assert window.session.store.user == "Quàng Văn Đức"
    store = window.session.store
    figure = store.figure_by_code("CT14a")
    window.session.set_result(figure, store.commune(), 2026, ResultInput(Decimal(10)))
    assert store.history(figure_id=figure.id)[0].changed_by == "Quàng Văn Đức"
    window.close()


def test_task_states_per_year_with_undo(qtbot, window):
    window.tabs.setCurrentIndex(FIELD_TABS[Field.PARTY_BUILDING])
    tab = window.field_tabs[Field.PARTY_BUILDING]
    tab.lists.setCurrentIndex(1)
    model = tab.task_model
    store = window.session.store
    row = next(n for n, r in enumerate(model.rows) if r.item is not None)
    item = model.rows[row].item
    index = model.index(row, model.year_column(2026))
    assert model.setData(index, TaskState.IN_PROGRESS.value)
    assert store.task_states(item.id)[2026][0] is TaskState.IN_PROGRESS
    assert model.index(row, model.year_column(2026)).data() == "Đang thực hiện"
    tab.note_year.setCurrentIndex(tab.note_year.findData(2026))
    enter_in_cell(qtbot, tab.task_table, model.index(row, model.note_column), "Đã có kế hoạch")
    assert store.task_states(item.id)[2026] == (TaskState.IN_PROGRESS, "Đã có kế hoạch")
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert 2026 not in store.task_states(item.id)


def test_the_state_drop_down_writes_the_state(qtbot, window):
    from PySide6.QtWidgets import QComboBox

    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    tab.lists.setCurrentIndex(1)
    model = tab.task_model
    row = next(n for n, r in enumerate(model.rows) if r.item is not None)
    index = model.index(row, model.year_column(2027))
    tab.task_table.setCurrentIndex(index)
    tab.task_table.edit(index)
    combo = tab.task_table.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findData(TaskState.DONE.value))
    combo.activated.emit(combo.currentIndex())
    item = model.rows[row].item
    assert window.session.store.task_states(item.id)[2027][0] is TaskState.DONE


def test_catalogue_change_target_and_retire_a_figure_with_history_and_undo(qtbot, window):
    store = window.session.store
    figure = store.figure_by_code("CT06a")
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(figure.id)

    dialog = FigureDialog(window.session, figure=figure, parent=window)
    qtbot.addWidget(dialog)
    dialog.target.setText("abc")
    dialog.accept()
    assert "Mục tiêu Nghị quyết" in dialog.banner.text()  # refused, dialog stays
    dialog.target.setText("55,5")
    dialog.unit.setText("triệu đồng/người")
    dialog.accept()
    changed = store.figure(figure.id)
    assert changed.target == Decimal("55.5")
    assert changed.unit == "triệu đồng/người"
    attributes = {h.attribute for h in store.history(figure_id=figure.id)}
    assert {"target", "unit"} <= attributes
    row = tab.model.row_for_figure(figure.id)
    assert tab.model.index(row, columns.TARGET).data() == "≥ 55,5"

    window.undo_action.trigger()
    assert store.figure(figure.id).target == Decimal(50)

    window.session.retire_figure(store.figure(figure.id), True)
    assert tab.model.row_for_figure(figure.id) is None
    window.undo_action.trigger()
    assert tab.model.row_for_figure(figure.id) is not None


def test_add_a_figure_to_a_target(qtbot, window):
    store = window.session.store
    item = next(i for i in store.items(Section.TARGET, Field.ECONOMY) if i.number == "6")
    dialog = FigureDialog(window.session, items=store.items(field=Field.ECONOMY), item=item)
    qtbot.addWidget(dialog)
    type_text(dialog.name, "Thu nhập bình quân của hộ nghèo")
    type_text(dialog.unit, "triệu đồng")
    dialog.target.setText("20")
    dialog.accept()
    added = dialog.result_figure
    assert added is not None and added.item_id == item.id
    tab = window.field_tabs[Field.ECONOMY]
    assert tab.model.row_for_figure(added.id) is not None
    window.undo_action.trigger()  # undoing an addition retires it
    assert tab.model.row_for_figure(added.id) is None


def test_larger_text_is_remembered(window, settings):
    size = QApplication.font().pointSizeF()
    window.larger_text_action.trigger()
    assert settings.larger_text
    assert QApplication.font().pointSizeF() > size
    window.larger_text_action.trigger()
    assert QApplication.font().pointSizeF() == size


def test_help_and_about(window):
    assert "26,3" in GUIDE_HTML and "Ctrl+Z" in GUIDE_HTML
    assert __version__ in about_text()
    help_action = window.findChild(type(window.undo_action), "action_help")
    assert help_action.shortcut().toString() == "F1"


def test_places_tab_is_reached_and_lists_nothing_at_first(window):
    window.tabs.setCurrentIndex(TAB_PLACES)
    assert window.places.model.rowCount() == 0


def test_the_exception_hook_logs_and_tells_the_person(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args))
    log_file = tmp_path / "nhat-ky-loi.log"
    app_module.setup_logging(log_file)
    previous = sys.excepthook
    try:
        app_module.install_exception_hook(log_file)
        try:
            raise RuntimeError("thử lỗi")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
        for handler in list(app_module.log.handlers):
            app_module.log.removeHandler(handler)
            handler.close()
    assert "thử lỗi" in log_file.read_text(encoding="utf-8")
    assert shown and "đã được lưu" in shown[0][2]
    assert str(log_file) in shown[0][2]
    logging.getLogger("dk_desktop").handlers.clear()


def test_arguments():
    arguments = app_module.parse_arguments(["--db", "x.sqlite", "--portable"])
    assert arguments.db == Path("x.sqlite") and arguments.portable
    assert app_module.parse_arguments([]).db is None


def test_the_window_is_shown_before_the_heavy_packages_are_imported(tmp_path):
    """What the window needs before it is shown stays light: the store (sqlite-utils,
    which imports numpy), the charts (matplotlib) and the reports come after show()."""
    code = (
        "import sys; from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from dk_desktop.ui import app\n"
        "from dk_desktop.ui.main_window import MainWindow\n"
        "from dk_desktop.ui.settings import AppSettings\n"
        "qapp = QApplication([sys.argv[0]]); app.set_app_icon(qapp); app.register_fonts()\n"
        "window = MainWindow(AppSettings(Path(sys.argv[1]))); window.show()\n"
        "heavy = ('matplotlib', 'numpy', 'sqlite_utils', 'openpyxl', 'PIL', 'fontTools')\n"
        "print(' '.join(name for name in heavy if name in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "cai-dat.ini")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.stdout.strip() == "", f"imported before the window was shown: {run.stdout}"


def test_the_bundled_font_is_loaded_only_where_it_is_needed(qapp, monkeypatch):
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    loaded = []
    monkeypatch.setattr(QFontDatabase, "addApplicationFont", lambda path: loaded.append(path) or -1)
    monkeypatch.setattr(QGuiApplication, "platformName", lambda: "xcb")
    vietnamese = [QFontDatabase.WritingSystem.Latin, QFontDatabase.WritingSystem.Vietnamese]
    monkeypatch.setattr(QFontDatabase, "writingSystems", lambda *family: vietnamese)
    assert app_module.register_fonts() is None and loaded == []  # the system font will do
    monkeypatch.setattr(QFontDatabase, "writingSystems", lambda *family: vietnamese[:1])
    app_module.register_fonts()
    assert [Path(p).name for p in loaded] == list(app_module.FONT_FILES)


def test_the_app_has_its_icon(qapp):
    app_module.set_app_icon(qapp)
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().availableSizes()


def test_the_user_name_is_shown(window):
    assert USER in window.where.text()


def test_the_overview_keeps_the_targets_names_readable_on_a_small_screen(qtbot, window):
    """At 1024 pixels with «Chữ to hơn» the names shrank to a few letters beside «Lĩnh vực»:
    that column gives way first, and only where the name would be cut."""
    from dk_desktop.ui.models import overview as overview_columns
    from dk_desktop.ui.overview_tab import NAME_SAMPLE

    window.tabs.setCurrentWidget(window.overview)
    table = window.overview.table

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    window.set_larger_text(False)  # the normal text, whatever an earlier test left
    window.resize(1366, 768)
    settle()
    assert not table.isColumnHidden(overview_columns.FIELD), table.viewport().width()
    window.resize(1008, 690)
    window.set_larger_text(True)
    settle()
    least = table.fontMetrics().horizontalAdvance(NAME_SAMPLE)
    assert table.isColumnHidden(overview_columns.FIELD)
    assert table.columnWidth(overview_columns.NAME) >= least
    window.set_larger_text(False)
    window.resize(1366, 768)
    settle()
    assert not table.isColumnHidden(overview_columns.FIELD)


def test_the_figures_heading_names_its_kind_as_a_kind(window):
    """«… · Gốc 2025: 11.152 con · Mức cần đạt» read as a value left out: «Loại: …»."""
    from dk_desktop.core.model import Field

    tab = window.field_tabs[Field.ECONOMY]
    tab.select_figure(window.session.store.figure_by_code("CT04a").id)
    assert tab.detail.plan.text().endswith("· Loại: Mức cần đạt")
