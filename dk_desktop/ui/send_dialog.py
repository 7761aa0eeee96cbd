"""Tệp → Gửi số liệu… / Gửi cấu hình cho các bản…: choose what to send and where, see
what the file will contain, then write the package (through ui.operations) and read it
back from the disk (the USB stick) to be sure.

The engine (dk_desktop.exchange.package) makes the file; this module only asks and shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.model import Section
from ..core.names import file_name, find_named
from ..exchange.package import (
    CONFIG,
    SUFFIX,
    Package,
    PackageRefused,
    data_package_entries,
    export_config_package,
    export_data_package,
    read_package,
)
from ..store.repository import Store
from .display import history_value_text, stored_value_text
from .host import WindowHost
from .messages import inform
from .operations import run_write
from .package_texts import PACKAGE_FILTER, who_when
from .settings import ROLE_VILLAGE
from .village_scope import left_behind_sentence
from .widgets import RefusalBanner, readonly_table, run_dialog


def _next_seq(store: Store) -> int:
    return int(store.meta().get("package_seq", "0") or 0) + 1


class SendDialog(QDialog):
    """Choose what to send and where; see what the file will contain; then write it."""

    def __init__(self, host: WindowHost, kind: str):
        super().__init__(host.window())
        self.host = host
        self.kind = kind
        assert host.session is not None  # send() opens this only with a file open
        self.store: Store = host.session.store
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
            own = find_named(villages, host.settings.village)
            if host.settings.role == ROLE_VILLAGE and own is not None:
                self.village.setCurrentIndex(villages.index(own))
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
        self.contents = readonly_table(
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
        folder = (
            Path(self.path.text()).parent
            if self.path.text()
            else self.host.settings.dialog_folder()
        )
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
        current = Path(self.path.text()) if self.path.text() else self.host.settings.dialog_folder()
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
        village = self.village.currentText()
        made = run_write(
            self.host,
            lambda store: (
                export_config_package(store, path)
                if self.kind == CONFIG
                else export_data_package(store, village, path)
            ),
            refused=lambda reason: self.banner.show_message(
                self.tr("Không tạo được gói: {error}").format(error=reason)
            ),
        )
        if not made.done:
            return
        self.manifest = made.value
        self.written = path
        self.host.settings.remember_folder(path)
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


def send(window: WindowHost, kind: str) -> Path | None:
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
        window.window(),
        QCoreApplication.translate("exchange", "Đã tạo gói"),
        f"{made}\n{path}\n\n{contents_sentence(package)}\n\n{where}",
    )
    window.show_message(
        QCoreApplication.translate("exchange", "Đã tạo «{name}»").format(name=path.name)
    )
    return path
