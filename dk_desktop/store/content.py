"""The whole content of a database as rows by table: read for the JSON export, and written
back, replacing everything, by its import (docs/data-format.md). The exchange checks the
document; the tables are known here only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .access import Access
from .schema import keep_identity

CONTENT_TABLES = (
    "conflicts",
    "received_packages",
    "result_tombstones",
    "history",
    "task_states",
    "results",
    "milestones",
    "figures",
    "items",
    "places",
    "groups",
    "fields",
    "meta",
)
"""Every table of the content, children before their parents (the order they are emptied)."""

_BY_FIGURE_CODE = "SELECT f.code AS figure, r.* FROM {table} r JOIN figures f ON f.id = r.figure_id"
_EXPORTED = {
    "fields": "SELECT code, name FROM fields ORDER BY position",
    "groups": "SELECT code, name, expected_count, source FROM groups ORDER BY code",
    "results": _BY_FIGURE_CODE.format(table="results")
    + " ORDER BY r.figure_id, r.place_id, r.year",
    "result_tombstones": _BY_FIGURE_CODE.format(table="result_tombstones")
    + " ORDER BY r.figure_id, r.place_id, r.year",
    "received_packages": "SELECT * FROM received_packages ORDER BY device_id, seq",
    "conflicts": _BY_FIGURE_CODE.format(table="conflicts") + " ORDER BY r.id",
    "task_states": "SELECT i.code, t.* FROM task_states t JOIN items i ON i.id = t.item_id "
    "ORDER BY i.position, t.year",
}


class Content:
    """One database's content, read or replaced whole."""

    def __init__(self, access: Access):
        self._access = access

    def rows(self, table: str) -> list[dict[str, Any]]:
        """A table's rows as the export writes them: "fields" and "groups" in their order;
        "results", "result_tombstones" and "conflicts" with their figure's code
        ("figure"); "task_states" with their item's code ("code"); "received_packages"."""
        if table not in _EXPORTED:
            raise ValueError(f"not an exported table: {table}")
        return self._access.query(_EXPORTED[table])

    def replace(self, rows: Mapping[str, Any]) -> None:
        """Replace everything with ``rows`` (checked before: an import's), in one
        transaction, keeping this laptop's identity (device id, counters). ``rows`` holds
        "meta" (key -> value), "fields", "groups", "places" (parents first), "items" (each
        with its "figures", each with its "milestones": year -> value), and "results",
        "tombstones", "conflicts" (by figure code, "figure"), "task_states" (by item
        code, "item"), "received_packages" and "history" (by "figure" and "item" code).
        The rows given are not changed."""
        identity = self._access.meta()
        with self._access.transaction():
            for table in CONTENT_TABLES:
                self._access.db.execute(f"DELETE FROM {table}")
            self._write(rows)
            keep_identity(self._access.db, identity)

    def _write(self, rows: Mapping[str, Any]) -> None:
        table, insert = self._access.table, self._access.insert
        table("meta").insert_all({"key": k, "value": v} for k, v in rows["meta"].items())
        table("fields").insert_all(dict(row) for row in rows["fields"])
        if rows["groups"]:
            table("groups").insert_all(dict(row) for row in rows["groups"])
        for place in rows["places"]:  # parents first: each refers to one already there
            table("places").insert(dict(place))
        item_ids: dict[str, int] = {}
        figure_ids: dict[str, int] = {}
        for item in rows["items"]:
            item_ids[item["code"]] = insert("items", _without(item, "figures"))
            for figure in item["figures"]:
                row = {**_without(figure, "milestones"), "item_id": item_ids[item["code"]]}
                figure_ids[figure["code"]] = insert("figures", row)
                for year, value in figure["milestones"].items():
                    table("milestones").insert(
                        {"figure_id": figure_ids[figure["code"]], "year": year, "value": value}
                    )
        for key, name in (
            ("results", "results"),
            ("tombstones", "result_tombstones"),
            ("conflicts", "conflicts"),
        ):
            for entry in rows[key]:
                table(name).insert(
                    {**_without(entry, "figure"), "figure_id": figure_ids[entry["figure"]]}
                )
        for state in rows["task_states"]:
            table("task_states").insert(
                {**_without(state, "item"), "item_id": item_ids[state["item"]]}
            )
        if rows["received_packages"]:
            table("received_packages").insert_all(dict(row) for row in rows["received_packages"])
        for line in rows["history"]:
            figure, item = line["figure"], line["item"]
            table("history").insert(
                {
                    **_without(line, "figure", "item"),
                    "figure_id": figure_ids.get(figure) if figure else None,
                    "item_id": item_ids.get(item) if item else None,
                }
            )


def _without(row: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}
