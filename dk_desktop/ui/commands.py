"""Undo and redo: one small QUndoCommand per kind of edit.

The session has already written the edit when it pushes the command, so the first
redo() (which QUndoStack.push calls) does nothing; later redo() and undo() write to the
database again through the store, so that the file always holds what the screen shows.
A write that the store refuses during undo/redo is reported, never raised into Qt.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from ..core.model import Figure, Item, Place, PlaceKind, TaskState
from ..store.errors import StoreError
from ..store.repository import ResultInput
from .display import value_text

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
            self.session.announce(self.change(), "Đã lưu")
            return
        self._run(self.apply, "làm lại")

    def undo(self) -> None:
        self._run(self.revert, "hoàn tác")

    def _run(self, action, verb: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except StoreError as error:
            self.session.refuse(f"Không {verb} được «{self.text()}»: {error}")
            self.session.announce(self.change(), f"Chưa {verb}")
            return
        self.session.announce(self.change(), f"Đã {verb}: {self.text()} — đã lưu")

    def apply(self) -> None:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("all")


class SetResultCommand(_Command):
    def __init__(
        self,
        session: Session,
        figure: Figure,
        place: Place,
        year: int,
        old: ResultInput,
        new: ResultInput,
        what: str = "",
    ):
        shown = value_text(figure, new.value) if new.value is not None else "(xóa)"
        where = "" if place.parent_id is None else f", {place.name}"
        text = what or f"nhập «{figure.name}»{where} năm {year}: {shown}"
        super().__init__(session, text)
        self.figure_id = figure.id
        self.place_id = place.id
        self.year = year
        self.old = old
        self.new = new

    def _write(self, entry: ResultInput) -> None:
        place_id = self.session.place_id(self.place_id)
        self.session.store.set_result(self.figure_id, place_id, self.year, entry)

    def apply(self) -> None:
        self._write(self.new)

    def revert(self) -> None:
        self._write(self.old)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

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
        state = new[0].label if new[0] else "(xóa)"
        super().__init__(session, f"trạng thái «{item.number}. {item.name}» năm {year}: {state}")
        self.item_id = item.id
        self.year = year
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.set_task_state(self.item_id, self.year, self.new[0], self.new[1])

    def revert(self) -> None:
        state, note = self.old if self.old else (None, None)
        self.session.store.set_task_state(self.item_id, self.year, state, note)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("task", item_id=self.item_id, year=self.year)


class SetMilestoneCommand(_Command):
    """A planned value of one year ("Mốc kế hoạch"), or its removal."""

    def __init__(
        self,
        session: Session,
        figure: Figure,
        year: int,
        old: Decimal | None,
        new: Decimal | None,
    ):
        shown = value_text(figure, new) if new is not None else "(trở về lộ trình đều)"
        super().__init__(session, f"mốc kế hoạch «{figure.name}» năm {year}: {shown}")
        self.figure_id = figure.id
        self.item_id = figure.item_id
        self.year = year
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.set_milestone(self.figure_id, self.year, self.new)

    def revert(self) -> None:
        self.session.store.set_milestone(self.figure_id, self.year, self.old)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id, year=self.year)


class UpdateFigureCommand(_Command):
    def __init__(self, session: Session, figure: Figure, old: dict[str, Any], new: dict[str, Any]):
        super().__init__(session, f"sửa chỉ số «{figure.name}»")
        self.figure_id = figure.id
        self.item_id = figure.item_id
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.update_figure(self.figure_id, **self.new)

    def revert(self) -> None:
        self.session.store.update_figure(self.figure_id, **self.old)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id)


class AddFigureCommand(_Command):
    """Undoing an added figure retires it (the store keeps every figure and its history)."""

    def __init__(self, session: Session, figure: Figure):
        super().__init__(session, f"thêm chỉ số «{figure.name}»")
        self.figure_id = figure.id
        self.item_id = figure.item_id

    def apply(self) -> None:
        self.session.store.retire_figure(self.figure_id, False)

    def revert(self) -> None:
        self.session.store.retire_figure(self.figure_id, True)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("catalogue", figure_id=self.figure_id, item_id=self.item_id)


class AddVillageCommand(_Command):
    def __init__(self, session: Session, place: Place):
        super().__init__(session, f"thêm bản «{place.name}»")
        self.place_id = place.id
        self.name = place.name
        self.parent_id = place.parent_id

    def apply(self) -> None:
        place = self.session.store.add_village(self.name, self.parent_id)
        self.session.renumber_place(self.session.place_id(self.place_id), place.id)

    def revert(self) -> None:
        self.session.store.delete_place(self.session.place_id(self.place_id))

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("places", place_id=self.place_id)


class DeleteVillageCommand(AddVillageCommand):
    def __init__(self, session: Session, place: Place):
        super().__init__(session, place)
        self.setText(f"xóa bản «{place.name}»")

    def apply(self) -> None:
        AddVillageCommand.revert(self)

    def revert(self) -> None:
        AddVillageCommand.apply(self)


class UpdatePlaceCommand(_Command):
    def __init__(self, session: Session, place: Place, old: dict[str, Any], new: dict[str, Any]):
        noun = "xã cũ" if place.kind is PlaceKind.FORMER_COMMUNE else "bản"
        if set(new) == {"retired"}:
            verb = "thôi theo dõi" if new["retired"] else "theo dõi lại"
            text = f"{verb} {noun} «{place.name}»"
        elif set(new) == {"name"}:
            text = f"đổi tên {noun} «{old['name']}» thành «{new['name']}»"
        else:
            text = f"sửa {noun} «{place.name}»"
        super().__init__(session, text)
        self.place_id = place.id
        self.old = old
        self.new = new

    def apply(self) -> None:
        self.session.store.update_place(self.session.place_id(self.place_id), **self.new)

    def revert(self) -> None:
        self.session.store.update_place(self.session.place_id(self.place_id), **self.old)

    def change(self):  # type: ignore[no-untyped-def]
        from .session import Change

        return Change("places", place_id=self.place_id)
