"""Undo and redo: one small QUndoCommand per kind of edit.

The session has already written the edit when it pushes the command, so the first
redo() (which QUndoStack.push calls) does nothing; later redo() and undo() write to the
database again through the store, so that the file always holds what the screen shows.
A write that the store refuses during undo/redo is reported, never raised into Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..core.model import Indicator, Item, Place, PlaceKind, TaskState
from ..store.errors import StoreError
from ..store.repository import ResultInput
from .change import Change
from .display import value_text
from .texts import task_state_label, translate

if TYPE_CHECKING:
    from .session import Session


class _Command(QUndoCommand):
    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self._done = True  # written by the session before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            self.session.announce(self.change(), translate("commands", "Đã lưu"))
            return
        self._run(
            self.apply,
            translate("commands", "Không làm lại được «{what}»: {error}"),
            translate("commands", "Chưa làm lại"),
            translate("commands", "Đã làm lại: {what} — đã lưu"),
        )

    def undo(self) -> None:
        self._run(
            self.revert,
            translate("commands", "Không hoàn tác được «{what}»: {error}"),
            translate("commands", "Chưa hoàn tác"),
            translate("commands", "Đã hoàn tác: {what} — đã lưu"),
        )

    def _run(self, action: Callable[[], None], refused: str, not_done: str, done: str) -> None:
        try:
            action()
        except StoreError as error:
            self.session.refuse(refused.format(what=self.text(), error=error))
            self.session.announce(self.change(), not_done)
            return
        self.session.announce(self.change(), done.format(what=self.text()))

    def apply(self) -> None:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def change(self) -> Change:
        return Change("all")


class SetResultCommand(_Command):
    def __init__(
        self,
        session: Session,
        figure: Indicator,
        place: Place,
        year: int,
        old: ResultInput,
        new: ResultInput,
    ):
        shown = (
            value_text(figure, new.value)
            if new.value is not None
            else translate("commands", "(xóa)")
        )
        if place.parent_id is None:
            text = translate("commands", "nhập «{figure}» năm {year}: {value}")
        else:
            text = translate("commands", "nhập «{figure}», {place} năm {year}: {value}")
        text = text.format(figure=figure.name, place=place.name, year=year, value=shown)
        super().__init__(session, text)
        self.figure_id = figure.id
        self.place_id = place.id
        self.year = year
        self.old = old
        self.new = new

    def _write(self, expected: ResultInput, entry: ResultInput) -> None:
        """Write ``entry`` only over what this command left (or found): a figure changed
        since by something else (a package received, a conflict resolved) is never
        overwritten by an undo."""
        place_id = self.session.place_id(self.place_id)
        store = self.session.store
        if ResultInput.of(store.result(self.figure_id, place_id, self.year)) != expected:
            raise StoreError(
                translate(
                    "commands",
                    "số liệu này đã được thay đổi sau đó (nhận gói hoặc chọn xung đột); "
                    "không ghi đè.",
                )
            )
        store.set_result(self.figure_id, place_id, self.year, entry)

    def apply(self) -> None:
        self._write(self.old, self.new)

    def revert(self) -> None:
        self._write(self.new, self.old)

    def change(self) -> Change:
        return Change("result", figure_id=self.figure_id, place_id=self.place_id, year=self.year)


class SetTaskStateCommand(_Command):
    def __init__(
        self,
        session: Session,
        item: Item,
        year: int,
        old: tuple[TaskState, str | None] | None,
        new: tuple[TaskState | None, str | None],
    ):
        state = task_state_label(new[0]) if new[0] else translate("commands", "(xóa)")
        text = translate("commands", "trạng thái «{number}. {name}» năm {year}: {state}").format(
            number=item.number, name=item.name, year=year, state=state
        )
        super().__init__(session, text)
        self.item_id = item.id
        self.year = year
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.set_task_state(self.item_id, self.year, self.new[0], self.new[1])

    def revert(self) -> None:
        state, note = self.old if self.old else (None, None)
        self.session.store.set_task_state(self.item_id, self.year, state, note)

    def change(self) -> Change:
        return Change("task", item_id=self.item_id, year=self.year)


class SetMilestoneCommand(_Command):
    """A planned value of one year ("Mốc kế hoạch"), or its removal."""

    def __init__(
        self,
        session: Session,
        figure: Indicator,
        year: int,
        old: Decimal | None,
        new: Decimal | None,
    ):
        shown = (
            value_text(figure, new)
            if new is not None
            else translate("commands", "(trở về lộ trình đều)")
        )
        text = translate("commands", "mốc kế hoạch «{figure}» năm {year}: {value}").format(
            figure=figure.name, year=year, value=shown
        )
        super().__init__(session, text)
        self.figure_id = figure.id
        self.item_id = figure.item_id
        self.year = year
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.set_milestone(self.figure_id, self.year, self.new)

    def revert(self) -> None:
        self.session.store.set_milestone(self.figure_id, self.year, self.old)

    def change(self) -> Change:
        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id, year=self.year)


class UpdateFigureCommand(_Command):
    def __init__(
        self, session: Session, figure: Indicator, old: dict[str, Any], new: dict[str, Any]
    ):
        super().__init__(
            session, translate("commands", "sửa chỉ số «{name}»").format(name=figure.name)
        )
        self.figure_id = figure.id
        self.item_id = figure.item_id
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.update_figure(self.figure_id, **self.new)

    def revert(self) -> None:
        self.session.store.update_figure(self.figure_id, **self.old)

    def change(self) -> Change:
        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id)


class SetFigureNoteCommand(_Command):
    """The figure's «Ghi chú, minh chứng», written when the person leaves the field."""

    def __init__(self, session: Session, figure: Indicator, old: str | None, new: str | None):
        super().__init__(
            session, translate("commands", "ghi chú của «{name}»").format(name=figure.name)
        )
        self.figure_id = figure.id
        self.item_id = figure.item_id
        self.old = old
        self.new = new

    def _write(self, expected: str | None, note: str | None) -> None:
        """Like a result: a note changed since by something else (a configuration package
        received) is never overwritten by an undo."""
        store = self.session.store
        if store.figure(self.figure_id).note != expected:
            raise StoreError(
                translate("commands", "ghi chú này đã được thay đổi sau đó; không ghi đè.")
            )
        store.set_figure_note(self.figure_id, note)

    def apply(self) -> None:
        self._write(self.old, self.new)

    def revert(self) -> None:
        self._write(self.new, self.old)

    def change(self) -> Change:
        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id)


