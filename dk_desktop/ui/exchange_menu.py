"""The File menu's exchange and backup actions (the window puts them in its File menu),
and the count of open conflicts in the status bar.

The actions are made with the window, before it is shown; the dialogs behind them
(``send_dialog``, ``receive_dialog``, ``conflict_dialog``, ``backup_dialog``) import the
exchange engine and the store, and through them sqlite-utils and numpy (about 0.15 s), so
they are imported only when an action is used or a database is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from .settings import ROLE_VILLAGE

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .session import Session

CONFLICT_STYLE = "QPushButton { color: #7a0c0c; font-weight: bold; border: none; padding: 0 6px; }"


class ExchangeActions(QObject):
    """The File menu's exchange and backup actions, and the count of open conflicts in the
    status bar (shown only when there are some; a click opens them)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.send_data = self._action(
            self.tr("Gửi số liệu…"), "action_send_data", lambda: self.send(data=True)
        )
        self.send_config = self._action(
            self.tr("Gửi cấu hình cho các bản…"),
            "action_send_config",
            lambda: self.send(data=False),
        )
        self.receive = self._action(
            self.tr("Nhận số liệu / cấu hình…"), "action_receive", self.receive_package
        )
        self.conflicts = self._action(
            self.tr("Xử lý xung đột…"), "action_conflicts", self.show_conflicts
        )
        self.backups = self._action(
            self.tr("Sao lưu và khôi phục…"), "action_backups", self.show_backups
        )

        self.count = QPushButton()
        self.count.setObjectName("status_conflicts")
        self.count.setFlat(True)
        self.count.setStyleSheet(CONFLICT_STYLE)
        self.count.setCursor(Qt.CursorShape.PointingHandCursor)
        self.count.setToolTip(self.tr("Nhấn để xem và chọn giá trị đúng cho từng xung đột"))
        self.count.clicked.connect(self.show_conflicts)
        self.count.hide()
        window.statusBar().addPermanentWidget(self.count)

        self._followed: Session | None = None
        self._follow_sessions()
        self.update_actions()

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window_)
        action.setObjectName(name)
        action.triggered.connect(lambda _=False: slot())
        return action

    # --- the actions (their dialogs are imported when first used) ----------------------------

    def send(self, *, data: bool) -> None:
        from ..exchange.package import CONFIG, DATA
        from .send_dialog import send

        send(self.window_, DATA if data else CONFIG)

    def receive_package(self) -> None:
        from .receive_dialog import receive

        receive(self.window_)

    def show_conflicts(self) -> None:
        from .conflict_dialog import show_conflicts

        show_conflicts(self.window_)

    def show_backups(self) -> None:
        from .backup_dialog import show_backup_dialog  # the store: see the module's doc

        show_backup_dialog(self.window_)

    # --- following the open database ------------------------------------------------------------

    def _follow_sessions(self) -> None:
        """Keep the count right when the window opens another database (or reopens this
        one after a restore)."""
        self.window_.session_changed.connect(self.follow)
        if self.window_.session is not None:
            self.follow(self.window_.session)

    def follow(self, session: Session) -> None:
        if self._followed is not session:
            self._followed = session
            session.changed.connect(lambda _change: self.update_count())
        self.update_count()
        self.update_actions()

    def update_actions(self) -> None:
        has_data = self.window_.session is not None
        for action in (self.send_data, self.receive, self.conflicts, self.backups):
            action.setEnabled(has_data)
        # a village laptop never sends the commune's configuration
        self.send_config.setEnabled(has_data and self.window_.settings.role != ROLE_VILLAGE)

    def open_count(self) -> int:
        session = self.window_.session
        if session is None:
            return 0
        import sqlite3

        from ..exchange.package import open_conflicts  # a database is open: already loaded

        try:
            return len(open_conflicts(session.store))
        except sqlite3.Error:
            return 0

    def update_count(self) -> None:
        count = self.open_count()
        self.count.setText(self.tr("{count} xung đột số liệu cần chọn").format(count=count))
        self.count.setVisible(count > 0)
