"""Excel-like entry: a plain line editor whose text is checked before it leaves the cell.

On Tab, Shift+Tab, Enter or Return the text is checked with the model's ``validate``;
a wrong entry keeps the editor open with the text selected and the Vietnamese message
shown beside the cell (and in the status bar, through the session). The model writes
the value in ``setData``; if the store refuses it there, the old value stays.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QToolTip,
    QWidget,
)

from .models.task_states import state_choices

_COMMIT_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EntryDelegate(QStyledItemDelegate):
    """The editor for numbers and notes typed into a cell."""

    refused = Signal(str)

    def createEditor(self, parent: QWidget, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setProperty("model_index", index)
        editor.setAccessibleName(self.tr("Ô nhập số liệu"))
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:
        if isinstance(editor, QLineEdit):
            model = index.model()
            text = model.edit_text(index) if hasattr(model, "edit_text") else ""
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, QLineEdit):
            if editor.text().strip() == (model.edit_text(index) or "").strip():
                return  # nothing changed: nothing to write
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.FocusOut:
            reason = event.reason()  # type: ignore[attr-defined]
            if reason == Qt.FocusReason.PopupFocusReason and self._problem(editor):
                return True  # a menu opened over a wrong text: it stays to be corrected
            if reason == Qt.FocusReason.ActiveWindowFocusReason:
                # a question box or another window took the focus: the cell is written as
                # leaving it does, but a wrong or refused text stays in its open cell to be
                # corrected (Qt would write it, have it refused, and close the cell)
                if self._problem(editor) or write_cell(editor) is not None:
                    return True
                view = editor.parentWidget()
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                if view is not None:
                    view.setFocus()  # the table has the focus when the window is back
                return True
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _COMMIT_KEYS  # type: ignore[attr-defined]
        ):
            index = editor.property("model_index")
            model = index.model() if index is not None and index.isValid() else None
            if model is not None and hasattr(model, "validate"):
                problem = model.validate(index, editor.text())
                if problem:
                    self.show_problem(editor, problem)
                    return True
        return super().eventFilter(editor, event)

    @staticmethod
    def _problem(editor: QLineEdit) -> str | None:
        index = editor.property("model_index")
        model = index.model() if index is not None and index.isValid() else None
        if model is None or not hasattr(model, "validate"):
            return None
        return model.validate(index, editor.text())

    def show_problem(self, editor: QLineEdit, problem: str) -> None:
        editor.selectAll()
        editor.setStyleSheet("background: #fde2e0;")
        editor.setToolTip(problem)
        QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), problem, editor)
        self.refused.emit(problem)


class StateDelegate(QStyledItemDelegate):
    """A drop-down for a task's yearly state."""

    def createEditor(self, parent: QWidget, option, index):
        editor = QComboBox(parent)
        for value, label in state_choices():
            editor.addItem(label, value)
        editor.activated.connect(lambda _=None, e=editor: self._commit(e))
        return editor

    def _commit(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index) -> None:
        if isinstance(editor, QComboBox):
            value = index.model().data(index, Qt.ItemDataRole.EditRole) or ""
            editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData() or ""
            if value != (model.data(index, Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, value, Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of (value, label) choices, e.g. the former commune of a village."""

    def __init__(self, choices, parent=None):
        super().__init__(parent)
        self.choices = choices  # a callable returning [(value, label), …]

    def createEditor(self, parent: QWidget, option, index):
        editor = QComboBox(parent)
        for value, label in self.choices():
            editor.addItem(label, value)
        editor.activated.connect(lambda _=None, e=editor: self._commit(e))
        return editor

    def _commit(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index) -> None:
        value = index.model().data(index, Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(value)))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index) -> None:
        value = editor.currentData()  # type: ignore[attr-defined]
        if value != model.data(index, Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)


def commit_typing(root: QWidget) -> list[str]:
    """Write what is being typed into any cell under ``root``, as leaving the cell does
    (before the window closes or another file is opened). Text that is wrong or that the
    file refuses stays in its open cell; one line per such cell says what it holds and
    what is expected."""
    lines: list[str] = []
    for view, editor in open_cell_editors(root):
        index = editor.property("model_index")
        model = index.model()
        problem = model.validate(index, editor.text()) if hasattr(model, "validate") else None
        if problem is None:
            problem = write_cell(editor)
        if problem is None:
            if not editor.isHidden():  # a model reset after the write closes it already
                view.itemDelegateForIndex(index).closeEditor.emit(
                    editor, QAbstractItemDelegate.EndEditHint.NoHint
                )
            continue
        header = model.headerData(index.column(), Qt.Orientation.Horizontal)
        row = model.data(index.siblingAtColumn(0))
        lines.append(
            QCoreApplication.translate(
                "delegates", "{row}, cột «{column}»: «{text}» — {problem}"
            ).format(row=row, column=header, text=editor.text().strip(), problem=problem)
        )
    return lines


def open_cell_editors(root: QWidget) -> list[tuple[QAbstractItemView, QLineEdit]]:
    """The cells being typed in under ``root``, with their tables."""
    found = []
    for editor in root.findChildren(QLineEdit):
        index = editor.property("model_index")  # set by EntryDelegate.createEditor
        viewport = editor.parentWidget()
        view = viewport.parentWidget() if viewport is not None else None
        if editor.isHidden() or index is None or not index.isValid():
            continue  # not a cell editor, or one already closed
        if isinstance(view, QAbstractItemView):
            found.append((view, editor))
    return found


def close_cell_editors(root: QWidget) -> None:
    """Close the cells being typed in without writing them (the person chose to drop them)."""
    for view, editor in open_cell_editors(root):
        index = editor.property("model_index")
        view.itemDelegateForIndex(index).closeEditor.emit(
            editor, QAbstractItemDelegate.EndEditHint.NoHint
        )


def write_cell(editor: QLineEdit) -> str | None:
    """Hand a cell editor's text to its model; the refusal the session reported, if any."""
    index = editor.property("model_index")
    viewport = editor.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None  # the viewport's table
    assert isinstance(view, QAbstractItemView)
    session = getattr(index.model(), "session", None)
    refusals: list[str] = []

    def heard(message: str) -> None:
        refusals.append(message)

    if session is not None:
        session.refused.connect(heard)
    try:
        view.itemDelegateForIndex(index).commitData.emit(editor)
    finally:
        if session is not None:
            session.refused.disconnect(heard)
    return refusals[-1] if refusals else None
