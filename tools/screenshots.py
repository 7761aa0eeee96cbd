"""Render every tab of the main window, offscreen, at 1366×768, into docs/screenshots/; then
the window as it opens on a 1366×768 and on a 1024×768 screen, at both text sizes (each in
a child process whose offscreen screen has that size: the window places itself on it as on
a laptop; the picture is the window's inside, without the title bar the platform adds).

    make screenshots        (or: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py)

The window shows an example database: the resolution's 22 targets (the real seed), the
villages the Political Report names, and made-up results for 2026–2027 chosen so that
every status appears. The results are examples only, never real figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dk_desktop.core.model import Field, Section, TaskState  # noqa: E402
from dk_desktop.store.repository import ResultInput, Store  # noqa: E402
from dk_desktop.ui.app import install_qt_translation, register_fonts  # noqa: E402
from dk_desktop.ui.figure_detail import PAGE_HISTORY, PAGE_VILLAGES, PAGE_YEARS  # noqa: E402
from dk_desktop.ui.main_window import FIELD_TABS, TAB_OVERVIEW, TAB_PLACES, MainWindow  # noqa: E402
from dk_desktop.ui.models import year_results  # noqa: E402
from dk_desktop.ui.settings import ROLE_COMMUNE, ROLE_VILLAGE, AppSettings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
USER = "Lò Thị Hương"
# the laptops' screens: (width, height, first picture's number)
SCREENS = ((1366, 768, 17), (1024, 768, 19))

# Villages named in the Political Report, under the former commune it names for them.
VILLAGES = {
    "Quy Hướng": ["Bản Suối Giăng 1", "Bản Bó Hoi"],
    "Nà Mường": ["Bản Đoàn Kết", "Tiểu khu 3", "Bản Kèo Tèo", "Bản Tân Ca"],
    "Tà Lại": ["Bản Nong Cụt"],
    None: ["Bản Nà Giăng", "Bản Thống Nhất"],
}

# Example commune results (figure code → {year: value}); made up to show every status.
COMMUNE_RESULTS = {
    "CT01a": {2026: "41,5", 2027: "46,2"},
    "CT01b": {2026: "24,8", 2027: "27,1"},
    "CT02a": {2026: "9,1", 2027: "8,4"},
    "CT02b": {2026: "1,05", 2027: "1,32"},
    "CT03a": {2026: "56,2", 2027: "57,9"},
    "CT06a": {2026: "38,5", 2027: "41,2"},
    "CT07a": {2026: "1", 2027: "1"},
    "CT09a": {2026: "5", 2027: "5"},
    "CT13a": {2026: "93,4", 2027: "94,1"},
    "CT14a": {2026: "26,3"},
    "CT14b": {2026: "62,5"},
    "CT15b": {2026: "100"},
    "CT19b": {2026: "46,4", 2027: "46,9"},
    "CT21b": {2026: "100", 2027: "100"},
    "CT21c": {2026: "88,9", 2027: "91,1"},
    "DP3a": {2026: "85", 2027: "92"},
}

# Example village results for 2026: sums and the two parts of ratios.
VILLAGE_SUMS = {
    "CT04a": [1410, 1185, 1620, 905, 1210, 1033, 980, 1102, 1011],
    "CT20a": [2, 1, 3, 2, 1, 2, 1, 2, 1],
    "CT19a": ["4,5", "3", "6,2", "0", "2,5", "5", "3,8", "1,5", "2"],
}
VILLAGE_RATIOS = {
    "CT11a": [
        (6, 142),
        (9, 131),
        (4, 168),
        (2, 97),
        (7, 120),
        (3, 110),
        (8, 125),
        (5, 133),
        (4, 101),
    ],
    "CT12a": [
        (120, 142),
        (118, 131),
        (150, 168),
        (85, 97),
        (99, 120),
        (96, 110),
        (101, 125),
        (115, 133),
        (90, 101),
    ],
}

TASK_STATES = [TaskState.IN_PROGRESS, TaskState.DONE, TaskState.NOT_STARTED]


def number(text: str | int) -> Decimal:
    from dk_desktop.core.numbers import parse_number

    return parse_number(str(text))


def example_database(path: Path) -> None:
    store = Store.open(path, user=USER)
    former = {p.name: p.id for p in store.former_communes()}
    villages = []
    for group, names in VILLAGES.items():
        for name in names:
            villages.append(store.add_village(name, former.get(group) if group else None))
    commune = store.commune()
    for code, values in COMMUNE_RESULTS.items():
        figure = store.figure_by_code(code)
        for year, text in values.items():
            store.set_result(figure.id, commune.id, year, ResultInput(number(text)))
    for code, values in VILLAGE_SUMS.items():
        figure = store.figure_by_code(code)
        for village, value in zip(villages, values, strict=True):
            store.set_result(figure.id, village.id, 2026, ResultInput(number(value)))
    for code, pairs in VILLAGE_RATIOS.items():
        figure = store.figure_by_code(code)
        for village, (part, whole) in zip(villages, pairs, strict=True):
            store.set_result(
                figure.id, village.id, 2026, ResultInput(None, Decimal(part), Decimal(whole))
            )
    store.set_result(
        store.figure_by_code("CT11a").id,
        villages[0].id,
        2026,
        ResultInput(None, Decimal(6), Decimal(142), "Theo kết quả rà soát cuối năm"),
    )
    for number_, item in enumerate(store.items(Section.TASK) + store.items(Section.BREAKTHROUGH)):
        store.set_task_state(item.id, 2026, TASK_STATES[number_ % 3], None)
        if number_ % 3 == 1:
            store.set_task_state(item.id, 2027, TaskState.DONE, "Đã sơ kết")
    store.close()


def settle(window) -> None:  # type: ignore[no-untyped-def]
    """Let the window lay itself out and the charts shown draw (they draw lazily)."""
    from dk_desktop.ui.chart_view import ChartView

    for _ in range(3):
        QApplication.processEvents()
        for view in window.findChildren(ChartView):
            if view.isVisible() and view.is_stale():
                view.redraw_now()
        QApplication.processEvents()
        time.sleep(0.05)
    QApplication.processEvents()


def grab(window: MainWindow, name: str) -> Path:
    settle(window)
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    print(path.relative_to(ROOT))
    return path


def preview_of(window: MainWindow, name: str) -> None:
    """Báo cáo → In biểu đồ…, with the preview grabbed instead of waiting for a person."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    def exec_(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.resize(*SIZE)
        dialog.show()
        for _ in range(5):
            QApplication.processEvents()
            time.sleep(0.05)
        path = OUT / f"{name}.png"
        dialog.grab().save(str(path))
        print(path.relative_to(ROOT))
        dialog.close()
        return 0

    original = QPrintPreviewDialog.exec
    QPrintPreviewDialog.exec = exec_  # type: ignore[method-assign]
    try:
        window.report_actions.print_chart()
    finally:
        QPrintPreviewDialog.exec = original  # type: ignore[method-assign]


