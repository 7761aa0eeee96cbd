"""The JSON export: the whole database, read back all or nothing."""

import hashlib
import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

from dk_desktop.core.model import TaskState
from dk_desktop.exchange.json_format import (
    ImportRefused,
    dumps,
    export_data,
    export_json,
    import_data,
    read_json,
)
from dk_desktop.store.errors import StoreError
from dk_desktop.store.repository import ResultInput, Store


def fill(store: Store) -> None:
    """A realistic little database: villages, sums, ratios, a catalogue edit, task states."""
    former = store.former_communes()
    a = store.add_village("Bản Suối Giăng 1", parent_id=former[0].id)
    b = store.add_village("Tiểu khu 3", parent_id=former[1].id)
    commune = store.commune()
    members = store.figure_by_code("CT20a")
    poverty = store.figure_by_code("CT11a")
    store.set_result(members.id, a.id, 2026, ResultInput(D(9), note="Chi bộ bản báo cáo"))
    store.set_result(members.id, b.id, 2026, ResultInput(D(8)))
    store.set_result(poverty.id, a.id, 2026, ResultInput(numerator=D(21), denominator=D(310)))
    store.set_result(poverty.id, b.id, 2026, ResultInput(numerator=D(7), denominator=D(290)))
    store.set_result(store.figure_by_code("CT19b").id, commune.id, 2026, ResultInput(D("46.8")))
    store.set_result(store.figure_by_code("CT04a").id, commune.id, 2026, ResultInput(D(11553)))
    store.update_figure(store.figure_by_code("CT06a").id, note="Theo số liệu thống kê xã")
    task = next(i for i in store.items() if i.code == "NV1.1")
    store.set_task_state(task.id, 2026, TaskState.IN_PROGRESS, "Đang triển khai")
    store.set_milestone(poverty.id, 2027, D(5))


def test_export_holds_the_catalogue_places_values_and_progress(store, tmp_path):
    fill(store)
    document = export_data(store)
    assert [t["number"] for t in document["targets"]] == list(range(1, 23))
    poverty = next(f for t in document["targets"] for f in t["figures"] if f["code"] == "CT11a")
    assert poverty["baseline"] == "6.1"
    assert poverty["target"] == "3"
    assert poverty["milestones"] == {"2027": "5"}
    assert poverty["progress"]["status"] == "Có khả năng đạt"  # the verdict words of issue 12
    assert poverty["progress"]["value"] == "4.67"  # 28 / 600 households
    members = [r for r in document["results"] if r["figure"] == "CT20a"]
    assert {r["value"] for r in members} == {"9", "8"}
    assert all(r["entered_by"] == "Nguyễn Văn Thư" for r in members)
    assert "Tiểu khu 3" in {p["name"] for p in document["places"]}
    assert document["task_states"][0]["state"] == "in_progress"
    text = dumps(document)
    assert "Tỷ lệ hộ nghèo" in text  # written as UTF-8 text, not \u escapes


def test_round_trip_export_import_export_is_identical(store, tmp_path):
    fill(store)
    first = tmp_path / "a.json"
    export_json(store, first)
    other = Store.open(tmp_path / "other.sqlite")
    import_data(other, read_json(first))
    second = tmp_path / "b.json"
    export_json(other, second)
    other.close()
    assert second.read_bytes() == first.read_bytes()


def database_fingerprint(store: Store) -> str:
    return hashlib.sha256(dumps(export_data(store)).encode()).hexdigest()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update(format="something-else"), "không phải là dữ liệu xuất"),
        (lambda d: d.update(format_version=99), "phiên bản 99"),
        (lambda d: d["targets"][0].update(number=0), "từ 1 trở lên"),
        (lambda d: d["targets"][3]["figures"][0].update(kind="magic"), "kind"),
        (lambda d: d["targets"][0]["figures"][0].update(target="abc"), "cần một số"),
        (lambda d: d["results"][0].update(value="2.5"), "số nguyên"),  # 2,5 Party members
        (lambda d: d["results"][0].update(figure="CT99z"), "không có trong danh mục"),
        (lambda d: d["results"][0].update(place_id=999), "không có trong «places»"),
        (lambda d: d["results"].append(dict(d["results"][0])), "bị trùng"),
        (lambda d: d["places"].append({**d["places"][-1], "id": 77}), "bị trùng"),
        (lambda d: d["results"][2].update(numerator="400"), "không thể lớn hơn"),
        (lambda d: d.pop("history"), "history"),
        # issue 10 §5: wrong types and sizes that reached SQLite or int() before
        (lambda d: d["results"][0].update(value="1e999999999"), "số quá lớn"),
        (lambda d: d["places"][0].update(position=2**63), "nội dung sai"),  # OverflowError
        (lambda d: d["results"][0].update(year=2**62), "năm"),
        (lambda d: d["commune"].update(commune_name=["Đoàn Kết"]), "chữ"),
        (lambda d: d["targets"].__setitem__(0, "CT01"), "đối tượng"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(store, tmp_path, damage, message):
    fill(store)
    document = json.loads(dumps(export_data(store)))
    damage(document)
    target = Store.open(tmp_path / "target.sqlite")
    fill(target)
    before = database_fingerprint(target)
    with pytest.raises(ImportRefused, match=message):
        import_data(target, document)
    assert database_fingerprint(target) == before
    target.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "không phải là tệp JSON"),
        (b"\xff\xfe", "JSON"),
        # issue 10 §5: each of these ended in a Python traceback
        (b"[" * 100_000 + b"]" * 100_000, "lồng nhau quá sâu"),
        (b'{"format": "dk-desktop-data", "x": ' + b"[" * 40 + b"]" * 40 + b"}", "lồng nhau"),
        (b'{"position": 9223372036854775808}', "số quá lớn"),
        (b'{"position": ' + b"9" * 5000 + b"}", "số quá lớn"),
        (b'{"value": NaN}', "không phải là số"),
        (b'{"value": 1e999}', "số quá lớn"),
    ],
)
def test_broken_json_is_refused(tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message):
        read_json(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "lon.json"
    with path.open("wb") as handle:  # sparse: 101 MB on paper, nothing on the disk
        handle.truncate(101 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="quá lớn"):
        read_json(path)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dk_desktop", *args],
        capture_output=True,
        encoding="utf-8",  # the command line writes UTF-8 on every system (console.py)
        timeout=60,
    )


