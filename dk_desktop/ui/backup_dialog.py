"""Tệp → Sao lưu và khôi phục…: the backups of the open database, by date, with their
figures count; back up now; restore one (the current state is backed up first).

After a restore (or a received package) every view must show the new content: the window
reopens the database through its usual ``open_path``, which also re-checks the file and
applies any schema upgrade a restored older backup may need.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.numbers import format_number
from ..paths import backups_dir
from ..store.backup import Backup, BackupCheck, check_backup, list_backups, restore_backup
from ..store.errors import StoreError
from .widgets import RefusalBanner, run_dialog

if TYPE_CHECKING:
    from .main_window import MainWindow

MANUAL = "thu-cong"
COL_WHEN, COL_REASON, COL_FIGURES, COL_NUMBER = range(4)
HEADERS = (  # translated where they are shown (BackupDialog's self.tr)
    QT_TRANSLATE_NOOP("BackupDialog", "Ngày giờ sao lưu"),
    QT_TRANSLATE_NOOP("BackupDialog", "Lý do"),
    QT_TRANSLATE_NOOP("BackupDialog", "Số liệu trong bản"),
    QT_TRANSLATE_NOOP("BackupDialog", "Số thứ tự"),
)


def backup_when_text(backup: Backup) -> str:
    return backup.taken_at.strftime("%d/%m/%Y %H:%M")


def figures_text(check: BackupCheck) -> str:
    if not check.ok:
        return QCoreApplication.translate("backup", "Hỏng, không dùng được: {problem}").format(
            problem=check.problem
        )
    return QCoreApplication.translate("backup", "{count} số liệu").format(
        count=format_number(check.results)
    )


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """A question with Vietnamese buttons (Qt's own Yes/No are English without a
    translation file); the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    if no is None:
        no = QCoreApplication.translate("backup", "Hủy")
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    run_dialog(box)
    return box.clickedButton() is accept


