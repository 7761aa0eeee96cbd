"""Starting the GUI: arguments, Qt's own words in Vietnamese, fonts, the crash hook, the
window first and fast.

Only Qt and light modules are imported before the window is shown. The store (and
with it sqlite-utils, which imports numpy) is imported by the functions that open the
first database, once the window is on screen; matplotlib later still, when a chart is
first drawn. So the window appears quickly on an old laptop.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, paths
from ..store.errors import DamagedDatabase, DatabaseInUse, StoreError
from ..store.lock import DatabaseLock
from .settings import SETTINGS_FILE_NAME, AppSettings

if TYPE_CHECKING:
    from .main_window import MainWindow


ICON_FILE = ("resources", "icons", "app.png")
QT_TRANSLATION_FILE = ("resources", "translations", "qtbase_vi.qm")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"

log = logging.getLogger("dk_desktop")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dk-desktop", description=APP_NAME)
    parser.add_argument("--db", type=Path, help="tệp dữ liệu cần mở (.sqlite)")
    parser.add_argument(
        "--portable",
        action="store_true",
        help="giữ dữ liệu và cài đặt bên cạnh chương trình (chạy từ USB)",
    )
    known, _qt_arguments = parser.parse_known_args(list(argv))
    return known


def register_fonts() -> str | None:
    """Load the bundled DejaVu Sans (covers Vietnamese) and use it where the system font
    cannot show Vietnamese, or where there is no system font at all (offscreen). Where
    the system font can (Windows' Segoe UI, most Linux desktops), the files are not
    loaded at all (~2.5 MB and ~3 ms at start-up). Returns the family used, or None."""
    current = QApplication.font()
    platform = QGuiApplication.platformName()
    covers = QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems(
        current.family()
    )
    if covers and platform not in ("offscreen", "minimal"):
        return None
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(
            str(paths.resource_path("resources", "fonts", name))
        )
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if not families:
        return None
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(current.pointSizeF() if current.pointSizeF() > 0 else 9.0)
    QApplication.setFont(font)
    return families[0]


def set_app_icon(app: QApplication) -> None:
    """The app's icon on every window it opens (title bar, task bar, Alt+Tab)."""
    path = paths.resource_path(*ICON_FILE)
    if path.exists():
        app.setWindowIcon(QIcon(str(path)))
    else:
        log.warning("Không thấy biểu tượng của ứng dụng: %s", path)


def install_qt_translation(app: QCoreApplication) -> QTranslator | None:
    """Qt's own words in Vietnamese: the standard buttons (Có, Không, Hủy...), the
    editors' right-click menus, the file, print and print preview dialogs. Qt ships no
    Vietnamese; ours is resources/translations/qtbase_vi.qm (docs/translations.md).
    Installed before any window is built: Qt's widgets translate their texts when made. A
    missing or broken file is logged and Qt stays in English: the app still starts."""
    path = paths.resource_path(*QT_TRANSLATION_FILE)
    translator = QTranslator(app)  # owned by the application: lives as long as it
    if not path.is_file() or not translator.load(str(path)):
        log.warning("Không nạp được bản dịch tiếng Việt của Qt: %s", path)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def setup_logging(log_file: Path) -> None:
    """The error log in the data folder; where it cannot be written (a read-only USB
    stick), on the standard error stream instead: the app starts all the same."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_exception_hook(log_file: Path) -> None:
    """A crash never ends silently: it is logged and the person is told, in Vietnamese."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.error("Lỗi không mong muốn:\n%s", text)
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                QCoreApplication.translate("app", "Đã xảy ra lỗi"),
                QCoreApplication.translate(
                    "app",
                    "Ứng dụng gặp một lỗi không mong muốn. Các số liệu đã nhập trước đó đều đã "
                    "được lưu vào tệp dữ liệu.\n\nChi tiết lỗi đã được ghi vào tệp:\n{path}\n\n"
                    "Hãy gửi tệp này cho người hỗ trợ. Nếu ứng dụng hoạt động không bình thường, "
                    "hãy đóng và mở lại.\n\n({error})",
                ).format(path=log_file, error=f"{kind.__name__}: {error}"),
            )

    sys.excepthook = hook


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    arguments = parse_arguments(argv[1:])
    folder = paths.data_dir(portable=arguments.portable)
    cannot_write = paths.cannot_write_reason(folder, portable=arguments.portable)
    log_file = folder / paths.log_path().name
    setup_logging(log_file)
    install_exception_hook(log_file)

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("DangBoXaDoanKet")
    app = QApplication(argv[:1])
    install_qt_translation(app)
    set_app_icon(app)
    register_fonts()

    from .main_window import MainWindow

    settings = open_settings(folder)
    window = MainWindow(settings)
    window.show()

    def start() -> None:
        if cannot_write:
            tell_cannot_write(window, cannot_write)
        if not start_up(window, settings, arguments.db, folder):
            window.close()  # the file is open in another window: leave cleanly
            app.quit()

    QTimer.singleShot(0, start)
    return app.exec()


