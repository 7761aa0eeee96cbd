"""Reading back the «Số liệu theo bản» sheet of the app's own Excel report, filled in by
hand: verify → preview → apply, with the same refusals as a package.

One row per figure (column «Mã») and place (column «Địa bàn»: a village's name, or
«Toàn xã …» for the commune), one column per year of the file's term (2025…2030 for the
bundled resolution). An empty cell leaves the
figure as it is. In a year where villages have values, the commune row shows their total
and is not read back (it would otherwise freeze a stale total over the villages' figures);
a commune figure is entered where no village reports that year.
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..core.model import Aggregation, Indicator, Place, PlaceKind
from ..core.names import name_key
from ..core.numbers import decimal_from_db
from ..core.validation import check_value, parse_value
from ..reports.xlsx_report import VILLAGE_SHEET
from ..store.errors import StoreError
from ..store.repository import ResultInput, Store
from .preview import Change, Preview, display_input

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 50 * 1024 * 1024
"""Each part of the workbook once decompressed (the app's own sheets are below 1 MB)."""
MAX_PARTS = 200
HEADINGS = ("Mã", "Chỉ tiêu", "Chỉ số", "ĐVT", "Địa bàn")


class SheetRefused(StoreError):
    """The workbook cannot be read back; nothing was changed."""


@dataclass(frozen=True)
class _Write:
    figure: Indicator
    place: Place
    year: int
    value: Decimal


def import_sheet(store: Store, path: Path, *, dry_run: bool = False) -> Preview:
    """Verify and preview the sheet; unless ``dry_run``, write it in one transaction after a
    backup."""
    start, end = store.term()
    years = tuple(range(start, end + 1))  # the sheet's year columns: the file's own term
    rows = read_rows(path, years)
    preview, writes = _plan(store, rows, path.name, years)
    if dry_run or not writes:
        return preview
    store.check_writable()  # a read-only file: refused before a backup is made and thinned
    store.backup("truoc-nhap")
    with store.transaction():
        for write in writes:
            current = store.result(write.figure.id, write.place.id, write.year)
            note = current.note if current else None  # a note typed in the app is kept
            entry = ResultInput(write.value, note=note)
            store.set_result(write.figure.id, write.place.id, write.year, entry)
    return preview


def read_rows(path: Path, years: tuple[int, ...]) -> list[tuple[int, list[Any]]]:
    """The sheet's rows (row number, cells), after checking that it is the app's layout
    with a column for each of ``years``."""
    from openpyxl import load_workbook

    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise SheetRefused(f"Không tìm thấy tệp «{name}».") from None
    if size > MAX_FILE_BYTES:
        raise SheetRefused(f"Tệp «{name}» quá lớn để là bảng số liệu ({size // 1_048_576} MB).")
    unreadable = (
        f"Tệp «{name}» không phải là tệp Excel (.xlsx) đọc được, hoặc đã bị hỏng. Hãy dùng tệp "
        "Excel do ứng dụng xuất ra (Báo cáo → Xuất Excel), điền số rồi lưu lại bằng Excel."
    )
    _check_sizes(path, name, unreadable)
    try:
        with warnings.catch_warnings():  # openpyxl's notes on odd parts are not for a clerk
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            if VILLAGE_SHEET not in workbook.sheetnames:
                raise SheetRefused(
                    f"Tệp «{name}» không có trang «{VILLAGE_SHEET}». Hãy điền số liệu vào tệp "
                    "Excel do ứng dụng xuất ra."
                )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = list(workbook[VILLAGE_SHEET].iter_rows(values_only=True))
        finally:
            workbook.close()
    except SheetRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook breaks openpyxl in countless ways
        raise SheetRefused(unreadable) from None
    expected = [*HEADINGS, *(str(y) for y in years)]
    header = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else [])]
    if header[: len(expected)] != expected:
        raise SheetRefused(
            f"Trang «{VILLAGE_SHEET}» của tệp «{name}» không đúng mẫu: dòng 1 phải là "
            f"{' | '.join(expected)}."
        )
    return [(number, list(cells)) for number, cells in enumerate(rows[1:], start=2)]


