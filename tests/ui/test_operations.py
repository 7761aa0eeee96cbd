"""ui.operations.run_write, the window's one way to write what is not a typed edit
(receiving, resolving a conflict, restoring, backing up, saving a copy, making a package):
a refused write says why in Vietnamese and leaves the window as it was, usable, its views
and undo history untouched; a successful one brings the views up to date — by the
session's announcement, or by opening the file again (which leaves no undo history that
named the old content) — and says what was done."""

from __future__ import annotations

import errno
import sqlite3
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget

from dk_desktop.core.model import Field
from dk_desktop.exchange.package import DATA
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.ui.backup_dialog import BackupDialog
from dk_desktop.ui.change import Change
from dk_desktop.ui.conflict_dialog import ConflictDialog
from dk_desktop.ui.main_window import MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.operations import REOPEN, run_write
from dk_desktop.ui.send_dialog import SendDialog
from dk_desktop.ui.session import Session
from dk_desktop.ui.settings import AppSettings

CODE = "CT06a"  # thu nhập bình quân, triệu đồng


def income_cell(window: MainWindow) -> str:
    store = window.session.store
    tab = window.field_tabs[Field.ECONOMY]
    row = tab.model.row_for_figure(store.figure_by_code(CODE).id)
    return tab.model.index(row, columns.LATEST).data()


def type_income(window: MainWindow, value: int) -> None:
    """An edit typed as a person types it (through the session: one undo command)."""
    store = window.session.store
    window.session.set_result(
        store.figure_by_code(CODE), store.commune(), 2026, ResultInput(Decimal(value))
    )


def write_income(value: int):  # type: ignore[no-untyped-def]
    """A write that goes straight to the store, as the exchange and the backups do."""

    def write(store: Store) -> int:
        figure = store.figure_by_code(CODE)
        store.set_result(figure.id, store.commune().id, 2026, ResultInput(Decimal(value)))
        return value

    return write


def fails_with(error: Exception):  # type: ignore[no-untyped-def]
    def write(store: Store) -> None:
        raise error

    return write


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (StoreError("Tệp dữ liệu đang mở ở chế độ chỉ đọc."), "chỉ đọc"),
        (OSError(errno.ENOSPC, "No space left on device", "/media/usb/ban-sao.sqlite"), "đầy"),
        (sqlite3.OperationalError("disk I/O error"), "Không ghi được tệp dữ liệu"),
    ],
    ids=["refused by the store", "a full disk", "a fault nobody words"],
)
def test_a_refused_write_says_why_in_vietnamese_and_the_window_stays_usable(window, error, words):
    type_income(window, 40)
    session, stack = window.session, window.session.undo_stack
    status = window.status_text()
    said: list[str] = []

    outcome = run_write(window, fails_with(error), refused=said.append, after=REOPEN)

    assert not outcome.done and outcome.reason == said[0]
    assert words in said[0]
    assert "No space" not in said[0] and "I/O" not in said[0]  # never the system's English
    assert window.session is session and stack.count() == 1  # not reopened, undo kept
    assert window.status_text() == status  # nothing announced as done
    assert income_cell(window) == "40 (2026)"
    stack.undo()  # usable: the earlier edit is still undone and typed again
    assert income_cell(window) == ""
    type_income(window, 41)
    assert income_cell(window) == "41 (2026)"


def test_without_an_open_file_nothing_runs_and_it_says_so(window):
    window.close_database("Chưa mở tệp.")
    said: list[str] = []
    ran: list[Store] = []

    outcome = run_write(window, ran.append, refused=said.append)

    assert not outcome.done and not ran
    assert said == ["Chưa mở tệp dữ liệu nào."]


def test_a_write_announced_as_a_change_redraws_the_views_and_keeps_undo(window):
    type_income(window, 40)
    session = window.session

    outcome = run_write(
        window,
        write_income(52),
        refused=pytest.fail,
        after=Change("result"),
        done=lambda value: f"Đã ghi {value}",
    )

    assert outcome.done and outcome.value == 52 and outcome.views_current
    assert income_cell(window) == "52 (2026)"  # the views redrew from the file
    assert window.session is session and session.undo_stack.count() == 1
    assert window.status_text().startswith("Đã ghi 52 (lúc ")


def test_a_write_that_replaces_the_file_reopens_it_and_clears_undo(window):
    type_income(window, 40)
    old_session = window.session
    assert old_session.undo_stack.count() == 1

    outcome = run_write(
        window, write_income(60), refused=pytest.fail, after=REOPEN, done=lambda v: "Đã nhận"
    )

    assert outcome.done and outcome.views_current
    assert window.session is not old_session  # a new session on the same file
    assert window.session.undo_stack.count() == 0  # nothing left to undo into the old content
    assert not window.undo_action.isEnabled()
    assert income_cell(window) == "60 (2026)"  # every view built anew from the file
    assert window.status_text() == "Đã nhận"


def test_when_the_file_cannot_be_opened_again_no_view_stays_on_it(window, monkeypatch):
    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StoreError("Không mở được tệp (thử).")

    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    monkeypatch.setattr(Store, "open", refused)

    outcome = run_write(
        window, write_income(60), refused=pytest.fail, after=REOPEN, done=lambda v: "Đã nhận"
    )

    assert outcome.done and not outcome.views_current
    assert window.session is None and window.field_tabs == {}
    assert any("không mở lại được" in text for _title, text in errors)
    assert window.status_text() != "Đã nhận"  # the window said how to open it instead


# --- the dialogs need only a WindowHost -------------------------------------------------------


class Host(QWidget):
    """Only what ui.host.WindowHost names, around a real session: no tabs, no menus, no
    status bar. The dialogs of packages and backups work with it, so they reach nothing
    else of the main window."""

    def __init__(self, session: Session, settings: AppSettings) -> None:
        super().__init__()
        self.session: Session | None = session
        self.settings = settings
        self.said: list[str] = []
        self.reopened = 0

    def show_message(self, text: str) -> None:
        self.said.append(text)

    def show_refusal(self, text: str) -> None:
        self.said.append(text)

    def show_error(self, title: str, text: str) -> None:
        self.said.append(f"{title}: {text}")

    def confirm_pending(self, doing: str) -> bool:
        return True

    def reopen(self) -> bool:
        self.reopened += 1
        return True


def test_the_package_and_backup_dialogs_need_only_a_window_host(qtbot, session, settings):
    host = Host(session, settings)
    qtbot.addWidget(host)

    backups = BackupDialog(host)
    qtbot.addWidget(backups)
    assert backups.backup_now()
    assert host.said[-1].startswith("Đã sao lưu vào")
    assert backups.table.rowCount() == 1

    sending = SendDialog(host, DATA)
    qtbot.addWidget(sending)
    assert sending.path.text().endswith(".dkgoi")

    conflicts = ConflictDialog(host)
    qtbot.addWidget(conflicts)
    assert not conflicts.conflicts and not conflicts.empty.isHidden()
    assert host.reopened == 0  # nothing here replaced the file
