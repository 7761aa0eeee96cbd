"""The kinds of issue 13 §3 and a catalogue of more than 22 targets travel in the JSON
export and back (docs/data-format.md): x of y units keep their y, shares their structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from dk_desktop.cli import main
from dk_desktop.core.model import Kind
from dk_desktop.exchange.json_format import ImportRefused, export_json, import_data, read_json
from dk_desktop.store.repository import Store

TEXT = "Các chỉ tiêu chủ yếu:\n" + "\n".join(
    [
        "(1) Số thôn đạt chuẩn nông thôn mới: 04/09 thôn.",
        "(2) Cơ cấu kinh tế: nông, lâm nghiệp 75%; dịch vụ 20%; tiểu thủ công nghiệp 5%.",
        "(3) Tuyển chọn, gọi công dân nhập ngũ hàng năm đạt 100% chỉ tiêu.",
    ]
    + [f"({n}) Tỷ lệ hộ dùng nước sạch ở cụm {n} đạt {50 + n}%." for n in range(4, 31)]
)


def _drafted(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    """TEXT drafted and made into a database with the command line."""
    source, draft, db = tmp_path / "a.txt", tmp_path / "a.json", tmp_path / "a.sqlite"
    source.write_text(TEXT, encoding="utf-8")
    commune = ["--commune", "Mường Lạn", "--congress", "I"]
    assert main(["resolution", "draft", str(source), *commune, "-o", str(draft)]) == 0
    assert main(["init", "--db", str(db), "--resolution", str(draft)]) == 0
    capsys.readouterr()
    return db


def test_new_kinds_and_30_targets_survive_a_json_round_trip(tmp_path: Path, capsys):
    db = _drafted(tmp_path, capsys)
    first, second = tmp_path / "a-xuat.json", tmp_path / "b-xuat.json"
    store = Store.open(db, create=False)
    assert max(i.resolution_number or 0 for i in store.items()) == 30
    export_json(store, first)
    store.close()

    other = Store.open(tmp_path / "b.sqlite")  # another file: its content is replaced
    import_data(other, read_json(first))
    figures = other.figures()
    (villages,) = [f for f in figures if f.kind is Kind.UNITS_OF_TOTAL]
    assert villages.total == 9
    shares = [f for f in figures if f.kind is Kind.STRUCTURE]
    assert [f.structure for f in shares] == ["Cơ cấu kinh tế"] * 3
    export_json(other, second)
    other.close()
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"total": "-3"}, "lớn hơn 0"),
        ({"total": None}, "tổng số đơn vị"),
        ({"kind": "structure", "structure": "   "}, "tên cơ cấu"),
    ],
)
def test_a_new_kind_without_what_it_needs_is_refused_in_words(tmp_path, capsys, change, message):
    db = _drafted(tmp_path, capsys)
    exported = tmp_path / "xuat.json"
    store = Store.open(db, create=False)
    export_json(store, exported)
    document = read_json(exported)
    villages = next(
        f for t in document["targets"] for f in t["figures"] if f["kind"] == "units_of_total"
    )
    villages.update(change)
    with pytest.raises(ImportRefused, match=message):
        import_data(store, document)
    assert store.figure_by_code(villages["code"]).total == 9  # nothing changed
    store.close()
