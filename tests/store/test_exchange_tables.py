"""The tables packages between laptops need, through the store's own methods
(store.exchange): packages counted and remembered, entries sent and received with their
clocks, conflicts kept until a person chooses, a configuration's catalogue and places."""

from __future__ import annotations

import copy
from decimal import Decimal as D
from pathlib import Path

import pytest

from dk_desktop.store.errors import StoreError
from dk_desktop.store.exchange_tables import ReceivedEntry, ReceivedLine
from dk_desktop.store.repository import ResultInput, Store


@pytest.fixture
def village_laptop(tmp_path: Path):
    other = Store.open(tmp_path / "may-ban.sqlite", user="Lò Văn Bình")
    yield other
    other.close()


def test_the_packages_sent_are_counted_and_the_count_is_kept(store, db_path):
    assert [store.exchange.next_package_seq() for _ in range(3)] == [1, 2, 3]
    store.close()
    reopened = Store.open(db_path)
    try:
        assert reopened.exchange.next_package_seq() == 4
    finally:
        reopened.close()


def test_a_received_package_is_remembered_with_a_line_of_history(store):
    assert not store.exchange.has_received("data")
    with store.transaction():
        store.exchange.record_package(
            device_id="may-ban",
            seq=3,
            kind="data",
            sha256="abc",
            place_uid="uid-ban-1",
            sender="Lò Văn Bình",
            summary="gói số liệu số 3 của Bản 1",
        )
    assert store.exchange.has_received("data")
    assert not store.exchange.has_received("config")
    assert store.exchange.received_digests("may-ban", "data") == {3: "abc"}
    assert store.exchange.received_digests("may-ban", "config") == {}
    line = store.history(limit=1)[0]
    assert (line.entity, line.note) == ("database", "Nhận gói số liệu số 3 của Bản 1")


def test_the_entries_sent_carry_their_clocks_their_codes_and_uids(store):
    village = store.add_village("Bản 1")
    other = store.add_village("Bản 2")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, village.id, 2026, ResultInput(D("3")))
    store.set_result(members.id, other.id, 2026, ResultInput(D("4")))
    store.set_result(members.id, village.id, 2027, ResultInput(D("5")))
    store.set_result(members.id, village.id, 2027, ResultInput())  # cleared: a tombstone

    (row,) = store.exchange.stamped_rows(
        "results", place_id=village.id, origin_device=store.device_id()
    )
    assert (row["figure"], row["place"], row["year"], row["value"]) == (
        "CT20a",
        village.uid,
        2026,
        3,
    )
    assert (row["origin_device"], row["base_device"]) == (store.device_id(), None)
    (clear,) = store.exchange.stamped_rows("result_tombstones", place_id=village.id)
    assert clear["year"] == 2027 and clear["base_counter"] is not None
    assert len(store.exchange.stamped_rows("results")) == 2
    assert store.exchange.stamped_rows("results", origin_device="may-khac") == []
    with pytest.raises(ValueError):
        store.exchange.stamped_rows("history")
    typed = store.exchange.typed_history(village.id)
    assert [(h["code"], h["year"], h["action"]) for h in typed] == [
        ("CT20a", 2026, "insert"),
        ("CT20a", 2027, "insert"),
        ("CT20a", 2027, "delete"),
    ]


def test_a_received_entry_keeps_its_clocks_and_settles_a_waiting_conflict(store):
    village = store.add_village("Bản 1")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, village.id, 2026, ResultInput(D("3")))
    incoming = ReceivedEntry(ResultInput(D("7")), ("may-ban", 5), None, "Lò Văn Bình", "2026-03-01")
    with store.transaction():
        store.exchange.add_conflict(
            members.id, village.id, 2026, incoming, device_id="may-ban", seq=2
        )
    assert len(store.exchange.waiting_conflicts()) == 1
    with store.transaction():
        store.exchange.write_received(
            members.id,
            village.id,
            2026,
            ResultInput(D("8")),
            origin=("may-ban", 6),
            entered_by="Lò Văn Bình",
            entered_at="2026-03-02",
        )
    assert store.result(members.id, village.id, 2026).value == D("8")
    assert store.current_origin(members.id, village.id, 2026) == ("may-ban", 6)
    assert store.exchange.waiting_conflicts() == []


def test_a_conflict_waits_then_the_person_takes_the_received_entry(store):
    village = store.add_village("Bản 1")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, village.id, 2026, ResultInput(D("3")))
    incoming = ReceivedEntry(
        ResultInput(D("7"), note="theo sổ"),
        ("may-ban", 5),
        ("may-xa", 1),
        "Lò Văn Bình",
        "2026-03-01T08:00:00+07:00",
    )
    with store.transaction():
        store.exchange.add_conflict(
            members.id, village.id, 2026, incoming, device_id="may-ban", seq=2
        )
    (waiting,) = store.exchange.waiting_conflicts()
    assert (waiting.figure_id, waiting.place_id, waiting.year) == (members.id, village.id, 2026)
    assert waiting.incoming == incoming  # read back as it was kept

    store.exchange.resolve_conflict(waiting.id, take_incoming=True)
    taken = store.result(members.id, village.id, 2026)
    assert (taken.value, taken.note, taken.entered_by) == (D("7"), "theo sổ", "Lò Văn Bình")
    assert store.current_origin(members.id, village.id, 2026) == ("may-ban", 5)
    lines = store.history(figure_id=members.id, place_id=village.id)
    assert {(h.attribute, h.old_value, h.new_value) for h in lines[:2]} == {
        ("value", "3", "7"),
        ("note", None, "theo sổ"),
    }
    assert store.exchange.waiting_conflicts() == []
    assert store.exchange.kept_origins() == []
    with pytest.raises(StoreError, match="Không có xung đột số"):
        store.exchange.resolve_conflict(waiting.id, take_incoming=False)


