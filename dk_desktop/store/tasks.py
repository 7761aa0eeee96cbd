"""The breakthroughs' and tasks' yearly states (not started, in progress, done), each set
with its history, for the years of the catalogue's term."""

from __future__ import annotations

from ..core.model import TaskState
from .access import Access
from .catalogue import Catalogue
from .errors import StoreError
from .history import ChangeLog
from .values import now_text

TaskEntry = tuple[TaskState, str | None]
"""A year's state and its note."""


class Tasks:
    """The task states of one database."""

    def __init__(self, access: Access, changes: ChangeLog, catalogue: Catalogue):
        self._access = access
        self._changes = changes
        self._catalogue = catalogue

    def task_states(self, item_id: int) -> dict[int, TaskEntry]:
        rows = self._access.query(
            "SELECT * FROM task_states WHERE item_id = ? ORDER BY year", [item_id]
        )
        return {row["year"]: (TaskState(row["state"]), row["note"]) for row in rows}

    def set_task_state(
        self, item_id: int, year: int, state: TaskState | None, note: str | None = None
    ) -> TaskEntry | None:
        """Set (or clear, with None) a breakthrough's or task's state for a year; return
        the previous state for undo."""
        self._catalogue.item(item_id)
        first_year, last_year = self._catalogue.term()
        if not first_year <= year <= last_year:
            raise StoreError(f"Năm phải từ {first_year} đến {last_year}.")
        old = self.task_states(item_id).get(year)
        with self._access.transaction():
            if state is None:
                self._access.table("task_states").delete_where(
                    "item_id = ? AND year = ?", [item_id, year]
                )
            else:
                self._access.table("task_states").upsert(
                    {
                        "item_id": item_id,
                        "year": year,
                        "state": state.value,
                        "note": note or None,
                        "entered_by": self._access.user,
                        "entered_at": now_text(),
                    },
                    pk=("item_id", "year"),
                )
            self._changes.log(
                "task_state",
                "update",
                item_id=item_id,
                year=year,
                attribute="state",
                old=old[0].value if old else None,
                new=state.value if state else None,
                note=note,
            )
        return old
