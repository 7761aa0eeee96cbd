"""Where things live: bundled resources, the user's data folder, portable mode."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import user_data_path

APP_DIR_NAME = "DoanKetNghiQuyet"
DATABASE_FILE_NAME = "du-lieu-nghi-quyet.sqlite"
PORTABLE_MARKER = "portable.txt"


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


_portable_requested = False


def set_portable(enabled: bool) -> None:
    """Portable mode asked for on the command line (--portable)."""
    global _portable_requested
    _portable_requested = enabled


def is_portable() -> bool:
    """Portable mode: --portable, or a file named portable.txt beside the executable,
    keeps all data beside it (a USB stick carried between offices), never in the
    unpack folder."""
    return _portable_requested or (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    if is_portable():
        return executable_dir() / "du-lieu"
    return user_data_path(APP_DIR_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def backups_dir(database: Path) -> Path:
    return database.parent / "sao-luu"


def log_path() -> Path:
    return data_dir() / "nhat-ky-loi.log"
