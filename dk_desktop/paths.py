"""Where things live: bundled resources, the user's data folder, portable mode."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from platformdirs import user_data_path

APP_DIR_NAME = "DoanKetNghiQuyet"
DATABASE_FILE_NAME = "du-lieu-nghi-quyet.sqlite"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_DIR_NAME = "du-lieu"


def bundle_root() -> Path:
    """The folder holding db/ and resources/: PyInstaller's unpack folder when frozen."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath(*parts)


def seed_path() -> Path:
    return resource_path("db", "resolution.json")


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def is_portable() -> bool:
    """Portable mode by a file named portable.txt beside the executable (the window's
    --portable asks for it too, through data_dir): all data is kept beside it (a USB
    stick carried between offices), never in the unpack folder."""
    return (executable_dir() / PORTABLE_MARKER).exists()


def data_dir(*, portable: bool = False) -> Path:
    """The folder of the database, the settings and the log: beside the executable in
    portable mode (``portable``: --portable on the command line), else the user's."""
    if portable or is_portable():
        return executable_dir() / PORTABLE_DATA_DIR_NAME
    return user_data_path(APP_DIR_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def backups_dir(database: Path) -> Path:
    return database.parent / "sao-luu"


def log_path() -> Path:
    return data_dir() / "nhat-ky-loi.log"


def can_write(path: Path) -> bool:
    """Can the app write here? A folder: a probe file can be made in it and is gone at
    once (permissions alone do not tell: a read-only disk, Windows folder rights, root).
    A file: it and its folder. A folder not there yet: its nearest existing parent."""
    path = Path(path)
    if path.is_dir():
        try:
            with tempfile.TemporaryFile(dir=path):
                pass
        except OSError:
            return False
        return True
    if path.exists():
        return os.access(path, os.W_OK) and can_write(path.parent)
    parent = path.parent
    return parent != path and can_write(parent)


def cannot_write_reason(folder: Path, *, portable: bool) -> str | None:
    """Why nothing can be saved in the data folder (a CD, a write-protected USB stick in
    portable mode), in Vietnamese; None when it can be written."""
    if can_write(folder):
        return None
    where = "bên cạnh chương trình" if portable else "của ứng dụng"
    return (
        f"Không ghi được vào thư mục «{folder}» {where}: ổ đĩa hoặc thư mục chỉ cho đọc "
        "(ví dụ USB bị gạt khóa ghi, đĩa CD). Ứng dụng vẫn mở để xem, nhưng không lưu được "
        "số liệu, cài đặt hay nhật ký lỗi. Hãy gạt khóa ghi của USB, hoặc chép cả thư mục "
        "chương trình sang một ổ ghi được rồi chạy lại."
    )