def inform(
    parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Information
) -> None:  # type: ignore[no-untyped-def]
    """A message with a Vietnamese «Đóng» button (not Qt's untranslated «OK»)."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(QCoreApplication.translate("backup", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    run_dialog(box)


def reopen_database(window: MainWindow) -> bool:
    """Reload every view after the file changed under the session (a restore, a received
    package): close the store, then open the same file as File → Open does."""
    session = window.session
    if session is None or session.store.path is None:
        return False
    path = session.store.path
    session.store.close()  # the lock must be free for the window to open the file again
    if window.open_path(path):
        return True
    text = QCoreApplication.translate(
        "backup",
        "Tệp «{name}» không mở lại được, nên chưa có tệp dữ liệu nào đang mở. Các số liệu "
        "đã được lưu trong tệp: hãy mở lại bằng Tệp → Mở tệp dữ liệu…, hoặc đóng ứng dụng "
        "rồi mở lại.",
    ).format(name=path.name)
    window.close_database(text)  # no view may stay on the closed store
    window.show_error(QCoreApplication.translate("backup", "Không mở lại được tệp dữ liệu"), text)
    return False


class BackupDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Sao lưu và khôi phục"))
        self.resize(860, 460)
        self.backups: list[Backup] = []
        self.checks: list[BackupCheck] = []

        intro = QLabel(
            self.tr(
                "Ứng dụng tự sao lưu tệp dữ liệu mỗi ngày khi mở, và trước mỗi lần nhận gói, "
                "khôi phục, nâng cấp hay sửa danh mục. Chọn một bản rồi nhấn «Khôi phục bản đã "
                "chọn» để đưa dữ liệu về lúc đó; trạng thái hiện tại được sao lưu trước, nên "
                "luôn quay lại được."
            )
        )
        intro.setWordWrap(True)
        self.folder = QLabel()
        self.folder.setObjectName("backup_folder")
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FIGURES, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.banner = RefusalBanner()
        self.banner.setObjectName("backup_banner")
        self.outcome = QLabel()
        self.outcome.setObjectName("backup_done")
        self.outcome.setWordWrap(True)

        self.backup_button = QPushButton(self.tr("Sao lưu ngay"))
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Khôi phục bản đã chọn"))
        self.restore_button.setObjectName("restore_selected")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.folder)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.reload()

    # --- the list ----------------------------------------------------------------------------

    def reload(self) -> None:
        session = self.window_.session
        path = session.store.path if session is not None else None
        self.backups = list_backups(path) if path is not None else []
        self.checks = [check_backup(b.path) for b in self.backups]
        if path is not None:
            self.folder.setText(
                self.tr("Các bản sao lưu nằm trong thư mục: {folder}").format(
                    folder=backups_dir(path)
                )
            )
        self.table.setRowCount(len(self.backups))
        for row, (backup, check) in enumerate(zip(self.backups, self.checks, strict=True)):
            cells = (
                backup_when_text(backup),
                backup.reason_label,
                figures_text(check),
                str(backup.seq),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == COL_NUMBER:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not check.ok:
                    item.setForeground(QColor("#7a0c0c"))
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self.backup_button.setEnabled(path is not None)
        self._update_buttons()

    def selected(self) -> tuple[Backup, BackupCheck] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.backups[row], self.checks[row]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen[1].ok)

    # --- actions -----------------------------------------------------------------------------

    def backup_now(self) -> bool:
        session = self.window_.session
        if session is None:
            return False
        self.banner.clear_message()
        try:
            made = session.store.backup(MANUAL)
        except (StoreError, OSError, sqlite3.Error) as error:
            self.banner.show_message(self.tr("Không sao lưu được: {error}").format(error=error))
            return False
        self.reload()
        text = self.tr("Đã sao lưu vào «{name}».").format(name=made.name if made else "")
        self.outcome.setText(text)
        self.window_.show_message(text)
        return True

    def restore_selected(self) -> bool:
        chosen = self.selected()
        session = self.window_.session
        if chosen is None or session is None or session.store.path is None:
            return False
        backup, check = chosen
        self.banner.clear_message()
        if not check.ok:
            self.banner.show_message(
                self.tr("Bản sao lưu này bị hỏng, không khôi phục được: {problem}").format(
                    problem=check.problem
                )
            )
            return False
        when = backup_when_text(backup)
        question = self.tr(
            "Khôi phục dữ liệu về bản sao lưu lúc {when} ({reason}, {figures})?\n\n"
            "Trạng thái hiện tại của tệp được sao lưu trước (bản «Trước khi khôi phục»), "
            "nên nếu cần vẫn quay lại được. Các số liệu nhập sau lúc {when} sẽ không còn "
            "trong tệp đang dùng."
        ).format(when=when, reason=backup.reason_label, figures=figures_text(check))
        if not confirm(self, self.tr("Khôi phục bản sao lưu"), question, self.tr("Khôi phục")):
            return False
        from .main_window import RESTORING  # loaded: the window opened this dialog

        if not self.window_.confirm_pending(RESTORING):
            return False  # the window shows what is waiting; this dialog stays open
        store = session.store
        try:
            store.check_writable()  # a read-only file: said before anything is done
            before = restore_backup(store.db, store.path, backup.path)
        except (StoreError, OSError, sqlite3.Error) as error:
            self.banner.show_message(self.tr("Không khôi phục được: {error}").format(error=error))
            return False
        if not reopen_database(self.window_):
            self.reject()  # no database is open any more: nothing is left to show here
            return False
        self.reload()
        text = self.tr(
            "Đã khôi phục dữ liệu về bản sao lưu lúc {when}. Trạng thái trước đó được giữ "
            "trong bản «{name}»."
        ).format(when=when, name=before.name)
        self.outcome.setText(text)
        self.window_.show_message(text)
        return True


def show_backup_dialog(window: MainWindow) -> None:
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("backup", "Sao lưu và khôi phục"),
            QCoreApplication.translate("backup", "Chưa mở tệp dữ liệu nào."),
        )
        return
    run_dialog(BackupDialog(window))
