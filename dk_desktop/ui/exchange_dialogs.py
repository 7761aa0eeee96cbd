"""Tệp → Gửi số liệu… / Gửi cấu hình cho các bản… / Nhận số liệu, cấu hình… / Xử lý
xung đột…: the window side of the packages that travel between laptops on a USB stick.

The engine (dk_desktop.exchange.package) verifies, previews and applies; this module only
asks, shows and confirms. Nothing is written before the person has seen the preview and
said yes; a refused file shows the engine's Vietnamese reason and changes nothing.
The menu actions that open these dialogs are in ``exchange_menu`` (made with the window,
before the store is imported).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Indicator, Section
from ..core.names import name_key
from ..exchange.package import (
    CONFIG,
    SUFFIX,
    Change,
    Conflict,
    Package,
    PackageRefused,
    Preview,
    data_package_entries,
    export_config_package,
    export_data_package,
    open_conflicts,
    preview_package,
    read_package,
    receive_package,
    resolve_conflict,
)
from ..store.errors import StoreError, from_os_error, from_sqlite_error
from ..store.repository import ResultInput, Store
from .backup_dialog import confirm, inform, reopen_database
from .display import date_time_text, history_value_text, stored_value_text, value_text
from .session import Change as SessionChange
from .settings import ROLE_VILLAGE
from .village_scope import left_behind_sentence
from .widgets import RefusalBanner, run_dialog

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

PACKAGE_FILTER = QT_TRANSLATE_NOOP("exchange", "Gói số liệu, gói cấu hình (*.dkgoi);;Mọi tệp (*)")
NOT_ALLOWED_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
CONFLICT_STYLE = "QPushButton { color: #7a0c0c; font-weight: bold; border: none; padding: 0 6px; }"

# the kinds of row in a package's preview: keys here, translated where they are shown
KIND_NEW, KIND_CHANGED, KIND_CONFLICT, KIND_UNCHANGED = (
    QT_TRANSLATE_NOOP("exchange", "Mới"),
    QT_TRANSLATE_NOOP("exchange", "Thay đổi"),
    QT_TRANSLATE_NOOP("exchange", "Xung đột"),
    QT_TRANSLATE_NOOP("exchange", "Không đổi"),
)
KIND_COLOURS = {
    KIND_NEW: "#e3f1e3",
    KIND_CHANGED: "#fff4d6",
    KIND_CONFLICT: "#fde2e0",
    KIND_UNCHANGED: "#ffffff",
}


def file_name(text: str) -> str:
    """A name Windows accepts, Vietnamese letters kept."""
    return " ".join(NOT_ALLOWED_IN_NAMES.sub("-", text).split())


def entry_text(figure: Indicator, entry: ResultInput, empty: str | None = None) -> str:
    """A value as the clerk reads it: "1.041 hộ", "21/310", "(ghi chú) …"."""
    if entry.numerator is not None and entry.denominator is not None:
        return f"{value_text(figure, entry.numerator)}/{value_text(figure, entry.denominator)}"
    if entry.value is not None:
        unit = f" {figure.unit}" if figure.unit else ""
        return value_text(figure, entry.value) + unit
    if entry.note:
        return QCoreApplication.translate("exchange", "(ghi chú) {note}").format(note=entry.note)
    return QCoreApplication.translate("exchange", "(trống)") if empty is None else empty


def who_when(who: str, when: str) -> str:
    parts = [p for p in (who, date_time_text(when)) if p]
    if parts:
        return " · ".join(parts)
    return QCoreApplication.translate("exchange", "(không rõ người nhập)")


def _folder(window: MainWindow) -> Path:
    return window.settings.dialog_folder()  # Documents or the last folder used


def _remember_folder(window: MainWindow, path: Path) -> None:
    window.settings.remember_folder(path)


def _next_seq(store: Store) -> int:
    return int(store.meta().get("package_seq", "0") or 0) + 1


def _readonly_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    return table


# --- sending -----------------------------------------------------------------------------------


class SendDialog(QDialog):
    """Choose what to send and where; see what the file will contain; then write it."""

    def __init__(self, window: MainWindow, kind: str):
        super().__init__(window)
        self.window_ = window
        self.kind = kind
        self.store: Store = window.session.store  # type: ignore[union-attr]
        self.written: Path | None = None
        self.manifest: dict[str, Any] | None = None
        self.figures = {f.code: f for f in self.store.figures(include_retired=True)}
        self.setObjectName("send_dialog")
        data = kind != CONFIG
        self.setWindowTitle(
            self.tr("Gửi số liệu của bản") if data else self.tr("Gửi cấu hình cho các bản")
        )
        self.resize(960, 560 if data else 300)

        intro = QLabel(
            self.tr(
                "Tạo một tệp gói số liệu để chép vào USB (hoặc gửi qua Zalo) cho văn phòng xã. "
                "Gói mang mọi số liệu của bản đã nhập trên máy này, kể cả số liệu đã gửi lần "
                "trước, nên một gói bị thất lạc cũng không làm mất số liệu."
            )
            if data
            else self.tr(
                "Tạo gói cấu hình để chép sang máy của các bản: danh mục chỉ tiêu, danh sách "
                "địa bàn và số liệu hiện có của xã. Khi nhận gói này, máy bản vẫn giữ các số "
                "liệu bản đã nhập mà chưa gửi."
            )
        )
        intro.setWordWrap(True)

        form = QFormLayout()
        self.village = QComboBox()
        self.village.setObjectName("send_village")
        if data:
            villages = self.store.villages()
            for village in villages:
                self.village.addItem(village.name, village.id)
            wanted = name_key(window.settings.village)
            if window.settings.role == ROLE_VILLAGE and wanted:
                for number, village in enumerate(villages):
                    if name_key(village.name) == wanted:
                        self.village.setCurrentIndex(number)
            self.village.currentIndexChanged.connect(self._show_contents)
            form.addRow(self.tr("Số liệu của bản:"), self.village)

        self.path = QLineEdit()
        self.path.setObjectName("send_path")
        browse = QPushButton(self.tr("Chọn nơi lưu…"))
        browse.setObjectName("send_browse")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        where = QFormLayout()
        where.addRow(self.tr("Lưu thành tệp:"), path_row)

        self.summary = QLabel()
        self.summary.setObjectName("send_summary")
        self.summary.setWordWrap(True)
        self.contents = _readonly_table(
            [self.tr("Chỉ tiêu"), self.tr("Năm"), self.tr("Giá trị"), self.tr("Người nhập, lúc")]
        )
        self.contents.setObjectName("send_contents")
        header = self.contents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.contents.setVisible(data)

        self.banner = RefusalBanner()
        self.banner.setObjectName("send_banner")
        self.create_button = QPushButton(self.tr("Tạo gói"))
        self.create_button.setObjectName("send_create")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.accept)
        cancel = QPushButton(self.tr("Hủy"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.contents, 1)
        if not data:
            layout.addStretch(1)
        layout.addLayout(where)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self._show_contents()

    # --- what goes into the file ------------------------------------------------------------

    def suggested_name(self) -> str:
        seq = _next_seq(self.store)
        if self.kind == CONFIG:
            name = self.tr("Gói cấu hình xã {commune} số {seq}").format(
                commune=self.store.commune_name(), seq=seq
            )
        else:
            name = self.tr("Gói số liệu {village} số {seq}").format(
                village=self.village.currentText(), seq=seq
            )
        return file_name(name) + SUFFIX

    def _show_contents(self) -> None:
        folder = Path(self.path.text()).parent if self.path.text() else _folder(self.window_)
        self.path.setText(str(folder / self.suggested_name()))
        if self.kind == CONFIG:
            self._show_config()
        else:
            self._show_data()

    def _show_data(self) -> None:
        village_id = self.village.currentData()
        if village_id is None:
            self.summary.setText(
                self.tr(
                    "Chưa có bản nào trong danh sách địa bàn. Hãy nhận gói cấu hình của xã "
                    "trước (Tệp → Nhận số liệu / cấu hình…)."
                )
            )
            self.contents.setRowCount(0)
            self.create_button.setEnabled(False)
            return
        # The engine's own selection, so the list is exactly what the file will carry.
        results, cleared = data_package_entries(self.store, village_id)
        rows = [(r, False) for r in results] + [(r, True) for r in cleared]
        self.contents.setRowCount(len(rows))
        for number, (row, is_cleared) in enumerate(rows):
            figure = self.figures.get(row["figure"])
            title = f"{row['figure']} {figure.name}" if figure else row["figure"]
            if is_cleared:
                value = self.tr("(đã xóa)")
            elif row.get("numerator") is not None:
                value = (
                    f"{history_value_text(row['numerator'], 'value')}/"
                    f"{history_value_text(row['denominator'], 'value')}"
                )
            elif row.get("value") is not None:
                unit = f" {figure.unit}" if figure is not None and figure.unit else ""
                value = stored_value_text(figure, row["value"]) + unit  # «Đạt», not 1
            else:
                value = self.tr("(ghi chú) {note}").format(note=row.get("note") or "")
            cells = (title, str(row["year"]), value, who_when(row["entered_by"], row["entered_at"]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # whole, if the column is narrow (larger text)
                self.contents.setItem(number, column, item)
        years = sorted({row["year"] for row, _ in rows})
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""
        if rows:
            text = self.tr(
                "Gói sẽ gồm {count} số liệu của {village} (năm {span}) nhập trên máy này"
            ).format(count=len(results), village=self.village.currentText(), span=span)
            if cleared:
                text += self.tr(", {count} số liệu đã xóa").format(count=len(cleared))
            text += self.tr(", và lịch sử sửa đổi của chúng.")
        else:
            text = self.tr(
                "Máy này chưa nhập số liệu nào của {village}, nên chưa có gì để gửi."
            ).format(village=self.village.currentText())
        # what was typed on this laptop for other places and stays behind (ui.village_scope)
        behind = left_behind_sentence(self.store, village_id)
        self.summary.setText(f"{text}\n{behind}" if behind else text)
        self.create_button.setEnabled(bool(rows))

    def _show_config(self) -> None:
        store = self.store
        targets = len(store.items(Section.TARGET))
        figures = len(store.figures())
        villages = [v.name for v in store.villages()]
        results = len(store.results())
        self.summary.setText(
            self.tr(
                "Gói cấu hình của xã {commune} sẽ gồm: danh mục {targets} chỉ tiêu "
                "({figures} chỉ số), {villages} bản ({names}), và {results} số liệu hiện có "
                "của xã và các bản."
            ).format(
                commune=store.commune_name(),
                targets=targets,
                figures=figures,
                villages=len(villages),
                names=", ".join(villages) or self.tr("chưa có bản nào"),
                results=results,
            )
        )

    # --- writing ----------------------------------------------------------------------------

    def browse(self) -> None:
        current = Path(self.path.text()) if self.path.text() else _folder(self.window_)
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Lưu gói vào"),
            str(current),
            QCoreApplication.translate("exchange", PACKAGE_FILTER),
        )
        if name:
            self.path.setText(name)

    def accept(self) -> None:
        self.banner.clear_message()
        text = self.path.text().strip()
        if not text:
            self.banner.show_message(self.tr("Cần chọn nơi lưu tệp gói."))
            return
        path = Path(text)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        if not path.parent.is_dir():
            self.banner.show_message(
                self.tr("Không có thư mục «{folder}». Hãy chọn nơi lưu khác (ví dụ ổ USB).").format(
                    folder=path.parent
                )
            )
            return
        if path.exists():
            self.banner.show_message(
                self.tr(
                    "Đã có tệp «{name}» ở đó. Ứng dụng không ghi đè; hãy chọn tên khác."
                ).format(name=path.name)
            )
            return
        try:
            if self.kind == CONFIG:
                self.manifest = export_config_package(self.store, path)
            else:
                self.manifest = export_data_package(self.store, self.village.currentText(), path)
        except (StoreError, OSError, sqlite3.Error) as error:
            self.banner.show_message(
                self.tr("Không tạo được gói: {error}").format(error=failure_text(error, self.store))
            )
            return
        self.written = path
        _remember_folder(self.window_, path)
        super().accept()


def contents_sentence(package: Package) -> str:
    content = package.content
    results = len(content.get("results", []))
    cleared = len(content.get("tombstones", []))
    if package.kind == CONFIG:
        villages = sum(1 for p in content.get("places", []) if p.get("kind") == "village")
        return QCoreApplication.translate(
            "exchange", "Gói gồm danh mục {targets} chỉ tiêu, {villages} bản và {results} số liệu."
        ).format(targets=len(content.get("targets", [])), villages=villages, results=results)
    history = len(content.get("history", []))
    if cleared:
        return QCoreApplication.translate(
            "exchange",
            "Gói gồm {results} số liệu, {cleared} số liệu đã xóa "
            "và {history} dòng lịch sử sửa đổi.",
        ).format(results=results, cleared=cleared, history=history)
    return QCoreApplication.translate(
        "exchange", "Gói gồm {results} số liệu và {history} dòng lịch sử sửa đổi."
    ).format(results=results, history=history)


def send(window: MainWindow, kind: str) -> Path | None:
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("exchange", "Gửi gói"),
            QCoreApplication.translate("exchange", "Chưa mở tệp dữ liệu nào."),
        )
        return None
    dialog = SendDialog(window, kind)
    if not run_dialog(dialog) or dialog.written is None:
        return None
    path = dialog.written
    try:
        package = read_package(path)  # read back from the disk (the USB stick) to be sure
    except PackageRefused as error:
        window.show_error(QCoreApplication.translate("exchange", "Gói vừa tạo bị lỗi"), str(error))
        return None
    where = (
        QCoreApplication.translate(
            "exchange", "Hãy chép tệp này sang máy của văn phòng xã (USB hoặc Zalo)."
        )
        if kind != CONFIG
        else QCoreApplication.translate("exchange", "Hãy chép tệp này sang máy của từng bản.")
    )
    made = QCoreApplication.translate("exchange", "Đã tạo {package}:").format(package=package.label)
    inform(
        window,
        QCoreApplication.translate("exchange", "Đã tạo gói"),
        f"{made}\n{path}\n\n{contents_sentence(package)}\n\n{where}",
    )
    window.show_message(
        QCoreApplication.translate("exchange", "Đã tạo «{name}»").format(name=path.name)
    )
    return path


# --- receiving ---------------------------------------------------------------------------------


def counts_sentence(preview: Preview) -> str:
    """What receiving would do, in one sentence (the package is named just above)."""
    if preview.already_received:
        return QCoreApplication.translate(
            "exchange", "Gói này đã được nhận trước đây; nhận lại không thay đổi gì."
        )
    if preview.package.kind == CONFIG:
        # the engine sorts a configuration's figures only while applying it
        results = len(preview.package.content.get("results", []))
        return QCoreApplication.translate(
            "exchange",
            "Danh mục: {changes} thay đổi; {places} địa bàn mới; "
            "{results} số liệu của xã và các bản.",
        ).format(changes=preview.catalogue_changes, places=len(preview.new_places), results=results)
    return QCoreApplication.translate(
        "exchange",
        "{new} số liệu mới, {changed} thay đổi, {unchanged} không đổi, "
        "{conflicts} xung đột cần chọn.",
    ).format(
        new=len(preview.new),
        changed=len(preview.changed),
        unchanged=len(preview.unchanged),
        conflicts=len(preview.conflicts),
    )


@dataclass
class PreviewRow:
    kind: str
    change: Change
    here: str
    here_by: str


class ReceiveDialog(QDialog):
    """What the package would change, before anything is written."""

    def __init__(self, window: MainWindow, preview: Preview):
        super().__init__(window)
        self.preview = preview
        store: Store = window.session.store  # type: ignore[union-attr]
        self.setObjectName("receive_dialog")
        self.setWindowTitle(self.tr("Nhận gói: xem trước"))
        self.resize(1060, 600)
        package = preview.package
        manifest = package.manifest

        label = package.label
        heading = QLabel(
            self.tr("<b>{label}</b><br>Tạo lúc {when} (theo đồng hồ máy gửi).").format(
                label=label[:1].upper() + label[1:],
                when=date_time_text(manifest.get("created_at")),
            )
        )
        heading.setObjectName("receive_heading")
        heading.setWordWrap(True)
        summary = QLabel(counts_sentence(preview))
        summary.setObjectName("receive_summary")
        summary.setWordWrap(True)
        font = QFont(summary.font())
        font.setBold(True)
        summary.setFont(font)

        notes = []
        if preview.conflicts:
            notes.append(
                self.tr(
                    "{count} xung đột: số liệu ở máy này đã được sửa sau lần nhận trước và khác "
                    "với số trong gói. Ứng dụng không ghi đè: giữ cả hai giá trị để bạn chọn "
                    "(Tệp → Xử lý xung đột…)."
                ).format(count=len(preview.conflicts))
            )
        if package.kind == CONFIG:
            if preview.new_places:
                notes.append(
                    self.tr("Địa bàn mới: {names}.").format(names=", ".join(preview.new_places))
                )
            notes.append(
                self.tr(
                    "Số liệu của xã được cập nhật theo gói; các số liệu máy này đã nhập mà chưa "
                    "gửi cho xã được giữ nguyên."
                )
            )
        if preview.already_received:
            notes = []
        self.notes = QLabel("\n".join(notes))
        self.notes.setObjectName("receive_notes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))

        self.rows = self._rows(store, preview)
        self.table = _readonly_table(
            [
                self.tr("Loại"),
                self.tr("Chỉ tiêu"),
                self.tr("Địa bàn"),
                self.tr("Năm"),
                self.tr("Đang có ở máy này"),
                self.tr("Trong gói"),
            ]
        )
        self.table.setObjectName("receive_table")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        unchanged = len(preview.unchanged)
        self.show_unchanged = QCheckBox(
            self.tr("Hiện cả {count} số liệu không đổi").format(count=unchanged)
        )
        self.show_unchanged.setObjectName("receive_show_unchanged")
        self.show_unchanged.setVisible(unchanged > 0)
        self.show_unchanged.toggled.connect(self._fill)

        self.receive_button = QPushButton(self.tr("Nhận gói"))
        self.receive_button.setObjectName("receive_confirm")
        self.receive_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(
            self.tr("Đóng") if preview.already_received else self.tr("Hủy, không nhận")
        )
        self.cancel_button.setObjectName("receive_cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.receive_button.setVisible(not preview.already_received)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_unchanged)
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.notes)
        has_table = bool(self.rows) and not preview.already_received
        if has_table:
            layout.addWidget(self.table, 1)
        else:  # nothing to list (a configuration, a package received before): a short box
            self.table.hide()
            layout.addStretch(1)
            self.resize(760, 220)
        layout.addLayout(buttons)
        self._fill()

    @staticmethod
    def _rows(store: Store, preview: Preview) -> list[PreviewRow]:
        places = {p.name: p for p in store.places()}
        figures = {f.code: f for f in store.figures(include_retired=True)}
        rows = []
        for kind, changes in (
            (KIND_CONFLICT, preview.conflicts),
            (KIND_NEW, preview.new),
            (KIND_CHANGED, preview.changed),
            (KIND_UNCHANGED, preview.unchanged),
        ):
            for change in changes:
                figure, place = figures.get(change.figure_code), places.get(change.place_name)
                current = None
                if figure is not None and place is not None:
                    current = store.result(figure.id, place.id, change.year)
                here_by = who_when(current.entered_by, current.entered_at) if current else ""
                here = change.old or QCoreApplication.translate("exchange", "(trống)")
                rows.append(PreviewRow(kind, change, here, here_by))
        return rows

    def visible_rows(self) -> list[PreviewRow]:
        return [
            row
            for row in self.rows
            if row.kind != KIND_UNCHANGED or self.show_unchanged.isChecked()
        ]

    def _fill(self) -> None:
        rows = self.visible_rows()
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            change = row.change
            here = row.here + (f"\n{row.here_by}" if row.here_by else "")
            incoming = (change.new or self.tr("(xóa)")) + f"\n{who_when(change.who, change.when)}"
            cells = (
                QCoreApplication.translate("exchange", row.kind),
                f"{change.figure_code} {change.figure_name}",
                change.place_name,
                str(change.year),
                here,
                incoming,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setBackground(QColor(KIND_COLOURS[row.kind]))
                if column == 0 and row.kind == KIND_CONFLICT:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()


def failure_text(error: Exception, store: Store) -> str:
    """Why a package could not be made or received, in Vietnamese: the engine's own
    message, or the store's words for what the disk or the database did (the one place
    that words them; never the system's English text)."""
    database = store.path.name if store.path is not None else ""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        return str(from_os_error(error, Path(error.filename or database).name))
    if isinstance(error, sqlite3.Error):
        known = from_sqlite_error(error, database)
        if known is not None:
            return str(known)
    log.error("package failed: %r", error)  # a fault of the program: kept in the log
    return QCoreApplication.translate(
        "exchange",
        "Không ghi được tệp dữ liệu «{name}» lúc này; chưa có gì thay đổi. Hãy đóng các "
        "chương trình khác đang mở tệp rồi thử lại.",
    ).format(name=database)


