"""Every file dialog (open, new, copy, reports, charts, packages sent and received) starts
in the person's Documents or the folder last used, never in the app's hidden data folder.

The window fixture keeps its database beside the settings file: in the app's data folder,
as on a real first start (AppData on Windows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from dk_desktop.exchange.package import DATA
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.receive_dialog import receive
from dk_desktop.ui.send_dialog import SendDialog


@pytest.fixture
def documents(tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path.parent / f"{tmp_path.name}-Documents"
    folder.mkdir()
    real = QStandardPaths.writableLocation

    def location(kind):  # type: ignore[no-untyped-def]
        if kind == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(folder)
        return real(kind)

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(location))
    return folder


@pytest.fixture
def asked(monkeypatch) -> list[Path]:  # type: ignore[no-untyped-def]
    """The folder each file dialog was opened in; every dialog is cancelled."""
    folders: list[Path] = []

    def where(start: str) -> Path:
        path = Path(start)
        return path if path.is_dir() else path.parent

    def save(parent, title, start, *args, **kwargs):  # type: ignore[no-untyped-def]
        folders.append(where(start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(save))
    return folders


def open_every_file_dialog(window: MainWindow) -> int:
    """Open (and cancel) each file dialog the window has; the number opened."""
    window.ask_open_path()
    window.new_database()
    window.save_copy()
    window.report_actions.export_pdf(year=2026)
    window.report_actions.export_xlsx(year=2026)
    receive(window)
    send = SendDialog(window, DATA)
    send.path.clear()  # the dialog proposes a path; «Chọn…» starts from the same rule
    send.browse()
    send.deleteLater()
    return 7


def test_every_file_dialog_starts_in_documents_not_in_the_data_folder(
    window, settings, db_file: Path, documents: Path, asked: list[Path]
):
    data_folder = settings.path.parent
    assert db_file.parent == data_folder  # the database lives in the data folder
    count = open_every_file_dialog(window)
    assert len(asked) == count
    assert all(folder == documents for folder in asked), asked
    # the send dialog proposes a file in Documents too
    send = SendDialog(window, DATA)
    assert Path(send.path.text()).parent == documents
    send.deleteLater()


def test_the_folder_last_chosen_is_where_every_dialog_starts_next_time(
    qtbot, window, settings, tmp_path: Path, documents: Path, asked: list[Path], monkeypatch
):
    usb = tmp_path.parent / f"{tmp_path.name}-USB"
    usb.mkdir()
    database = usb / "Dữ liệu mang từ bản.sqlite"
    cancel = QFileDialog.getOpenFileName  # the fixture's: records and cancels

    def choose(parent, title, start, *args, **kwargs):  # type: ignore[no-untyped-def]
        return str(database), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    assert window.ask_open_path() == database  # «Mở tệp dữ liệu…» on the USB stick
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(cancel))

    again = MainWindow(settings)  # the next start
    qtbot.addWidget(again)
    path = window.session.store.path
    window.close()
    assert again.open_path(path)
    count = open_every_file_dialog(again)
    assert asked == [usb] * count
    again.close()


def test_a_remembered_folder_that_is_gone_or_hidden_is_not_used(
    settings, tmp_path: Path, documents: Path
):
    gone = tmp_path / "USB đã rút"
    settings.remember_folder(gone / "Báo cáo.pdf")
    assert settings.dialog_folder() == documents
    settings.remember_folder(settings.path.parent / "du-lieu.sqlite")  # the data folder
    assert settings.dialog_folder() == documents
    settings.remember_folder(settings.path.parent / "sao-luu" / "x.sqlite")
    (settings.path.parent / "sao-luu").mkdir()
    assert settings.dialog_folder() == documents


def test_without_documents_the_dialogs_start_in_the_home_folder(settings, monkeypatch):
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda kind: ""))
    assert settings.dialog_folder() == Path.home().resolve()
