"""Every word of the window's own goes through Qt's translation (tr / translate), with
the Vietnamese text as the source, so that a translation can follow.

A pseudo-translator wraps every string it is asked for in ‹ ›; a window built while it
is installed must show no Vietnamese text of its own without the marks. Texts that come
from the database (names of targets and villages, units, the resolution's sentences)
are data, not the program's words, and are left as they are."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QWidget,
)

from dk_desktop import paths
from dk_desktop.core.model import Field, Status
from dk_desktop.core.progress import describe_pace
from dk_desktop.exchange.package import (
    CONFIG,
    DATA,
    export_config_package,
    preview_package,
    read_package,
)
from dk_desktop.exchange.package import KIND_LABELS as PACKAGE_KINDS
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.ui import app as app_module
from dk_desktop.ui.backup_dialog import BackupDialog
from dk_desktop.ui.conflict_dialog import ConflictDialog
from dk_desktop.ui.figure_dialog import FigureDialog
from dk_desktop.ui.help import HelpDialog, about_text
from dk_desktop.ui.main_window import FIELD_TABS, TAB_PLACES, MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.models import overview as overview_columns
from dk_desktop.ui.receive_dialog import ReceiveDialog
from dk_desktop.ui.send_dialog import SendDialog
from dk_desktop.ui.settings import AppSettings
from dk_desktop.ui.texts import KIND_LABELS, STATUS_LABELS, status_label

from .conftest import Modals

OPEN, CLOSE = "‹", "›"
DATA_LABELS = {"detail_title", "source_text"}  # the resolution's own words


class PseudoTranslator(QTranslator):
    """Marks every translated string, as a real translation would change it."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:  # noqa: N802 (Qt)
        return False


