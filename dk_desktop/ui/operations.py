"""One way for the window to write what is not a typed edit: receiving a package,
resolving a conflict, restoring a backup, saving a copy, backing up, making a package.

Typed edits go through the session, which writes and pushes an undo command. Everything
else goes through ``run_write`` (in the spirit of Anki's ``CollectionOp``): it runs the
write on the open store, and then

- on a refusal (a read-only file, a full disk, a busy database, a bad package) says why in
  Vietnamese where the caller shows it (a banner, an error box), and leaves the window as
  it was: nothing half-written, the views and the undo history untouched;
- on success brings the views up to date in the one way the write needs (``after``):
  ``Change(...)`` for a write the session's views can redraw (the session announces it);
  ``REOPEN`` when the file changed under the session (a restore, a received package): the
  window opens it again, so every view is rebuilt and the undo history, which named the
  old content, is gone; ``None`` when only another file was written (a copy, a backup, a
  package): the views have nothing new to show;
- says what was done in the status bar.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

from ..store.errors import StoreError, from_os_error, from_sqlite_error
from .change import Change

if TYPE_CHECKING:
    from ..store.repository import Store
    from .host import WindowHost

log = logging.getLogger(__name__)

T = TypeVar("T")

REOPEN = "reopen"
"""``after=REOPEN``: the write replaced the file's content; the window opens it again."""
FAILURES = (StoreError, OSError, sqlite3.Error)
"""What a write may meet that is not a fault of the program (the command line catches the
same): each is said in words, see ``failure_text``."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What ``run_write`` did."""

    done: bool
    """True: written (and the views brought up to date, see ``views_current``)."""
    value: T | None = None
    """What the write returned (a received package's summary, the backup made…)."""
    reason: str = ""
    """Not done: why, in Vietnamese (already shown through ``refused``)."""
    views_current: bool = True
    """False: written, but the file could not be opened again; no view is left on it and
    the window has said how to open it (nothing more is to be shown on it)."""


def failure_text(error: Exception, store: Store) -> str:
    """Why a write (or a read of a file that arrived) failed, in Vietnamese: the store's or
    the engine's own message, or the store's words for what the disk or the database did
    (never the system's English text)."""
    database = store.path.name if store.path is not None else ""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        return str(from_os_error(error, Path(error.filename or database).name))
    if isinstance(error, sqlite3.Error):
        known = from_sqlite_error(error, database)
        if known is not None:
            return str(known)
    log.error("write failed: %r", error)  # a fault of the program: kept in the log
    return QCoreApplication.translate(
        "operations",
        "Không ghi được tệp dữ liệu «{name}» lúc này; chưa có gì thay đổi. Hãy đóng các "
        "chương trình khác đang mở tệp rồi thử lại.",
    ).format(name=database)


def run_write(
    host: WindowHost,
    write: Callable[[Store], T],
    *,
    refused: Callable[[str], None],
    after: Change | str | None = None,
    done: Callable[[T], str] | None = None,
) -> Outcome[T]:
    """Run ``write`` on the open store and bring the window up to date (module doc).

    ``refused`` shows why a refused write was not done; ``done`` words what was done for
    the status bar (with a ``Change``, the session adds the time)."""
    session = host.session
    if session is None:  # the menus that lead here are disabled without a file
        reason = QCoreApplication.translate("operations", "Chưa mở tệp dữ liệu nào.")
        refused(reason)
        return Outcome(False, reason=reason)
    try:
        value = write(session.store)
    except FAILURES as error:
        reason = failure_text(error, session.store)
        refused(reason)
        return Outcome(False, reason=reason)
    text = done(value) if done is not None else None
    if isinstance(after, Change):
        session.announce(after, text)  # the session's caches go, every view redraws
        return Outcome(True, value)
    if after == REOPEN and not host.reopen():
        return Outcome(True, value, views_current=False)
    if text:
        host.show_message(text)
    return Outcome(True, value)
