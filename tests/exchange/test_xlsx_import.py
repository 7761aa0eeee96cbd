"""The Excel sheet filled in by hand, read back: verify -> preview -> apply."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
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


def test_a_yes_no_figure_comes_back_in_words(store, tmp_path):
    """The exported sheet writes «Đạt» / «Chưa đạt» for a yes/no figure: importing that
    sheet unchanged changes nothing, and a «Chưa đạt» typed over it is read."""
    party = store.figure_by_code("CT21a")  # Đảng bộ xã hoàn thành tốt nhiệm vụ: yes/no
    store.set_result(party.id, store.commune().id, 2026, ResultInput(D(1)))
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(store, path)
    row = row_of(load_workbook(path)[VILLAGE_SHEET], "CT21a", "Toàn xã Đoàn Kết")
    assert load_workbook(path)[VILLAGE_SHEET].cell(row, YEAR_COLUMN[2026]).value == "Đạt"
    preview = import_sheet(store, path)
    assert (preview.new, preview.changed) == ([], [])
    edit(path, cell_edit("CT21a", "Toàn xã Đoàn Kết", 2026, "Chưa đạt"))
    import_sheet(store, path)
    assert value(store, "CT21a", "Đoàn Kết", 2026) == 0


def test_the_preview_writes_a_yes_no_figure_in_words(store, tmp_path):
    """The preview (window and command line) writes what a yes/no figure holds as every
    view does (core.words.entry_text): «Đạt» → «Chưa đạt», never 1 → 0."""
    party = store.figure_by_code("CT21a")
    store.set_result(party.id, store.commune().id, 2026, ResultInput(D(1)))
    path = tmp_path / "bao-cao.xlsx"
    write_xlsx_report(store, path)
    edit(path, cell_edit("CT21a", "Toàn xã Đoàn Kết", 2026, "Chưa đạt"))
    preview = import_sheet(store, path, dry_run=True)
    assert [(c.old, c.new) for c in preview.changed] == [("Đạt", "Chưa đạt")]


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


# --- no traceback, ever (issue 10 §5) and names in NFC (§6) ------------------------------------


def sheet_member(path: Path) -> str:
    """The zip member holding the «Số liệu theo bản» sheet (found by its title in the XML)."""
    book = load_workbook(path, read_only=True)
    index = book.sheetnames.index(VILLAGE_SHEET) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def rezipped(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the workbook with its parts passed through ``change(parts) -> parts``."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in change(parts).items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def sheet_xml(change):  # type: ignore[no-untyped-def]
    def apply(source: Path, target: Path) -> Path:
        member = sheet_member(source)
        return rezipped(source, target, lambda parts: {**parts, member: change(parts[member])})

    return apply


SHARED_STRINGS_BOMB = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    + b" " * (60 * 1024 * 1024)
    + b"</t></si></sst>"
)

BROKEN_WORKBOOKS = {
    "sheet XML cut in half": sheet_xml(lambda xml: xml[: len(xml) // 2]),
    "sheet XML with a broken tag": sheet_xml(lambda xml: xml.replace(b"<row ", b"<r<ow ", 1)),
    "sheet XML with an unknown attribute": sheet_xml(
        lambda xml: xml.replace(b"<pageSetup ", b'<pageSetup nrientation="x" ', 1)
    ),
    "an empty sheet part": sheet_xml(lambda xml: b""),
    "shared strings of 60 MB (a zip bomb)": lambda source, target: rezipped(
        source, target, lambda parts: {**parts, "xl/sharedStrings.xml": SHARED_STRINGS_BOMB}
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_WORKBOOKS))
def test_a_broken_workbook_is_refused_with_a_message(store, workbook, tmp_path, case):
    broken = BROKEN_WORKBOOKS[case](workbook, tmp_path / "hong.xlsx")
    before = fingerprint(store)
    with pytest.raises(SheetRefused, match="không phải là tệp Excel|quá lớn|không đúng mẫu"):
        import_sheet(store, broken)
    assert fingerprint(store) == before


@pytest.fixture(scope="module")
def lean_sheet(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A real «Số liệu theo bản» sheet as the app writes it, cut to the heading and one
    village row holding a value (every byte of it is flipped below: it must stay small)."""
    folder = tmp_path_factory.mktemp("sheet")
    store = Store.open(folder / "xa.sqlite")
    village = store.add_village("Bản Suối Giăng 1")
    store.set_result(store.figure_by_code("CT20a").id, village.id, 2026, ResultInput(D(5)))
    path = folder / "bao-cao.xlsx"
    write_xlsx_report(store, path)
    book = load_workbook(path)
    for name in book.sheetnames:
        if name != VILLAGE_SHEET:
            del book[name]
    sheet = book[VILLAGE_SHEET]
    keep = row_of(sheet, "CT20a", "Bản Suối Giăng 1")
    for row in range(sheet.max_row, 1, -1):
        if row != keep:
            sheet.delete_rows(row)
    book.save(path)
    yield store, path
    store.close()


def test_every_flipped_byte_of_a_sheet_is_refused_or_read(lean_sheet, tmp_path):
    """Each byte of the sheet's XML XOR 0x01 and XOR 0xFF: refused with a message, or read
    as a sheet (a flipped digit is a different number, as if typed), never a traceback;
    nothing is written by a preview."""
    store, path = lean_sheet
    member = sheet_member(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    xml = parts[member]
    before = fingerprint(store)
    target = tmp_path / "lat.xlsx"
    refused = read = 0
    for position in range(len(xml)):
        for mask in (0x01, 0xFF):
            damaged = bytearray(xml)
            damaged[position] ^= mask
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in parts.items():
                    archive.writestr(name, bytes(damaged) if name == member else data)
            target.write_bytes(buffer.getvalue())
            try:
                import_sheet(store, target, dry_run=True)
            except SheetRefused as error:
                assert "«lat.xlsx»" in str(error) or "Dòng" in str(error) or "ô " in str(error)
                refused += 1
            else:
                read += 1
    assert fingerprint(store) == before
    assert refused > 0 and read > 0


def test_a_village_typed_in_nfd_is_the_same_village(store, workbook):
    decomposed = unicodedata.normalize("NFD", "Bản Suối Giăng 1")
    assert decomposed != "Bản Suối Giăng 1"

    def fill(sheet):  # type: ignore[no-untyped-def]
        row = row_of(sheet, "CT20a", "Bản Suối Giăng 1")
        sheet.cell(row, 5).value = decomposed
        sheet.cell(row, YEAR_COLUMN[2027]).value = 9

    edit(workbook, fill)
    import_sheet(store, workbook)
    assert value(store, "CT20a", "Bản Suối Giăng 1", 2027) == 9


def test_a_read_only_database_refuses_the_sheet_before_any_backup(
    store, workbook, db_path, read_only_copy
):
    """The refusal comes first: no «trước khi nhập» backup is made (and no older one
    thinned away) for a change that cannot be written."""
    from dk_desktop.store.backup import list_backups
    from dk_desktop.store.errors import StoreError

    edit(workbook, cell_edit("CT20a", "Bản Suối Giăng 1", 2026, 6))
    store.close()
    path = read_only_copy(db_path, folder_too=False)
    read_only = Store.open(path)
    try:
        assert read_only.read_only
        before = list_backups(path)
        with pytest.raises(StoreError, match="chỉ đọc"):
            import_sheet(read_only, workbook)
        assert list_backups(path) == before
    finally:
        read_only.close()