class AddFigureCommand(_Command):
    """Undoing an added figure retires it (the store keeps every figure and its history)."""

    def __init__(self, session: Session, figure: Indicator):
        super().__init__(
            session, translate("commands", "thêm chỉ số «{name}»").format(name=figure.name)
        )
        self.figure_id = figure.id
        self.item_id = figure.item_id

    def apply(self) -> None:
        self.session.store.retire_figure(self.figure_id, False)

    def revert(self) -> None:
        self.session.store.retire_figure(self.figure_id, True)

    def change(self) -> Change:
        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id)


class AddVillageCommand(_Command):
    def __init__(self, session: Session, place: Place):
        super().__init__(
            session, translate("commands", "thêm bản «{name}»").format(name=place.name)
        )
        self.place_id = place.id
        self.name = place.name
        self.parent_id = place.parent_id

    def apply(self) -> None:
        place = self.session.store.add_village(self.name, self.parent_id)
        self.session.renumber_place(self.session.place_id(self.place_id), place.id)

    def revert(self) -> None:
        self.session.store.delete_place(self.session.place_id(self.place_id))

    def change(self) -> Change:
        return Change("places", place_id=self.place_id)


class DeleteVillageCommand(AddVillageCommand):
    def __init__(self, session: Session, place: Place):
        super().__init__(session, place)
        self.setText(translate("commands", "xóa bản «{name}»").format(name=place.name))

    def apply(self) -> None:
        AddVillageCommand.revert(self)

    def revert(self) -> None:
        AddVillageCommand.apply(self)


class UpdatePlaceCommand(_Command):
    def __init__(self, session: Session, place: Place, old: dict[str, Any], new: dict[str, Any]):
        former = place.kind is PlaceKind.FORMER_COMMUNE
        if set(new) == {"retired"} and new["retired"]:
            text = (
                translate("commands", "thôi theo dõi xã cũ «{name}»")
                if former
                else translate("commands", "thôi theo dõi bản «{name}»")
            )
        elif set(new) == {"retired"}:
            text = (
                translate("commands", "theo dõi lại xã cũ «{name}»")
                if former
                else translate("commands", "theo dõi lại bản «{name}»")
            )
        elif set(new) == {"name"}:
            text = (
                translate("commands", "đổi tên xã cũ «{old}» thành «{name}»")
                if former
                else translate("commands", "đổi tên bản «{old}» thành «{name}»")
            )
        else:
            text = (
                translate("commands", "sửa xã cũ «{name}»")
                if former
                else translate("commands", "sửa bản «{name}»")
            )
        text = text.format(name=new.get("name", place.name), old=old.get("name", ""))
        super().__init__(session, text)
        self.place_id = place.id
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.update_place(self.session.place_id(self.place_id), **self.new)

    def revert(self) -> None:
        self.session.store.update_place(self.session.place_id(self.place_id), **self.old)

    def change(self) -> Change:
        return Change("places", place_id=self.place_id)