def grab_dialog(name: str, button: str) -> None:
    """Grab the dialog shown now, then press its button ``button``."""
    from PySide6.QtWidgets import QPushButton

    dialog = QApplication.activeModalWidget()
    if dialog is None:
        print(f"no dialog for {name}")
        return
    QApplication.processEvents()
    path = OUT / f"{name}.png"
    dialog.grab().save(str(path))
    print(path.relative_to(ROOT))
    for widget in dialog.findChildren(QPushButton):
        if widget.text().replace("&", "") == button:  # Qt's buttons carry a mnemonic
            widget.click()
            return


def select(tab, code: str) -> None:  # type: ignore[no-untyped-def]
    figure = tab.session.store.figure_by_code(code)
    tab.select_figure(figure.id)


def on_screen(width: int, height: int, number: int) -> None:
    """The window as it opens on a screen of this size, at the normal and the larger text:
    Kinh tế, with a figure's years and the village figures (run in the child process)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_qt_translation(app)
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "Ví dụ dữ liệu Nghị quyết.sqlite"
        example_database(database)
        settings = AppSettings(Path(folder) / "cai-dat.ini")
        settings.user_name = USER
        window = MainWindow(settings)  # placed on the screen as the app places it
        window.show()
        window.open_path(database)
        economy = window.field_tabs[Field.ECONOMY]
        window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
        select(economy, "CT04a")
        economy.detail.pages.setCurrentIndex(PAGE_YEARS)
        size = f"{width}x{height}"
        grab(window, f"{number}-man-hinh-{size}")
        window.set_larger_text(True)
        grab(window, f"{number + 1}-man-hinh-{size}-chu-to-hon")
        window.set_larger_text(False)
        window.close()


def shoot_screens() -> None:
    """Each laptop screen in a child process: a process has one offscreen screen size."""
    for width, height, number in SCREENS:
        with tempfile.TemporaryDirectory() as folder:
            config = Path(folder) / "man-hinh.json"
            screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
            screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
            config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            arguments = [sys.executable, __file__, "--screen", str(width), str(height)]
            subprocess.run([*arguments, str(number)], env=env, check=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:2] == ["--screen"]:
        on_screen(*(int(n) for n in sys.argv[2:5]))
        return 0
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_qt_translation(app)  # as the app does: Qt's own buttons and menus in Vietnamese
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "Ví dụ dữ liệu Nghị quyết.sqlite"
        example_database(database)
        settings = AppSettings(Path(folder) / "cai-dat.ini")
        settings.user_name = USER
        window = MainWindow(settings)
        window.resize(*SIZE)
        window.show()
        window.open_path(database)

        window.tabs.setCurrentIndex(TAB_OVERVIEW)
        grab(window, "01-tong-quan")

        economy = window.field_tabs[Field.ECONOMY]
        window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
        select(economy, "CT04a")
        economy.detail.pages.setCurrentIndex(PAGE_YEARS)
        grab(window, "02-kinh-te")

        society = window.field_tabs[Field.CULTURE_SOCIETY]
        window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
        select(society, "CT11a")
        society.detail.pages.setCurrentIndex(PAGE_VILLAGES)
        society.detail.village_year.setCurrentIndex(society.detail.village_year.findData(2026))
        grab(window, "03-van-hoa-xa-hoi-theo-ban")

        defence = window.field_tabs[Field.DEFENCE_SECURITY]
        window.tabs.setCurrentIndex(FIELD_TABS[Field.DEFENCE_SECURITY])
        defence.lists.setCurrentIndex(1)
        grab(window, "04-quoc-phong-an-ninh-nhiem-vu")
        defence.lists.setCurrentIndex(0)

        party = window.field_tabs[Field.PARTY_BUILDING]
        window.tabs.setCurrentIndex(FIELD_TABS[Field.PARTY_BUILDING])
        select(party, "CT21c")
        party.detail.pages.setCurrentIndex(PAGE_HISTORY)
        grab(window, "05-xay-dung-dang-lich-su")

        window.tabs.setCurrentIndex(TAB_PLACES)
        grab(window, "06-dia-ban")

        # the whole field on one chart, in place of the tables
        window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
        economy.show_field_chart(True)
        grab(window, "09-bieu-do-linh-vuc-kinh-te")
        economy.show_field_chart(False)

        # Báo cáo → In biểu đồ…: the print preview of the field chart, A4 landscape
        window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
        society.show_field_chart(True)
        preview_of(window, "10-xem-truoc-khi-in")
        society.show_field_chart(False)

        # a refused entry, as the clerk sees it
        window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
        select(society, "CT14a")
        society.detail.pages.setCurrentIndex(PAGE_YEARS)
        table = society.detail.year_table
        index = society.detail.year_model.index(2027 - 2025, year_results.RESULT)
        table.setFocus()
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        table.edit(index)
        QApplication.processEvents()
        editor = table.focusWidget()
        editor.setText("26.3")  # type: ignore[union-attr]
        from PySide6.QtGui import QKeyEvent

        press = QKeyEvent(
            QKeyEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(editor, press)
        grab(window, "07-nhap-sai-bi-tu-choi")
        QApplication.sendEvent(
            editor,
            QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        )

        window.set_larger_text(True)
        window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
        grab(window, "08-chu-to-hon")
        # the places tab with its former communes, at the larger text too
        window.tabs.setCurrentIndex(TAB_PLACES)
        grab(window, "13-dia-ban-chu-to-hon")
        window.set_larger_text(False)

        session = window.session
        store = session.store
        # the clerk's milestone for 2027 bends the planned path (bold in «Kế hoạch»)
        forest = store.figure_by_code("CT19b")
        forest_field = store.item(forest.item_id).field
        forest_tab = window.field_tabs[forest_field]
        window.tabs.setCurrentIndex(FIELD_TABS[forest_field])
        session.set_milestone(forest, 2027, Decimal(47))
        select(forest_tab, "CT19b")
        forest_tab.detail.pages.setCurrentIndex(PAGE_YEARS)
        grab(window, "11-moc-ke-hoach")
        window.undo_action.trigger()

        # Qt's own question box, in Vietnamese (Có / Không): stop following a figure?
        select(economy, "CT04b")
        QTimer.singleShot(300, lambda: grab_dialog("16-hoi-co-khong", "Không"))
        economy.retire_figure()

        # a retired figure, seen again and ready to be brought back
        retired = store.figure_by_code("CT14b")
        session.retire_figure(retired, True)
        window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
        society.set_show_retired(True)
        select(society, "CT14b")
        grab(window, "12-chi-so-thoi-theo-doi")
        society.set_show_retired(False)
        window.undo_action.trigger()

        # a village secretary: «Theo bản» opens on the own village; the status bar says who
        settings.role = ROLE_VILLAGE
        settings.village = "Bản Đoàn Kết"
        window.show_who()
        window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
        select(economy, "CT04b")
        grab(window, "14-bi-thu-chi-bo")

        # a ratio's first half typed without the second, then the window is closed (at the
        # commune office: a village laptop types only its own village's figures)
        settings.role = ROLE_COMMUNE
        window.show_who()
        select(society, "CT11a")
        window.tabs.setCurrentIndex(FIELD_TABS[Field.CULTURE_SOCIETY])
        society.detail.pages.setCurrentIndex(PAGE_YEARS)
        model = society.detail.year_model
        model.setData(model.index(2028 - 2025, year_results.NUMER), "95")
        QTimer.singleShot(300, lambda: grab_dialog("15-con-o-chua-luu", "Đóng không lưu"))
        window.close()
    app.processEvents()
    shoot_review()
    shoot_screens()
    return 0


def shoot_review() -> None:
    """Tệp → Nghị quyết mới từ văn bản…: another commune's targets (Sơn Lang, from the
    drafting corpus) drafted, the first unsure figure chosen and its words highlighted."""
    from dk_desktop.ui.resolution_review import ResolutionReviewDialog

    dialog = ResolutionReviewDialog(user="Văn phòng xã")
    corpus = ROOT / "tests" / "data" / "resolutions" / "son-lang" / "source.txt"
    dialog.text.setPlainText(corpus.read_text(encoding="utf-8"))
    dialog.commune.setText("Sơn Lang")
    dialog.province.setText("Gia Lai")
    dialog.term.setText("2020-2025")
    dialog.make_draft()
    dialog.show()
    dialog.table.selectRow(0)
    settle(dialog)
    path = OUT / "21-nghi-quyet-moi-tu-van-ban.png"
    dialog.grab().save(str(path))
    print(path.relative_to(ROOT))
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