def _check_sizes(path: Path, name: str, unreadable: str) -> None:
    """Bound what the workbook holds before openpyxl reads it: a small file whose parts
    claim gigabytes (shared strings compressed 1000:1) is refused, never read into memory.
    zipfile never yields more than a part's declared size, so the declared sizes suffice."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SheetRefused(unreadable) from None
    if len(parts) > MAX_PARTS or any(part.file_size > MAX_PART_BYTES for part in parts):
        raise SheetRefused(
            f"Tệp «{name}» chứa phần quá lớn khi giải nén (trên {MAX_PART_BYTES // 1_048_576} MB); "
            "không phải bảng số liệu do ứng dụng xuất ra. Không đọc tệp này."
        )


def _plan(
    store: Store, rows: list[tuple[int, list[Any]]], name: str, years: tuple[int, ...]
) -> tuple[Preview, list[_Write]]:
    preview = Preview(None, title=f"bảng Excel «{name}»")
    figures = {f.code: f for f in store.figures(include_retired=True)}
    commune = store.commune()
    places = {name_key(p.name): p for p in store.villages(include_retired=True)}
    commune_names = {name_key(commune.name), name_key(f"toàn xã {commune.name}")}
    writes: list[_Write] = []
    seen: set[tuple[str, str]] = set()
    village_years: dict[int, set[int]] = {}
    series: dict[int, dict[int, Decimal]] = {}

    def series_of(figure: Indicator) -> dict[int, Decimal]:
        if figure.id not in series:
            series[figure.id] = store.commune_series(figure)
        return series[figure.id]

    for number, cells in rows:
        cells = cells + [None] * (len(HEADINGS) + len(years) - len(cells))
        code, place_name = cells[0], cells[4]
        if code is None and place_name is None and all(c is None for c in cells):
            continue
        if not isinstance(code, str) or code.strip() not in figures:
            raise SheetRefused(f"Dòng {number}: mã chỉ số «{code}» không có trong danh mục.")
        figure = figures[code.strip()]
        key_name = name_key(str(place_name or ""))  # NFD from some keyboards is the same name
        if key_name in commune_names:
            place = commune
        elif key_name in places:
            place = places[key_name]
        else:
            raise SheetRefused(
                f"Dòng {number}: địa bàn «{place_name}» chưa có trong danh sách. Hãy thêm bản ở "
                "thẻ «Địa bàn» trước, hoặc sửa tên cho đúng."
            )
        if (figure.code, place.name) in seen:
            raise SheetRefused(f"Dòng {number}: {figure.code} — {place.name} bị lặp lại.")
        seen.add((figure.code, place.name))
        for offset, year in enumerate(years):
            cell = cells[len(HEADINGS) + offset]
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            where = f"ô {_column(len(HEADINGS) + offset)}{number}"
            value = _number(cell, where, figure)
            current = store.result(figure.id, place.id, year)
            if figure.id not in village_years:
                village_years[figure.id] = _village_years(store, figure)
            shows_total = year in village_years[figure.id]
            change = Change(
                figure.code,
                figure.name,
                place.name,
                year,
                display_input(figure, ResultInput.of(current)) if current else None,
                display_input(figure, ResultInput(value)),
                store.user,
                "",
            )
            no_entry = current is None or current.value is None
            if place.kind is PlaceKind.COMMUNE and shows_total and no_entry:
                # The sheet showed the villages added up: not an entry. A different number
                # typed over it is reported, never taken silently nor over the villages.
                if series_of(figure).get(year) != value:
                    preview.skipped.append(change)
                continue
            if current is not None and current.value == value:
                preview.unchanged.append(change)
                continue
            if place.kind is PlaceKind.VILLAGE and figure.aggregation is Aggregation.RATIO:
                raise SheetRefused(
                    f"{where}: {figure.name} của từng bản là tỷ lệ tính từ số đạt và tổng số; "
                    "hãy nhập hai số đó trong ứng dụng (thẻ «Theo bản»)."
                )
            (preview.new if current is None else preview.changed).append(change)
            writes.append(_Write(figure, place, year, value))
    return preview, writes


def _village_years(store: Store, figure: Indicator) -> set[int]:
    """Years in which some village has a value for the figure (the commune row of the
    sheet then shows their total, which must not come back as a commune entry)."""
    commune_id = store.commune().id
    return {
        r.year
        for r in store.results(figure.id)
        if r.place_id != commune_id and (r.value is not None or r.numerator is not None)
    }


def _number(cell: Any, where: str, figure: Indicator) -> Decimal:
    try:
        if isinstance(cell, bool):
            raise ValueError("cần một số")
        if isinstance(cell, int | float):
            value = decimal_from_db(cell)
        elif isinstance(cell, str):
            # what the sheet writes is what a person types: «Đạt» / «Chưa đạt» for a
            # yes/no figure (the exported sheet holds those words), numbers otherwise
            return parse_value(figure.value_type, cell, figure.unit)
        else:
            raise ValueError("cần một số")
        return check_value(figure.value_type, value, figure.unit)
    except ValueError as error:
        raise SheetRefused(f"{where} ({figure.code} {figure.name}): {error}") from None


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
