"""A table that types like a spreadsheet: start typing to replace a cell, Enter moves
down, Tab moves right, Delete clears, F2 edits the text in place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView

from .delegates import EntryDelegate


class EntryTable(QTableView):
    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.entry_delegate = EntryDelegate(self)
        self.setItemDelegate(self.entry_delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setHighlightSections(False)

        self.quiet_columns: set[int] = set()
        """Editable columns where Tab stops without opening an editor (the year
        table's «Kế hoạch»: a plan is set on purpose, never by typing on past a result)."""

    def closeEditor(self, editor, hint) -> None:  # type: ignore[no-untyped-def]
        hints = QAbstractItemDelegate.EndEditHint
        if self.quiet_columns and hint in (hints.EditNextItem, hints.EditPreviousItem):
            super().closeEditor(editor, hints.NoHint)
            action = (
                QAbstractItemView.CursorAction.MoveNext
                if hint == hints.EditNextItem
                else QAbstractItemView.CursorAction.MovePrevious
            )
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid():
                self.setCurrentIndex(index)
                if index.column() not in self.quiet_columns and (
                    index.flags() & Qt.ItemFlag.ItemIsEditable
                ):
                    self.edit(index)
            return
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def move_down(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        below = current.siblingAtRow(current.row() + 1)
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        editing = self.state() == QAbstractItemView.State.EditingState
        key = event.key()
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_down()
            return
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_current()
            return
        super().keyPressEvent(event)

    def clear_current(self) -> None:
        index: QModelIndex = self.currentIndex()
        if not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsEditable):
            return
        model = self.model()
        if model.data(index, Qt.ItemDataRole.EditRole) in ("", None):
            return
        model.setData(index, "", Qt.ItemDataRole.EditRole)
