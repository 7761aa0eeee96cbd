"""The store's front door: opens a database (locked, so one app at a time), closes it, and
hands the work to its parts, as Anki's Collection hands it to col.decks and col.models:

- ``store.catalogue``  items, figures, milestones, the commune and its term (catalogue.py)
- ``store.territory``  the commune, former communes and villages (places.py)
- ``store.entries``    results with their logical clocks, and their counts (results.py)
- ``store.progress``   series, assessments and statuses (progress.py)
- ``store.tasks``      the breakthroughs' and tasks' yearly states (tasks.py)
- ``store.changes``    the history of every change (history.py)
- ``store.exchange``   what packages between laptops need (exchange_tables.py)
- ``store.content``    everything as rows by table, for the JSON export and import (content.py)

Transactions, reading rows and the meta keys are the shared ``Access`` (access.py). The
methods below the parts are the names the rest of the app calls (``store.figures()``,
``store.set_result()``, …): each only passes the call to its part."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..core import progress
from ..core.model import (
    Field,
    HistoryEntry,
    Indicator,
    Item,
    Place,
    Result,
    Section,
    Status,
    TaskState,
)
from ..paths import can_write
from .access import DEFAULT_USER, Access
from .backup import remove_leftovers
from .catalogue import EDITABLE_FIGURE_ATTRIBUTES, Catalogue
from .content import Content
from .database import create_database, open_database, open_read_only
from .errors import StoreError, folder_message, from_os_error, name_too_long_message
from .exchange_tables import ExchangeTables
from .files import name_fits
from .history import ChangeLog
from .lock import DatabaseLock
from .places import Territory
from .progress import Progress
from .records import ResultInput
from .results import Entries, Origin
from .seed import read_seed
from .tasks import TaskEntry, Tasks
from .values import history_text, now_text

__all__ = [
    "DEFAULT_USER",
    "EDITABLE_FIGURE_ATTRIBUTES",
    "ResultInput",
    "Store",
    "history_text",
    "now_text",
]


class Store(Access):
    """One open database and its parts."""

    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        user: str = DEFAULT_USER,
        *,
        read_only: bool = False,
    ):
        super().__init__(db, path, user, read_only=read_only)
        self._lock: DatabaseLock | None = None
        self.changes = ChangeLog(self)
        self.catalogue = Catalogue(self, self.changes)
        self.territory = Territory(self, self.changes)
        self.entries = Entries(self, self.changes, self.catalogue, self.territory)
        self.progress = Progress(self, self.catalogue, self.territory)
        self.tasks = Tasks(self, self.changes, self.catalogue)
        self.exchange = ExchangeTables(
            self, self.changes, self.catalogue, self.territory, self.entries
        )
        self.content = Content(self)

    # --- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create: bool = True, user: str = DEFAULT_USER) -> Store:
        """Open the database at ``path``, creating it with the resolution if it is absent.

        Only one app may hold a database at a time; a second gets a clear message. A file
        that cannot be written (file, folder or disk) is opened for reading only
        (``read_only``); every write to it is then refused with a message. Temporary files
        a power cut left beside it are removed. Every refusal is a StoreError."""
        path = Path(path)
        if path.is_dir():
            raise StoreError(folder_message(path.name))
        if not name_fits(path):  # SQLite could not write the journal beside it
            raise StoreError(name_too_long_message(path.name))
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            if not path.exists():
                if not create:
                    raise StoreError(f"Không tìm thấy tệp «{path.name}».")
                create_database(path, read_seed(), created_by=user)
                lock.follow()  # the file exists now: lock it, not its name
            if can_write(path):  # the file and its folder, where SQLite puts its journal
                remove_leftovers(path)
                store = cls(open_database(path), path, user)
            else:
                store = cls(open_read_only(path), path, user, read_only=True)
        except OSError as error:
            lock.release()
            raise from_os_error(error, path.name) from None
        except BaseException:
            lock.release()
            raise
        store._lock = lock
        return store

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- the catalogue (catalogue.py) -------------------------------------------------

    def commune_name(self) -> str:
        return self.catalogue.commune_name()

    def term(self) -> tuple[int, int]:
        return self.catalogue.term()

    def items(self, section: Section | None = None, field: Field | None = None) -> list[Item]:
        return self.catalogue.items(section, field)

    def item(self, item_id: int) -> Item:
        return self.catalogue.item(item_id)

    def figures(
        self, item_id: int | None = None, *, include_retired: bool = False
    ) -> list[Indicator]:
        return self.catalogue.figures(item_id, include_retired=include_retired)

    def figure(self, figure_id: int) -> Indicator:
        return self.catalogue.figure(figure_id)

    def figure_by_code(self, code: str) -> Indicator:
        return self.catalogue.figure_by_code(code)

    def update_figure(self, figure_id: int, **changes: Any) -> Indicator:
        return self.catalogue.update_figure(figure_id, **changes)

    def set_figure_note(self, figure_id: int, note: str | None) -> Indicator:
        return self.catalogue.set_figure_note(figure_id, note)

    def add_figure(self, item_id: int, **attributes: Any) -> Indicator:
        return self.catalogue.add_figure(item_id, **attributes)

    def retire_figure(self, figure_id: int, retired: bool = True) -> Indicator:
        return self.catalogue.retire_figure(figure_id, retired)

    def set_milestone(self, figure_id: int, year: int, value: Decimal | None) -> None:
        self.catalogue.set_milestone(figure_id, year, value)

    # --- places (places.py) -------------------------------------------------------------

    def places(self, *, include_retired: bool = True) -> list[Place]:
        return self.territory.places(include_retired=include_retired)

    def place(self, place_id: int) -> Place:
        return self.territory.place(place_id)

    def commune(self) -> Place:
        return self.territory.commune()

    def villages(self, *, include_retired: bool = False) -> list[Place]:
        return self.territory.villages(include_retired=include_retired)

    def former_communes(self) -> list[Place]:
        return self.territory.former_communes()

    def add_former_commune(self, name: str) -> Place:
        return self.territory.add_former_commune(name)

    def add_village(self, name: str, parent_id: int | None = None) -> Place:
        return self.territory.add_village(name, parent_id)

    def update_place(self, place_id: int, **changes: Any) -> Place:
        return self.territory.update_place(place_id, **changes)

    def delete_place(self, place_id: int) -> None:
        self.territory.delete_place(place_id)

    # --- results (results.py) -----------------------------------------------------------

    def results(self, figure_id: int | None = None) -> list[Result]:
        return self.entries.results(figure_id)

    def result(self, figure_id: int, place_id: int, year: int) -> Result | None:
        return self.entries.result(figure_id, place_id, year)

    def set_result(
        self, figure_id: int, place_id: int, year: int, entry: ResultInput
    ) -> Result | None:
        return self.entries.set_result(figure_id, place_id, year, entry)

    def write_result(
        self,
        figure_id: int,
        place_id: int,
        year: int,
        entry: ResultInput,
        *,
        origin: Origin,
        entered_by: str,
        entered_at: str,
    ) -> None:
        self.entries.write_result(
            figure_id,
            place_id,
            year,
            entry,
            origin=origin,
            entered_by=entered_by,
            entered_at=entered_at,
        )

    def current_origin(self, figure_id: int, place_id: int, year: int) -> Origin | None:
        return self.entries.current_origin(figure_id, place_id, year)

    def current_base(self, figure_id: int, place_id: int, year: int) -> Origin | None:
        return self.entries.current_base(figure_id, place_id, year)

    def device_id(self) -> str:
        return self.entries.device_id()

    def latest_year(self) -> int | None:
        return self.entries.latest_year()

    def result_counts_by_place(self) -> dict[int, int]:
        return self.entries.result_counts_by_place()

    def latest_entry_day(self, up_to_year: int | None = None) -> date | None:
        return self.entries.latest_entry_day(up_to_year)

    def years_with_values(self) -> list[int]:
        return self.entries.years_with_values()

    # --- progress (progress.py) -----------------------------------------------------------

    def commune_series(self, figure: Indicator) -> dict[int, Decimal]:
        return self.progress.commune_series(figure)

    def all_series(self) -> dict[int, dict[int, Decimal]]:
        return self.progress.all_series()

    def assess(self, figure: Indicator, as_of: int | None = None) -> progress.Assessment:
        return self.progress.assess(figure, as_of)

    def assessments(self, as_of: int | None = None) -> dict[int, progress.Assessment]:
        return self.progress.assessments(as_of)

    def item_statuses(self, as_of: int | None = None) -> dict[int, Status]:
        return self.progress.item_statuses(as_of)

    def summary(self, field: Field | None = None, as_of: int | None = None) -> progress.Summary:
        return self.progress.summary(field, as_of)

    # --- breakthroughs and tasks (tasks.py) ---------------------------------------------

    def task_states(self, item_id: int) -> dict[int, TaskEntry]:
        return self.tasks.task_states(item_id)

    def set_task_state(
        self, item_id: int, year: int, state: TaskState | None, note: str | None = None
    ) -> TaskEntry | None:
        return self.tasks.set_task_state(item_id, year, state, note)

    # --- history (history.py) ---------------------------------------------------------------

    def history(
        self,
        *,
        figure_id: int | None = None,
        place_id: int | None = None,
        year: int | None = None,
        item_id: int | None = None,
        limit: int | None = None,
    ) -> list[HistoryEntry]:
        return self.changes.entries(
            figure_id=figure_id, place_id=place_id, year=year, item_id=item_id, limit=limit
        )
