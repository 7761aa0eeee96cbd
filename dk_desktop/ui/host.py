"""What a dialog needs from the window, and nothing more: the open session, the settings,
the status bar and error box, the question before the views reload, and reopening the
file. The main window is one (it has all of these); a dialog typed against ``WindowHost``
cannot reach into the window's tabs or menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .session import Session
    from .settings import AppSettings

# What is about to reload or leave the views while something typed may not be in the file
# (WindowHost.confirm_pending): the main window words the question for each.
CLOSING, OPENING, RECEIVING, RESTORING = "closing", "opening", "receiving", "restoring"


class WindowHost(Protocol):
    session: Session | None
    """The open database (None when no file is open)."""
    settings: AppSettings

    def window(self) -> QWidget:
        """The window a dialog belongs to (every QWidget has ``window()``: the main window
        answers itself)."""
        ...

    def show_message(self, text: str) -> None:
        """Say in the status bar what was done."""
        ...

    def show_refusal(self, text: str) -> None:
        """Say in the status bar, in red, what was not done."""
        ...

    def show_error(self, title: str, text: str) -> None:
        """An error box: what went wrong and what to do."""
        ...

    def confirm_pending(self, doing: str) -> bool:
        """Before ``doing`` (RECEIVING, RESTORING…) reloads the views: write what is being
        typed, ask before dropping what cannot be written; True: go on."""
        ...

    def reopen(self) -> bool:
        """Open the same file again after it changed under the session: every view is built
        anew and the undo history (which named the old content) is gone. False: it could
        not be opened again; no view is left on it and the window said what to do."""
        ...
