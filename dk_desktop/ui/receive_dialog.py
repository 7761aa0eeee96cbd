"""Tệp → Nhận số liệu / cấu hình…: open a package that arrived on a USB stick, show what
it would change, and receive it only after the person has seen the preview and said yes.

The engine (dk_desktop.exchange.package) verifies, previews and applies; this module only
asks, shows and confirms. A refused file shows the engine's Vietnamese reason and changes
nothing. Receiving is a write through ui.operations: the file is opened again after it, so
every view shows what arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..exchange.package import (
    CONFIG,
    Change,
    Package,
    PackageRefused,
    Preview,
    preview_package,
    read_package,
    receive_package,
)
from ..store.repository import Store
from .conflict_dialog import show_conflicts
from .display import date_time_text
from .host import RECEIVING, WindowHost
from .messages import confirm
from .operations import FAILURES, REOPEN, failure_text, run_write
from .package_texts import PACKAGE_FILTER, who_when
from .settings import ROLE_VILLAGE
from .texts import QT_TRANSLATE_NOOP
from .widgets import readonly_table, run_dialog

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


def counts_sentence(preview: Preview) -> str:
    """What receiving would do, in one sentence (the package is named just above)."""
    if preview.already_received:
        return QCoreApplication.translate(
            "exchange", "Gói này đã được nhận trước đây; nhận lại không thay đổi gì."
        )
    package = preview.package
    if package is not None and package.kind == CONFIG:
        # the engine sorts a configuration's figures only while applying it
        results = len(package.content.get("results", []))
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

    def __init__(self, host: WindowHost, preview: Preview):
        super().__init__(host.window())
        self.preview = preview
        assert host.session is not None  # receive() opens this only with a file open
        store: Store = host.session.store
        self.setObjectName("receive_dialog")
        self.setWindowTitle(self.tr("Nhận gói: xem trước"))
        self.resize(1060, 600)
        package = preview.package
        assert package is not None  # a package's preview (an Excel sheet's has none)
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
        self.table = readonly_table(
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


def office_refuses_configuration(package: Package) -> str:
    manifest = package.manifest
    return QCoreApplication.translate(
        "exchange",
        "Máy này được thiết lập là máy của văn phòng xã: văn phòng xã tạo gói cấu hình cho "
        "các bản, không nhận gói cấu hình (gói này: xã {commune}, người gửi: {sender}). Nếu "
        "đây là máy của một bản, hãy chọn vai trò «Bí thư chi bộ» trong phần thiết lập.",
    ).format(commune=manifest["commune_name"], sender=manifest["sender"])


def confirm_binding(window: WindowHost, package: Package) -> bool:
    """The first configuration package binds this laptop to its commune's office: from then
    on it takes configuration only from that commune. Asked once, naming who sent it."""
    manifest = package.manifest
    return confirm(
        window.window(),
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


def ask_package_path(window: WindowHost) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        window.window(),
        QCoreApplication.translate("exchange", "Nhận gói số liệu / cấu hình"),
        str(window.settings.dialog_folder()),
        QCoreApplication.translate("exchange", PACKAGE_FILTER),
    )
    return Path(name) if name else None


def receive(window: WindowHost, path: Path | None = None) -> Preview | None:
    """Open a package, show the preview, write only after the person confirms."""
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("exchange", "Nhận gói"),
            QCoreApplication.translate("exchange", "Chưa mở tệp dữ liệu nào."),
        )
        return None
    # the package reloads every view: what is typed and not in the file is asked about first
    if not window.confirm_pending(RECEIVING):
        return None
    path = path or ask_package_path(window)
    if path is None:
        return None
    window.settings.remember_folder(path)
    store = window.session.store
    refused = QCoreApplication.translate(
        "exchange", "Không nhận «{name}»; không có gì thay đổi."
    ).format(name=path.name)
    try:
        package = read_package(path)
        preview = preview_package(store, package)
        if preview.binds and window.settings.role != ROLE_VILLAGE:
            raise PackageRefused(office_refuses_configuration(package))
    except FAILURES as error:  # a bad file, a busy database: said in words
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

    def receive_checked(store: Store) -> Preview:
        if read_package(path).sha256 != package.sha256:
            raise PackageRefused(
                QCoreApplication.translate(
                    "exchange",
                    "Tệp «{name}» đã thay đổi sau khi xem trước; hãy mở lại tệp để xem trước.",
                ).format(name=path.name)
            )
        return receive_package(store, path)

    outcome = run_write(
        window,
        receive_checked,
        refused=lambda reason: window.show_error(
            QCoreApplication.translate("exchange", "Không nhận được gói"),
            f"{reason}\n\n"
            + QCoreApplication.translate("exchange", "Tệp dữ liệu vẫn như trước khi nhận gói."),
        ),
        after=REOPEN,
        done=lambda received: QCoreApplication.translate("exchange", "Đã nhận {summary}").format(
            summary=received.summary()
        ),
    )
    received = outcome.value
    if received is None or not outcome.views_current:
        return received  # refused; or received and in the file, the window said how to open it
    if received.conflicts and confirm(
        window.window(),
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
