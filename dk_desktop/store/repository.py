"""The one place that reads and writes the database. Widgets and commands call these
methods and get plain records back; every write is one transaction that also records
who changed what, and when, in the history table."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..core import progress
from ..core.model import (
    Aggregation,
    Direction,
    Field,
    FigureSpec,
    HistoryEntry,
    Indicator,
    Item,
    Kind,
    Place,
    PlaceKind,
    Result,
    Section,
    Status,
    TaskState,
    ValueType,
)
from ..core.names import clean_name, name_key
from ..core.numbers import decimal_from_db, format_number
from ..core.validation import VILLAGE_RATIO_EXPECTED, check_ratio, check_value
from ..paths import can_write
from .backup import backup_database, remove_leftovers
from .database import create_database, open_database, open_read_only
from .errors import (
    ReadOnlyDatabase,
    StoreError,
    folder_message,
    from_os_error,
    from_sqlite_error,
    name_too_long_message,
    read_only_message,
)
from .files import name_fits
from .lock import DatabaseLock
from .schema import place_uid
from .seed import read_seed

DEFAULT_USER = "Văn phòng xã"
FIRST_YEAR, LAST_YEAR = 2025, 2030

# Catalogue attributes the clerk may change, and how each is stored.
EDITABLE_FIGURE_ATTRIBUTES = {
    "name": "text",
    "unit": "text",
    "kind": "text",
    "direction": "text",
    "comparator": "text",
    "target": "number",
    "target_high": "number",
    "target_year": "int",
    "value_type": "text",
    "aggregation": "text",
    "numerator_label": "text",
    "denominator_label": "text",
    "baseline": "number",
    "note": "text",
    "retired": "int",
}


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else decimal_from_db(value)


def _float(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def history_text(value: Any) -> str | None:
    """Values in the history table: canonical decimals ("26.3"), text as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value.normalize()) if value != value.to_integral_value() else str(int(value))
    if isinstance(value, float):
        return history_text(decimal_from_db(value))
    return str(value)


