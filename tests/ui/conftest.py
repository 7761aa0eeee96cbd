"""Fixtures for driving the real widgets: a fresh temp database and settings per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

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
    # pytest-qt closes the window after the test: what the test left typed and unsaved is
    # dropped first, not asked about (a test of that question closes the window itself)
    qtbot.addWidget(main, before_close_func=MainWindow.drop_pending)
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


# --- answering the modal dialogs a flow opens ------------------------------------------


class Modals:
    """Answer, in order, the modal dialogs a flow opens (QDialog.exec, QMessageBox...).

    Each answer is (expected class, action). A failed check rejects the dialog so the test
    never hangs, and is raised by ``finish``; an unexpected dialog is rejected and fails.
    Every watcher stops when its test ends (``_modals_end_with_their_test``), even if the
    test failed before ``finish``: its timer would otherwise go on answering, and
    rejecting, the dialogs of the tests after it."""

    running: list[Modals] = []

    def __init__(self) -> None:
        Modals.running.append(self)
        self.answers: list[tuple[type, Callable[[QWidget], None]]] = []
        self.errors: list[BaseException] = []
        self.seen: list[QWidget] = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    @classmethod
    def stop_all(cls) -> None:
        for watcher in cls.running:
            watcher.timer.stop()
        cls.running.clear()

    def then(self, kind: type, action: Callable[[QWidget], None]) -> Modals:
        self.answers.append((kind, action))
        return self.watch()

    def watch(self) -> Modals:
        if not self.timer.isActive():
            self.timer.start()
        return self

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or widget in self.seen:
            return
        self.seen.append(widget)
        try:
            if not self.answers:
                raise AssertionError(f"unexpected dialog: {widget.windowTitle()!r}")
            kind, action = self.answers.pop(0)
            assert isinstance(widget, kind), f"expected {kind.__name__}, got {widget!r}"
            action(widget)
        except BaseException as error:  # noqa: BLE001 - re-raised by finish()
            self.errors.append(error)
            if widget.isVisible():
                widget.reject()  # type: ignore[attr-defined]

    def finish(self) -> None:
        self.timer.stop()
        if self.errors:
            raise self.errors[0]
        assert not self.answers, f"{len(self.answers)} expected dialog(s) never opened"


@pytest.fixture
def modals(qapp) -> Modals:  # type: ignore[no-untyped-def]
    return Modals()


@pytest.fixture(autouse=True)
def _modals_end_with_their_test() -> Iterator[None]:
    yield
    Modals.stop_all()


@pytest.fixture(autouse=True)
def _the_text_size_ends_with_its_test(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """«Chữ to hơn» sets the application's font; a test that left it larger made the next
    window take the larger size as its normal one."""
    font = QFont(QApplication.font())
    yield
    QApplication.setFont(font)


def click(text: str) -> Callable[[QWidget], None]:
    """Press the button that carries ``text`` (message boxes and dialogs)."""

    def action(widget: QWidget) -> None:
        for button in widget.findChildren(QPushButton):
            if button.text() == text and button.isVisible():
                button.click()
                return
        shown = [b.text() for b in widget.findChildren(QPushButton)]
        raise AssertionError(f"no button {text!r} in {shown}")

    return action