def open_settings(folder: Path) -> AppSettings:
    """The settings in the data folder; where that folder cannot even be made (portable
    mode on a read-only medium), settings for this session only, in a temporary folder."""
    try:
        return AppSettings(folder / SETTINGS_FILE_NAME)
    except OSError as error:
        import tempfile

        log.warning("Không tạo được thư mục dữ liệu %s: %s", folder, error)
        temporary = Path(tempfile.mkdtemp(prefix="DoanKetNghiQuyet-"))
        return AppSettings(temporary / SETTINGS_FILE_NAME)


def tell_cannot_write(window: MainWindow, reason: str) -> None:
    """Say once, at start, why nothing can be saved; the status bar keeps saying it."""
    from .messages import inform

    log.warning(reason)
    window.show_refusal(reason)
    inform(
        window,
        QCoreApplication.translate("app", "Không ghi được dữ liệu"),
        reason,
        QMessageBox.Icon.Warning,
    )


# --- the first database: locked, damaged, the daily backup ----------------------------------

OPENED, FAILED, LOCKED, DAMAGED = "opened", "failed", "locked", "damaged"


def start_up(
    window: MainWindow, settings: AppSettings, db_argument: Path | None, folder: Path
) -> bool:
    """Open the first database once the window shows. False: the file is open in another
    window of the app, and this one should close."""
    if not settings.is_set_up:
        window.run_setup()
    default = folder / paths.DATABASE_FILE_NAME
    path = db_argument or settings.last_database
    if path is None or (not path.exists() and db_argument is None):
        if path is not None:
            window.show_message(
                QCoreApplication.translate(
                    "app", "Không thấy tệp dùng lần trước «{path}»; đã mở tệp mặc định."
                ).format(path=path)
            )
        path = default
    outcome = open_at_start(window, path)
    if outcome == FAILED and path != default:
        outcome = open_at_start(window, default)
    if outcome == LOCKED:
        return False
    if outcome == OPENED:
        backup_at_start(window)
    return True


def open_at_start(window: MainWindow, path: Path) -> str:
    """Open ``path`` in the window; a file held by another window is reported (LOCKED),
    a damaged file is never opened for writing: the latest good backup is offered."""
    from .messages import inform

    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseInUse as error:
        inform(
            window,
            QCoreApplication.translate("app", "Tệp dữ liệu đang được dùng"),
            str(error),
            QMessageBox.Icon.Warning,
        )
        return LOCKED
    except StoreError as error:  # a folder, a name too long: said, and the default is tried
        window.show_error(
            QCoreApplication.translate("app", "Không mở được tệp dữ liệu"), str(error)
        )
        return FAILED
    restored = None
    try:
        problem = damage(path)
        if problem is not None:
            restored = offer_restore(window, path, problem)
            if restored is None:
                return DAMAGED
    finally:
        lock.release()
    if not window.open_path(path, create=True):
        return FAILED
    if restored:
        window.show_message(restored)
    return OPENED