@dataclass(frozen=True)
class ResultInput:
    """What a person entered for one figure, place and year; all None clears it."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.numerator is None and not self.note

    @classmethod
    def of(cls, result: Result | None) -> ResultInput:
        if result is None:
            return cls()
        return cls(result.value, result.numerator, result.denominator, result.note)


class Store:
    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        user: str = DEFAULT_USER,
        *,
        read_only: bool = False,
    ):
        self.db = db
        self.path = path
        self.user = user
        self.read_only = read_only  # the file, folder or disk cannot be written
        self._lock: DatabaseLock | None = None

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

    def backup(self, reason: str) -> Path | None:
        """A backup before a risky change (import, restore, catalogue change)."""
        if self.path is None:
            return None
        return backup_database(self.db, self.path, reason=reason)

    def check_writable(self) -> None:
        """Refuse, before anything is done, a change to a database opened read-only."""
        if self.read_only:
            name = self.path.name if self.path is not None else ""
            raise ReadOnlyDatabase(read_only_message(name))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write; database refusals (and a busy, full or read-only
        file) become Vietnamese messages, and nothing is changed."""
        self.check_writable()
        try:
            with self.db.atomic():
                yield
        except sqlite3.IntegrityError as error:
            raise StoreError(_integrity_message(error)) from None
        except sqlite3.Error as error:
            refusal = from_sqlite_error(error, self.path.name if self.path else "")
            if refusal is None:
                raise
            raise refusal from None

    # --- the catalogue -------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.db["meta"].rows}

    def commune_name(self) -> str:
        return self.meta().get("commune_name", "")

    def items(self, section: Section | None = None, field: Field | None = None) -> list[Item]:
        where, params = [], []
        if section is not None:
            where.append("section = ?")
            params.append(section.value)
        if field is not None:
            where.append("field_code = ?")
            params.append(field.value)
        sql = "SELECT * FROM items"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_item(row) for row in self.query(sql + " ORDER BY position", params)]

    def item(self, item_id: int) -> Item:
        rows = self.query("SELECT * FROM items WHERE id = ?", [item_id])
        if not rows:
            raise StoreError(f"Không có mục số {item_id}.")
        return _item(rows[0])

    def figures(
        self, item_id: int | None = None, *, include_retired: bool = False
    ) -> list[Indicator]:
        sql = "SELECT f.* FROM figures f JOIN items i ON i.id = f.item_id"
        where, params = [], []
        if item_id is not None:
            where.append("f.item_id = ?")
            params.append(item_id)
        if not include_retired:
            where.append("f.retired = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.query(sql + " ORDER BY i.position, f.position", params)
        milestones = self._milestones()
        return [_figure(row, milestones.get(row["id"], {})) for row in rows]

    def figure(self, figure_id: int) -> Indicator:
        rows = self.query("SELECT * FROM figures WHERE id = ?", [figure_id])
        if not rows:
            raise StoreError(f"Không có chỉ số số {figure_id}.")
        return _figure(rows[0], self._milestones().get(figure_id, {}))

    def figure_by_code(self, code: str) -> Indicator:
        rows = self.query("SELECT id FROM figures WHERE code = ?", [code])
        if not rows:
            raise StoreError(f"Không có chỉ số mã «{code}».")
        return self.figure(rows[0]["id"])

    def _milestones(self) -> dict[int, dict[int, Decimal]]:
        result: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for row in self.query("SELECT figure_id, year, value FROM milestones"):
            result[row["figure_id"]][row["year"]] = decimal_from_db(row["value"])
        return result

    # --- places ---------------------------------------------------------------------

    def places(self, *, include_retired: bool = True) -> list[Place]:
        sql = "SELECT * FROM places"
        if not include_retired:
            sql += " WHERE retired = 0"
        return [_place(row) for row in self.query(sql + " ORDER BY kind = 'village', position, id")]

    def place(self, place_id: int) -> Place:
        rows = self.query("SELECT * FROM places WHERE id = ?", [place_id])
        if not rows:
            raise StoreError(f"Không có địa bàn số {place_id}.")
        return _place(rows[0])

    def commune(self) -> Place:
        return next(p for p in self.places() if p.kind is PlaceKind.COMMUNE)

    def villages(self, *, include_retired: bool = False) -> list[Place]:
        return [
            p for p in self.places(include_retired=include_retired) if p.kind is PlaceKind.VILLAGE
        ]

    def former_communes(self) -> list[Place]:
        return [p for p in self.places() if p.kind is PlaceKind.FORMER_COMMUNE]

    def add_former_commune(self, name: str) -> Place:
        """A group of villages (the communes merged in 2025), for grouping and reports."""
        return self._add_place(
            name,
            PlaceKind.FORMER_COMMUNE,
            self.commune().id,
            empty="Cần nhập tên xã cũ (ví dụ: Quy Hướng).",
            taken="Đã có xã cũ tên «{name}».",
        )

    def add_village(self, name: str, parent_id: int | None = None) -> Place:
        return self._add_place(
            name,
            PlaceKind.VILLAGE,
            parent_id or self.commune().id,
            empty="Cần nhập tên bản (ví dụ: Bản Suối Giăng 1).",
            taken="Đã có bản tên «{name}». Mỗi bản chỉ có một tên.",
        )

    def _add_place(
        self, name: str, kind: PlaceKind, parent_id: int, *, empty: str, taken: str
    ) -> Place:
        self._check_parent(kind, parent_id)
        name = clean_name(name)  # NFC: an NFD «Bản Suối Giăng 1» is the same name
        if not name:
            raise StoreError(empty)
        siblings = [p for p in self.places() if p.kind is kind]
        if any(name_key(p.name) == name_key(name) for p in siblings):
            raise StoreError(taken.format(name=name))
        row = {
            "name": name,
            "kind": kind.value,
            "parent_id": parent_id,
            "position": 1 + max((p.position for p in siblings), default=0),
            "uid": place_uid(kind.value, name),
        }
        with self.transaction():
            place_id = self.db["places"].insert(row).last_pk
            self._log("place", "insert", place_id=place_id, attribute="name", new=name)
        return self.place(place_id)

    def _check_parent(self, kind: PlaceKind, parent_id: int | None) -> None:
        """A village belongs to the commune or a former commune; a former commune to the
        commune."""
        allowed = {PlaceKind.COMMUNE} | (
            {PlaceKind.FORMER_COMMUNE} if kind is PlaceKind.VILLAGE else set()
        )
        parent = self.place(parent_id) if parent_id is not None else None
        if parent is None or parent.kind not in allowed:
            raise StoreError("Bản chỉ thuộc xã hoặc một xã cũ; xã cũ thuộc xã.")

    def update_place(self, place_id: int, **changes: Any) -> Place:
        """Rename (name), regroup (parent_id), retire or bring back (retired) a place."""
        place = self.place(place_id)
        if "parent_id" in changes:
            self._check_parent(place.kind, changes["parent_id"])
        allowed = {"name", "parent_id", "retired"}
        if set(changes) - allowed:
            raise StoreError(f"Không sửa được: {', '.join(sorted(set(changes) - allowed))}.")
        if "name" in changes:
            changes["name"] = clean_name(str(changes["name"]))
            if not changes["name"]:
                raise StoreError("Tên địa bàn không được để trống.")
        if "retired" in changes:
            changes["retired"] = int(bool(changes["retired"]))
        with self.transaction():
            old = self.db["places"].get(place_id)
            self.db["places"].update(place_id, changes)
            for key, value in changes.items():
                if old[key] != value:
                    self._log(
                        "place",
                        "update",
                        place_id=place.id,
                        attribute=key,
                        old=old[key],
                        new=value,
                    )
        return self.place(place_id)

    def delete_place(self, place_id: int) -> None:
        """Only a village without any figure may be deleted; others are retired instead."""
        place = self.place(place_id)
        if place.kind is not PlaceKind.VILLAGE:
            raise StoreError("Chỉ xóa được bản; xã và xã cũ được giữ lại.")
        if self.db.execute("SELECT 1 FROM results WHERE place_id = ?", [place_id]).fetchone():
            raise StoreError(
                f"Bản «{place.name}» đã có số liệu nên không xóa được. "
                "Hãy chọn «Thôi theo dõi» để ẩn bản mà vẫn giữ số liệu."
            )
        if self.db.execute(
            "SELECT 1 FROM conflicts WHERE place_id = ? AND resolved_at IS NULL", [place_id]
        ).fetchone():
            raise StoreError(f"Bản «{place.name}» còn xung đột số liệu chờ chọn; chưa xóa được.")
        with self.transaction():
            # A figure typed then cleared leaves a tombstone (and perhaps a decided conflict):
            # nothing of the village remains to keep, so they go with it.
            for table in ("result_tombstones", "conflicts"):
                self.db.execute(f"DELETE FROM {table} WHERE place_id = ?", [place_id])
            self.db["places"].delete(place_id)
            self._log("place", "delete", place_id=place_id, attribute="name", old=place.name)

    # --- results ----------------------------------------------------------------------

    def results(self, figure_id: int | None = None) -> list[Result]:
        sql = "SELECT * FROM results"
        params: list[Any] = []
        if figure_id is not None:
            sql += " WHERE figure_id = ?"
            params.append(figure_id)
        return [
            _result(row) for row in self.query(sql + " ORDER BY figure_id, place_id, year", params)
        ]

    def result(self, figure_id: int, place_id: int, year: int) -> Result | None:
        rows = self.query(
            "SELECT * FROM results WHERE figure_id = ? AND place_id = ? AND year = ?",
            [figure_id, place_id, year],
        )
        return _result(rows[0]) if rows else None

    def set_result(
        self, figure_id: int, place_id: int, year: int, entry: ResultInput
    ) -> Result | None:
        """Write one entry (an empty entry clears it); return what was there before, so
        that the caller can undo. Refuses a value that does not fit the figure."""
        figure = self.figure(figure_id)
        place = self.place(place_id)
        entry = self._checked(figure, place, year, entry)
        old = self.result(figure_id, place_id, year)
        if ResultInput.of(old) == entry:
            return old
        with self.transaction():
            origin = (self.device_id(), self._next_counter())
            self.write_result(
                figure_id,
                place_id,
                year,
                entry,
                origin=origin,
                entered_by=self.user,
                entered_at=now_text(),
            )
            self._log_result_change(figure_id, place_id, year, old, entry)
        return old

    def write_result(
        self,
        figure_id: int,
        place_id: int,
        year: int,
        entry: ResultInput,
        *,
        origin: tuple[str, int],
        entered_by: str,
        entered_at: str,
    ) -> None:
        """Store an already checked entry as the change ``origin`` (device, counter), on top
        of whatever change is there now (its base). Call inside a transaction.

        A cleared entry leaves a tombstone, so that the clear travels to other laptops."""
        key = (figure_id, place_id, year)
        base = self.current_origin(figure_id, place_id, year)
        stamp = {
            "origin_device": origin[0],
            "origin_counter": origin[1],
            "base_device": base[0] if base else None,
            "base_counter": base[1] if base else None,
            "entered_by": entered_by,
            "entered_at": entered_at,
        }
        where = "figure_id = ? AND place_id = ? AND year = ?"
        self.db["results"].delete_where(where, list(key))
        self.db["result_tombstones"].delete_where(where, list(key))
        ids = {"figure_id": figure_id, "place_id": place_id, "year": year}
        if entry.is_empty:
            self.db["result_tombstones"].insert({**ids, **stamp})
        else:
            self.db["results"].insert(
                {
                    **ids,
                    "value": _float(entry.value),
                    "numerator": _float(entry.numerator),
                    "denominator": _float(entry.denominator),
                    "note": entry.note or None,
                    **stamp,
                }
            )

    def current_origin(self, figure_id: int, place_id: int, year: int) -> tuple[str, int] | None:
        """Which change made the current state of an entry (a value or a clear), if any."""
        return self._current_change(figure_id, place_id, year)[0]

    def current_base(self, figure_id: int, place_id: int, year: int) -> tuple[str, int] | None:
        """Which change the current state of an entry replaced, if known."""
        return self._current_change(figure_id, place_id, year)[1]

    def _current_change(self, figure_id: int, place_id: int, year: int) -> tuple:
        for table in ("results", "result_tombstones"):
            row = self.db.execute(
                f"SELECT origin_device, origin_counter, base_device, base_counter FROM {table} "
                "WHERE figure_id = ? AND place_id = ? AND year = ?",
                [figure_id, place_id, year],
            ).fetchone()
            if row and row[0] is not None:
                return (row[0], row[1]), ((row[2], row[3]) if row[2] is not None else None)
        return None, None

    def _log_result_change(
        self, figure_id: int, place_id: int, year: int, old: Result | None, entry: ResultInput
    ) -> None:
        before = ResultInput.of(old)
        action = "insert" if old is None else "delete" if entry.is_empty else "update"
        for attribute in ("value", "numerator", "denominator", "note"):
            if getattr(before, attribute) != getattr(entry, attribute):
                self._log(
                    "result",
                    action,
                    figure_id=figure_id,
                    place_id=place_id,
                    year=year,
                    attribute=attribute,
                    old=getattr(before, attribute),
                    new=getattr(entry, attribute),
                )

    def device_id(self) -> str:
        """This laptop's database identity (a uuid made when the file was created)."""
        return self.meta()["device_id"]

    def _next_counter(self) -> int:
        """The next value of this database's logical clock; call inside a transaction.
        Exchange decisions use it, never the laptop's wall clock."""
        counter = int(self.meta()["counter"]) + 1
        self.db.execute("UPDATE meta SET value = ? WHERE key = 'counter'", [str(counter)])
        return counter

    def _checked(
        self, figure: Indicator, place: Place, year: int, entry: ResultInput
    ) -> ResultInput:
        if not FIRST_YEAR <= year <= max(LAST_YEAR, figure.target_year):
            raise StoreError(f"Năm phải từ {FIRST_YEAR} đến {max(LAST_YEAR, figure.target_year)}.")
        if place.retired and not entry.is_empty:
            raise StoreError(f"Bản «{place.name}» đã thôi theo dõi; không nhập thêm số liệu.")
        if place.kind is PlaceKind.FORMER_COMMUNE and not entry.is_empty:
            raise StoreError("Số liệu được nhập cho xã hoặc cho từng bản, không cho xã cũ.")
        try:
            if (entry.numerator is None) != (entry.denominator is None):
                raise ValueError("Cần nhập cả số đạt và tổng số.")
            if entry.numerator is not None and entry.denominator is not None:
                if figure.aggregation is not Aggregation.RATIO:
                    raise ValueError("Chỉ số này không tính theo tỷ lệ số đạt / tổng số.")
                check_ratio(entry.numerator, entry.denominator, figure)
                ratio = entry.numerator / entry.denominator * 100
                entry = ResultInput(
                    ratio.quantize(Decimal("0.01")), entry.numerator, entry.denominator, entry.note
                )
            elif (
                figure.aggregation is Aggregation.RATIO
                and place.kind is PlaceKind.VILLAGE
                and entry.value is not None
            ):  # a bare % of a village would be dropped from the commune's ratio
                raise ValueError(VILLAGE_RATIO_EXPECTED)
            if entry.value is not None:
                check_value(figure.value_type, entry.value, figure.unit)
        except ValueError as error:
            raise StoreError(str(error)) from None
        return entry

    # --- progress -----------------------------------------------------------------------

    def commune_series(self, figure: Indicator) -> dict[int, Decimal]:
        """The commune's value per year: what was entered for the commune, else the
        villages' figures added up the figure's way."""
        rows = self._value_rows("WHERE figure_id = ?", [figure.id])
        return self._series_from(figure, rows, self.commune().id)

    def all_series(self) -> dict[int, dict[int, Decimal]]:
        """Every figure's commune series, read in one query."""
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for row in self._value_rows("", []):
            grouped[row[0]].append(row)
        commune_id = self.commune().id
        return {f.id: self._series_from(f, grouped[f.id], commune_id) for f in self.figures()}

    def _value_rows(self, where: str, params: list[Any]) -> list[tuple]:
        """(figure_id, place_id, year, value, numerator, denominator) as stored: plain
        tuples, because the overview reads every result and records cost time."""
        return self.db.execute(
            "SELECT figure_id, place_id, year, value, numerator, denominator FROM results " + where,
            params,
        ).fetchall()

    @staticmethod
    def _series_from(figure: Indicator, rows: list[tuple], commune_id: int) -> dict[int, Decimal]:
        direct: dict[int, Decimal] = {}
        by_year: dict[int, list[tuple]] = defaultdict(list)
        for _, place_id, year, value, numerator, denominator in rows:
            if place_id == commune_id:
                if value is not None:
                    direct[year] = decimal_from_db(value)
            else:
                by_year[year].append((_decimal(value), _decimal(numerator), _decimal(denominator)))
        series = {}
        for year, values in by_year.items():
            total = progress.commune_total(figure.aggregation.value, values)
            if total is not None:
                series[year] = total
        series.update(direct)
        return dict(sorted(series.items()))

    def assess(self, figure: Indicator, as_of: int | None = None) -> progress.Assessment:
        rows = self._value_rows("WHERE figure_id = ?", [figure.id])
        return self._assess_from(figure, rows, self.commune().id, self._village_ids(), as_of)

    def _village_ids(self) -> set[int]:
        return {village.id for village in self.villages()}

    def _assess_from(
        self,
        figure: Indicator,
        rows: list[tuple],
        commune_id: int,
        villages: set[int],
        as_of: int | None,
    ) -> progress.Assessment:
        series = self._series_from(figure, rows, commune_id)
        coverage = progress.village_coverage(figure.aggregation.value, rows, commune_id, villages)
        return progress.assess(figure.spec, series, as_of=as_of, coverage=coverage)

    def assessments(self, as_of: int | None = None) -> dict[int, progress.Assessment]:
        """Every figure judged; a total some active villages are missing from is «Chưa đủ
        số liệu» with how many reported (progress.village_coverage)."""
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for row in self._value_rows("", []):
            grouped[row[0]].append(row)
        commune_id, villages = self.commune().id, self._village_ids()
        return {
            f.id: self._assess_from(f, grouped[f.id], commune_id, villages, as_of)
            for f in self.figures()
        }

    def item_statuses(self, as_of: int | None = None) -> dict[int, Status]:
        assessments = self.assessments(as_of)
        by_item: dict[int, list[Status]] = defaultdict(list)
        for figure in self.figures():
            by_item[figure.item_id].append(assessments[figure.id].status)
        return {item.id: progress.combine(by_item.get(item.id, [])) for item in self.items()}

    def summary(self, field: Field | None = None, as_of: int | None = None) -> progress.Summary:
        """The 22 targets (or one field's) counted by status."""
        statuses = self.item_statuses(as_of)
        return progress.summarize(statuses[item.id] for item in self.items(Section.TARGET, field))

    def latest_year(self) -> int | None:
        row = self.db.execute("SELECT max(year) FROM results WHERE value IS NOT NULL").fetchone()
        return row[0]

    def result_counts_by_place(self) -> dict[int, int]:
        """How many entries each place has (every figure, every year; places without any
        are left out), counted by the database rather than by reading every result."""
        rows = self.db.execute("SELECT place_id, count(*) FROM results GROUP BY place_id")
        return dict(rows.fetchall())

    def latest_entry_day(self, up_to_year: int | None = None) -> date | None:
        """The day of the latest entry (results of years up to ``up_to_year``), from the
        date that starts each entry time; a time that does not start with a date, or is
        not text at all (a hand-edited file), is skipped. One query over distinct days,
        not every result."""
        where, params = ("WHERE year <= ?", [up_to_year]) if up_to_year is not None else ("", [])
        days = self.db.execute(
            f"SELECT DISTINCT substr(entered_at, 1, 10) AS day FROM results {where} "
            "ORDER BY day DESC",
            params,
        )
        for (day,) in days:
            with suppress(ValueError, TypeError):  # bytes written by another tool
                return date.fromisoformat(day)
        return None

    def years_with_values(self) -> list[int]:
        """The years that have at least one value entered, oldest first."""
        rows = self.db.execute(
            "SELECT DISTINCT year FROM results WHERE value IS NOT NULL ORDER BY year"
        )
        return [year for (year,) in rows]

    # --- the catalogue, edited -------------------------------------------------------------

    def update_figure(self, figure_id: int, **changes: Any) -> Indicator:
        """Change what the resolution asks of a figure (a revised resolution, another
        commune); every change goes into the history."""
        unknown = set(changes) - set(EDITABLE_FIGURE_ATTRIBUTES)
        if unknown:
            raise StoreError(f"Không sửa được: {', '.join(sorted(unknown))}.")
        old_figure = self.figure(figure_id)
        row = self.db["figures"].get(figure_id)
        stored = {
            key: _stored(EDITABLE_FIGURE_ATTRIBUTES[key], value) for key, value in changes.items()
        }
        candidate = {**row, **stored}
        _check_figure_row(candidate)
        if "value_type" in changes:
            for result in self.results(figure_id):
                if result.value is not None:
                    try:
                        check_value(ValueType(candidate["value_type"]), result.value)
                    except ValueError as error:
                        raise StoreError(
                            f"Không đổi được kiểu số liệu: số liệu năm {result.year} "
                            f"không hợp ({error})"
                        ) from None
        self.check_writable()  # before the backup: a read-only file is refused at once
        self.backup("truoc-sua-danh-muc")
        with self.transaction():
            self.db["figures"].update(figure_id, stored)
            for key, value in stored.items():
                if row[key] != value:
                    self._log(
                        "figure",
                        "update",
                        figure_id=figure_id,
                        item_id=old_figure.item_id,
                        attribute=key,
                        old=row[key],
                        new=value,
                    )
        return self.figure(figure_id)

    def set_figure_note(self, figure_id: int, note: str | None) -> Indicator:
        """The note on a figure («Ghi chú, minh chứng»): typed like a result, so written
        with its history but without the backup a change of the catalogue takes."""
        before = self.figure(figure_id)  # a StoreError if it is gone
        note = (note or "").strip() or None
        if before.note == note:
            return before
        with self.transaction():
            self.db["figures"].update(figure_id, {"note": note})
            self._log(
                "figure",
                "update",
                figure_id=figure_id,
                item_id=before.item_id,
                attribute="note",
                old=before.note,
                new=note,
            )
        return self.figure(figure_id)

    def add_figure(self, item_id: int, **attributes: Any) -> Indicator:
        item = self.item(item_id)
        existing = self.figures(item_id, include_retired=True)
        code = attributes.pop("code", None) or _next_code(item.code, [f.code for f in existing])
        row = {
            "code": code,
            "item_id": item_id,
            "kind": "level",
            "direction": "up",
            "comparator": ">=",
            "target_year": LAST_YEAR,
            "value_type": "amount",
            "aggregation": "none",
            "unit": "",
            "baseline_year": FIRST_YEAR,
            "source": "",
            "position": 1 + max((f.position for f in existing), default=-1),
            "retired": 0,
        }
        unknown = set(attributes) - set(EDITABLE_FIGURE_ATTRIBUTES)
        if unknown:
            raise StoreError(f"Không có thuộc tính: {', '.join(sorted(unknown))}.")
        row.update(
            {key: _stored(EDITABLE_FIGURE_ATTRIBUTES[key], v) for key, v in attributes.items()}
        )
        _check_figure_row(row)
        self.check_writable()  # before the backup: a read-only file is refused at once
        self.backup("truoc-sua-danh-muc")
        with self.transaction():
            figure_id = self.db["figures"].insert(row).last_pk
            self._log(
                "figure",
                "insert",
                figure_id=figure_id,
                item_id=item_id,
                attribute="name",
                new=row.get("name"),
            )
        return self.figure(figure_id)

    def retire_figure(self, figure_id: int, retired: bool = True) -> Indicator:
        return self.update_figure(figure_id, retired=int(retired))

    def set_milestone(self, figure_id: int, year: int, value: Decimal | None) -> None:
        figure = self.figure(figure_id)
        if not figure.baseline_year < year < figure.target_year:
            raise StoreError(
                f"Mốc kế hoạch đặt cho các năm từ {figure.baseline_year + 1} "
                f"đến {figure.target_year - 1}."
            )
        old = figure.milestones.get(year)
        with self.transaction():
            if value is None:
                self.db["milestones"].delete_where("figure_id = ? AND year = ?", [figure_id, year])
            else:
                try:
                    check_value(figure.value_type, value, figure.unit)
                except ValueError as error:
                    raise StoreError(str(error)) from None
                self.db["milestones"].upsert(
                    {"figure_id": figure_id, "year": year, "value": _float(value)},
                    pk=("figure_id", "year"),
                )
            self._log(
                "milestone",
                "update",
                figure_id=figure_id,
                year=year,
                attribute="value",
                old=old,
                new=value,
            )

    # --- breakthroughs and tasks ------------------------------------------------------------

    def task_states(self, item_id: int) -> dict[int, tuple[TaskState, str | None]]:
        rows = self.query("SELECT * FROM task_states WHERE item_id = ? ORDER BY year", [item_id])
        return {row["year"]: (TaskState(row["state"]), row["note"]) for row in rows}

    def set_task_state(
        self, item_id: int, year: int, state: TaskState | None, note: str | None = None
    ) -> tuple[TaskState, str | None] | None:
        """Set (or clear, with None) a breakthrough's or task's state for a year; return
        the previous state for undo."""
        self.item(item_id)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise StoreError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        old = self.task_states(item_id).get(year)
        with self.transaction():
            if state is None:
                self.db["task_states"].delete_where("item_id = ? AND year = ?", [item_id, year])
            else:
                self.db["task_states"].upsert(
                    {
                        "item_id": item_id,
                        "year": year,
                        "state": state.value,
                        "note": note or None,
                        "entered_by": self.user,
                        "entered_at": now_text(),
                    },
                    pk=("item_id", "year"),
                )
            self._log(
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

    # --- history ---------------------------------------------------------------------------

    def history(
        self,
        *,
        figure_id: int | None = None,
        place_id: int | None = None,
        year: int | None = None,
        item_id: int | None = None,
        limit: int | None = None,
    ) -> list[HistoryEntry]:
        """Who changed what and when, newest first."""
        where, params = [], []
        for column, value in (
            ("figure_id", figure_id),
            ("place_id", place_id),
            ("year", year),
            ("item_id", item_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "SELECT * FROM history"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [HistoryEntry(**row) for row in self.query(sql, params)]

    def _log(
        self,
        entity: str,
        action: str,
        *,
        figure_id: int | None = None,
        place_id: int | None = None,
        year: int | None = None,
        item_id: int | None = None,
        attribute: str | None = None,
        old: Any = None,
        new: Any = None,
        note: str | None = None,
    ) -> None:
        self.db["history"].insert(
            {
                "changed_at": now_text(),
                "changed_by": self.user,
                "entity": entity,
                "action": action,
                "figure_id": figure_id,
                "place_id": place_id,
                "year": year,
                "item_id": item_id,
                "attribute": attribute,
                "old_value": history_text(old),
                "new_value": history_text(new),
                "note": note,
            }
        )

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts, for reading only (writes go through the methods above)."""
        cursor = self.db.execute(sql, params or [])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# --- rows to records --------------------------------------------------------------------------


def _item(row: dict[str, Any]) -> Item:
    return Item(
        id=row["id"],
        code=row["code"],
        section=Section(row["section"]),
        number=row["number"],
        resolution_number=row["resolution_number"],
        group_code=row["group_code"],
        field=Field(row["field_code"]),
        name=row["name"],
        source=row["source"],
        position=row["position"],
        note=row["note"],
    )


def _figure(row: dict[str, Any], milestones: dict[int, Decimal]) -> Indicator:
    return Indicator(
        id=row["id"],
        code=row["code"],
        item_id=row["item_id"],
        name=row["name"],
        unit=row["unit"],
        kind=Kind(row["kind"]),
        direction=Direction(row["direction"]),
        comparator=row["comparator"],
        target=_decimal(row["target"]),
        target_high=_decimal(row["target_high"]),
        target_year=row["target_year"],
        target_text=row["target_text"],
        value_type=ValueType(row["value_type"]),
        aggregation=Aggregation(row["aggregation"]),
        numerator_label=row["numerator_label"],
        denominator_label=row["denominator_label"],
        baseline=_decimal(row["baseline"]),
        baseline_year=row["baseline_year"],
        baseline_text=row["baseline_text"],
        baseline_source=row["baseline_source"],
        source=row["source"],
        note=row["note"],
        position=row["position"],
        retired=bool(row["retired"]),
        milestones=milestones,
    )


def _place(row: dict[str, Any]) -> Place:
    return Place(
        id=row["id"],
        name=row["name"],
        kind=PlaceKind(row["kind"]),
        parent_id=row["parent_id"],
        position=row["position"],
        retired=bool(row["retired"]),
        uid=row["uid"],
    )


def _result(row: dict[str, Any]) -> Result:
    return Result(
        figure_id=row["figure_id"],
        place_id=row["place_id"],
        year=row["year"],
        value=_decimal(row["value"]),
        numerator=_decimal(row["numerator"]),
        denominator=_decimal(row["denominator"]),
        note=row["note"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
    )


def _stored(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "number":
        return _float(value if isinstance(value, Decimal) else decimal_from_db(value))
    if kind == "int":
        return int(value)
    return str(value).strip()


def _check_figure_row(row: dict[str, Any]) -> None:
    """Refuse a figure that could not be judged, with a message saying what is expected."""
    if not str(row.get("name") or "").strip():
        raise StoreError("Tên chỉ số không được để trống.")
    try:
        kind = Kind(row["kind"])
        ValueType(row["value_type"])
        Aggregation(row["aggregation"])
        FigureSpec(
            kind=kind,
            target=_decimal(row.get("target")),
            direction=Direction(row["direction"]),
            comparator=row["comparator"],
            target_high=_decimal(row.get("target_high")),
            baseline_year=row.get("baseline_year") or FIRST_YEAR,
            target_year=row["target_year"],
        )
    except ValueError as error:
        raise StoreError(f"Chỉ số không hợp lệ: {error}") from None
    if kind is not Kind.MILESTONE and row.get("target") is None:
        raise StoreError("Cần nhập giá trị Nghị quyết đề ra (mục tiêu) cho chỉ số.")
    high, low = row.get("target_high"), row.get("target")
    if high is not None and low is not None and high < low:
        raise StoreError(
            f"Khoảng mục tiêu không hợp lệ: cận trên ({format_number(decimal_from_db(high))}) "
            f"nhỏ hơn cận dưới ({format_number(decimal_from_db(low))})."
        )
    if row["aggregation"] == "ratio" and row["value_type"] != "percent":
        raise StoreError("Chỉ số tính theo tỷ lệ (số đạt / tổng số) phải có đơn vị là %.")


def _next_code(item_code: str, taken: list[str]) -> str:
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if item_code + letter not in taken:
            return item_code + letter
    raise StoreError("Mục này đã có quá nhiều chỉ số.")


def _integrity_message(error: sqlite3.IntegrityError) -> str:
    text = str(error)
    if "does not fit its figure" in text:
        return "Giá trị không hợp với chỉ số (ví dụ: số lượng âm hoặc có phần lẻ, tỷ lệ quá 100 %)."
    if "UNIQUE" in text:
        return "Đã có một mục trùng tên hoặc trùng mã."
    if "FOREIGN KEY" in text:
        return "Dữ liệu tham chiếu tới một mục không tồn tại."
    if "place with results" in text:
        return "Địa bàn đã có số liệu nên không xóa được."
    return f"Cơ sở dữ liệu từ chối thay đổi này ({text})."
