"""The «Báo cáo» menu driven as a clerk does: the PDF report and the Excel table for a
chosen year, a chart saved as PNG/SVG/PDF, a chart and a table printed through the
print preview into a PDF printer — with the file dialogs replaced by fixed paths."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from dk_desktop.core.model import Field
from dk_desktop.store.repository import ResultInput
from dk_desktop.ui.main_window import FIELD_TABS, TAB_OVERVIEW, TAB_PLACES

RESULTS = {"CT04a": {2026: 10456, 2027: 10980}, "CT14a": {2026: Decimal("26.3")}}


@pytest.fixture
def filled(window):  # type: ignore[no-untyped-def]
    """The window with results for 2026 and 2027."""
    session = window.session
    commune = session.store.commune()
    for code, values in RESULTS.items():
        figure = session.store.figure_by_code(code)
        for year, value in values.items():
            session.set_result(figure, commune, year, ResultInput(Decimal(value)))
    return window


class Dialogs:
    """Stand-ins for the dialogs: remember what was asked, answer fixed things."""

    def __init__(self, monkeypatch, path: Path | None = None, year_choice: int = 0):  # type: ignore[no-untyped-def]
        self.path = path
        self.filter = ""
        self.suggested: list[str] = []
        self.year_items: list[str] = []
        self.year_choice = year_choice
        self.warnings: list[tuple[str, str]] = []
        self.cursor_during_work: list[object] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.save_name)
        monkeypatch.setattr(QInputDialog, "getItem", self.get_item)
        monkeypatch.setattr(QMessageBox, "warning", self.warning)
        monkeypatch.setattr(QMessageBox, "information", self.warning)

    def save_name(self, parent, title, suggested, filters, *args):  # type: ignore[no-untyped-def]
        self.suggested.append(suggested)
        if self.path is None:
            return "", ""
        chosen = next((f for f in filters.split(";;") if self.filter and self.filter in f), "")
        return str(self.path), chosen

    def get_item(self, parent, title, label, items, current=0, editable=True):  # type: ignore[no-untyped-def]
        self.year_items = list(items)
        if self.year_choice < 0:
            return "", False
        return items[self.year_choice], True

    def warning(self, parent, title, text, *args):  # type: ignore[no-untyped-def]
        self.warnings.append((title, text))
        return QMessageBox.StandardButton.Ok


def action(window, name: str) -> QAction:  # type: ignore[no-untyped-def]
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_menu_is_vietnamese_and_sits_before_help(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("&Báo cáo") == menus.index("&Trợ giúp") - 1
    menu = window.report_actions.menu
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Báo cáo PDF…",
        "Xuất Excel…",
        "Báo cáo Word (.docx)…",
        "In biểu đồ…",
        "In bảng…",
        "Lưu biểu đồ…",
    ]


def test_one_click_pdf_report_for_the_latest_year(filled, monkeypatch, tmp_path):
    window = filled
    target = tmp_path / "báo cáo.pdf"
    dialogs = Dialogs(monkeypatch, target)

    def slow_write(store, path, year=None):  # type: ignore[no-untyped-def]
        dialogs.cursor_during_work.append(QApplication.overrideCursor().shape())
        return real_write(store, path, year)

    from dk_desktop.reports import pdf_report

    real_write = pdf_report.write_pdf_report
    monkeypatch.setattr(pdf_report, "write_pdf_report", slow_write)

    action(window, "action_report_pdf").trigger()

    assert dialogs.year_items == ["Thực hiện năm 2027", "Thực hiện năm 2026"]  # latest first
    assert Path(dialogs.suggested[0]).name == "Báo cáo thực hiện Nghị quyết năm 2027.pdf"
    assert dialogs.cursor_during_work == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    reader = PdfReader(target)
    # header, table, a chart per field, a page per target with data (here 2); the targets
    # without data share pages, a line each
    assert 1 + 1 + 4 + 2 < len(reader.pages) < 1 + 1 + 4 + 22
    text = pdf_text(target)
    assert "Thực hiện năm 2027" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Đã lưu báo cáo" in window.status_text()
    assert not dialogs.warnings


def test_an_earlier_year_can_be_chosen_and_cancel_writes_nothing(filled, monkeypatch, tmp_path):
    window = filled
    target = tmp_path / "2026.pdf"
    dialogs = Dialogs(monkeypatch, target, year_choice=-1)
    action(window, "action_report_pdf").trigger()
    assert not target.exists() and not dialogs.suggested

    dialogs.year_choice = 1  # "Thực hiện năm 2026"
    action(window, "action_report_pdf").trigger()
    assert Path(dialogs.suggested[0]).name == "Báo cáo thực hiện Nghị quyết năm 2026.pdf"
    assert "Thực hiện năm 2026" in pdf_text(target)


def test_excel_through_the_menu(filled, monkeypatch, tmp_path):
    window = filled
    target = tmp_path / "bang.xlsx"
    dialogs = Dialogs(monkeypatch, target)
    action(window, "action_report_xlsx").trigger()
    assert Path(dialogs.suggested[0]).name == "Báo cáo thực hiện Nghị quyết năm 2027.xlsx"
    book = openpyxl.load_workbook(target)
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert "Thực hiện năm 2027" in cells
    assert 10980 in cells  # a number, not text


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_save_the_chart_shown(filled, monkeypatch, tmp_path, qtbot, suffix):
    window = filled
    store = window.session.store
    tab = window.field_tabs[Field.ECONOMY]
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    tab.select_figure(store.figure_by_code("CT04a").id)
    target = tmp_path / f"biểu đồ{suffix}"
    dialogs = Dialogs(monkeypatch, target)
    action(window, "action_save_chart").trigger()

    assert Path(dialogs.suggested[0]).name == "Biểu đồ (4) Tổng đàn gia súc.png"
    data = target.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif suffix == ".svg":
        text = data.decode("utf-8")
        assert "<svg" in text and "(4) Tổng đàn gia súc" in text
        assert "Số liệu đến ngày" in text
    else:
        assert "(4) Tổng đàn gia súc" in pdf_text(target)
        assert "10.980" in pdf_text(target)
    assert not dialogs.warnings


def test_the_chosen_type_gives_the_suffix(filled, monkeypatch, tmp_path):
    window = filled
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    dialogs = Dialogs(monkeypatch, tmp_path / "tong quan")
    dialogs.filter = "SVG"
    action(window, "action_save_chart").trigger()
    assert Path(dialogs.suggested[0]).name == "Biểu đồ tình hình thực hiện 22 chỉ tiêu.png"
    assert "Tình hình thực hiện 22 chỉ tiêu" in (tmp_path / "tong quan.svg").read_text("utf-8")


def print_to_pdf(monkeypatch, output: Path, orientation=None) -> list[QPrintPreviewDialog]:  # type: ignore[no-untyped-def]
    """Replace the preview's exec: print what the preview would show into a PDF file."""
    shown: list[QPrintPreviewDialog] = []

    def exec_(dialog):  # type: ignore[no-untyped-def]
        shown.append(dialog)
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        if orientation is not None:
            printer.setPageOrientation(orientation)
        dialog.paintRequested.emit(printer)
        return 1

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    return shown