def office_refuses_configuration(package: Package) -> str:
    manifest = package.manifest
    return QCoreApplication.translate(
        "exchange",
        "Máy này được thiết lập là máy của văn phòng xã: văn phòng xã tạo gói cấu hình cho "
        "các bản, không nhận gói cấu hình (gói này: xã {commune}, người gửi: {sender}). Nếu "
        "đây là máy của một bản, hãy chọn vai trò «Bí thư chi bộ» trong phần thiết lập.",
    ).format(commune=manifest["commune_name"], sender=manifest["sender"])


def confirm_binding(window: MainWindow, package: Package) -> bool:
    """The first configuration package binds this laptop to its commune's office: from then
    on it takes configuration only from that commune. Asked once, naming who sent it."""
    manifest = package.manifest
    return confirm(
        window,
        QCoreApplication.translate("exchange", "Nhận cấu hình lần đầu"),
        QCoreApplication.translate(
            "exchange",
            "Đây là gói cấu hình đầu tiên máy này nhận: của xã {commune}, người gửi: "
            "{sender}.\n\nSau khi nhận, máy này chỉ nhận gói cấu hình của văn phòng xã "
            "{commune}; danh mục chỉ tiêu và danh sách địa bàn theo gói này.\n\n"
            "Đúng là xã của bạn và người gửi bạn tin cậy?",
        ).format(commune=manifest["commune_name"], sender=manifest["sender"]),
        QCoreApplication.translate("exchange", "Đúng, nhận cấu hình"),
        QCoreApplication.translate("exchange", "Không nhận"),
    )


