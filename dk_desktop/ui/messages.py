"""The two message boxes the dialogs ask and tell with: ``confirm`` (a question) and
``inform`` (a message to read and close).

Their buttons say what they do («Khôi phục», «Không nhận», «Đóng») rather than a bare
Yes/No/OK, so that the person knows what a click will do without reading the text again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .widgets import run_dialog


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """A question whose buttons name their outcome (``no`` is «Hủy» unless given); the safe
    answer is the default and Esc's. True: the person chose ``yes``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    if no is None:
        no = QCoreApplication.translate("messages", "Hủy")
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    run_dialog(box)
    return box.clickedButton() is accept


def inform(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    """A message closed with «Đóng»."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(QCoreApplication.translate("messages", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    run_dialog(box)