@pytest.fixture
def pseudo(qapp) -> Iterator[PseudoTranslator]:  # type: ignore[no-untyped-def]
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def translated_window(qtbot, pseudo, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = AppSettings(tmp_path / "cai-dat.ini")
    settings.user_name = "Lò Thị Hương"
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    assert main.open_path(tmp_path / "db.sqlite", create=True)
    session = main.session
    store = session.store
    session.add_village("Bản Nà Mường", None)
    cattle = store.figure_by_code("CT04a")
    session.set_result(cattle, store.commune(), 2026, ResultInput(Decimal(10456)))
    yield main
    main.close()


def data_texts(window: MainWindow) -> set[str]:
    """What the database says: names, units, the labels of a ratio's parts, sentences."""
    store = window.session.store
    found: set[str] = set()
    for figure in store.figures(include_retired=True):
        found |= {
            figure.name,
            figure.unit,
            figure.numerator_label or "",
            figure.denominator_label or "",
        }
    for item in store.items():
        found |= {item.name, item.label, item.source}
    for place in store.places():
        found.add(place.name)
    # the pace still needed is a sentence of the core (progress.describe_pace), not yet
    # translatable from the UI
    session = window.session
    for figure in store.figures():
        found.add(describe_pace(figure.spec, session.assessments()[figure.id], figure.unit))
    return {text for text in found if text}


def own_words(text: str | None, data: set[str]) -> bool:
    """A Vietnamese text of the program's own (not from the database)."""
    if not text or text.isascii():
        return False
    plain = text.replace("&", "").strip()
    return plain not in data and plain.replace("<b>", "").replace("</b>", "") not in data


def untranslated(window: MainWindow) -> list[str]:
    data = data_texts(window)
    found: list[str] = []

    def check(where: str, text: str | None) -> None:
        if own_words(text, data) and OPEN not in (text or ""):
            found.append(f"{where}: {text!r}")

    check("title", window.windowTitle())
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        check("tab", window.tabs.tabText(index))
        for widget in window.tabs.widget(index).findChildren(QWidget):
            name = widget.objectName()
            if isinstance(widget, QLabel) and name not in DATA_LABELS:
                check(f"label {name}", widget.text())
            if isinstance(widget, QAbstractButton):
                check(f"button {name}", widget.text())
                check(f"tip {name}", widget.toolTip())
            if isinstance(widget, QGroupBox):
                check(f"group {name}", widget.title())
            if isinstance(widget, QLineEdit):
                check(f"placeholder {name}", widget.placeholderText())
            if isinstance(widget, QTabWidget):
                for page in range(widget.count()):
                    check(f"page {name}", widget.tabText(page))
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for column in range(model.columnCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        text = model.headerData(column, Qt.Orientation.Horizontal, role)
                        check(f"header {name}", text if isinstance(text, str) else None)
    for action in window.menuBar().actions():
        check("menu", action.text())
        menu: QMenu | None = action.menu()
        if menu is None or menu is window.recent_menu:
            continue
        for entry in menu.actions():
            if entry.menu() is not window.recent_menu:
                check("action", entry.text())
                check("status tip", entry.statusTip())
    for label in window.statusBar().findChildren(QLabel):
        check("status bar", label.text())
    return found


def test_the_window_words_all_go_through_translation(translated_window):
    window = translated_window
    missing = untranslated(window)
    assert missing == [], "\n".join(missing)


def test_status_words_kinds_fields_and_headers_are_translated(qtbot, translated_window):
    window = translated_window
    store = window.session.store
    # the core's plain words are the sources, looked up in the UI
    assert set(STATUS_LABELS) == set(Status)
    assert all(STATUS_LABELS[s] == s.value for s in Status)
    assert status_label(Status.MET) == f"{OPEN}Đạt{CLOSE}"

    assert window.tabs.tabText(FIELD_TABS[Field.ECONOMY]) == f"{OPEN}Kinh tế{CLOSE}"
    assert window.tabs.tabText(TAB_PLACES) == f"{OPEN}Địa bàn{CLOSE}"
    tab = window.field_tabs[Field.ECONOMY]
    cattle = store.figure_by_code("CT04a")
    tab.select_figure(cattle.id)
    row = tab.model.row_for_figure(cattle.id)
    status = tab.model.index(row, columns.STATUS).data()
    assert status.startswith(OPEN) and status.strip(OPEN + CLOSE) in {s.value for s in Status}
    header = tab.model.headerData(columns.STATUS, Qt.Orientation.Horizontal)
    assert header == f"{OPEN}Đánh giá{CLOSE}"
    assert f"{OPEN}{KIND_LABELS[cattle.kind]}{CLOSE}" in tab.detail.plan.text()
    assert tab.detail.badge.text().startswith(OPEN)

    overview = window.overview.model
    first = overview.index(0, overview_columns.FIELD).data()
    assert first.startswith(OPEN)
    assert overview.index(0, overview_columns.STATUS).data().startswith(OPEN)


# --- the dialogs -------------------------------------------------------------------------------


def untranslated_in(widget: QWidget, data: set[str]) -> list[str]:
    """The program's own Vietnamese words left without the marks in a dialog."""
    found: list[str] = []

    def check(where: str, text: str | None) -> None:
        if own_words(text, data) and OPEN not in (text or ""):
            found.append(f"{where}: {text!r}")

    check("title", widget.windowTitle())
    for child in widget.findChildren(QWidget):
        name = child.objectName()
        if isinstance(child, QLabel):
            check(f"label {name}", child.text())
        if isinstance(child, QAbstractButton):
            check(f"button {name}", child.text())
            check(f"tip {name}", child.toolTip())
        if isinstance(child, QGroupBox):
            check(f"group {name}", child.title())
        if isinstance(child, QLineEdit):
            check(f"placeholder {name}", child.placeholderText())
        if isinstance(child, QComboBox):
            for index in range(child.count()):
                check(f"choice {name}", child.itemText(index))
        if isinstance(child, QTextBrowser):
            check(f"text {name}", child.toHtml())
        if isinstance(child, QTableWidget):
            for column in range(child.columnCount()):
                header = child.horizontalHeaderItem(column)
                check(f"header {name}", header.text() if header else None)
    return found


def dialog_data(window: MainWindow) -> set[str]:
    """Data of the database, and the dialogs' lines made only of data and numbers."""
    data = data_texts(window)
    data |= set(PACKAGE_KINDS.values())  # the package's own name for its kind (the engine's)
    return data


def close_all(dialogs: list[QWidget]) -> None:
    """The dialogs are the window's children (deleted with it): hidden here, not given to
    qtbot, which would close them after their owner was gone."""
    for dialog in dialogs:
        dialog.hide()


def test_the_backup_figure_and_help_dialogs_are_translated(qtbot, translated_window):
    window = translated_window
    opened: list[QWidget] = []
    data = dialog_data(window)
    backup = BackupDialog(window)
    backup.show()
    opened.append(backup)
    assert untranslated_in(backup, data) == []

    store = window.session.store
    cattle = store.figure_by_code("CT04a")
    for dialog in (
        FigureDialog(window.session, figure=cattle, parent=window),
        FigureDialog(window.session, items=store.items(), parent=window),
    ):
        dialog.show()
        opened.append(dialog)
        assert untranslated_in(dialog, data) == []

    help_dialog = HelpDialog(window)
    help_dialog.show()
    opened.append(help_dialog)
    assert untranslated_in(help_dialog, data) == []
    assert about_text().startswith(OPEN)
    close_all(opened)


def test_the_exchange_dialogs_are_translated(qtbot, translated_window, tmp_path: Path):
    window = translated_window
    session = window.session
    store = session.store
    village = next(p for p in store.places() if p.name == "Bản Nà Mường")
    cattle = store.figure_by_code("CT04a")
    session.set_result(cattle, village, 2026, ResultInput(Decimal(600)))
    data = dialog_data(window)
    opened: list[QWidget] = []

    for kind in (DATA, CONFIG):
        send = SendDialog(window, kind)
        send.show()
        opened.append(send)
        assert untranslated_in(send, data) == [], kind

    # the configuration package previewed as a village laptop sees it (an office never
    # receives one: issue 10 §4)
    path = tmp_path / "goi.dkgoi"
    export_config_package(store, path)
    laptop = Store.open(tmp_path / "may-ban.sqlite")
    try:
        preview = preview_package(laptop, read_package(path))
    finally:
        laptop.close()
    receive = ReceiveDialog(window, preview)
    receive.show()
    opened.append(receive)
    receive.show_unchanged.setChecked(True)
    assert untranslated_in(receive, data) == []
    assert receive.table.rowCount() >= 1
    assert all(
        receive.table.item(row, 0).text().startswith(OPEN)
        for row in range(receive.table.rowCount())
    )

    conflicts = ConflictDialog(window)
    conflicts.show()
    opened.append(conflicts)
    assert untranslated_in(conflicts, data) == []
    close_all(opened)


def test_the_report_year_question_is_translated(qtbot, translated_window, monkeypatch):
    window = translated_window
    asked: list[str] = []

    def get_item(parent, title, label, items, current=0, editable=True):  # type: ignore[no-untyped-def]
        asked.extend([title, label, *items])
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    assert window.report_actions.choose_year(window.report_actions.tr("Báo cáo PDF")) is None
    assert asked and all(text.startswith(OPEN) for text in asked), asked


# --- Qt's own words (resources/translations/qtbase_vi.ts, docs/translations.md) ----------------

QT_TS = paths.resource_path("resources", "translations", "qtbase_vi.ts")
QT_QM = paths.resource_path(*app_module.QT_TRANSLATION_FILE)
PLACEHOLDER = re.compile(r"%(?:L?\d+|n)")


@pytest.fixture
def qt_vietnamese(qapp) -> Iterator[QTranslator]:  # type: ignore[no-untyped-def]
    """The translator the app installs at start-up (app.run)."""
    translator = app_module.install_qt_translation(qapp)
    assert translator is not None, f"not loaded: {QT_QM}"
    yield translator
    QCoreApplication.removeTranslator(translator)


def plain(text: str) -> str:
    """A menu entry or button as read: without the mnemonic's & and the shortcut."""
    return text.split("\t")[0].replace("&", "")


def test_the_standard_question_answers_co_khong(qtbot, qt_vietnamese):
    shown: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.extend(plain(button.text()) for button in box.buttons())
        box.button(QMessageBox.StandardButton.No).click()

    modals = Modals().then(QMessageBox, read)
    answer = QMessageBox.question(None, "Xóa bản", "Xóa bản Nà Mường?")
    modals.finish()
    assert answer == QMessageBox.StandardButton.No
    assert sorted(shown) == ["Có", "Không"]


def test_the_message_box_buttons_and_details_are_vietnamese(qtbot, qt_vietnamese):
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Báo cáo",
        "Không ghi được tệp.",
        buttons.Ok | buttons.Save | buttons.Discard | buttons.Close | buttons.Cancel,
    )
    qtbot.addWidget(box)
    box.setDetailedText("chi tiết")
    box.show()
    texts = {plain(button.text()) for button in box.buttons()}
    assert {"Đồng ý", "Lưu", "Không lưu", "Đóng", "Hủy", "Xem chi tiết..."} <= texts
    box.close()


def test_the_editors_right_click_menus_are_vietnamese(qtbot, qt_vietnamese):
    line = QLineEdit("1.041")
    qtbot.addWidget(line)
    line.selectAll()
    menu = line.createStandardContextMenu()
    entries = [plain(action.text()) for action in menu.actions() if not action.isSeparator()]
    assert entries == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]
    # the shortcut beside an entry keeps the key names of the keyboard
    shortcuts = [a.text().split("\t")[1] for a in menu.actions() if "\t" in a.text()]
    assert "Ctrl+C" in shortcuts

    note = QPlainTextEdit("Ghi chú")  # the figure's note
    qtbot.addWidget(note)
    note.selectAll()
    entries = [
        plain(action.text())
        for action in note.createStandardContextMenu().actions()
        if not action.isSeparator()
    ]
    assert entries == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]