def ask_package_path(window: MainWindow) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("exchange", "Nhận gói số liệu / cấu hình"),
        str(_folder(window)),
        QCoreApplication.translate("exchange", PACKAGE_FILTER),
    )
    return Path(name) if name else None


def receive(window: MainWindow, path: Path | None = None) -> Preview | None:
    """Open a package, show the preview, write only after the person confirms."""
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("exchange", "Nhận gói"),
            QCoreApplication.translate("exchange", "Chưa mở tệp dữ liệu nào."),
        )
        return None
    from .main_window import RECEIVING  # the window module is loaded: it called us

    # the package reloads every view: what is typed and not in the file is asked about first
    if not window.confirm_pending(RECEIVING):
        return None
    path = path or ask_package_path(window)
    if path is None:
        return None
    _remember_folder(window, path)
    store = window.session.store
    refused = QCoreApplication.translate(
        "exchange", "Không nhận «{name}»; không có gì thay đổi."
    ).format(name=path.name)
    try:
        package = read_package(path)
        preview = preview_package(store, package)
        if preview.binds and window.settings.role != ROLE_VILLAGE:
            raise PackageRefused(office_refuses_configuration(package))
    except (StoreError, OSError, sqlite3.Error) as error:  # what the command line catches
        window.show_error(
            QCoreApplication.translate("exchange", "Không nhận gói này"),
            f"{failure_text(error, store)}\n\n"
            + QCoreApplication.translate("exchange", "Tệp dữ liệu không thay đổi gì."),
        )
        window.show_refusal(refused)
        return None
    dialog = ReceiveDialog(window, preview)
    if not run_dialog(dialog) or preview.already_received:
        window.show_message(refused)
        return None
    if preview.binds and not confirm_binding(window, package):
        window.show_message(refused)
        return None
    try:
        if read_package(path).sha256 != package.sha256:
            raise PackageRefused(
                QCoreApplication.translate(
                    "exchange",
                    "Tệp «{name}» đã thay đổi sau khi xem trước; hãy mở lại tệp để xem trước.",
                ).format(name=path.name)
            )
        received = receive_package(store, path)
    except (StoreError, OSError, sqlite3.Error) as error:
        window.show_error(
            QCoreApplication.translate("exchange", "Không nhận được gói"),
            f"{failure_text(error, store)}\n\n"
            + QCoreApplication.translate("exchange", "Tệp dữ liệu vẫn như trước khi nhận gói."),
        )
        return None
    if not reopen_database(window):
        return received  # received and in the file; the window said how to open it again
    window.show_message(
        QCoreApplication.translate("exchange", "Đã nhận {summary}").format(
            summary=received.summary()
        )
    )
    if received.conflicts and confirm(
        window,
        QCoreApplication.translate("exchange", "Có xung đột cần chọn"),
        QCoreApplication.translate(
            "exchange",
            "Gói có {count} số liệu khác với số đang có ở máy này. "
            "Cả hai giá trị được giữ lại. Chọn giá trị đúng ngay bây giờ?",
        ).format(count=len(received.conflicts)),
        QCoreApplication.translate("exchange", "Xử lý ngay"),
        QCoreApplication.translate("exchange", "Để sau"),
    ):
        show_conflicts(window)
    return received