def test_a_conflict_kept_is_remembered_so_the_entry_is_not_asked_again(store):
    village = store.add_village("Bản 1")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, village.id, 2026, ResultInput(D("3")))
    incoming = ReceivedEntry(ResultInput(D("7")), ("may-ban", 5), None, "Lò Văn Bình", "2026-03-01")
    with store.transaction():
        store.exchange.add_conflict(
            members.id, village.id, 2026, incoming, device_id="may-ban", seq=2
        )
    (waiting,) = store.exchange.waiting_conflicts()
    store.exchange.resolve_conflict(waiting.id, take_incoming=False)
    assert store.result(members.id, village.id, 2026).value == D("3")
    assert store.exchange.kept_origins() == [("may-ban", 5)]
    assert store.exchange.kept_origins(place_id=village.id) == [("may-ban", 5)]
    assert store.exchange.kept_origins(place_id=store.commune().id) == []


def test_received_history_is_kept_once_however_many_packages_bring_it(store):
    village = store.add_village("Bản 1")
    members = store.figure_by_code("CT20a")
    line = ReceivedLine(
        origin_id=41,
        changed_at="2026-03-01T08:00:00+07:00",
        changed_by="Lò Văn Bình",
        action="insert",
        figure_id=members.id,
        year=2026,
        attribute="value",
        old_value=None,
        new_value="7",
        note=None,
    )
    for _ in range(2):
        with store.transaction():
            store.exchange.add_received_history([line], device_id="may-ban", place_id=village.id)
    (kept,) = [h for h in store.history(place_id=village.id) if h.entity == "result"]
    assert (kept.origin_device, kept.origin_id, kept.new_value) == ("may-ban", 41, "7")
    assert kept.changed_by == "Lò Văn Bình"


def test_a_configuration_brings_the_catalogue_and_places_by_code_and_uid(store, village_laptop):
    office_items = []
    for item in store.items():
        row = store.query("SELECT * FROM items WHERE id = ?", [item.id])[0]
        del row["id"]
        figures = []
        for figure in store.figures(item.id, include_retired=True):
            figure_row = store.query("SELECT * FROM figures WHERE id = ?", [figure.id])[0]
            del figure_row["id"], figure_row["item_id"]
            figure_row["milestones"] = {}
            figures.append(figure_row)
        row["figures"] = figures
        office_items.append(row)
    office_items[0]["name"] = "Tên mới của mục"
    dropped = office_items[0]["figures"].pop()["code"]
    office_items[0]["figures"][0]["milestones"] = {2027: 5}
    sent = copy.deepcopy(office_items)
    village = store.add_village("Bản Suối Giăng 1")
    places = [
        {
            "uid": p.uid,
            "name": p.name,
            "kind": p.kind.value,
            "parent": store.commune().uid if p.parent_id else None,
            "position": p.position,
            "retired": p.retired,
        }
        for p in store.places()
    ]
    typed_there = village_laptop.add_village("Bản Suối Giăng 1")  # typed before: same name

    with village_laptop.transaction():
        village_laptop.exchange.adopt_commune("uid-cua-xa", {"commune_name": "Xã Mới"})
        village_laptop.exchange.adopt_catalogue(
            store.query("SELECT code, name FROM fields ORDER BY position"), [], office_items
        )
        village_laptop.exchange.adopt_places(places)

    assert office_items == sent  # what was given is not changed
    assert village_laptop.meta()["commune_uid"] == "uid-cua-xa"
    assert village_laptop.commune_name() == "Xã Mới"
    assert village_laptop.items()[0].name == "Tên mới của mục"
    assert village_laptop.figure_by_code(dropped).retired
    first = office_items[0]["figures"][0]["code"]
    assert village_laptop.figure_by_code(first).milestones == {2027: D("5")}
    (adopted,) = village_laptop.villages()
    assert (adopted.id, adopted.uid) == (typed_there.id, village.uid)
    assert len([p for p in village_laptop.places() if p.kind.value == "commune"]) == 1


def test_a_trial_changes_nothing(store):
    with store.rolled_back():
        store.db.execute("UPDATE meta SET value = 'Xã Thử' WHERE key = 'commune_name'")
        assert store.commune_name() == "Xã Thử"
    assert store.commune_name() != "Xã Thử"
