"""The Excel sheet filled in by hand, read back: verify -> preview -> apply."""

from __future__ import annotations

import hashlib
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dk_desktop.exchange.json_format import dumps, export_data
from dk_desktop.exchange.xlsx_import import SheetRefused, import_sheet
from dk_desktop.reports.xlsx_report import VILLAGE_SHEET, write_xlsx_report
from dk_desktop.store.repository import ResultInput, Store

YEAR_COLUMN = {year: 6 + year - 2025 for year in range(2025, 2031)}  # F = 2025


def fingerprint(store: Store) -> str:
    return hashlib.sha256(dumps(export_data(store)).encode()).hexdigest()


@pytest.fixture
def workbook(store, tmp_path) -> Path:
    a = store.add_village("Bản Suối Giăng 1")
    store.add_village("Tiểu khu 3")
    members = store.figure_by_code("CT20a")
    store.set_result(members.id, a.id, 2026, ResultInput(D(5)))
    store.set_result(
        store.figure_by_code("CT11a").id,
        a.id,
        2026,
        ResultInput(numerator=D(21), denominator=D(310)),
    )
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(store, path)
    return path


def edit(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    book = load_workbook(path)
    change(book[VILLAGE_SHEET])
    book.save(path)
    return path


def row_of(sheet, code: str, place: str) -> int:  # type: ignore[no-untyped-def]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code and sheet.cell(row, 5).value == place:
            return row
    raise AssertionError(f"no row {code} {place}")


def value(store: Store, code: str, place_name: str, year: int):  # type: ignore[no-untyped-def]
    place = next(p for p in store.places() if p.name == place_name)
    result = store.result(store.figure_by_code(code).id, place.id, year)
    return None if result is None else result.value


def test_a_filled_in_sheet_is_previewed_then_applied(store, workbook):
    def fill(sheet):  # type: ignore[no-untyped-def]
        row = row_of(sheet, "CT20a", "Bản Suối Giăng 1")
        sheet.cell(row, YEAR_COLUMN[2026]).value = 6  # changed
        sheet.cell(row, YEAR_COLUMN[2027]).value = "1.041"  # typed as text, Vietnamese style
        new = sheet.max_row + 1
        for column, text in enumerate(["CT20a", "", "", "đảng viên", "Tiểu khu 3"], start=1):
            sheet.cell(new, column).value = text
        sheet.cell(new, YEAR_COLUMN[2026]).value = 4

    edit(workbook, fill)
    before = fingerprint(store)
    preview = import_sheet(store, workbook, dry_run=True)
    assert (len(preview.new), len(preview.changed)) == (2, 1)
    assert fingerprint(store) == before
    import_sheet(store, workbook)
    assert value(store, "CT20a", "Bản Suối Giăng 1", 2026) == 6
    assert value(store, "CT20a", "Bản Suối Giăng 1", 2027) == 1041
    assert value(store, "CT20a", "Tiểu khu 3", 2026) == 4
    # The commune row showed the villages' sum; it did not become a commune entry.
    assert value(store, "CT20a", "Đoàn Kết", 2026) is None
    assert store.history(figure_id=store.figure_by_code("CT20a").id)[0].changed_by == store.user
    again = import_sheet(store, workbook)  # the same sheet twice changes nothing
    assert (again.new, again.changed) == ([], [])


def test_an_unchanged_export_imports_as_nothing(store, workbook):
    preview = import_sheet(store, workbook)
    assert (preview.new, preview.changed) == ([], [])


def cell_edit(code: str, place: str, year: int, content):  # type: ignore[no-untyped-def]
    def change(sheet):  # type: ignore[no-untyped-def]
        sheet.cell(row_of(sheet, code, place), YEAR_COLUMN[year]).value = content

    return change


BAD_SHEETS = {
    "a word": (cell_edit("CT20a", "Bản Suối Giăng 1", 2027, "năm"), "không phải là số"),
    "an English decimal point": (cell_edit("CT19a", "Toàn xã Đoàn Kết", 2027, "26.3"), "26,3"),
    "a fraction of a Party member": (
        cell_edit("CT20a", "Bản Suối Giăng 1", 2027, 2.5),
        "số nguyên",
    ),
    "a percentage over 100": (cell_edit("CT11a", "Toàn xã Đoàn Kết", 2027, 130), "từ 0 đến 100"),
    "a village's ratio typed as %": (
        cell_edit("CT11a", "Bản Suối Giăng 1", 2026, 8),
        "số đạt và tổng số",
    ),
    "an unknown village": (
        lambda s: setattr(s.cell(row_of(s, "CT20a", "Bản Suối Giăng 1"), 5), "value", "Bản Lạ"),
        "chưa có trong danh sách",
    ),
    "an unknown code": (
        lambda s: setattr(s.cell(row_of(s, "CT20a", "Bản Suối Giăng 1"), 1), "value", "CT99z"),
        "không có trong danh mục",
    ),
    "a changed heading": (lambda s: setattr(s.cell(1, 5), "value", "Bản"), "không đúng mẫu"),
}


@pytest.mark.parametrize("case", list(BAD_SHEETS))
def test_bad_sheets_are_refused_and_change_nothing(store, workbook, case):
    change, message = BAD_SHEETS[case]
    edit(workbook, change)
    before = fingerprint(store)
    with pytest.raises(SheetRefused, match=message):
        import_sheet(store, workbook)
    assert fingerprint(store) == before


def test_not_a_workbook(store, tmp_path):
    path = tmp_path / "so-lieu.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(SheetRefused, match="không phải là tệp Excel"):
        import_sheet(store, path)


def test_a_workbook_without_the_sheet(store, workbook):
    book = load_workbook(workbook)
    del book[VILLAGE_SHEET]
    book.save(workbook)
    with pytest.raises(SheetRefused, match="không có trang"):
        import_sheet(store, workbook)


def test_notes_are_kept_and_a_typed_commune_total_is_reported_not_taken(store, workbook):
    members = store.figure_by_code("CT20a")
    village = next(v for v in store.villages() if v.name == "Bản Suối Giăng 1")
    store.set_result(members.id, village.id, 2026, ResultInput(D(5), note="Số liệu ước tính"))

    def fill(sheet):  # type: ignore[no-untyped-def]
        sheet.cell(row_of(sheet, "CT20a", "Bản Suối Giăng 1"), YEAR_COLUMN[2026]).value = 7
        sheet.cell(row_of(sheet, "CT20a", "Toàn xã Đoàn Kết"), YEAR_COLUMN[2026]).value = 999

    edit(workbook, fill)
    preview = import_sheet(store, workbook)
    assert [c.new for c in preview.skipped] == ["999 đảng viên"]
    assert "bị bỏ qua" in preview.summary()
    assert store.result(members.id, village.id, 2026).note == "Số liệu ước tính"
    assert value(store, "CT20a", "Bản Suối Giăng 1", 2026) == 7
    assert value(store, "CT20a", "Đoàn Kết", 2026) is None
