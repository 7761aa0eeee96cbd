"""The person's settings (QSettings in an ini file in the data folder, so that portable
mode keeps them on the USB stick too): who they are, recent files, window state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths

from .. import paths

SETTINGS_FILE_NAME = "cai-dat.ini"
MAX_RECENT = 8

ROLE_COMMUNE = "commune"
ROLE_VILLAGE = "village"


VILLAGE_WORDS = ("bản ", "tiểu khu ", "thôn ", "xóm ", "tổ dân phố ")


def village_title(name: str) -> str:
    """ "Nà Mường" → "bản Nà Mường"; "Bản Suối Giăng 1" and "Tiểu khu Pa Khen" stay."""
    name = " ".join(name.split())
    if not name or name.casefold().startswith(VILLAGE_WORDS):
        return name
    return QCoreApplication.translate("AppSettings", "bản {name}").format(name=name)


def _bool(value: object, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes")


class AppSettings:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.q.sync()

    # --- who is using the app --------------------------------------------------------

    @property
    def is_set_up(self) -> bool:
        return bool(self.user_name)

    @property
    def user_name(self) -> str:
        return str(self.q.value("user/name", "") or "")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.q.setValue("user/name", value.strip())

    @property
    def role(self) -> str:
        return str(self.q.value("user/role", ROLE_COMMUNE) or ROLE_COMMUNE)

    @role.setter
    def role(self, value: str) -> None:
        self.q.setValue("user/role", value)

    @property
    def village(self) -> str:
        return str(self.q.value("user/village", "") or "")

    @village.setter
    def village(self, value: str) -> None:
        self.q.setValue("user/village", value.strip())

    @property
    def commune_name(self) -> str:
        return str(self.q.value("user/commune", "") or "")

    @commune_name.setter
    def commune_name(self, value: str) -> None:
        self.q.setValue("user/commune", value.strip())

    def role_text(self) -> str:
        if self.role == ROLE_VILLAGE:
            return QCoreApplication.translate("AppSettings", "Bí thư chi bộ {village}").format(
                village=village_title(self.village)
            )
        return QCoreApplication.translate("AppSettings", "Văn phòng xã")

    # --- files -------------------------------------------------------------------------

    @property
    def last_database(self) -> Path | None:
        value = self.q.value("files/last_database", "")
        return Path(str(value)) if value else None

    @last_database.setter
    def last_database(self, path: Path | None) -> None:
        self.q.setValue("files/last_database", str(path) if path else "")

    @property
    def recent_files(self) -> list[Path]:
        value: Any = self.q.value("files/recent", [])  # a str, a list, or nothing
        if isinstance(value, str):
            value = [value] if value else []
        return [Path(str(p)) for p in (value or []) if p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files if p != path]
        files.insert(0, path)
        self.q.setValue("files/recent", [str(p) for p in files[:MAX_RECENT]])

    @property
    def export_folder(self) -> Path | None:
        """The folder a file dialog last used (a report, a chart, a package sent or
        received, a copy, a database opened): the next dialog starts there."""
        value = self.q.value("files/export_folder", "")
        return Path(str(value)) if value else None

    @export_folder.setter
    def export_folder(self, path: Path | None) -> None:
        self.q.setValue("files/export_folder", str(path) if path else "")

    def dialog_folder(self) -> Path:
        """Where every file dialog starts: the folder last used, else the person's
        Documents, else their home folder; never the app's own data folder (hidden on
        Windows, in AppData: a package or report saved there is never found again) nor
        its backups folder."""
        data = self.path.parent.resolve()
        hidden = {data, paths.backups_dir(data / paths.DATABASE_FILE_NAME)}
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        candidates = [self.export_folder, Path(documents) if documents else None, Path.home()]
        for folder in candidates:
            if folder is None or not folder.is_dir():
                continue
            if folder.resolve() not in hidden:
                return folder.resolve()
        return Path.home()

    def remember_folder(self, path: Path) -> None:
        """A file dialog chose ``path`` (a file): the next dialog starts in its folder."""
        self.export_folder = Path(path).parent
        self.sync()

    # --- the window --------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self.q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    @property
    def last_tab(self) -> int:
        try:
            stored: Any = self.q.value("window/last_tab", 0)  # "2" from the file, 2 if just set
            return int(stored)
        except (TypeError, ValueError):
            return 0

    @last_tab.setter
    def last_tab(self, value: int) -> None:
        self.q.setValue("window/last_tab", int(value))

    @property
    def larger_text(self) -> bool:
        return _bool(self.q.value("view/larger_text"), False)

    @larger_text.setter
    def larger_text(self, value: bool) -> None:
        self.q.setValue("view/larger_text", bool(value))
