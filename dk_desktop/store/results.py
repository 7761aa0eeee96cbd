"""The results: what was entered for a figure, a place and a year. Each entry carries the
change that made it (origin: this database's device id and its logical clock, never the
wall clock) and the change it replaced (base), so that entries travel between laptops;
a cleared entry leaves a tombstone. Also the counts the views need of them."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import Any

from ..core.model import Aggregation, Indicator, Place, PlaceKind, Result
from ..core.validation import VILLAGE_RATIO_EXPECTED, check_ratio, check_value
from .access import Access
from .catalogue import Catalogue
from .errors import StoreError
from .history import ChangeLog
from .places import Territory
from .records import ResultInput, result_record
from .values import now_text, stored_number

Origin = tuple[str, int]
"""A change: the device id of the database that made it and its logical clock there."""


class Entries:
    """The results of one database, written with their logical clocks and history."""

    def __init__(
        self, access: Access, changes: ChangeLog, catalogue: Catalogue, territory: Territory
    ):
        self._access = access
        self._changes = changes
        self._catalogue = catalogue
        self._territory = territory

    # --- reading ---------------------------------------------------------------------

    def results(self, figure_id: int | None = None) -> list[Result]:
        sql = "SELECT * FROM results"
        params: list[Any] = []
        if figure_id is not None:
            sql += " WHERE figure_id = ?"
            params.append(figure_id)
        rows = self._access.query(sql + " ORDER BY figure_id, place_id, year", params)
        return [result_record(row) for row in rows]

    def result(self, figure_id: int, place_id: int, year: int) -> Result | None:
        rows = self._access.query(
            "SELECT * FROM results WHERE figure_id = ? AND place_id = ? AND year = ?",
            [figure_id, place_id, year],
        )
        return result_record(rows[0]) if rows else None

    # --- a person's entry ------------------------------------------------------------

    def set_result(
        self, figure_id: int, place_id: int, year: int, entry: ResultInput
    ) -> Result | None:
        """Write one entry (an empty entry clears it); return what was there before, so
        that the caller can undo. Refuses a value that does not fit the figure."""
        figure = self._catalogue.figure(figure_id)
        place = self._territory.place(place_id)
        entry = self._checked(figure, place, year, entry)
        old = self.result(figure_id, place_id, year)
        if ResultInput.of(old) == entry:
            return old
        with self._access.transaction():
            origin = (self.device_id(), self.next_counter())
            self.write_result(
                figure_id,
                place_id,
                year,
                entry,
                origin=origin,
                entered_by=self._access.user,
                entered_at=now_text(),
            )
            self._changes.log_result_change(figure_id, place_id, year, old, entry)
        return old

    def _checked(
        self, figure: Indicator, place: Place, year: int, entry: ResultInput
    ) -> ResultInput:
        first_year, last_year = self.years_accepted(figure)
        if not first_year <= year <= last_year:
            raise StoreError(f"Năm phải từ {first_year} đến {last_year}.")
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

    def years_accepted(self, figure: Indicator) -> tuple[int, int]:
        """The years a figure takes results for: the catalogue's term, to the figure's
        target year when that is later."""
        first_year, last_year = self._catalogue.term()
        return first_year, max(last_year, figure.target_year)

    # --- entries with their clocks -----------------------------------------------------

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
        self._access.table("results").delete_where(where, list(key))
        self._access.table("result_tombstones").delete_where(where, list(key))
        ids = {"figure_id": figure_id, "place_id": place_id, "year": year}
        if entry.is_empty:
            self._access.table("result_tombstones").insert({**ids, **stamp})
        else:
            self._access.table("results").insert(
                {
                    **ids,
                    "value": stored_number(entry.value),
                    "numerator": stored_number(entry.numerator),
                    "denominator": stored_number(entry.denominator),
                    "note": entry.note or None,
                    **stamp,
                }
            )

    def write_logged(
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
        """Write an entry made elsewhere (a package's, a conflict's chosen side) with its
        own clocks, and a history line of the change as for a person's entry. Call inside
        a transaction."""
        old = self.result(figure_id, place_id, year)
        self.write_result(
            figure_id,
            place_id,
            year,
            entry,
            origin=origin,
            entered_by=entered_by,
            entered_at=entered_at,
        )
        self._changes.log_result_change(figure_id, place_id, year, old, entry)

    def current_origin(self, figure_id: int, place_id: int, year: int) -> Origin | None:
        """Which change made the current state of an entry (a value or a clear), if any."""
        return self._current_change(figure_id, place_id, year)[0]

    def current_base(self, figure_id: int, place_id: int, year: int) -> Origin | None:
        """Which change the current state of an entry replaced, if known."""
        return self._current_change(figure_id, place_id, year)[1]

    def _current_change(
        self, figure_id: int, place_id: int, year: int
    ) -> tuple[Origin | None, Origin | None]:
        for table in ("results", "result_tombstones"):
            row = self._access.db.execute(
                f"SELECT origin_device, origin_counter, base_device, base_counter FROM {table} "
                "WHERE figure_id = ? AND place_id = ? AND year = ?",
                [figure_id, place_id, year],
            ).fetchone()
            if row and row[0] is not None:
                return (row[0], row[1]), ((row[2], row[3]) if row[2] is not None else None)
        return None, None

    def device_id(self) -> str:
        """This laptop's database identity (a uuid made when the file was created)."""
        return self._access.meta()["device_id"]

    def next_counter(self) -> int:
        """The next value of this database's logical clock; call inside a transaction.
        Exchange decisions use it, never the laptop's wall clock."""
        counter = int(self._access.meta()["counter"]) + 1
        self._access.set_meta("counter", str(counter))
        return counter

    # --- counted -----------------------------------------------------------------------

    def latest_year(self) -> int | None:
        row = self._access.db.execute(
            "SELECT max(year) FROM results WHERE value IS NOT NULL"
        ).fetchone()
        return row[0] if row else None

    def result_counts_by_place(self) -> dict[int, int]:
        """How many entries each place has (every figure, every year; places without any
        are left out), counted by the database rather than by reading every result."""
        rows = self._access.db.execute("SELECT place_id, count(*) FROM results GROUP BY place_id")
        return dict(rows.fetchall())

    def latest_entry_day(self, up_to_year: int | None = None) -> date | None:
        """The day of the latest entry (results of years up to ``up_to_year``), from the
        date that starts each entry time; a time that does not start with a date, or is
        not text at all (a hand-edited file), is skipped. One query over distinct days,
        not every result."""
        where, params = ("WHERE year <= ?", [up_to_year]) if up_to_year is not None else ("", [])
        days = self._access.db.execute(
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
        rows = self._access.db.execute(
            "SELECT DISTINCT year FROM results WHERE value IS NOT NULL ORDER BY year"
        )
        return [year for (year,) in rows]