def test_the_print_preview_is_vietnamese(qtbot, qt_vietnamese):
    printer = QPrinter()
    dialog = QPrintPreviewDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Xem trước khi in"
    tips = {
        action.toolTip()
        for toolbar in dialog.findChildren(QToolBar)
        for action in toolbar.actions()
        if action.toolTip()
    }
    assert {
        "Trang đầu",
        "Trang trước",
        "Trang sau",
        "Trang cuối",
        "Phóng to",
        "Thu nhỏ",
        "Vừa chiều rộng",
        "Vừa trang",
        "Khổ dọc",
        "Khổ ngang",
        "Thiết lập trang",
        "In",
    } <= tips
    english = {"Next page", "Previous page", "First page", "Last page", "Zoom in", "Print"}
    english |= {"Zoom out", "Fit width", "Fit page", "Portrait", "Landscape", "Page setup"}
    english |= {"Show single page", "Show facing pages", "Show overview of all pages"}
    assert tips & english == set()
    dialog.close()


def test_the_file_dialog_is_vietnamese(qtbot, qt_vietnamese, tmp_path: Path):
    dialog = QFileDialog(None, "Lưu bản sao", str(tmp_path), "Tệp dữ liệu (*.sqlite)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own, as on Linux
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert sorted(plain(button.text()) for button in buttons.buttons()) == ["Hủy", "Lưu"]
    labels = {
        name: plain(dialog.findChild(QLabel, name).text())
        for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")
    }
    assert labels == {
        "lookInLabel": "Thư mục:",
        "fileNameLabel": "Tên tệp:",
        "fileTypeLabel": "Kiểu tệp:",
    }
    back = dialog.findChild(QAbstractButton, "backButton")
    assert back.toolTip() == "Quay lại"
    dialog.close()


def test_every_qt_message_is_translated_and_keeps_its_placeholders():
    root = ElementTree.parse(QT_TS).getroot()
    assert root.get("language") == "vi_VN"
    checked = 0
    problems: list[str] = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{name}: {source!r}"
            if translation is None or translation.get("type") is not None:
                problems.append(f"{where}: not finished")
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            for text in forms or [translation.text or ""]:
                if not text.strip():
                    problems.append(f"{where}: empty")
                elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                    problems.append(f"{where}: placeholders of {text!r}")
            checked += 1
    assert problems == [], "\n".join(problems)
    assert checked > 150


def lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path):
    tool = lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed: cannot compile the .ts to compare")
    fresh = tmp_path / "qtbase_vi.qm"
    subprocess.run([tool, str(QT_TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QT_QM.read_bytes(), "run `make translations` and commit"


def test_without_the_translation_file_the_app_still_starts(qapp, monkeypatch, tmp_path, caplog):  # type: ignore[no-untyped-def]
    broken = tmp_path / "resources" / "translations"
    broken.mkdir(parents=True)
    (broken / "qtbase_vi.qm").write_bytes(b"not a translation")
    monkeypatch.setattr(paths, "bundle_root", lambda: tmp_path)
    with caplog.at_level(logging.WARNING, logger="dk_desktop"):
        assert app_module.install_qt_translation(qapp) is None  # broken
        (broken / "qtbase_vi.qm").unlink()
        assert app_module.install_qt_translation(qapp) is None  # missing
    assert sum("qtbase_vi.qm" in record.getMessage() for record in caplog.records) == 2
    assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Yes"


def test_the_app_installs_it_before_the_window_is_built(tmp_path: Path):
    """app.run() installs the translation before the main window is built (Qt's widgets
    translate their texts when made): the window's constructor already sees Vietnamese."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from dk_desktop.ui import app, main_window\n"
        "class Probe:\n"
        "    def __init__(self, settings):\n"
        "        print(QCoreApplication.translate('QPlatformTheme', '&Yes'))\n"
        "        raise SystemExit(0)\n"
        "main_window.MainWindow = Probe\n"
        "app.run([sys.argv[0]])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(tmp_path),  # the log and settings, not the user's
            "XDG_CONFIG_HOME": str(tmp_path),
        },
    )
    assert run.stdout.strip() == "&Có"
