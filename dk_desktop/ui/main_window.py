"""The main window: it only wires the tabs to the open database, and holds the menus.

The window is shown before a database is opened, so this module imports only Qt and
light modules: the store (sqlite-utils, which imports numpy: about 0.15 s), the session
and the tabs are imported when a database is opened, after the window is on screen, and
the dialogs when they are opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from .. import APP_NAME
from ..core.model import Field
from ..core.words import term_text
from ..store.errors import StoreError
from .exchange_menu import ExchangeActions
from .host import CLOSING, OPENING, RECEIVING, RESTORING
from .report_actions import ReportActions
from .settings import ROLE_VILLAGE, AppSettings
from .texts import QT_TRANSLATE_NOOP, field_label

if TYPE_CHECKING:
    from .change import Change
    from .field_tab import FieldTab
    from .overview_tab import OverviewTab
    from .places_tab import PlacesTab
    from .session import Session

TAB_OVERVIEW = 0
FIELD_TABS = {field: number for number, field in enumerate(Field, start=1)}
TAB_PLACES = len(Field) + 1
LARGER_TEXT_FACTOR = 1.25
# What is about to reload or leave the views while something typed is not in the file
# (MainWindow.confirm_pending, ui.host): the question's words and its «go on» button.
PENDING_DOING = {
    CLOSING: QT_TRANSLATE_NOOP("MainWindow", "đóng"),
    OPENING: QT_TRANSLATE_NOOP("MainWindow", "mở tệp khác"),
    RECEIVING: QT_TRANSLATE_NOOP("MainWindow", "nhận gói"),
    RESTORING: QT_TRANSLATE_NOOP("MainWindow", "khôi phục bản sao lưu"),
}
PENDING_DROP = {
    CLOSING: QT_TRANSLATE_NOOP("MainWindow", "Đóng không lưu"),
    OPENING: QT_TRANSLATE_NOOP("MainWindow", "Mở không lưu"),
    RECEIVING: QT_TRANSLATE_NOOP("MainWindow", "Nhận gói, không lưu"),
    RESTORING: QT_TRANSLATE_NOOP("MainWindow", "Khôi phục, không lưu"),
}
FILE_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Tệp dữ liệu Nghị quyết (*.sqlite *.db);;Mọi tệp (*)")
DEFAULT_SIZE = QSize(1280, 720)
FRAME_ALLOWANCE = QMargins(8, 31, 8, 8)
"""Room for the title bar and borders (Windows 10's) around the window's inside: before the
window is first shown its frame is not known, and its ✕ must be on the screen."""


def fit_inside(wanted: QRect, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The window's inside nearest to ``wanted`` whose frame lies within ``available`` (the
    screen less its taskbar): as large as fits, moved back onto the screen."""
    room = available.marginsRemoved(frame)
    size = wanted.size().boundedTo(room.size())
    x = max(room.left(), min(wanted.x(), room.right() + 1 - size.width()))
    y = max(room.top(), min(wanted.y(), room.bottom() + 1 - size.height()))
    return QRect(QPoint(x, y), size)


class MainWindow(QMainWindow):
    """The window; also the dialogs' ``WindowHost`` (ui.host)."""

    session_changed = Signal(object)
    """A database was opened (or reopened): the new Session, after the tabs show it."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.session: Session | None = None
        self.overview: OverviewTab | None = None
        self.field_tabs: dict[Field, FieldTab] = {}
        self.places: PlacesTab | None = None
        self._entry_refusal: str | None = None  # the status bar's refused entry, if shown
        self._base_point_size = QApplication.font().pointSizeF()
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.resize(DEFAULT_SIZE)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.waiting = QLabel(self.tr("Đang mở dữ liệu…"))
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs.addTab(self.waiting, self.tr("Tổng quan"))
        self.setCentralWidget(self.tabs)

        self.message = QLabel()
        self.message.setObjectName("status_message")
        # a long message must not push the file and user name off the status bar
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.where = QLabel()
        self.where.setObjectName("status_where")
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.where)

        # the actions first (their modules make them), then the menus that hold them
        self.report_actions = ReportActions(self)
        self.exchange_actions = ExchangeActions(self)
        self._build_menus()
        if settings.larger_text:  # at the normal size there is nothing to redo (~2 ms)
            self.apply_larger_text(True)
        restored = settings.geometry is not None and self.restoreGeometry(settings.geometry)
        self.place_on_screen(saved=restored)

    def place_on_screen(self, *, saved: bool) -> None:
        """Open inside the screen's available area, title bar and ✕ included: the default
        size centred and made smaller where it does not fit (1024×768, or 1366×768 less a
        taskbar); a geometry saved on a bigger screen shrunk and moved onto this one."""
        if self.isMaximized() or self.isFullScreen():
            return  # the screen gives a maximised window its size
        screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        wanted = self.geometry()
        if not saved:
            wanted.moveCenter(available.center())
        fitted = fit_inside(wanted, available)
        self.resize(fitted.size())
        # move() places the frame (setGeometry the inside, which some X11 window
        # managers read as the frame's place: the bottom then ran off the screen)
        self.move(fitted.topLeft() - QPoint(FRAME_ALLOWANCE.left(), FRAME_ALLOWANCE.top()))

    # --- menus --------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = self.file_menu = menu.addMenu(self.tr("&Tệp"))
        file_menu.addAction(
            self._action(
                self.tr("Tạo tệp dữ liệu mới…"),
                lambda: self.new_database(),
                QKeySequence.StandardKey.New,
                "action_new",
            )
        )
        file_menu.addAction(
            self._action(
                self.tr("Nghị quyết mới từ văn bản…"),
                lambda: self.new_resolution(),
                None,
                "action_new_resolution",
            )
        )
        file_menu.addAction(
            self._action(
                self.tr("Xem lại Nghị quyết…"),
                lambda: self.revise_resolution(),
                None,
                "action_revise_resolution",
            )
        )
        file_menu.addAction(
            self._action(
                self.tr("Mở tệp dữ liệu…"),
                lambda: self.open_database(),
                QKeySequence.StandardKey.Open,
                "action_open",
            )
        )
        self.recent_menu = file_menu.addMenu(self.tr("Mở gần đây"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(
            self._action(
                self.tr("Lưu bản sao…"),
                lambda: self.save_copy(),
                QKeySequence("Ctrl+Shift+S"),
                "action_save_copy",
            )
        )
        exchange = self.exchange_actions
        file_menu.addSeparator()
        file_menu.addActions([exchange.send_data, exchange.send_config, exchange.receive])
        file_menu.addAction(exchange.conflicts)
        file_menu.addSeparator()
        file_menu.addAction(exchange.backups)
        file_menu.aboutToShow.connect(exchange.update_actions)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("Người dùng…"), self.run_setup, None, "action_user")
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("Thoát"), self.close, QKeySequence("Ctrl+Q"), "action_quit")
        )

        self.edit_menu = menu.addMenu(self.tr("&Sửa"))
        self.undo_action = QAction(self.tr("Hoàn tác"), self)
        self.undo_action.setEnabled(False)
        self.redo_action = QAction(self.tr("Làm lại"), self)
        self.redo_action.setEnabled(False)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)

        view_menu = menu.addMenu(self.tr("&Xem"))
        self.larger_text_action = self._action(
            self.tr("Chữ to hơn"),
            lambda checked: self.set_larger_text(checked),
            QKeySequence("Ctrl++"),
            "action_larger_text",
        )
        self.larger_text_action.setCheckable(True)
        self.larger_text_action.setChecked(self.settings.larger_text)
        view_menu.addAction(self.larger_text_action)
        view_menu.addSeparator()
        self.tab_actions = []
        for number, label in enumerate(self.tab_labels()):
            action = self._action(
                label,
                lambda _=False, n=number: self.tabs.setCurrentIndex(n),
                QKeySequence(f"Ctrl+{number + 1}"),
            )
            view_menu.addAction(action)
            self.tab_actions.append(action)

        menu.addMenu(self.report_actions.menu)

        help_menu = menu.addMenu(self.tr("&Trợ giúp"))
        help_menu.addAction(
            self._action(
                self.tr("Hướng dẫn sử dụng"),
                self.show_help,
                QKeySequence.StandardKey.HelpContents,
                "action_help",
            )
        )
        help_menu.addAction(
            self._action(self.tr("Giới thiệu"), self.show_about, None, "action_about")
        )

    def tab_labels(self) -> list[str]:
        return [
            self.tr("Tổng quan"),
            *[field_label(field) for field in Field],
            self.tr("Địa bàn"),
        ]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        if not files:
            action = self.recent_menu.addAction(self.tr("(chưa có)"))
            action.setEnabled(False)
            return
        for path in files:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_database(p))

    # --- the database --------------------------------------------------------------------------

    def open_path(self, path: Path, *, create: bool = False) -> bool:
        """Open (or create) a database and show it; a refusal is shown, nothing changes."""
        # the store and the session: imported here, after the window is shown (see above)
        import sqlite3

        from ..store.repository import DEFAULT_USER, Store
        from .session import Session

        path = Path(path)
        user = self.settings.user_name or DEFAULT_USER
        try:
            store = Store.open(path, create=create, user=user)
        except StoreError as error:
            self.show_error(self.tr("Không mở được tệp dữ liệu"), str(error))
            return False
        except (OSError, sqlite3.Error) as error:
            self.show_error(
                self.tr("Không mở được tệp dữ liệu"),
                self.tr("Không mở được tệp «{name}»: {error}").format(name=path.name, error=error),
            )
            return False
        self._install(Session(store, self))
        self.settings.last_database = path.resolve()
        self.settings.add_recent(path)
        self.settings.sync()
        if store.read_only:  # said at once, not at the first edit
            self.show_refusal(
                self.tr(
                    "Đã mở tệp «{name}» ở chế độ chỉ đọc: tệp, thư mục hoặc ổ đĩa không cho "
                    "ghi, nên không sửa được số liệu. Muốn sửa, hãy chép tệp sang thư mục ghi "
                    "được (ví dụ Tài liệu) rồi mở tệp đã chép."
                ).format(name=path.name)
            )
        else:
            self.show_message(self.tr("Đã mở tệp «{name}»").format(name=path.name))
        return True

    def _install(self, session: Session) -> None:
        # the tabs import the store's records and the charts' data (see the module's doc)
        from .entry_table import EntryTable
        from .field_tab import FieldTab
        from .overview_tab import OverviewTab
        from .places_tab import PlacesTab

        old = self.session
        current_tab = self.tabs.currentIndex() if old is not None else self.settings.last_tab
        self.tabs.blockSignals(True)
        self._remove_tabs()
        self.session = session
        self.overview = OverviewTab(session)
        self.overview.open_item.connect(self.open_item)
        self.overview.open_field.connect(self.open_field)
        self.tabs.addTab(self.overview, self.tr("Tổng quan"))
        self.field_tabs = {}
        for field in Field:
            tab = FieldTab(session, field)
            self.field_tabs[field] = tab
            self.tabs.addTab(tab, field_label(field))
        self.places = PlacesTab(session)
        self.tabs.addTab(self.places, self.tr("Địa bàn"))
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(current_tab if 0 <= current_tab < self.tabs.count() else 0)

        session.changed.connect(self.refresh)
        session.saved.connect(self.show_message)
        session.refused.connect(self.show_entry_refusal)
        for table in self.tabs.findChildren(EntryTable):
            table.refusal_withdrawn.connect(self.withdraw_refusal)
        for name in (self.places.name, self.places.former_name):  # a refused new name, fixed
            name.textEdited.connect(lambda _text: self.withdraw_refusal())
        self._wire_undo(session)
        if old is not None:
            old.close()
            old.deleteLater()
        self.show_who()
        self.session_changed.emit(session)

    def _remove_tabs(self) -> None:
        """Every view of the old session goes (deleted once the event loop gets to it);
        the «waiting» page is the window's own and stays."""
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None and widget is not self.waiting:
                widget.deleteLater()

    def close_database(self, text: str) -> None:
        """No view may stay on a database that was closed (a reopen after a restore that
        failed): the tabs go, the undo history goes, and ``text`` says what to do."""
        old = self.session
        self.session = None
        self.tabs.blockSignals(True)
        self._remove_tabs()
        self.overview, self.field_tabs, self.places = None, {}, None
        self.waiting.setText(text)
        self.waiting.setWordWrap(True)
        self.tabs.addTab(self.waiting, self.tr("Tổng quan"))
        self.tabs.blockSignals(False)
        for action in (self.undo_action, self.redo_action):
            action.setEnabled(False)
        if old is not None:
            old.close()
            old.deleteLater()
        self.setWindowTitle(APP_NAME)
        self.where.setText("")
        self.show_refusal(text)

    def reopen(self) -> bool:
        """Open the same file again after it changed under the session (a restore, a
        received package: ui.operations' REOPEN), as File → Open does: every view is built
        anew, the undo history goes with the old session, and the file is checked again
        (with any schema upgrade a restored older backup needs). False: it could not be
        opened again; no view stays on it and the window says how to open it."""
        session = self.session
        if session is None or session.store.path is None:
            return False
        path = session.store.path
        session.store.close()  # the lock must be free for the file to be opened again
        if self.open_path(path):
            return True
        text = self.tr(
            "Tệp «{name}» không mở lại được, nên chưa có tệp dữ liệu nào đang mở. Các số liệu "
            "đã được lưu trong tệp: hãy mở lại bằng Tệp → Mở tệp dữ liệu…, hoặc đóng ứng dụng "
            "rồi mở lại."
        ).format(name=path.name)
        self.close_database(text)  # no view may stay on the closed store
        self.show_error(self.tr("Không mở lại được tệp dữ liệu"), text)
        return False

    def home_village(self) -> str | None:
        """The village of a village secretary (settings), as the database names it."""
        if self.settings.role != ROLE_VILLAGE or self.session is None:
            return None
        from ..core.names import find_named  # NFC: a name typed decomposed is the same

        village = find_named(self.session.store.villages(), self.settings.village)
        return village.name if village is not None else None

    def show_who(self) -> None:
        """Who is working, in which role and on which file: title bar and status bar."""
        if self.session is None:
            return
        store = self.session.store
        name = store.path.name if store.path else ""
        if store.read_only:
            name += self.tr(" (chỉ đọc)")
        role = self.role_text()
        term = term_text(*store.term())
        self.setWindowTitle(
            self.tr("Theo dõi Nghị quyết Đại hội Đảng bộ xã {commune} {term} — {file}").format(
                commune=store.commune_name(), term=term, file=name
            )
            + (f" — {role}" if self.settings.role == ROLE_VILLAGE else "")
        )
        self.where.setText(
            self.tr("Tệp: {file} · Người dùng: {user} ({role})").format(
                file=name, user=store.user, role=role
            )
        )
        # a village laptop types only its own village's figures (ui.village_scope)
        village_laptop = self.settings.role == ROLE_VILLAGE and self.settings.village
        self.session.village_laptop = self.settings.village if village_laptop else None
        home = self.home_village()
        for tab in self.field_tabs.values():
            tab.set_home_village(home)

    def role_text(self) -> str:
        return self.settings.role_text()

    def _wire_undo(self, session: Session) -> None:
        for action in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(action)
            action.deleteLater()
        stack = session.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Hoàn tác"))
        self.undo_action.setObjectName("action_undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, self.tr("Làm lại"))
        self.redo_action.setObjectName("action_redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        # Qt takes None for «at the end»; PySide6's stubs do not say so
        self.edit_menu.insertAction(first, self.undo_action)  # type: ignore[arg-type]
        self.edit_menu.insertAction(first, self.redo_action)  # type: ignore[arg-type]

    def refresh(self, change: Change | None = None) -> None:
        """Redraw every tab after a write (the views keep their selection)."""
        if self.session is None:
            return
        if self.overview is not None:
            self.overview.refresh(change)
        for tab in self.field_tabs.values():
            tab.refresh(change)
        if self.places is not None and (
            change is None or change.kind in ("places", "result", "all")
        ):
            self.places.refresh(change)

    def open_item(self, item_id: int) -> None:
        if self.session is None:
            return
        item = self.session.store.item(item_id)
        self.tabs.setCurrentIndex(FIELD_TABS[item.field])
        self.field_tabs[item.field].select_item(item_id)

    def open_field(self, field: Field) -> None:
        if self.session is not None:
            self.tabs.setCurrentIndex(FIELD_TABS[field])

    # --- file menu ------------------------------------------------------------------------------

    def ask_open_path(self) -> Path | None:
        folder = self.settings.dialog_folder()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Mở tệp dữ liệu"), str(folder), self.tr(FILE_FILTER)
        )
        if name:
            self.settings.remember_folder(Path(name))
        return Path(name) if name else None

    def ask_save_path(self, title: str, suggested: str) -> Path | None:
        folder = self.settings.dialog_folder()
        name, _ = QFileDialog.getSaveFileName(
            self, title, str(folder / suggested), self.tr(FILE_FILTER)
        )
        if name:
            self.settings.remember_folder(Path(name))
        return Path(name) if name else None

    def open_database(self, path: Path | None = None) -> bool:
        if not self.confirm_pending(OPENING):
            return False
        path = path or self.ask_open_path()
        return self.open_path(path) if path else False

    def new_database(self, path: Path | None = None) -> bool:
        if not self.confirm_pending(OPENING):
            return False
        path = path or self.ask_save_path(
            self.tr("Tạo tệp dữ liệu mới"), self.tr("Dữ liệu Nghị quyết mới.sqlite")
        )
        if not path:
            return False
        if path.exists():
            self.show_error(
                self.tr("Không tạo được tệp"),
                self.tr(
                    "Tệp «{name}» đã có. Ứng dụng không ghi đè lên tệp dữ liệu đang có; "
                    "hãy chọn tên khác."
                ).format(name=path.name),
            )
            return False
        return self.open_path(path, create=True)

    def new_resolution(self) -> bool:
        """«Nghị quyết mới từ văn bản…»: another commune's resolution drafted from its own
        text and reviewed (ui.resolution_review); the new file it saved is then opened."""
        from .resolution_review import ResolutionReviewDialog  # when asked for
        from .widgets import run_dialog

        dialog = ResolutionReviewDialog(user=self.settings.user_name, parent=self)
        run_dialog(dialog)
        return dialog.saved_path is not None and self.open_made_resolution(dialog.saved_path)

    def revise_resolution(self) -> bool:
        """«Xem lại Nghị quyết…»: the open database's catalogue in the review screen, every
        figure editable; saved changes are in the history and undone in one step."""
        from .resolution_review import ResolutionReviewDialog  # when asked for
        from .widgets import run_dialog

        if self.session is None:
            return False
        dialog = ResolutionReviewDialog.revising(self.session, parent=self)
        return run_dialog(dialog)

    def open_made_resolution(self, path: Path) -> bool:
        """A new resolution's file, just saved: opened now; before a database is open (the
        first start's set-up) it is remembered, and the start opens it as the last file."""
        if self.session is None:
            self.settings.last_database = path.resolve()
            self.settings.add_recent(path)
            self.settings.sync()
            return True
        if self.open_database(path):
            return True
        self.settings.add_recent(path)  # kept open on what was typed: found in «Mở gần đây»
        return False

    def save_copy(self, path: Path | None = None) -> bool:
        if self.session is None:
            return False
        today = date.today().strftime("%d-%m-%Y")
        path = path or self.ask_save_path(
            self.tr("Lưu bản sao dữ liệu"),
            self.tr("Bản sao dữ liệu Nghị quyết {date}.sqlite").format(date=today),
        )
        if not path:
            return False
        store = self.session.store
        if store.path is not None and path.resolve() == store.path.resolve():
            self.show_error(
                self.tr("Không lưu được bản sao"),
                self.tr("Hãy chọn một tên hoặc thư mục khác với tệp đang mở."),
            )
            return False
        from ..store.backup import copy_database  # a database is open: already loaded
        from .operations import run_write

        title = self.tr("Không lưu được bản sao")
        return run_write(
            self,
            lambda store: copy_database(store.db, path),
            refused=lambda reason: self.show_error(title, reason),
            done=lambda _copy: self.tr("Đã lưu bản sao vào «{path}»").format(path=path),
        ).done

    def run_setup(self) -> bool:
        from .setup_dialog import SetupDialog  # when asked for, not at start-up
        from .widgets import run_dialog

        villages = []
        commune = ""
        term = None
        if self.session is not None:
            villages = [v.name for v in self.session.store.villages()]
            commune = self.session.store.commune_name()
            term = self.session.store.term()
        dialog = SetupDialog(
            self.settings, commune_name=commune, term=term, villages=villages, parent=self
        )
        accepted = run_dialog(dialog)
        if accepted and self.session is not None:
            self.session.store.user = self.settings.user_name
            self.show_who()
        if dialog.resolution_path is not None:  # «Nghị quyết của xã khác…» saved a file
            self.open_made_resolution(dialog.resolution_path)
        return accepted

    # --- messages -------------------------------------------------------------------------------

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def show_message(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.setToolTip(text)

    def show_refusal(self, text: str) -> None:
        self.message.setStyleSheet("color: #7a0c0c; font-weight: bold;")
        self.message.setText(text)
        self.message.setToolTip(text)

    def show_entry_refusal(self, text: str) -> None:
        """A refused entry (the session's): shown until its cause goes (withdraw_refusal)."""
        self.show_refusal(text)
        self._entry_refusal = text

    def withdraw_refusal(self, text: str | None = None) -> None:
        """The refused entry is gone (Esc in its cell; the person went to another tab):
        its message leaves the status bar and the banners; any other message stays."""
        from .widgets import RefusalBanner  # a database is open: already imported

        text = text or self._entry_refusal
        self._entry_refusal = None
        if not text:
            return
        if self.message.text() == text:
            self.show_message("")
        for banner in self.tabs.findChildren(RefusalBanner):
            if banner.text() == text:
                banner.clear_message()

    def status_text(self) -> str:
        return self.message.text()

    def show_help(self) -> None:
        from .help import HelpDialog  # when asked for, not at start-up
        from .widgets import run_dialog

        run_dialog(HelpDialog(self, self.session.store if self.session else None))

    def show_about(self) -> None:
        from .help import show_about

        show_about(self, self.session.store if self.session else None)

    # --- view -----------------------------------------------------------------------------------

    def set_larger_text(self, larger: bool) -> None:
        self.settings.larger_text = larger
        self.apply_larger_text(larger)

    def apply_larger_text(self, larger: bool) -> None:
        font = QFont(QApplication.font())
        size = self._base_point_size * (LARGER_TEXT_FACTOR if larger else 1.0)
        if size > 0:
            font.setPointSizeF(size)
            QApplication.setFont(font)
            # the menu bar keeps its old height unless asked again (its items then hide
            # behind the "»" extension)
            self.menuBar().setFont(font)
            self.menuBar().updateGeometry()
            # widgets styled with a style sheet keep their old font until re-polished
            for widget in self.findChildren(QWidget):
                if widget.styleSheet():
                    widget.setStyleSheet(widget.styleSheet())
                widget.updateGeometry()
            layout = self.layout()
            assert layout is not None  # a main window always has one
            layout.invalidate()
            layout.activate()
        if hasattr(self, "larger_text_action"):
            self.larger_text_action.setChecked(larger)

    # --- closing --------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.session is not None:
            self.settings.last_tab = index
            # a refusal belongs to the tab it was typed in (a duplicate village name)
            if self._entry_refusal == self.message.text():
                self._entry_refusal = None
                self.show_message("")

    def pending_entries(self) -> list[str]:
        """What was typed and is not in the file, after writing what can be written (as
        leaving each field does): cells the file refused, halves of ratios (a "số đạt"
        waiting for its "tổng số"), a figure's note, names typed but not added."""
        if self.session is None:
            return []
        from .delegates import commit_typing  # a database is open: already imported

        entries = commit_typing(self)
        for tab in self.field_tabs.values():
            entries += tab.detail.pending_entries()
        if self.places is not None:
            entries += self.places.unsaved_entries()
        return entries

    def confirm_pending(self, doing: str) -> bool:
        """Before ``doing`` (CLOSING, OPENING, RECEIVING, RESTORING: each reloads or leaves
        the views), write what is being typed and ask before what cannot be written is lost
        (ratio halves held in memory, text the file refused); True: go on."""
        entries = self.pending_entries()
        if not entries:
            return True
        halves = sum(len(tab.detail.ratio_entries()) for tab in self.field_tabs.values())
        only_halves = halves == len(entries)
        if only_halves:
            question = self.tr(
                "Còn {count} ô số đạt chưa có tổng số; {doing} mà không lưu ô đó?"
            ).format(count=len(entries), doing=self.tr(PENDING_DOING[doing]))
        else:
            question = self.tr(
                "Còn {count} mục đã nhập mà chưa lưu được; {doing} mà không lưu các mục đó?"
            ).format(count=len(entries), doing=self.tr(PENDING_DOING[doing]))
        drop = self.tr(PENDING_DROP[doing])
        from .widgets import ask_drop_pending

        if ask_drop_pending(self, entries, question, drop, explain=only_halves):
            self.drop_pending()
            return True
        self.show_pending()
        return False

    def drop_pending(self) -> None:
        """The person chose to leave without what could not be saved: drop it, so that
        nothing tries to write it while the window goes."""
        from .delegates import close_cell_editors

        close_cell_editors(self)
        for tab in self.field_tabs.values():
            tab.detail.drop_typed()
        if self.places is not None:
            self.places.name.clear()
            self.places.former_name.clear()

    def show_pending(self) -> None:
        """Go back to the first tab holding something typed and not saved."""
        from .delegates import open_cell_editors

        for field, tab in self.field_tabs.items():
            if tab.detail.pending_entries() or open_cell_editors(tab):
                self.tabs.setCurrentIndex(FIELD_TABS[field])
                tab.detail.show_unsaved()
                return
        if self.places is not None and (
            self.places.unsaved_entries() or open_cell_editors(self.places)
        ):
            self.tabs.setCurrentIndex(TAB_PLACES)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.confirm_pending(CLOSING):
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        if self.session is not None:
            self.settings.last_tab = self.tabs.currentIndex()
            self.session.close()
            self.session = None
        self.settings.sync()
        super().closeEvent(event)
