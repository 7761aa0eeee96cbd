"""One open database and everything done to it in this session.

Widgets never write to the store themselves. A typed edit asks the session, which writes
through the store at once (so nothing typed waits in memory for a Save button), puts an
undo command on the QUndoStack, and tells every view that something changed so it redraws.
Every other write (a package received, a conflict resolved, a backup restored, a copy
saved) goes through ui.operations.run_write, which ends in ``announce`` too, or has the
window open the file again.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core import progress
from ..core.model import Field, Indicator, Item, Place, Status, TaskState
from ..store.errors import StoreError
from ..store.repository import ResultInput, Store
from .change import Change
from .commands import (
    AddFigureCommand,
    AddVillageCommand,
    DeleteVillageCommand,
    SetFigureNoteCommand,
    SetMilestoneCommand,
    SetResultCommand,
    SetTaskStateCommand,
    UpdateFigureCommand,
    UpdatePlaceCommand,
)


class Session(QObject):
    changed = Signal(object)  # a Change
    saved = Signal(str)  # "Đã lưu …" for the status bar
    refused = Signal(str)  # a refused entry: what is expected, in Vietnamese

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self._assessments: dict[int, progress.Assessment] | None = None
        self._series: dict[int, dict[int, Decimal]] | None = None
        self._item_statuses: dict[int, Status] | None = None
        self._summaries: dict[Field | None, progress.Summary] = {}
        self._renumbered: dict[int, int] = {}
        self.village_laptop: str | None = None
        """The village named in a village secretary's settings (None at the commune office):
        such a laptop sends only that village's entries, so it types only those
        (ui.village_scope)."""

    def close(self) -> None:
        self.undo_stack.clear()
        self._renumbered.clear()
        self.store.close()

    def place_id(self, original: int) -> int:
        """A village deleted and brought back by undo gets a new id; commands made
        before that still name the old one."""
        while original in self._renumbered:
            original = self._renumbered[original]
        return original

    def renumber_place(self, old: int, new: int) -> None:
        self._renumbered[old] = new

    # --- reading, cached until the next write -------------------------------------------

    def series(self) -> dict[int, dict[int, Decimal]]:
        if self._series is None:
            self._series = self.store.all_series()
        return self._series

    def assessments(self) -> dict[int, progress.Assessment]:
        if self._assessments is None:
            # the store's one way of judging (a village total says how many reported)
            self._assessments = self.store.assessments()
        return self._assessments

    def item_statuses(self) -> dict[int, Status]:
        if self._item_statuses is None:
            self._item_statuses = self.store.item_statuses()  # counted by the store
        return self._item_statuses

    def summary(self, field: Field | None = None) -> progress.Summary:
        """The targets (all, or one field's) counted by status: the store counts them, as
        for the reports; the session only keeps the count until the next write."""
        if field not in self._summaries:
            self._summaries[field] = self.store.summary(field)
        return self._summaries[field]

    def invalidate(self) -> None:
        self._assessments = None
        self._series = None
        self._item_statuses = None
        self._summaries.clear()

    # --- after every write -------------------------------------------------------------

    def announce(self, change: Change, text: str | None = None) -> None:
        """Called by the commands after each write, undo and redo."""
        self.invalidate()
        stamp = datetime.now().strftime("%H:%M:%S")
        text = text or QCoreApplication.translate("Session", "Đã lưu")
        self.saved.emit(
            QCoreApplication.translate("Session", "{text} (lúc {time})").format(
                text=text, time=stamp
            )
        )
        self.changed.emit(change)

    def refuse(self, message: str) -> None:
        self.refused.emit(message)

    # --- writes (each raises StoreError with a Vietnamese message when refused; on a
    # database opened read-only, ReadOnlyDatabase before anything is read or pushed) ----

    def set_result(self, figure: Indicator, place: Place, year: int, entry: ResultInput) -> bool:
        """Write one result; return False when nothing changed."""
        self.store.check_writable()  # a read-only file: refused before anything
        old = self.store.set_result(figure.id, place.id, year, entry)
        new = self.store.result(figure.id, place.id, year)
        if ResultInput.of(old) == ResultInput.of(new):
            return False
        command = SetResultCommand(
            self, figure, place, year, ResultInput.of(old), ResultInput.of(new)
        )
        self.undo_stack.push(command)
        return True

    def set_task_state(
        self, item: Item, year: int, state: TaskState | None, note: str | None
    ) -> bool:
        self.store.check_writable()  # a read-only file: refused before anything
        old = self.store.task_states(item.id).get(year)
        if old == ((state, note or None) if state else None):
            return False
        self.store.set_task_state(item.id, year, state, note)
        self.undo_stack.push(SetTaskStateCommand(self, item, year, old, (state, note)))
        return True

    def set_figure_note(self, figure: Indicator, note: str | None) -> bool:
        """The figure's «Ghi chú, minh chứng», written as typed (like a cell, with undo and
        history); return False when nothing changed."""
        self.store.check_writable()  # a read-only file: refused before anything
        note = (note or "").strip() or None
        old = self.store.figure(figure.id).note
        if old == note:
            return False
        self.store.set_figure_note(figure.id, note)
        self.undo_stack.push(SetFigureNoteCommand(self, figure, old, note))
        return True

    def update_figure(self, figure: Indicator, **changes: Any) -> Indicator:
        return self._update_figure(figure, None, changes)

    def _update_figure(
        self, figure: Indicator, text: str | None, changes: dict[str, Any]
    ) -> Indicator:
        from .village_scope import catalogue_locked_reason

        self.store.check_writable()  # a read-only file: refused before anything
        locked = catalogue_locked_reason(self)  # a village laptop: the office's catalogue
        if locked:
            raise StoreError(locked)
        row_before = self.store.figure(figure.id)
        old = {key: getattr(row_before, key) for key in changes}
        old = {k: (int(v) if isinstance(v, bool) else v) for k, v in old.items()}
        changed = {k: v for k, v in changes.items() if old.get(k) != v}
        if not changed:
            return row_before
        updated = self.store.update_figure(figure.id, **changed)
        old = {k: old[k] for k in changed}
        command = UpdateFigureCommand(self, updated, old, changed)
        if text:
            command.setText(text)  # before the push, so that the Edit menu shows it
        self.undo_stack.push(command)
        return updated

    def add_figure(self, item: Item, **attributes: Any) -> Indicator:
        self.store.check_writable()  # a read-only file: refused before anything
        figure = self.store.add_figure(item.id, **attributes)
        self.undo_stack.push(AddFigureCommand(self, figure))
        return figure

    def retire_figure(self, figure: Indicator, retired: bool = True) -> Indicator:
        text = (
            QCoreApplication.translate("Session", "Thôi theo dõi «{name}»")
            if retired
            else QCoreApplication.translate("Session", "Theo dõi lại «{name}»")
        ).format(name=figure.name)
        return self.update_figure_with_text(figure, text, retired=int(retired))

    def update_figure_with_text(self, figure: Indicator, text: str, **changes: Any) -> Indicator:
        return self._update_figure(figure, text, changes)

    def set_milestone(self, figure: Indicator, year: int, value: Decimal | None) -> bool:
        """The clerk's planned value for one year (None: back to the straight path);
        return False when nothing changed."""
        self.store.check_writable()  # a read-only file: refused before anything
        old = self.store.figure(figure.id).milestones.get(year)
        if old == value or (old is not None and value is not None and old.compare(value) == 0):
            return False
        self.store.set_milestone(figure.id, year, value)
        self.undo_stack.push(SetMilestoneCommand(self, figure, year, old, value))
        return True

    def add_former_commune(self, name: str) -> Place:
        """A group of villages (a commune merged in 2025). Written at once and kept in
        the history; the store has no way to remove one, so this is not undone (a wrong
        name is corrected by renaming it)."""
        self.store.check_writable()
        place = self.store.add_former_commune(name)
        self.announce(Change("places", place_id=place.id))
        return place

    def add_village(self, name: str, parent_id: int | None) -> Place:
        self.store.check_writable()  # a read-only file: refused before anything
        place = self.store.add_village(name, parent_id)
        self.undo_stack.push(AddVillageCommand(self, place))
        return place

    def update_place(self, place: Place, **changes: Any) -> Place:
        self.store.check_writable()  # a read-only file: refused before anything
        before = self.store.place(self.place_id(place.id))
        old = {}
        for key in changes:
            value = getattr(before, key)
            old[key] = int(value) if isinstance(value, bool) else value
        changed = {k: v for k, v in changes.items() if old.get(k) != v}
        if not changed:
            return before
        updated = self.store.update_place(before.id, **changed)
        self.undo_stack.push(
            UpdatePlaceCommand(self, updated, {k: old[k] for k in changed}, changed)
        )
        return updated

    def delete_village(self, place: Place) -> None:
        self.store.check_writable()  # a read-only file: refused before anything
        self.store.delete_place(place.id)
        self.undo_stack.push(DeleteVillageCommand(self, place))


__all__ = ["Session", "StoreError"]
