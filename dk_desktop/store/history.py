"""The history table: who changed what, and when. Every other part writes its line here
inside its own transaction; the history view reads it back newest first."""

from __future__ import annotations

from typing import Any

from ..core.model import HistoryEntry, Result
from .access import Access
from .records import ResultInput
from .values import history_text, now_text


class ChangeLog:
    """Writes and reads the history lines of one database."""

    def __init__(self, access: Access):
        self._access = access

    def entries(
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
        return [HistoryEntry(**row) for row in self._access.query(sql, params)]

    def log(
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
        """One line, by the store's user, now. Call inside a transaction."""
        self._access.table("history").insert(
            {
                "changed_at": now_text(),
                "changed_by": self._access.user,
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

    def log_result_change(
        self, figure_id: int, place_id: int, year: int, old: Result | None, entry: ResultInput
    ) -> None:
        """One line per part of an entry that changed (value, numerator, denominator,
        note). Call inside a transaction."""
        before = ResultInput.of(old)
        action = "insert" if old is None else "delete" if entry.is_empty else "update"
        for attribute in ("value", "numerator", "denominator", "note"):
            if getattr(before, attribute) != getattr(entry, attribute):
                self.log(
                    "result",
                    action,
                    figure_id=figure_id,
                    place_id=place_id,
                    year=year,
                    attribute=attribute,
                    old=getattr(before, attribute),
                    new=getattr(entry, attribute),
                )
