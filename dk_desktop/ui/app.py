"""Starting the GUI: arguments, fonts, the crash hook, the window first and fast.

Only Qt and the store are imported here; matplotlib is imported later by the charts,
when a chart is first drawn, so that the window appears quickly on an old laptop.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME, paths
from .settings import SETTINGS_FILE_NAME, AppSettings

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_FAMILY = "DejaVu Sans"
PORTABLE_DATA = "du-lieu"

log = logging.getLogger("dk_desktop")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dk-desktop", description="Theo dõi Nghị quyết Đại hội Đảng bộ xã Đoàn Kết"
    )
    parser.add_argument("--db", type=Path, help="tệp dữ liệu cần mở (.sqlite)")
    parser.add_argument(
        "--portable",
        action="store_true",
        help="giữ dữ liệu và cài đặt bên cạnh chương trình (chạy từ USB)",
    )
    known, _qt_arguments = parser.parse_known_args(list(argv))
    return known


def data_dir(portable: bool) -> Path:
    if portable:
        return paths.executable_dir() / PORTABLE_DATA
    return paths.data_dir()


def register_fonts() -> str | None:
    """Load the bundled DejaVu Sans (covers Vietnamese) and use it where the system font
    cannot show Vietnamese, or where there is no system font at all (offscreen)."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(
            str(paths.resource_path("resources", "fonts", name))
        )
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if not families:
        return None
    current = QApplication.font()
    platform = QGuiApplication.platformName()
    covers = QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems(
        current.family()
    )
    if platform in ("offscreen", "minimal") or not covers:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(current.pointSizeF() if current.pointSizeF() > 0 else 9.0)
        QApplication.setFont(font)
    return families[0]


def setup_logging(log_file: Path) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_file, encoding="utf-8")
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
    folder = data_dir(arguments.portable)
    log_file = folder / paths.log_path().name
    setup_logging(log_file)
    install_exception_hook(log_file)

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("DangBoXaDoanKet")
    app = QApplication(argv[:1])
    register_fonts()

    from .main_window import MainWindow

    settings = AppSettings(folder / SETTINGS_FILE_NAME)
    window = MainWindow(settings)
    window.show()

    def start() -> None:
        if not settings.is_set_up:
            window.run_setup()
        path = arguments.db or settings.last_database
        if path is None or (not path.exists() and arguments.db is None):
            if path is not None:
                window.show_message(
                    QCoreApplication.translate(
                        "app", "Không thấy tệp dùng lần trước «{path}»; đã mở tệp mặc định."
                    ).format(path=path)
                )
            path = folder / paths.DATABASE_FILE_NAME
        if not window.open_path(path, create=True) and path != folder / paths.DATABASE_FILE_NAME:
            window.open_path(folder / paths.DATABASE_FILE_NAME, create=True)

    QTimer.singleShot(0, start)
    return app.exec()
