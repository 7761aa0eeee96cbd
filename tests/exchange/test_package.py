"""Packages between laptops: verify -> preview -> apply, conflicts, hostile files."""

from __future__ import annotations

import copy
import errno
import hashlib
import io
import itertools
import json
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dk_desktop.exchange.json_format import dumps, export_data
from dk_desktop.exchange.package import (
    MANIFEST,
    OFFICE,
    VILLAGE,
    PackageRefused,
    database_role,
    export_config_package,
    export_data_package,
    open_conflicts,
    read_package,
    receive_package,
    resolve_conflict,
    write_package,
)
from dk_desktop.exchange.package.apply import apply_plan
from dk_desktop.exchange.package.plan import plan_package
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store


class Commune:
    """A commune office and two village laptops, each with its own real database file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.office = Store.open(folder / "xa.sqlite", user="Văn phòng xã")
        self.office.add_village("Bản Suối Giăng 1")
        self.office.add_village("Tiểu khu 3")
        config = self.file("cau-hinh.dkgoi")
        export_config_package(self.office, config)
        self.a = self.laptop("a.sqlite", "Bí thư Suối Giăng", config)
        self.b = self.laptop("b.sqlite", "Bí thư Tiểu khu 3", config)

    def laptop(self, name: str, user: str, config: Path) -> Store:
        store = Store.open(self.folder / name, user=user)
        receive_package(store, config)
        return store

    def file(self, name: str) -> Path:
        return self.folder / name

    def enter(self, store: Store, village: str, code: str, year: int, **values) -> None:
        place = next(v for v in store.villages() if v.name == village)
        entry = ResultInput(**{k: D(str(v)) for k, v in values.items()})
        store.set_result(store.figure_by_code(code).id, place.id, year, entry)

    def send(self, store: Store, village: str, name: str) -> Path:
        path = self.file(name)
        export_data_package(store, village, path)
        return path

    def close(self) -> None:
        for store in (self.office, self.a, self.b):
            store.close()


@pytest.fixture
def commune(tmp_path):
    made = Commune(tmp_path)
    yield made
    made.close()


def value_at(store: Store, code: str, place_name: str, year: int):
    place = next(p for p in store.places() if p.name == place_name)
    result = store.result(store.figure_by_code(code).id, place.id, year)
    return None if result is None else (result.value, result.numerator, result.denominator)


def results_state(store: Store) -> list[tuple]:
    """The figures as people see them, independent of row ids."""
    return sorted(
        (row["code"], row["uid"], row["year"], row["value"], row["numerator"], row["denominator"])
        for row in store.query(
            "SELECT f.code, p.uid, r.* FROM results r JOIN figures f ON f.id = r.figure_id "
            "JOIN places p ON p.id = r.place_id"
        )
    )


def fingerprint(store: Store) -> str:
    return hashlib.sha256(dumps(export_data(store)).encode()).hexdigest()


def test_configuration_gives_the_village_the_communes_places(commune):
    assert [v.name for v in commune.a.villages()] == ["Bản Suối Giăng 1", "Tiểu khu 3"]
    assert {v.uid for v in commune.a.villages()} == {v.uid for v in commune.office.villages()}
    assert commune.a.meta()["commune_uid"] == commune.office.meta()["commune_uid"]
    assert commune.a.device_id() != commune.office.device_id()


def test_village_figures_reach_the_commune_with_preview_first(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT11a", 2026, numerator=21, denominator=310)
    package = commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi")
    before = fingerprint(commune.office)

    preview = receive_package(commune.office, package, dry_run=True)
    assert (len(preview.new), len(preview.changed), len(preview.conflicts)) == (2, 0, 0)
    assert "2 số liệu mới" in preview.summary()
    assert fingerprint(commune.office) == before  # a dry run writes nothing

    receive_package(commune.office, package)
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)
    assert commune.office.commune_series(commune.office.figure_by_code("CT11a")) == {
        2026: D("6.77")
    }
    history = commune.office.history(figure_id=commune.office.figure_by_code("CT20a").id)
    assert history[0].changed_by == "Bí thư Suối Giăng"  # who typed it, on the village laptop


def test_the_same_package_twice_changes_nothing(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    package = commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi")
    receive_package(commune.office, package)
    state = results_state(commune.office)
    history = len(commune.office.history())
    again = receive_package(commune.office, package)
    assert again.already_received
    assert results_state(commune.office) == state
    assert len(commune.office.history()) == history


def test_a_later_package_changes_what_the_village_changed(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2027, value=3)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi"))
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=6)
    preview = receive_package(
        commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi")
    )
    assert (len(preview.new), len(preview.changed), len(preview.unchanged)) == (0, 1, 1)
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(6)


def test_a_lost_package_loses_nothing(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    commune.send(commune.a, "Bản Suối Giăng 1", "lost.dkgoi")  # never arrives
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2027, value=4)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi"))
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2027)[0] == D(4)


def test_an_older_package_is_refused(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    first = commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi")
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=7)
    second = commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi")
    receive_package(commune.office, second)
    before = fingerprint(commune.office)
    with pytest.raises(PackageRefused, match="cũ hơn"):
        receive_package(commune.office, first)
    assert fingerprint(commune.office) == before
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(7)


def test_a_conflict_keeps_both_values_until_someone_chooses(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi"))
    # The commune corrects the figure; the village, not knowing, changes it too.
    commune.enter(commune.office, "Bản Suối Giăng 1", "CT20a", 2026, value=8)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=6)
    preview = receive_package(
        commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi")
    )
    assert len(preview.conflicts) == 1
    assert "5" not in preview.conflicts[0].new and preview.conflicts[0].new.startswith("6")
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(8)  # not overwritten
    (conflict,) = open_conflicts(commune.office)
    assert (conflict.current.value, conflict.incoming.value) == (D(8), D(6))
    assert conflict.incoming_by == "Bí thư Suối Giăng"
    assert conflict.current_by == "Văn phòng xã"

    resolve_conflict(commune.office, conflict.id, take_incoming=True)
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(6)
    assert open_conflicts(commune.office) == []
    # The same entry arriving again (in the next package) is not a new conflict.
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2027, value=1)
    preview = receive_package(
        commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a3.dkgoi")
    )
    assert preview.conflicts == []


def test_a_kept_value_is_decided_for_good(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi"))
    commune.enter(commune.office, "Bản Suối Giăng 1", "CT20a", 2026, value=8)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=6)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi"))
    (conflict,) = open_conflicts(commune.office)
    resolve_conflict(commune.office, conflict.id, take_incoming=False)
    preview = receive_package(
        commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a3.dkgoi")
    )
    assert preview.conflicts == []
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(8)
    # The commune's decision travels back: the village laptop now shows 8 too.
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    receive_package(commune.a, config)
    assert value_at(commune.a, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(8)


def test_packages_from_two_villages_give_the_same_result_in_any_order(commune, tmp_path):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT11a", 2026, numerator=20, denominator=300)
    commune.enter(commune.b, "Tiểu khu 3", "CT20a", 2026, value=4)
    commune.enter(commune.b, "Tiểu khu 3", "CT11a", 2026, numerator=7, denominator=290)
    from_a = commune.send(commune.a, "Bản Suối Giăng 1", "a.dkgoi")
    from_b = commune.send(commune.b, "Tiểu khu 3", "b.dkgoi")
    commune.office.close()
    copy = tmp_path / "xa-2.sqlite"
    copy.write_bytes((tmp_path / "xa.sqlite").read_bytes())
    commune.office = Store.open(tmp_path / "xa.sqlite")
    other = Store.open(copy)
    try:
        for package in (from_a, from_b):
            receive_package(commune.office, package)
        for package in (from_b, from_a):
            receive_package(other, package)
        assert results_state(commune.office) == results_state(other)
        assert commune.office.commune_series(commune.office.figure_by_code("CT20a")) == {2026: D(9)}
    finally:
        other.close()


def test_configuration_never_erases_the_villages_unsent_entries(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)  # not sent yet
    commune.enter(commune.office, "Tiểu khu 3", "CT20a", 2026, value=4)
    commune.office.update_figure(commune.office.figure_by_code("CT19b").id, target=D(50))
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    preview = receive_package(commune.a, config)
    assert preview.catalogue_changes == 1
    assert value_at(commune.a, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)
    assert value_at(commune.a, "CT20a", "Tiểu khu 3", 2026)[0] == D(4)
    assert commune.a.figure_by_code("CT19b").target == D(50)


def test_a_package_from_another_commune_is_refused(commune, tmp_path):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    package = commune.send(commune.a, "Bản Suối Giăng 1", "a.dkgoi")
    stranger = Store.open(tmp_path / "xa-khac.sqlite")
    stranger.add_village("Bản Suối Giăng 1")
    before = fingerprint(stranger)
    with pytest.raises(PackageRefused, match="xã khác"):
        receive_package(stranger, package)
    assert fingerprint(stranger) == before
    stranger.close()


def test_own_package_is_refused(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    package = commune.send(commune.a, "Bản Suối Giăng 1", "a.dkgoi")
    with pytest.raises(PackageRefused, match="chính máy này"):
        receive_package(commune.a, package)


# --- hostile and broken files --------------------------------------------------------------


def rezip(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """Copy a package's members through ``change(members) -> members`` into a new zip."""
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    members = change(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def with_content(package: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """A package whose content was edited and whose checksum was recomputed to match."""
    read = read_package(package)
    content = json.loads(json.dumps(read.content))
    edit(content)
    manifest = {k: v for k, v in read.manifest.items() if not k.startswith("content_")}
    write_package(target, manifest, content)
    return target


def written(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def flipped(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


HOSTILE = {
    "truncated": (
        lambda p, t: written(t, p.read_bytes()[: len(p.read_bytes()) // 2]),
        "không phải là gói|bị hỏng",
    ),
    "one flipped byte": (flipped, "không phải là gói|bị hỏng"),
    "not a zip": (
        lambda p, t: written(t, "xin chào".encode()),
        "không phải là gói",
    ),
    "empty file": (lambda p, t: written(t, b""), "không phải là gói"),
    "path traversal": (
        lambda p, t: rezip(p, t, lambda m: {**m, "../../evil.txt": b"x"}),
        "thành phần lạ",
    ),
    "absolute path": (
        lambda p, t: rezip(p, t, lambda m: {**m, "/etc/passwd": b"x"}),
        "thành phần lạ",
    ),
    "missing content": (lambda p, t: rezip(p, t, lambda m: {MANIFEST: m[MANIFEST]}), "thành phần"),
    "huge member": (
        lambda p, t: rezip(p, t, lambda m: {**m, "content.json": b" " * (21 * 1024 * 1024)}),
        "quá lớn",
    ),
    "content edited without checksum": (
        lambda p, t: rezip(
            p, t, lambda m: {**m, "content.json": m["content.json"].replace(b'"5"', b'"50"')}
        ),
        "SHA-256",
    ),
    "a fraction of a Party member": (
        lambda p, t: with_content(p, t, lambda c: c["results"][0].update(value="2.5")),
        "số nguyên",
    ),
    "a word instead of a number": (
        lambda p, t: with_content(p, t, lambda c: c["results"][0].update(value="năm")),
        "số liệu sai",
    ),
    "a figure of another village": (
        lambda p, t: with_content(p, t, lambda c: c["results"][0].update(place="khac")),
        "địa bàn khác",
    ),
    "an unknown figure": (
        lambda p, t: with_content(p, t, lambda c: c["results"][0].update(figure="CT99z")),
        "chỉ số lạ",
    ),
    "a year outside the term": (
        lambda p, t: with_content(p, t, lambda c: c["results"][0].update(year=1990)),
        "năm sai",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_and_broken_packages_are_refused_and_change_nothing(commune, case):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    good = commune.send(commune.a, "Bản Suối Giăng 1", "good.dkgoi")
    make, message = HOSTILE[case]
    bad = make(good, commune.file("bad.dkgoi"))
    before = fingerprint(commune.office)
    with pytest.raises(PackageRefused, match=message):
        receive_package(commune.office, bad)
    assert fingerprint(commune.office) == before
    # and the good package still goes in afterwards
    receive_package(commune.office, good)
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)


def test_a_package_is_written_whole_or_not_at_all(commune, monkeypatch):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    target = commune.file("goi.dkgoi")

    def pulled_stick(*args, **kwargs):
        raise OSError("USB removed")

    monkeypatch.setattr("dk_desktop.store.files.os.replace", pulled_stick)
    with pytest.raises(StoreError, match="goi.dkgoi"):  # a message, no longer an OSError
        export_data_package(commune.a, "Bản Suối Giăng 1", target)
    assert sorted(p.name for p in commune.folder.glob("goi.dkgoi*")) == []  # nor a temporary


def test_a_full_disk_is_a_message_and_leaves_no_file(commune, monkeypatch):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    target = commune.file("goi.dkgoi")

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(StoreError, match="(?i)ổ đĩa"):
        export_data_package(commune.a, "Bản Suối Giăng 1", target)
    assert sorted(p.name for p in commune.folder.glob("goi.dkgoi*")) == []


def test_a_configuration_preview_tells_what_it_would_change_and_writes_nothing(commune):
    commune.enter(commune.office, "Tiểu khu 3", "CT20a", 2026, value=4)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)  # unsent, kept
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    before = fingerprint(commune.a)
    preview = receive_package(commune.a, config, dry_run=True)
    assert [(c.place_name, c.new) for c in preview.new] == [("Tiểu khu 3", "4 đảng viên")]
    assert "1 số liệu mới" in preview.summary()
    assert fingerprint(commune.a) == before
    applied = receive_package(commune.a, config)
    assert [c.place_name for c in applied.new] == ["Tiểu khu 3"]
    assert value_at(commune.a, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)


def test_a_commune_correction_is_not_a_conflict_when_the_village_entry_comes_again(commune):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=10)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi"))
    commune.enter(commune.office, "Bản Suối Giăng 1", "CT20a", 2026, value=12)  # corrected
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2027, value=3)  # something else
    preview = receive_package(
        commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi")
    )
    assert preview.conflicts == []
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(12)


# --- who may change the commune's plan (issue 10 §4) ----------------------------------------


def test_a_village_laptop_makes_no_configuration_package(commune):
    with pytest.raises(PackageRefused, match="chỉ văn phòng xã"):
        export_config_package(commune.a, commune.file("gia.dkgoi"))
    assert not commune.file("gia.dkgoi").exists()
    assert database_role(commune.a) == VILLAGE
    assert database_role(commune.office) == OFFICE


def test_the_office_never_receives_a_configuration_package(commune, tmp_path):
    # Another laptop lowers CT20a to 1 and drops a figure, then sends its «configuration».
    rogue = Store.open(tmp_path / "may-khac.sqlite", user="Người lạ")
    rogue.update_figure(rogue.figure_by_code("CT20a").id, target=D(1))
    rogue.retire_figure(rogue.figure_by_code("CT19b").id)
    package = commune.file("gia.dkgoi")
    export_config_package(rogue, package)
    rogue.close()
    before = fingerprint(commune.office)
    identity = commune.office.meta()["commune_uid"]
    for dry_run in (True, False):
        with pytest.raises(PackageRefused, match="văn phòng xã tạo gói cấu hình.*Người lạ"):
            receive_package(commune.office, package, dry_run=dry_run)
    assert fingerprint(commune.office) == before
    assert commune.office.figure_by_code("CT20a").target == D(80)
    assert not commune.office.figure_by_code("CT19b").retired
    assert commune.office.meta()["commune_uid"] == identity


def test_a_village_takes_configuration_only_from_its_own_communes_office(commune, tmp_path):
    other = Store.open(tmp_path / "xa-khac.sqlite", user="Văn phòng xã khác")
    other.update_figure(other.figure_by_code("CT20a").id, target=D(1))
    package = commune.file("xa-khac.dkgoi")
    export_config_package(other, package)
    other.close()
    before, identity = fingerprint(commune.a), commune.a.meta()["commune_uid"]
    with pytest.raises(PackageRefused, match="chỉ nhận gói cấu hình của văn phòng xã"):
        receive_package(commune.a, package)
    assert fingerprint(commune.a) == before
    assert commune.a.meta()["commune_uid"] == identity
    # its own office's next package still goes in
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    assert not receive_package(commune.a, config).binds


def test_the_first_configuration_binds_a_fresh_laptop(commune, tmp_path):
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config, sender="Lò Thị Hương")
    fresh = Store.open(tmp_path / "c.sqlite")
    try:
        assert database_role(fresh) is None
        preview = receive_package(fresh, config, dry_run=True)
        assert preview.binds and "người gửi: Lò Thị Hương" in preview.label
        assert "gói cấu hình đầu tiên" in preview.summary()  # what the command line shows
        assert database_role(fresh) is None  # a preview binds nothing
        receive_package(fresh, config)
        assert database_role(fresh) == VILLAGE
        assert fresh.meta()["commune_uid"] == commune.office.meta()["commune_uid"]
    finally:
        fresh.close()


def test_a_configuration_may_not_add_a_second_commune(commune):
    def second_commune(content) -> None:  # type: ignore[no-untyped-def]
        content["places"].append(
            {"uid": "xa-thu-hai", "name": "Xã Lạ", "kind": "commune", "parent": None}
        )

    def commune_made_a_village(content) -> None:  # type: ignore[no-untyped-def]
        commune_place = next(p for p in content["places"] if p["kind"] == "commune")
        content["places"].append({**commune_place, "kind": "village", "name": "Bản Lạ"})

    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    for edit, message in (
        (second_commune, "một máy chỉ theo dõi một xã"),
        (commune_made_a_village, "đổi loại"),
    ):
        bad = with_content(config, commune.file("xa-thu-hai.dkgoi"), edit)
        before = fingerprint(commune.a)
        with pytest.raises(PackageRefused, match=message):
            receive_package(commune.a, bad)
        assert fingerprint(commune.a) == before
        assert len([p for p in commune.a.places() if p.kind.value == "commune"]) == 1
        bad.unlink()


def test_a_fresh_laptop_takes_the_offices_commune_place_and_never_a_second(commune, tmp_path):
    """A commune whose seed named it otherwise: the fresh laptop's one commune place becomes
    the package's; a bound laptop refuses a package whose commune is another."""

    def another_commune(content) -> None:  # type: ignore[no-untyped-def]
        place = next(p for p in content["places"] if p["kind"] == "commune")
        old, place["uid"], place["name"] = place["uid"], "xa-moi", "Xã Mới"
        for row in content["places"] + content["results"] + content["tombstones"]:
            for key in ("parent", "place"):
                if row.get(key) == old:
                    row[key] = "xa-moi"

    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    other = with_content(config, commune.file("xa-moi.dkgoi"), another_commune)
    fresh = Store.open(tmp_path / "c.sqlite")
    try:
        receive_package(fresh, other)
        communes = [(p.uid, p.name) for p in fresh.places() if p.kind.value == "commune"]
        assert communes == [("xa-moi", "Xã Mới")]
        assert [v.name for v in fresh.villages()] == ["Bản Suối Giăng 1", "Tiểu khu 3"]
    finally:
        fresh.close()
    before = fingerprint(commune.a)
    with pytest.raises(PackageRefused, match="một máy chỉ theo dõi một xã"):
        receive_package(commune.a, other)
    assert fingerprint(commune.a) == before


def test_the_command_line_names_the_real_sender(commune, tmp_path, capsys):
    from dk_desktop.cli import main

    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    commune.a.close()
    commune.office.close()
    made = {
        "default-data": [
            "export",
            "--db",
            str(tmp_path / "a.sqlite"),
            "--village",
            "Bản Suối Giăng 1",
        ],
        "named-data": [
            "export",
            "--db",
            str(tmp_path / "a.sqlite"),
            "--village",
            "Bản Suối Giăng 1",
            "--nguoi-gui",
            "Lường Văn Pọm",
        ],
        "default-config": ["config", "--db", str(tmp_path / "xa.sqlite")],
        "named-config": ["config", "--db", str(tmp_path / "xa.sqlite"), "--sender", "Lò Thị Hương"],
    }
    for name, args in made.items():
        assert main(["package", *args, "-o", str(tmp_path / f"{name}.dkgoi")]) == 0
    senders = {name: read_package(tmp_path / f"{name}.dkgoi").manifest["sender"] for name in made}
    assert senders == {
        "default-data": "Bí thư chi bộ Bản Suối Giăng 1",
        "named-data": "Lường Văn Pọm",
        "default-config": "Văn phòng xã Đoàn Kết",
        "named-config": "Lò Thị Hương",
    }
    # a village laptop asked for a configuration package: refused, in Vietnamese, no file
    assert (
        main(
            [
                "package",
                "config",
                "--db",
                str(tmp_path / "a.sqlite"),
                "-o",
                str(tmp_path / "x.dkgoi"),
            ]
        )
        == 1
    )
    assert "chỉ văn phòng xã" in capsys.readouterr().err
    assert not (tmp_path / "x.dkgoi").exists()
    commune.a = Store.open(tmp_path / "a.sqlite")
    commune.office = Store.open(tmp_path / "xa.sqlite")


def test_an_nfd_village_name_is_the_same_village(commune):
    import unicodedata

    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    decomposed = unicodedata.normalize("NFD", "Bản Suối Giăng 1")
    assert decomposed != "Bản Suối Giăng 1"
    manifest = export_data_package(commune.a, decomposed, commune.file("nfd.dkgoi"))
    assert manifest["place_name"] == "Bản Suối Giăng 1"
    receive_package(commune.office, commune.file("nfd.dkgoi"))
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)


# --- no traceback, ever (issue 10 §5) ---------------------------------------------------------


def zipped(target: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def with_manifest(package: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """The package with its manifest edited (content and checksum left as they are)."""
    read = read_package(package)
    manifest = dict(read.manifest)
    edit(manifest)
    body = (json.dumps(read.content, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    manifest["content_sha256"] = hashlib.sha256(body).hexdigest()
    return zipped(target, {MANIFEST: json.dumps(manifest).encode(), "content.json": body})


def with_json_content(package: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """Like with_content, for content the app would never write (so not write_package)."""
    content = json.loads(json.dumps(read_package(package).content))
    edit(content)
    return with_content_bytes(package, target, json.dumps(content).encode())


def with_content_bytes(package: Path, target: Path, body: bytes) -> Path:
    """Any bytes as content.json, with the checksum recomputed to match."""
    manifest = dict(read_package(package).manifest)
    manifest["content_sha256"] = hashlib.sha256(body).hexdigest()
    return zipped(target, {MANIFEST: json.dumps(manifest).encode(), "content.json": body})


def patched_headers(package: Path, target: Path, offsets: tuple[int, int], value: bytes) -> Path:
    """Overwrite a field of every local and central zip header (method, flags…)."""
    data = bytearray(package.read_bytes())
    local, central = offsets
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + len(value)] = value
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
    return target


NO_TRACEBACK = {
    # numbers SQLite cannot hold (OverflowError before)
    "an origin counter of 2⁶³": lambda p, t: with_json_content(
        p, t, lambda c: c["results"][0].update(origin=[c["results"][0]["origin"][0], 2**63])
    ),
    "a history id of 2⁶⁴": lambda p, t: with_json_content(
        p, t, lambda c: c["history"][0].update(id=2**64)
    ),
    "a year of 2⁶³": lambda p, t: with_json_content(
        p, t, lambda c: c["results"][0].update(year=2**63)
    ),
    "a value of 10⁹⁹⁹⁹⁹⁹⁹⁹⁹": lambda p, t: with_content(
        p, t, lambda c: c["results"][0].update(value="1e999999999")
    ),
    "a seq of 2⁶³ in the manifest": lambda p, t: with_manifest(p, t, lambda m: m.update(seq=2**63)),
    # deeply nested JSON (RecursionError before)
    "deeply nested content": lambda p, t: with_content_bytes(
        p, t, b'{"results": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    ),
    "NaN in the content": lambda p, t: with_content_bytes(p, t, b'{"results": [NaN]}'),
    # wrong types inside a manifest whose checksum was recomputed
    "seq as text": lambda p, t: with_manifest(p, t, lambda m: m.update(seq="1")),
    "sender as a list": lambda p, t: with_manifest(p, t, lambda m: m.update(sender=["a"])),
    "no place name": lambda p, t: with_manifest(p, t, lambda m: m.pop("place_name")),
    "format version as text": lambda p, t: with_manifest(
        p, t, lambda m: m.update(format_version="1")
    ),
    # wrong types inside the content
    "results as an object": lambda p, t: with_content(p, t, lambda c: c.update(results={})),
    "a history row as a list": lambda p, t: with_content(
        p, t, lambda c: c["history"].__setitem__(0, [1, 2])
    ),
    "a note as a number": lambda p, t: with_content(p, t, lambda c: c["results"][0].update(note=5)),
    "an origin as text": lambda p, t: with_content(
        p, t, lambda c: c["results"][0].update(origin="abc")
    ),
    # zip headers naming an unknown method or flag (NotImplementedError, RuntimeError before)
    "an unknown compression method": lambda p, t: patched_headers(p, t, (8, 10), b"\x63\x00"),
    "the encrypted flag": lambda p, t: patched_headers(p, t, (6, 8), b"\x01\x00"),
    "the patched-data flag": lambda p, t: patched_headers(p, t, (6, 8), b"\x20\x00"),
    "a newer zip version": lambda p, t: patched_headers(p, t, (4, 6), b"\xff\x00"),
}


@pytest.mark.parametrize("case", list(NO_TRACEBACK))
def test_what_ended_in_a_traceback_is_refused_with_a_message(commune, case):
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    good = commune.send(commune.a, "Bản Suối Giăng 1", "good.dkgoi")
    bad = NO_TRACEBACK[case](good, commune.file("bad.dkgoi"))
    before = fingerprint(commune.office)
    for dry_run in (True, False):
        with pytest.raises(PackageRefused, match="(?i)không nhận|không phải là gói|phiên bản"):
            receive_package(commune.office, bad, dry_run=dry_run)
    assert fingerprint(commune.office) == before
    receive_package(commune.office, good)  # the good one still goes in
    assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2026)[0] == D(5)


@pytest.fixture(scope="module")
def sent(tmp_path_factory):  # type: ignore[no-untyped-def]
    """One commune and one real data package, made once for the slow tests below."""
    made = Commune(tmp_path_factory.mktemp("corpus"))
    made.enter(made.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    made.enter(made.a, "Bản Suối Giăng 1", "CT11a", 2026, numerator=21, denominator=310)
    made.enter(made.a, "Bản Suối Giăng 1", "CT20a", 2027, value=3)
    yield made, made.send(made.a, "Bản Suối Giăng 1", "a1.dkgoi")
    made.close()


def test_every_flipped_byte_is_refused_or_reads_the_same(sent):
    """Each byte of a real package XOR 0x01 and XOR 0xFF (a bad USB stick): refused with a
    message and nothing changed, or read with exactly the content that was sent."""
    commune, package = sent
    good = read_package(package)
    raw = package.read_bytes()
    before = fingerprint(commune.office)
    target = commune.file("lat.dkgoi")
    refused = same = 0
    for position in range(len(raw)):
        for mask in (0x01, 0xFF):
            damaged = bytearray(raw)
            damaged[position] ^= mask
            target.write_bytes(bytes(damaged))
            try:
                receive_package(commune.office, target, dry_run=True)
            except PackageRefused as error:
                assert "«lat.dkgoi»" in str(error) or "Gói" in str(error), (position, mask)
                refused += 1
                continue
            read = read_package(target)
            assert (read.manifest, read.content) == (good.manifest, good.content), (position, mask)
            same += 1
    assert fingerprint(commune.office) == before
    assert refused + same == 2 * len(raw) and refused > same


FUZZ_SEQ = itertools.count(1000)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(document, prefix=()):  # type: ignore[no-untyped-def]
    """Every place in a JSON document, as the keys that lead to it."""
    yield prefix
    if isinstance(document, dict | list):
        children = document.items() if isinstance(document, dict) else enumerate(document)
        for key, child in children:
            yield from _paths(child, (*prefix, key))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_package_content_is_refused_or_received_never_a_traceback(sent, data):
    """Any value at any place of a real package's content (checksum recomputed, a new
    package number each time): received, or refused with a message and nothing changed."""
    commune, package = sent
    read = read_package(package)
    content = json.loads(json.dumps(read.content))
    path = data.draw(st.sampled_from(list(_paths(content))[1:]))
    holder = content
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = data.draw(JSON_VALUES)
    manifest = {k: v for k, v in read.manifest.items() if not k.startswith("content_")}
    manifest["seq"] = next(FUZZ_SEQ)  # a new package each time, never "already received"
    target = commune.file("fuzz.dkgoi")
    target.unlink(missing_ok=True)
    try:
        write_package(target, manifest, content)
    except PackageRefused:
        return  # not even a file the app would write
    before = fingerprint(commune.office)
    try:
        receive_package(commune.office, target)
    except PackageRefused as error:
        assert str(error)
        assert fingerprint(commune.office) == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_configuration_content_is_previewed_or_refused_never_a_traceback(sent, data):
    """The same for a configuration package on the village laptop, previewed (its preview
    applies the catalogue and places in a transaction that is rolled back)."""
    commune, _ = sent
    config = commune.file("cau-hinh-fuzz.dkgoi")
    if not config.exists():
        export_config_package(commune.office, config)
    read = read_package(config)
    content = json.loads(json.dumps(read.content))
    path = data.draw(st.sampled_from(list(_paths(content))[1:]))
    holder = content
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = data.draw(JSON_VALUES)
    manifest = {k: v for k, v in read.manifest.items() if not k.startswith("content_")}
    target = commune.file("fuzz-cau-hinh.dkgoi")
    target.unlink(missing_ok=True)
    try:
        write_package(target, manifest, content)
    except PackageRefused:
        return
    before = fingerprint(commune.a)
    try:
        receive_package(commune.a, target, dry_run=True)
    except PackageRefused as error:
        assert str(error)
    assert fingerprint(commune.a) == before


def _village_place(content):  # type: ignore[no-untyped-def]
    return next(p for p in content["places"] if p["kind"] == "village")


BAD_CONFIGURATIONS = {
    # found by the fuzzing above: a village without a parent broke a CHECK constraint
    "a village without its parent": lambda c: _village_place(c).update(parent=None),
    "a position as a word": lambda c: _village_place(c).update(position="ba"),
    "a parent as a list": lambda c: _village_place(c).update(parent=["x"]),
    "places as an object": lambda c: c.update(places={}),
    "decided as a number": lambda c: c.update(decided=3),
    "a target as a word": lambda c: c["targets"][0]["figures"][0].update(target="tám mươi"),
    # the commune's words are checked by the JSON import's rules too (a list went to SQLite)
    "a commune word as a list": lambda c: c["commune"].update(document_congress_number=[]),
    "no commune words": lambda c: c.pop("commune"),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGURATIONS))
def test_a_broken_configuration_is_refused_and_changes_nothing(commune, case):
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    bad = with_content(config, commune.file("hong.dkgoi"), BAD_CONFIGURATIONS[case])
    before = fingerprint(commune.a)
    for dry_run in (True, False):
        with pytest.raises(PackageRefused, match="(?i)không nhận|không có gì bị thay đổi"):
            receive_package(commune.a, bad, dry_run=dry_run)
    assert fingerprint(commune.a) == before
    receive_package(commune.a, config)  # the office's own still goes in


def test_a_configuration_package_that_could_not_be_written_marks_nothing(store, tmp_path):
    """Only a written configuration package makes this file the office's: a failed one
    (here, a folder that is not there) leaves a fresh laptop able to take the office's."""
    from dk_desktop.store.errors import StoreError

    assert database_role(store) is None
    with pytest.raises((StoreError, OSError)):
        export_config_package(store, tmp_path / "khong-co" / "cau-hinh.dkgoi")
    assert database_role(store) is None
    export_config_package(store, tmp_path / "cau-hinh.dkgoi")
    assert database_role(store) == OFFICE


def test_applying_a_plan_never_changes_it(commune):
    """Planning returns a plan and applying only reads it: after applying, the plan equals
    one made before from the same database, and the package's content is as it was read."""
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=5)
    receive_package(commune.office, commune.send(commune.a, "Bản Suối Giăng 1", "a1.dkgoi"))
    commune.enter(commune.office, "Bản Suối Giăng 1", "CT20a", 2026, value=8)
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2026, value=6)  # a conflict
    commune.enter(commune.a, "Bản Suối Giăng 1", "CT20a", 2027, value=3)  # a new entry
    data = read_package(commune.send(commune.a, "Bản Suối Giăng 1", "a2.dkgoi"))
    commune.enter(commune.office, "Tiểu khu 3", "CT20a", 2026, value=4)
    config = commune.file("cau-hinh-2.dkgoi")
    export_config_package(commune.office, config)
    fresh = Store.open(commune.file("moi.sqlite"), user="Bí thư mới")
    try:
        for store, package in ((commune.office, data), (fresh, read_package(config))):
            content = copy.deepcopy(package.content)
            plan, expected = plan_package(store, package), plan_package(store, package)
            assert (plan.writes and plan.conflicts) or (plan.items and plan.places)
            with store.transaction():
                preview = apply_plan(store, plan)
            assert plan == expected
            assert package.content == content
            assert preview.new  # something was applied
        assert len(open_conflicts(commune.office)) == 1
        assert value_at(commune.office, "CT20a", "Bản Suối Giăng 1", 2027)[0] == D(3)
        assert value_at(fresh, "CT20a", "Tiểu khu 3", 2026)[0] == D(4)
    finally:
        fresh.close()