def damage(path: Path) -> str | None:
    """The refusal message when the file's bytes are broken (not a database any more,
    empty, or failing quick_check/foreign keys). A sound file that is not ours or is from
    a newer version is not damage: None, and the window says why."""
    if not path.exists():
        return None
    from ..store.database import inspect_file  # sqlite-utils: after show() (module doc)

    try:
        inspect_file(path)
    except DamagedDatabase as refusal:
        return str(refusal)
    except StoreError:
        return None
    return None


def offer_restore(window: MainWindow, path: Path, problem: str) -> str | None:
    """Say plainly that the file is damaged; offer the latest good backup. The damaged
    file is kept, renamed aside; it is never opened for writing. Returns what was done
    (for the status bar), or None when nothing was restored."""
    import sqlite3

    from ..store.backup import aside_name, check_backup, latest_good_backup, replace_damaged
    from .messages import inform
    from .widgets import run_dialog

    title = QCoreApplication.translate("app", "Tệp dữ liệu bị hỏng")
    backup = latest_good_backup(path)
    if backup is None:
        inform(
            window,
            title,
            QCoreApplication.translate(
                "app",
                "{problem}\n\nKhông tìm thấy bản sao lưu nào còn tốt của tệp này. Tệp hỏng "
                "được giữ nguyên, không bị ghi. Hãy tìm bản sao của tệp (ví dụ trên USB) và "
                "mở bằng Tệp → Mở tệp dữ liệu…, hoặc liên hệ người hỗ trợ.",
            ).format(problem=problem),
            QMessageBox.Icon.Critical,
        )
        return None
    check = check_backup(backup.path)
    box = QMessageBox(QMessageBox.Icon.Critical, title, "", parent=window)
    box.setObjectName("damaged_database")
    box.setText(
        QCoreApplication.translate(
            "app",
            "{problem}\n\nCó bản sao lưu còn tốt gần nhất: lúc {when} ({reason}), "
            "{count} số liệu.\n\nKhôi phục từ bản sao lưu này? Tệp hỏng được giữ lại, "
            "đổi tên thành «{aside}» trong cùng thư mục, không bị xóa. Các số liệu nhập sau "
            "lúc sao lưu cần nhập lại.",
        ).format(
            problem=problem,
            when=backup.taken_at.strftime("%d/%m/%Y %H:%M"),
            reason=backup.reason_label,
            count=check.results,
            aside=aside_name(path).name,
        )
    )
    restore = box.addButton(
        QCoreApplication.translate("app", "Khôi phục bản sao lưu"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    later = box.addButton(
        QCoreApplication.translate("app", "Không, để sau"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    run_dialog(box)
    if box.clickedButton() is not restore:
        window.show_refusal(
            QCoreApplication.translate(
                "app", "Tệp «{name}» bị hỏng và chưa được khôi phục; chưa mở tệp dữ liệu nào."
            ).format(name=path.name)
        )
        return None
    try:
        aside = replace_damaged(path, backup)
    except (OSError, sqlite3.Error, StoreError) as error:
        inform(
            window,
            title,
            QCoreApplication.translate("app", "Không khôi phục được: {error}").format(error=error),
            QMessageBox.Icon.Critical,
        )
        return None
    log.warning("Tệp %s bị hỏng; đã đặt sang %s và khôi phục từ %s", path, aside, backup.path)
    return QCoreApplication.translate(
        "app", "Đã khôi phục từ bản sao lưu lúc {when}; tệp hỏng được giữ ở «{aside}»."
    ).format(when=backup.taken_at.strftime("%d/%m/%Y %H:%M"), aside=aside.name)


def backup_at_start(window: MainWindow) -> Path | None:
    """The daily start-up backup; a failure is told, never blocks the work."""
    session = window.session
    if session is None or session.store.path is None:
        return None
    import sqlite3

    from ..store.backup import backup_if_due  # a database is open: already loaded

    try:
        return backup_if_due(session.store.db, session.store.path)
    except (StoreError, OSError, sqlite3.Error) as error:
        log.warning("Không sao lưu được khi khởi động: %s", error)
        window.show_refusal(
            QCoreApplication.translate("app", "Không sao lưu được khi mở ứng dụng: {error}").format(
                error=error
            )
        )
        return None
