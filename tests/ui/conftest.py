"""Fixtures for driving the real widgets: a fresh temp database and settings per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from dk_desktop.store.repository import Store
from dk_desktop.ui.app import register_fonts
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.session import Session
from dk_desktop.ui.settings import AppSettings

USER = "Lò Thị Hương"


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp) -> None:  # type: ignore[no-untyped-def]
    register_fonts()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "db.sqlite"


@pytest.fixture
def fresh_store(db_file: Path) -> Iterator[Store]:
    store = Store.open(db_file, user=USER)
    yield store
    store.close()


@pytest.fixture
def session(fresh_store: Store, qapp) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    yield Session(fresh_store)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    settings = AppSettings(tmp_path / "cai-dat.ini")
    settings.user_name = USER
    settings.sync()
    return settings


@pytest.fixture
def window(qtbot, settings: AppSettings, db_file: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(db_file, create=True)
    yield main
    if main.session is not None:
        main.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Vietnamese included, as key events that carry it (QTest.keyClicks
    aborts on non-ASCII characters with PySide6 6.12)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def open_editor(qtbot, table, index) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Select a cell and start typing into it, as a person does (F2)."""
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    assert isinstance(editor, QLineEdit), "the cell did not open an editor"
    return editor


def enter_in_cell(qtbot, table, index, text: str, key=Qt.Key.Key_Return) -> QLineEdit:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, table, index)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_text(editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()  # Qt commits on Enter through a queued call
    return editor