def test_command_line_round_trip_and_check(tmp_path):
    db, copy = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run_cli("init", "--db", str(db)).returncode == 0
    store = Store.open(db)
    fill(store)
    store.close()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run_cli("export", "--db", str(db), "--format", "json", "-o", str(first)).returncode == 0
    assert run_cli("init", "--db", str(copy)).returncode == 0
    imported = run_cli("import", "--db", str(copy), str(first))
    assert imported.returncode == 0, imported.stderr
    assert "Đã nhập" in imported.stdout
    assert run_cli("export", "--db", str(copy), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    checked = run_cli("check", "--db", str(copy))
    assert checked.returncode == 0
    assert "toàn vẹn" in checked.stdout


def test_command_line_refusals_exit_non_zero_with_a_vietnamese_message(tmp_path):
    db = tmp_path / "a.sqlite"
    run_cli("init", "--db", str(db))
    again = run_cli("init", "--db", str(db))
    assert again.returncode == 1
    assert "đã có" in again.stderr
    not_json = tmp_path / "x.json"
    not_json.write_text("hello", encoding="utf-8")
    refused = run_cli("import", "--db", str(db), str(not_json))
    assert refused.returncode == 1
    assert "không phải là tệp JSON" in refused.stderr
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("ghi chú", encoding="utf-8")
    damaged = run_cli("check", "--db", str(text_file))
    assert damaged.returncode == 1
    assert "không phải là cơ sở dữ liệu" in damaged.stderr
    assert run_cli("export", "--db", str(db)).returncode == 2  # -o is required


def test_check_fails_on_broken_links(tmp_path):
    db = tmp_path / "a.sqlite"
    run_cli("init", "--db", str(db))
    store = Store.open(db)
    store.db.execute("PRAGMA foreign_keys = OFF")
    store.db.execute(
        "INSERT INTO results (figure_id, place_id, year, value, entered_by, entered_at) "
        "VALUES (99999, 1, 2026, 1, 'x', 'y')"
    )
    store.db.conn.commit()
    store.close()
    result = run_cli("check", "--db", str(db))
    assert result.returncode == 1
    assert "liên kết" in result.stderr


def test_export_is_written_whole_or_not_at_all(store, tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old export", encoding="utf-8")

    def power_cut(*args, **kwargs):
        raise OSError("disk removed")

    monkeypatch.setattr("dk_desktop.store.files.os.replace", power_cut)
    with pytest.raises(StoreError, match="Chưa có gì bị thay đổi"):  # a message, since feee957
        export_json(store, target)
    assert target.read_text(encoding="utf-8") == "old export"


def test_item_notes_from_the_seed_reach_the_export(store):
    document = export_data(store)
    target_four = document["targets"][3]
    assert target_four["note"] and "cây ăn quả" in target_four["note"]


def test_importing_another_laptops_export_keeps_this_laptops_identity(store, tmp_path):
    fill(store)
    other = Store.open(tmp_path / "other.sqlite")
    other_device = other.device_id()
    for _ in range(50):  # this laptop's counter is ahead of the file's
        other.set_result(
            other.figure_by_code("CT13a").id, other.commune().id, 2026, ResultInput(D(91))
        )
        other.set_result(other.figure_by_code("CT13a").id, other.commune().id, 2026, ResultInput())
    counter_before = int(other.meta()["counter"])
    document = export_data(store)
    assert "device_id" not in document["commune"]  # a laptop's identity is not data
    import_data(other, document)
    assert other.device_id() == other_device != store.device_id()
    assert int(other.meta()["counter"]) >= counter_before  # never goes back
    other.set_result(other.figure_by_code("CT13a").id, other.commune().id, 2027, ResultInput(D(92)))
    other.close()


def test_backups_restored_never_turn_the_counter_back(store, tmp_path):
    from dk_desktop.store.backup import restore_backup

    figure = store.figure_by_code("CT13a")
    store.set_result(figure.id, store.commune().id, 2026, ResultInput(D(91)))
    old = store.backup("thu-cong")
    for value in range(92, 99):
        store.set_result(figure.id, store.commune().id, 2026, ResultInput(D(value)))
    counter = int(store.meta()["counter"])
    restore_backup(store.db, store.path, old)
    assert int(store.meta()["counter"]) == counter


def test_measured_ratio_parts_with_decimals_survive_a_round_trip(store, tmp_path):
    """1.300,5 ha of forest protected (issue 12 §4) is exported and imported back; a
    fraction of a household stays refused."""
    forest = store.figure_by_code("CT18a")
    village = store.add_village("Bản Thử")
    store.set_result(forest.id, village.id, 2027, ResultInput(None, D("1300.5"), D("1500")))
    document = export_data(store)
    other = Store.open(tmp_path / "other.sqlite")
    import_data(other, document)
    assert other.result(forest.id, village.id, 2027).numerator == D("1300.5")
    other.close()
    row = next(r for r in document["results"] if r["figure"] == "CT18a")
    row["figure"] = "CT11a"  # the same halves for households
    third = Store.open(tmp_path / "third.sqlite")
    with pytest.raises(ImportRefused, match="số nguyên"):
        import_data(third, document)
    third.close()
