"""A table that types like a spreadsheet: start typing to replace a cell, Enter moves
down, Tab moves right, Delete clears, F2 edits the text in place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QToolTip,
)

from .delegates import EntryDelegate


class TwoLineHeader(QHeaderView):
    """Column titles that break onto a second line at a space: a long title («Kết quả (tỷ
    đồng)», «Người nhập») asks about half its width, so a narrow table (1024 pixels, the
    larger text) still shows every column's title whole."""

    def __init__(self, parent: QTableView):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped, never cut with "…"

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        model = self.model()
        text = str(model.headerData(logical_index, self.orientation()) or "") if model else ""
        words = text.split()
        if len(words) < 2:
            return size
        metrics = self.fontMetrics()
        one_line = metrics.horizontalAdvance(text)
        two_lines = min(
            max(
                metrics.horizontalAdvance(" ".join(words[:cut])),
                metrics.horizontalAdvance(" ".join(words[cut:])),
            )
            for cut in range(1, len(words))
        )
        margin = max(0, size.height() - metrics.height())
        return QSize(
            size.width() - one_line + two_lines + 2,
            max(size.height(), 2 * metrics.lineSpacing() + margin),
        )


class EntryTable(QTableView):
    refusal_withdrawn = Signal(str)
    """A refused entry was given up (Esc): its message, to be taken down wherever shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeader(TwoLineHeader(self))
        self.entry_delegate = EntryDelegate(self)
        self.setItemDelegate(self.entry_delegate)
        self._refusal = ""  # the refusal of the text in the open editor, if any
        self.entry_delegate.refused.connect(self._remember_refusal)
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

    def _remember_refusal(self, text: str) -> None:
        self._refusal = text

    def closeEditor(self, editor, hint) -> None:
        hints = QAbstractItemDelegate.EndEditHint
        refusal, self._refusal = self._refusal, ""
        if refusal and hint == hints.RevertModelCache:  # Esc: the refused text is gone
            QToolTip.hideText()
            self.refusal_withdrawn.emit(refusal)
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

    def keyPressEvent(self, event) -> None:
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
