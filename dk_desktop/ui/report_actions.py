"""The «Báo cáo» menu: the PDF report and the Excel table for a chosen year, printing
the chart or the table of the tab shown (with Qt's print preview, A4), and saving the
chart shown as PNG, SVG or PDF.

matplotlib, the reports, Qt's print support and the chart views are imported when an
action is used, never when the menu is made (with the window, before it is shown), so
they cost nothing at start-up.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QToolBar,
)

from ..core.model import Field
from .display import default_year
from .texts import QT_TRANSLATE_NOOP, field_label
from .widgets import run_dialog

if TYPE_CHECKING:
    from .chart_view import ChartSpec, ChartView
    from .main_window import MainWindow
    from .session import Session

log = logging.getLogger("dk_desktop")

# sources, translated where they are shown (ReportActions' self.tr)
PDF_FILTER = QT_TRANSLATE_NOOP("ReportActions", "Tệp PDF (*.pdf)")
XLSX_FILTER = QT_TRANSLATE_NOOP("ReportActions", "Bảng tính Excel (*.xlsx)")
DOCX_FILTER = QT_TRANSLATE_NOOP("ReportActions", "Văn bản Word (*.docx)")
DOCX_KINDS = {
    "nam": QT_TRANSLATE_NOOP("ReportActions", "Báo cáo năm"),
    "so-ket": QT_TRANSLATE_NOOP("ReportActions", "Báo cáo sơ kết giữa nhiệm kỳ"),
    "tong-ket": QT_TRANSLATE_NOOP("ReportActions", "Báo cáo tổng kết nhiệm kỳ"),
}
"""The Word report's kinds (reports.docx_report.ReportKind's values), as the menu asks."""
CHART_FILTERS = {
    QT_TRANSLATE_NOOP("ReportActions", "Ảnh PNG (*.png)"): ".png",
    QT_TRANSLATE_NOOP("ReportActions", "Hình vẽ SVG (*.svg)"): ".svg",
    QT_TRANSLATE_NOOP("ReportActions", "Tệp PDF (*.pdf)"): ".pdf",
}
TABLE_WIDTHS = (0.7, 5.6, 1.5, 1.5, 1.9, 1.3, 1.3, 1.7)
"""Relative widths of STT | Chỉ tiêu | ĐVT | Nghị quyết | Thực hiện năm … | So với NQ | Tiến độ |
Đánh giá."""
YEAR_LABEL = QT_TRANSLATE_NOOP("ReportActions", "Thực hiện năm {year}")
OS_REASONS = {
    errno.ENOSPC: QT_TRANSLATE_NOOP("ReportActions", "ổ đĩa đã đầy"),
    errno.EROFS: QT_TRANSLATE_NOOP("ReportActions", "ổ đĩa chỉ cho đọc, không cho ghi"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("ReportActions", "tên tệp hoặc đường dẫn quá dài"),
}


def report_file_name(year: int | None, suffix: str) -> str:
    if year:
        name = QCoreApplication.translate("report", "Báo cáo thực hiện Nghị quyết năm {year}")
        return name.format(year=year) + suffix
    return QCoreApplication.translate("report", "Báo cáo thực hiện Nghị quyết") + suffix


class ReportActions(QObject):
    """The «Báo cáo» menu (``menu``, which the window puts in its menu bar) and its actions."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

        self.menu = QMenu(self.tr("&Báo cáo"), window)
        self.menu.setObjectName("report_menu")
        self.pdf_action = self._action(
            self.tr("Báo cáo PDF…"), self.export_pdf, "action_report_pdf"
        )
        self.pdf_action.setStatusTip(
            self.tr("Toàn bộ báo cáo (bảng chỉ tiêu, biểu đồ từng lĩnh vực và từng chỉ tiêu), A4")
        )
        self.xlsx_action = self._action(
            self.tr("Xuất Excel…"), self.export_xlsx, "action_report_xlsx"
        )
        self.docx_action = self._action(
            self.tr("Báo cáo Word (.docx)…"), self.export_docx, "action_report_docx"
        )
        self.docx_action.setStatusTip(
            self.tr("Bản thảo báo cáo theo thể thức văn bản của Đảng, để hoàn thiện và trình ký")
        )
        self.menu.addSeparator()
        self.print_chart_action = self._action(
            self.tr("In biểu đồ…"),
            self.print_chart,
            "action_print_chart",
            QKeySequence.StandardKey.Print,
        )
        self.print_table_action = self._action(
            self.tr("In bảng…"), self.print_table, "action_print_table"
        )
        self.menu.addSeparator()
        self.save_chart_action = self._action(
            self.tr("Lưu biểu đồ…"), self.save_chart, "action_save_chart"
        )
        self.menu.aboutToShow.connect(self.update_actions)

    def _action(self, text: str, slot: Callable[[], Any], name: str, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        # shortcuts work while the menu is closed only if the window holds the action
        self.window.addAction(action)
        return action

    # --- what is shown -------------------------------------------------------------------------

    def session(self) -> Session | None:
        return self.window.session

    def current_tab(self):
        return self.window.tabs.currentWidget()

    def current_chart(self) -> ChartView | None:
        current = getattr(self.current_tab(), "current_chart", None)
        return current() if callable(current) else None

    def current_field(self) -> Field | None:
        field = getattr(self.current_tab(), "field", None)
        return field if isinstance(field, Field) else None

    def has_table(self) -> bool:
        tab = self.current_tab()
        return tab is not None and (tab is self.window.overview or self.current_field() is not None)

    def update_actions(self) -> None:
        has_data = self.session() is not None
        for action in (self.pdf_action, self.xlsx_action, self.docx_action):
            action.setEnabled(has_data)
        has_chart = has_data and self.current_chart() is not None
        self.print_chart_action.setEnabled(has_chart)
        self.save_chart_action.setEnabled(has_chart)
        self.print_table_action.setEnabled(has_data and self.has_table())

    # --- the reports ------------------------------------------------------------------------

    def years_with_data(self) -> list[int]:
        session = self.session()
        if session is None:
            return []
        return session.store.years_with_values()

    def choose_year(self, title: str) -> int | None:
        """Ask which year the report is for; the latest year with data comes first."""
        years = sorted(self.years_with_data(), reverse=True)
        label = self.tr("Báo cáo kết quả của năm:")
        session = self.session()
        if not years and session is not None:
            years = [default_year(session.store.term())]
            label = self.tr("Chưa nhập kết quả năm nào: cột kết quả sẽ để trống.\n") + label
        items = [self.tr(YEAR_LABEL).format(year=year) for year in years]
        text, accepted = QInputDialog.getItem(self.window, title, label, items, 0, False)
        if not accepted or text not in items:
            return None
        return years[items.index(text)]

    def export_pdf(self, path: Path | None = None, year: int | None = None) -> Path | None:
        """The whole report as an A4 PDF, for ``year`` (asked when not given)."""
        from ..reports.pdf_report import write_pdf_report  # imports matplotlib

        return self._export(
            self.tr("Báo cáo PDF"), write_pdf_report, ".pdf", PDF_FILTER, path, year
        )

    def export_xlsx(self, path: Path | None = None, year: int | None = None) -> Path | None:
        """The report table in Excel (a sheet per field, a summary, values per village)."""
        from ..reports.xlsx_report import write_xlsx_report

        return self._export(
            self.tr("Xuất Excel"), write_xlsx_report, ".xlsx", XLSX_FILTER, path, year
        )

    def export_docx(
        self, path: Path | None = None, year: int | None = None, kind: str | None = None
    ) -> Path | None:
        """The Word report a clerk files (yearly, mid-term or end of term; asked when not
        given), drafted in the Party's document format for the clerk to finish and sign."""
        if self.session() is None:
            return None
        title = self.tr("Báo cáo Word")
        if kind is None:
            labels = [self.tr(label) for label in DOCX_KINDS.values()]
            text, accepted = QInputDialog.getItem(
                self.window, title, self.tr("Loại báo cáo:"), labels, 0, False
            )
            if not accepted or text not in labels:
                return None
            kind = list(DOCX_KINDS)[labels.index(text)]
        from ..reports.docx_report import ReportKind, suggested_file_name, write_docx_report

        chosen = ReportKind(kind)

        def write(store, target: Path, report_year: int | None) -> None:
            write_docx_report(store, target, report_year, kind=chosen)

        return self._export(
            title,
            write,
            ".docx",
            DOCX_FILTER,
            path,
            year,
            name=lambda report_year: suggested_file_name(chosen, report_year),
        )

    def _export(
        self,
        title: str,
        write: Callable[..., None],
        suffix: str,
        file_filter: str,
        path: Path | None,
        year: int | None,
        name: Callable[[int], str] | None = None,
    ) -> Path | None:
        session = self.session()
        if session is None:
            return None
        if year is None:
            year = self.choose_year(title)
            if year is None:
                return None
        suggested = name(year) if name is not None else report_file_name(year, suffix)
        path = path or self.ask_save_path(title, suggested, {self.tr(file_filter): suffix})
        if path is None:
            return None
        try:
            with self.busy(self.tr("Đang tạo «{name}»…").format(name=path.name)):
                write(session.store, path, year)
        except Exception as error:  # shown to the clerk, in Vietnamese, with the cause
            self.show_write_error(self.tr("Không lưu được báo cáo"), path, error)
            return None
        self.window.show_message(self.tr("Đã lưu báo cáo vào «{path}»").format(path=path))
        return path

    # --- charts -----------------------------------------------------------------------------------

    def current_spec(self) -> ChartSpec | None:
        """The chart of the tab shown, read afresh; None (and a message) when there is none."""
        view = self.current_chart()
        if view is None:
            self.show_info(self.tr("Tab này không có biểu đồ."))
            return None
        from .chart_view import ChartSpec  # a chart view exists: already loaded

        shown = view.source()
        if not isinstance(shown, ChartSpec):
            self.show_info(shown or self.tr("Chưa có biểu đồ để dùng."))
            return None
        return shown

    def save_chart(self, path: Path | None = None) -> Path | None:
        """The chart shown, at print size, as PNG (200 dpi), SVG or PDF."""
        if self.session() is None:
            return None
        spec = self.current_spec()
        if spec is None:
            return None
        filters = {self.tr(name): suffix for name, suffix in CHART_FILTERS.items()}
        path = path or self.ask_save_path(
            self.tr("Lưu biểu đồ"), spec.file_stem() + ".png", filters
        )
        if path is None:
            return None
        try:
            with self.busy(self.tr("Đang lưu biểu đồ…")):
                from ..charts import save_chart

                save_chart(spec.new_figure(), path)
        except Exception as error:
            self.show_write_error(self.tr("Không lưu được biểu đồ"), path, error)
            return None
        self.window.show_message(self.tr("Đã lưu biểu đồ vào «{path}»").format(path=path))
        return path

    def print_chart(self, printer=None) -> bool:
        """Print the chart shown on A4, with the Party header (preview first)."""
        session = self.session()
        if session is None:
            return False
        spec = self.current_spec()
        if spec is None:
            return False

        def pages(landscape: bool):
            from ..reports.common import gather
            from ..reports.document_format import Heading
            from ..reports.printing import chart_pages

            report = gather(session.store)
            return chart_pages(
                spec.draw,
                letterhead=Heading.of(session.store.meta()),
                day=report.made_on,
                landscape=landscape,
            )

        return self.print_pages(
            self.tr("In biểu đồ {title}").format(title=spec.title), pages, spec.landscape, printer
        )

    # --- tables -----------------------------------------------------------------------------------

    def print_table(self, printer=None) -> bool:
        """Print the report table of the tab shown: all targets on the overview, the
        field's targets (and its breakthroughs and tasks with figures) in a field tab."""
        session = self.session()
        if session is None:
            return False
        if not self.has_table():
            self.show_info(self.tr("Tab này không có bảng chỉ tiêu để in."))
            return False
        field = self.current_field()

        def pages(landscape: bool):
            from ..reports.common import gather
            from ..reports.document_format import Heading
            from ..reports.printing import table_pages

            report = gather(session.store)
            if field is None:
                rows = report.table_rows()
                rows += report.table_rows([i for i in report.items if i not in report.targets])
                heading = self.tr("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT")
            else:
                rows = report.table_rows(report.field_items(field))
                heading = self.tr("LĨNH VỰC {field}: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU").format(
                    field=field_label(field).upper()
                )
            if report.year is not None:
                heading = self.tr("{heading} NĂM {year}").format(heading=heading, year=report.year)
            cells = [
                [
                    r.stt,
                    r.name.upper() if r.level == -1 else r.name,
                    r.unit,
                    r.target,
                    r.achieved,
                    r.compared,  # «So với NQ», «Tiến độ»: as the PDF writes them
                    r.progress_text,
                    r.status_word,
                ]
                for r in rows
            ]
            return table_pages(
                list(zip(report.headers(), TABLE_WIDTHS, strict=True)),
                cells,
                letterhead=Heading.of(session.store.meta()),
                day=report.made_on,
                heading=heading,
                landscape=landscape,
            )

        title = self.tr("In bảng chỉ tiêu") if field is None else field_label(field)
        return self.print_pages(title, pages, True, printer)

    # --- printing ---------------------------------------------------------------------------------

    def print_pages(
        self,
        title: str,
        build: Callable[[bool], list],
        landscape: bool,
        printer=None,
    ) -> bool:
        """Show Qt's print preview (A4; portrait or landscape as the person turns it) and
        print ``build(landscape)``'s pages; with ``printer`` given, print straight to it."""
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ..reports.printing import print_pages

        made: dict[bool, list] = {}

        def pages_for(wide: bool) -> list:
            if wide not in made:
                with self.busy(self.tr("Đang chuẩn bị trang in…")):
                    made[wide] = build(wide)
            return made[wide]

        def paint(target) -> None:
            wide = target.pageLayout().orientation() == QPageLayout.Orientation.Landscape
            try:
                print_pages(target, pages_for(wide))
            except Exception as error:
                log.exception("printing failed")
                self.show_error(self.tr("Không in được"), str(error))

        orientation = (
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        if printer is not None:
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setPageOrientation(orientation)
            paint(printer)
            return True
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        printer.setDocName(title)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setObjectName("print_preview")
        dialog.setWindowTitle(self.tr("Xem trước khi in — {title}").format(title=title))
        dialog.paintRequested.connect(paint)
        screen = self.window.screen().availableGeometry() if self.window.screen() else None
        if screen is not None:
            dialog.resize(min(1100, screen.width() - 40), screen.height() - 60)
        add_close_button(dialog)
        return run_dialog(dialog)

    # --- small helpers ----------------------------------------------------------------------------

    def default_folder(self) -> Path:
        """Where the save dialog starts (the settings' one rule for every file dialog)."""
        return self.window.settings.dialog_folder()

    def ask_save_path(self, title: str, suggested: str, filters: dict[str, str]) -> Path | None:
        """A save dialog with a Vietnamese file name suggested; the suffix of the chosen
        type is added when the name has none."""
        from .chart_view import safe_file_name  # not at start-up (see the module's doc)

        name, chosen = QFileDialog.getSaveFileName(
            self.window,
            title,
            str(self.default_folder() / safe_file_name(suggested)),
            ";;".join(filters),
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_name(path.name + filters.get(chosen, next(iter(filters.values()))))
        self.window.settings.remember_folder(path)
        return path

    @contextmanager
    def busy(self, text: str) -> Iterator[None]:
        """A wait cursor and a word in the status bar while long work runs; the word goes
        when the work ends (unless something else was said meanwhile)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.window.show_message(text)
        QApplication.processEvents()
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            if self.window.status_text() == text:
                self.window.show_message("")

    def show_write_error(self, title: str, path: Path, error: Exception) -> None:
        if isinstance(error, PermissionError):
            text = self.tr(
                "Không ghi được tệp «{name}»: tệp đang mở trong chương trình khác (Excel, "
                "trình đọc PDF…) hoặc thư mục «{folder}» không cho phép ghi.\n\n"
                "Hãy đóng tệp đó, hoặc chọn tên hay thư mục khác."
            ).format(name=path.name, folder=path.parent)
        elif isinstance(error, FileNotFoundError):
            text = self.tr(
                "Không tìm thấy thư mục «{folder}» (ổ USB đã rút ra?). Hãy chọn nơi khác."
            ).format(folder=path.parent)
        elif isinstance(error, OSError) and error.errno in OS_REASONS:
            text = self.tr("Không ghi được tệp «{name}»: {reason}. Hãy chọn nơi khác.").format(
                name=path.name, reason=self.tr(OS_REASONS[error.errno])
            )
        elif isinstance(error, OSError):  # the store's words, never the system's English
            from ..store.errors import from_os_error  # loaded by now: a report was made

            text = str(from_os_error(error, path.name))
        elif isinstance(error, ValueError):
            text = str(error)  # the charts and reports refuse in Vietnamese
        else:
            log.exception("report failed", exc_info=error)  # a fault of the program: logged
            text = self.tr(
                "Có lỗi khi tạo tệp «{name}»; chưa có gì được ghi. Hãy thử lại; nếu vẫn lỗi, "
                "hãy gửi tệp nhật ký lỗi của ứng dụng cho người hỗ trợ."
            ).format(name=path.name)
        self.window.show_refusal(title + ": " + text.split("\n")[0])
        self.show_error(title, text)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def show_info(self, text: str) -> None:
        QMessageBox.information(self.window, self.tr("Báo cáo"), text)


def add_close_button(preview: QDialog) -> None:
    """Qt's print preview has no button to close it, only Esc and the title bar's ✕, which
    a clerk may not find: a «Đóng» first in its tool bar, where a narrow screen cannot push
    it into the bar's overflow menu."""
    bar = preview.findChild(QToolBar)
    if bar is None:
        return
    first = bar.actions()[0] if bar.actions() else None
    close = QAction(QCoreApplication.translate("ReportActions", "Đóng"), bar)
    close.setObjectName("close_preview")
    close.triggered.connect(preview.reject)
    # Qt takes None for «at the end»; PySide6's stubs do not say so
    bar.insertAction(first, close)  # type: ignore[arg-type]
    bar.insertSeparator(first)  # type: ignore[arg-type]
