"""The whole content as rows by table (store.content): what one database holds, written
whole into another, reads back the same there, and the other keeps its own identity."""

from __future__ import annotations

import copy
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from dk_desktop.core.model import TaskState
from dk_desktop.store.exchange_tables import ReceivedEntry
from dk_desktop.store.repository import ResultInput, Store
from dk_desktop.store.schema import LAPTOP_KEYS

TABLES = ("fields", "groups", "results", "result_tombstones", "conflicts", "task_states")


def filled(store: Store) -> Store:
    village = store.add_village("Bản 1")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, village.id, 2026, ResultInput(D("3"), note="theo sổ"))
    store.set_result(members.id, village.id, 2027, ResultInput(D("4")))
    store.set_result(members.id, village.id, 2027, ResultInput())  # a tombstone
    store.set_task_state(store.items()[-1].id, 2026, TaskState.IN_PROGRESS, "đang làm")
    incoming = ReceivedEntry(ResultInput(D("7")), ("may-ban", 5), None, "Lò Văn Bình", "2026-03-01")
    with store.transaction():
        store.exchange.add_conflict(
            members.id, village.id, 2026, incoming, device_id="may-ban", seq=2
        )
        store.exchange.record_package(
            device_id="may-ban",
            seq=2,
            kind="data",
            sha256="abc",
            place_uid=village.uid,
            sender="Lò Văn Bình",
            summary="gói số liệu số 2",
        )
    return store


def as_rows(store: Store) -> dict[str, Any]:
    """Everything in ``store`` in the shape ``Content.replace`` takes (an import's)."""
    figure_codes = {f.id: f.code for f in store.figures(include_retired=True)}
    item_codes = {i.id: i.code for i in store.items()}
    items = []
    for item in store.items():
        row = {
            k: v
            for k, v in store.query("SELECT * FROM items WHERE id = ?", [item.id])[0].items()
            if k != "id"
        }
        row["figures"] = []
        for figure in store.figures(item.id, include_retired=True):
            figure_row = store.query("SELECT * FROM figures WHERE id = ?", [figure.id])[0]
            row["figures"].append(
                {
                    **{k: v for k, v in figure_row.items() if k not in ("id", "item_id")},
                    "milestones": {},
                }
            )
        items.append(row)
    content = store.content
    return {
        "meta": {k: v for k, v in store.meta().items() if k not in LAPTOP_KEYS},
        "fields": [{**f, "position": n} for n, f in enumerate(content.rows("fields"))],
        "groups": content.rows("groups"),
        "places": store.query("SELECT * FROM places ORDER BY id"),
        "items": items,
        "results": [without(r, "figure_id") for r in content.rows("results")],
        "tombstones": [without(r, "figure_id") for r in content.rows("result_tombstones")],
        "conflicts": [without(r, "id", "figure_id") for r in content.rows("conflicts")],
        "task_states": [
            {**without(r, "code", "item_id"), "item": r["code"]}
            for r in content.rows("task_states")
        ],
        "received_packages": content.rows("received_packages"),
        "history": [
            {
                **without(h, "id", "figure_id", "item_id"),
                "figure": figure_codes.get(h["figure_id"]),
                "item": item_codes.get(h["item_id"]),
            }
            for h in store.query("SELECT * FROM history ORDER BY id")
        ],
    }


def without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


@pytest.fixture
def other(tmp_path: Path):
    opened = Store.open(tmp_path / "may-khac.sqlite")
    yield opened
    opened.close()


def test_the_content_written_whole_reads_back_the_same(store, other):
    rows = as_rows(filled(store))
    given = copy.deepcopy(rows)
    other_device = other.device_id()
    other.exchange.next_package_seq()
    other.exchange.next_package_seq()  # this laptop has sent two packages

    other.content.replace(rows)

    assert rows == given  # what was given is not changed
    for table in TABLES:
        assert other.content.rows(table) == store.content.rows(table), table
    assert [(h.action, h.new_value) for h in other.history()] == [
        (h.action, h.new_value) for h in store.history()
    ]
    assert other.device_id() == other_device  # the laptop keeps its identity
    assert other.meta()["package_seq"] == "2"  # and its counters never go back
    assert other.commune_name() == store.commune_name()


def test_a_replacement_that_fails_changes_nothing(store, other):
    rows = as_rows(filled(store))
    rows["results"][0]["figure"] = "KHÔNG-CÓ"  # not a figure of the document
    before = {table: other.content.rows(table) for table in TABLES}
    with pytest.raises(KeyError):
        other.content.replace(rows)
    assert {table: other.content.rows(table) for table in TABLES} == before
    assert other.figures()  # the catalogue is still there


def test_only_the_exported_tables_are_read(store):
    with pytest.raises(ValueError):
        store.content.rows("meta")
