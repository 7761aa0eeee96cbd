"""Tệp → Sao lưu và khôi phục…: the backups of the open database, by date, with their
figures count; back up now; restore one (the current state is backed up first).

Backing up and restoring are writes through ui.operations. After a restore every view
must show the new content: the operation has the window open the file again
(``WindowHost.reopen``), which also re-checks it and applies any schema upgrade a restored
older backup may need.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.numbers import format_number
from ..paths import backups_dir
from ..store.backup import Backup, BackupCheck, check_backup, list_backups, restore_backup
from ..store.repository import Store
from .host import RESTORING, WindowHost
from .messages import confirm
from .operations import REOPEN, run_write
from .texts import QT_TRANSLATE_NOOP
from .widgets import RefusalBanner, run_dialog

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


class BackupDialog(QDialog):
    def __init__(self, host: WindowHost):
        super().__init__(host.window())
        self.host = host
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
        session = self.host.session
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
        session = self.host.session
        if session is None:
            return False
        self.banner.clear_message()

        def done(backup: Path | None) -> str:
            return self.tr("Đã sao lưu vào «{name}».").format(name=backup.name if backup else "")

        made = run_write(
            self.host,
            lambda store: store.backup(MANUAL),
            refused=lambda reason: self.banner.show_message(
                self.tr("Không sao lưu được: {error}").format(error=reason)
            ),
            done=done,
        )
        if not made.done:
            return False
        self.reload()
        self.outcome.setText(done(made.value))
        return True

    def restore_selected(self) -> bool:
        chosen = self.selected()
        session = self.host.session
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
        if not self.host.confirm_pending(RESTORING):
            return False  # the window shows what is waiting; this dialog stays open

        database = session.store.path

        def restore(store: Store) -> Path:
            store.check_writable()  # a read-only file: said before anything is done
            return restore_backup(store.db, database, backup.path)

        def done(before: Path) -> str:
            return self.tr(
                "Đã khôi phục dữ liệu về bản sao lưu lúc {when}. Trạng thái trước đó được giữ "
                "trong bản «{name}»."
            ).format(when=when, name=before.name)

        restored = run_write(
            self.host,
            restore,
            refused=lambda reason: self.banner.show_message(
                self.tr("Không khôi phục được: {error}").format(error=reason)
            ),
            after=REOPEN,
            done=done,
        )
        if restored.value is None:
            return False
        if not restored.views_current:
            self.reject()  # no database is open any more: nothing is left to show here
            return False
        self.reload()
        self.outcome.setText(done(restored.value))
        return True


def show_backup_dialog(window: WindowHost) -> None:
    if window.session is None:
        window.show_error(
            QCoreApplication.translate("backup", "Sao lưu và khôi phục"),
            QCoreApplication.translate("backup", "Chưa mở tệp dữ liệu nào."),
        )
        return
    run_dialog(BackupDialog(window))