# --- conflicts -----------------------------------------------------------------------------------


class ConflictDialog(QDialog):
    """Each open conflict with both values side by side; the person chooses per conflict."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("Xử lý xung đột số liệu"))
        self.resize(900, 560)
        intro = QLabel(
            self.tr(
                "Mỗi mục dưới đây là một số liệu mà máy này và bản gửi gói cùng sửa, với hai "
                "giá trị khác nhau. Ứng dụng giữ cả hai cho đến khi bạn chọn giá trị đúng. "
                "Ngày giờ lấy theo đồng hồ của từng máy, có thể không chính xác."
            )
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("Không còn xung đột nào cần chọn."))
        self.empty.setObjectName("conflict_empty")
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        self.banner = RefusalBanner()
        self.banner.setObjectName("conflict_banner")
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.conflicts: list[Conflict] = []
        self.reload()

    def reload(self) -> None:
        """Build one card per open conflict. A card stays after its choice (showing what
        was chosen) until the dialog closes: removing it inside its own button's click
        crashed PySide6 on the deferred delete."""
        session = self.window_.session
        self.conflicts = open_conflicts(session.store) if session is not None else []
        for conflict in self.conflicts:
            self.cards_layout.addWidget(self._card(session.store, conflict))  # type: ignore[union-attr]
        self.cards_layout.addStretch(1)
        self._show_empty()

    def _show_empty(self) -> None:
        self.empty.setVisible(not self.conflicts)

    def _card(self, store: Store, conflict: Conflict) -> QFrame:
        figure = store.figure(conflict.figure_id)
        place = store.place(conflict.place_id)
        card = QFrame()
        card.setObjectName(f"conflict_{conflict.id}")
        decided = QLabel()
        decided.setObjectName(f"decided_{conflict.id}")
        decided.setWordWrap(True)
        decided.hide()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        title = QLabel(
            self.tr("<b>{code} {figure}</b> — {place}, năm {year}").format(
                code=figure.code, figure=figure.name, place=place.name, year=conflict.year
            )
        )
        title.setWordWrap(True)
        grid.addWidget(title, 0, 0, 1, 2)
        sides = (
            (
                self.tr("Đang có ở máy này"),
                entry_text(figure, conflict.current),
                who_when(conflict.current_by, conflict.current_at),
                self.tr("Giữ giá trị hiện có"),
                f"keep_{conflict.id}",
                False,
            ),
            (
                self.tr("Trong gói của {place}").format(place=place.name),
                entry_text(figure, conflict.incoming, self.tr("(xóa)")),
                who_when(conflict.incoming_by, conflict.incoming_at),
                self.tr("Lấy giá trị trong gói"),
                f"take_{conflict.id}",
                True,
            ),
        )
        for column, (heading, value, by, button_text, name, take) in enumerate(sides):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.Box)
            inner = QVBoxLayout(box)
            inner.addWidget(QLabel(heading))
            shown = QLabel(value)
            shown.setObjectName(f"{name}_value")
            big = QFont(shown.font())
            big.setBold(True)
            big.setPointSizeF(big.pointSizeF() * 1.3)
            shown.setFont(big)
            shown.setWordWrap(True)
            inner.addWidget(shown)
            person = QLabel(by)
            person.setWordWrap(True)
            inner.addWidget(person)
            button = QPushButton(button_text)
            button.setObjectName(name)
            button.clicked.connect(
                lambda _=False, c=conflict, t=take: self.choose(c, take_incoming=t)
            )
            inner.addWidget(button)
            grid.addWidget(box, 1, column)
        grid.addWidget(decided, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return card

    def choose(self, conflict: Conflict, *, take_incoming: bool) -> bool:
        session = self.window_.session
        if session is None:
            return False
        self.banner.clear_message()
        try:
            resolve_conflict(session.store, conflict.id, take_incoming)
        except (StoreError, sqlite3.Error) as error:
            self.banner.show_message(str(error))
            return False
        figure = session.store.figure(conflict.figure_id)
        text = (
            self.tr("Đã lấy giá trị trong gói cho «{figure}», năm {year}")
            if take_incoming
            else self.tr("Đã giữ giá trị hiện có cho «{figure}», năm {year}")
        ).format(figure=figure.name, year=conflict.year)
        session.announce(
            SessionChange("all", figure_id=figure.id, place_id=conflict.place_id), text
        )
        for name in (f"keep_{conflict.id}", f"take_{conflict.id}"):
            button = self.findChild(QPushButton, name)
            if button is not None:
                button.setEnabled(False)
        decided = self.findChild(QLabel, f"decided_{conflict.id}")
        if decided is not None:
            decided.setText(f"✔ {text}.")
            decided.show()
        self.conflicts = [c for c in self.conflicts if c.id != conflict.id]
        self._show_empty()
        return True


def show_conflicts(window: MainWindow) -> None:
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("exchange", "Xử lý xung đột"),
            QCoreApplication.translate("exchange", "Chưa mở tệp dữ liệu nào."),
        )
        return
    run_dialog(ConflictDialog(window))