def page_sizes(path: Path) -> list[tuple[int, int]]:
    return [(round(p.mediabox.width), round(p.mediabox.height)) for p in PdfReader(path).pages]


def test_print_the_chart_shown_through_the_preview(filled, monkeypatch, tmp_path):
    window = filled
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    output = tmp_path / "in-bieu-do.pdf"
    dialogs = Dialogs(monkeypatch)
    previews = print_to_pdf(monkeypatch, output)
    action(window, "action_print_chart").trigger()

    assert len(previews) == 1 and "Xem trước khi in" in previews[0].windowTitle()
    assert page_sizes(output) == [(842, 595)]  # one A4 page, landscape
    assert not dialogs.warnings


def test_print_the_field_table_turned_to_portrait(filled, monkeypatch, tmp_path):
    window = filled
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    output = tmp_path / "in-bang.pdf"
    Dialogs(monkeypatch)
    print_to_pdf(monkeypatch, output, QPageLayout.Orientation.Portrait)
    action(window, "action_print_table").trigger()
    sizes = page_sizes(output)
    assert sizes and all(size == (595, 842) for size in sizes)  # A4 portrait, as turned


def test_print_the_overview_table_straight_to_a_pdf_printer(filled, tmp_path):
    window = filled
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    output = tmp_path / "bang-tong-hop.pdf"
    printer.setOutputFileName(str(output))
    assert window.report_actions.print_table(printer)
    sizes = page_sizes(output)
    assert len(sizes) >= 2  # 22 targets, with their figures, do not fit one page
    assert all(size == (842, 595) for size in sizes)


def test_no_chart_or_table_on_the_places_tab(filled):
    window = filled
    window.tabs.setCurrentIndex(TAB_PLACES)
    window.report_actions.update_actions()
    assert not action(window, "action_print_chart").isEnabled()
    assert not action(window, "action_save_chart").isEnabled()
    assert not action(window, "action_print_table").isEnabled()
    assert action(window, "action_report_pdf").isEnabled()


def test_errors_are_told_in_vietnamese(filled, monkeypatch, tmp_path):
    window = filled
    dialogs = Dialogs(monkeypatch, tmp_path / "không có thư mục này" / "báo cáo.pdf")
    action(window, "action_report_pdf").trigger()
    assert dialogs.warnings[-1][0] == "Không lưu được báo cáo"
    assert "Không tìm thấy thư mục" in dialogs.warnings[-1][1]

    from dk_desktop.reports import xlsx_report

    def locked(store, path, year=None):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(xlsx_report, "write_xlsx_report", locked)
    dialogs.path = tmp_path / "bang.xlsx"
    action(window, "action_report_xlsx").trigger()
    assert "tệp đang mở trong chương trình khác" in dialogs.warnings[-1][1]
    assert QApplication.overrideCursor() is None  # the wait cursor went away

    dialogs.path = tmp_path / "bieu-do.bmp"
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    action(window, "action_save_chart").trigger()
    assert "PNG, SVG hoặc PDF" in dialogs.warnings[-1][1]
    assert not (tmp_path / "bieu-do.bmp").exists()


def test_a_disk_error_is_told_in_the_stores_words_not_the_systems(filled, monkeypatch, tmp_path):
    """An error the system words in English («Input/output error») reaches nobody as is."""
    import errno

    from dk_desktop.reports import xlsx_report

    def broken(store, path, year=None):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(xlsx_report, "write_xlsx_report", broken)
    dialogs = Dialogs(monkeypatch, tmp_path / "bang.xlsx")
    action(filled, "action_report_xlsx").trigger()
    title, text = dialogs.warnings[-1]
    assert title == "Không lưu được báo cáo"
    assert "bang.xlsx" in text and "Hãy kiểm tra ổ đĩa" in text
    assert "Input/output" not in text
