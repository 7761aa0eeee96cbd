"""The Excel report: a summary sheet, one sheet per field, and all yearly values by
village. Layout: docs/report-formats.md.

Numbers are stored as numbers. Their display format uses Excel's invariant codes
("#,##0" and "#,##0.0"): Excel and LibreOffice show them with the computer's separators,
so a Vietnamese Windows shows 1.041 and 26,3. Text that begins with = + - @ is stored as
text with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core import words
from ..core.model import Field, ValueType
from ..core.progress import SUMMARY_ORDER
from .common import ReportData, TableRow, gather, write_atomically

FORMULA_STARTS = ("=", "+", "-", "@")
FONT = "Times New Roman"  # what Vietnamese administrative documents use
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
TABLE_WIDTHS = (6, 48, 12, 14, 14, 12, 12, 16, 44)
LAST_COLUMN = len(TABLE_WIDTHS)
STATUS_COLUMN, PERCENT_COLUMNS = 8, (6, 7)
SUMMARY_SHEET = "Tổng hợp"
VILLAGE_SHEET = "Số liệu theo bản"


def write_xlsx_report(store, path: Path, year: int | None = None) -> None:
    """Write the xlsx report for ``year`` (None: the latest year with data) to ``path``,
    under a temporary name first, renamed into place when complete."""
    data = gather(store, year)
    workbook = build_workbook(data)
    write_atomically(path, lambda temporary: workbook.save(temporary))


def number_format(value: Decimal) -> str:
    """ "#,##0" for whole numbers, else one "0" per decimal the value has (up to 3)."""
    exponent = value.normalize().as_tuple().exponent
    decimals = min(max(-exponent, 0), 3) if isinstance(exponent, int) else 0
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


_styles: WeakKeyDictionary[Workbook, dict[tuple, object]] = WeakKeyDictionary()
"""The looks already made in each workbook (see :func:`put`)."""


def put(
    sheet: Worksheet,
    row: int,
    column: int,
    value,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    wrap: bool = True,
    size: float = 12,
    border: bool = False,
    fill: PatternFill | None = None,
):
    """Write one cell: numbers as numbers with a display format; text never as a formula."""
    cell: Any = sheet.cell(row=row, column=column)  # Any: its private _style is copied below
    number_format_ = None
    quote = False
    if isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else float(value)
        number_format_ = number_format(value)
        align = "right" if align == "left" else align
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    elif value is None or value == "":
        cell.value = None
    else:
        text = str(value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # stored as a string, never evaluated
            quote = True  # and Excel keeps it text when the cell is edited
    # A cell's look is a row of indexes into the workbook's fonts, alignments, borders…;
    # setting each part looks the object up by its hash (~0.1 ms a cell). The village
    # sheet has ~10,000 cells in a handful of looks: each look is made once and copied.
    assert sheet.parent is not None  # a sheet made by its workbook
    styles = _styles.setdefault(sheet.parent, {})
    key = (number_format_, quote, bold, italic, align, wrap, size, border, fill)
    style = styles.get(key)
    if style is not None:
        cell._style = copy(style)
        return cell
    if number_format_ is not None:
        cell.number_format = number_format_
    if quote:
        cell.quotePrefix = True
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if border:
        cell.border = BOX
    if fill is not None:
        cell.fill = fill
    styles[key] = copy(cell._style)
    return cell


def _header_block(sheet: Worksheet, data: ReportData, title: str, last_column: int) -> int:
    """The Party header, the title and the year; returns the next free row."""
    middle = max(last_column // 2, 2)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=middle - 1)
    put(sheet, 1, 1, data.party_committee, bold=True, align="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=middle - 1)
    put(sheet, 2, 1, "*", align="center")
    sheet.merge_cells(start_row=1, start_column=middle, end_row=1, end_column=last_column)
    put(sheet, 1, middle, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, align="center")
    sheet.merge_cells(start_row=2, start_column=middle, end_row=2, end_column=last_column)
    put(sheet, 2, middle, data.place_line(), italic=True, align="center")
    row = 4
    for text, bold in ((title, True), (data.title_lines()[1], True)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        put(sheet, row, 1, text, bold=bold, align="center", size=13)
        row += 1
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    put(
        sheet,
        row,
        1,
        f"Thực hiện năm {data.year_label} — số liệu đến ngày {data.data_date:%d/%m/%Y}",
        italic=True,
        align="center",
    )
    return row + 2


def _table(sheet: Worksheet, data: ReportData, rows: list[TableRow], start: int) -> int:
    headers = [*data.headers(), "Ghi chú"]
    for column, text in enumerate(headers, start=1):
        put(sheet, start, column, text, bold=True, align="center", border=True, fill=HEADER_FILL)
    sheet.row_dimensions[start].height = 32
    row = start + 1
    for line in rows:
        heading = line.level == -1 or (line.level == 0 and line.figure_id is None)
        fill = GROUP_FILL if heading else None
        achieved = line.achieved_value if line.achieved_value is not None else line.achieved
        values = [
            int(line.stt) if line.stt.isdigit() else line.stt,
            line.name,
            line.unit,
            line.target,
            achieved,
            words.shown_percent(line.percent) if line.percent is not None else line.compared,
            words.shown_percent(line.progress),
            line.status_word,
            line.note,
        ]
        aligns = ["center", "left", "center", "center", "right", "right", "right", "center", "left"]
        for column, (value, align) in enumerate(zip(values, aligns, strict=True), start=1):
            cell = put(
                sheet,
                row,
                column,
                value,
                bold=heading or column == STATUS_COLUMN,
                align=align,
                border=True,
                fill=fill,
                italic=line.level == -1,
            )
            if column in PERCENT_COLUMNS and isinstance(value, Decimal):
                # shown as the screen and the PDF write it: "66,7 %", "87 %"
                cell.number_format = number_format(value) + '" %"'
        row += 1
    for column, width in enumerate(TABLE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=start + 1, column=3).coordinate
    sheet.print_title_rows = f"{start}:{start}"
    return row


def _year_cell(figure, value: Decimal | None) -> Decimal | str | None:
    """A yearly value: a number, or for a yes/no figure its words («Đạt», never 1)."""
    if value is not None and figure.value_type is ValueType.YESNO:
        return words.value_text(figure, value)
    return value


def _page_setup(sheet: Worksheet, landscape: bool = True) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    fit, footer = sheet.sheet_properties.pageSetUpPr, sheet.oddFooter
    assert fit is not None and footer is not None  # openpyxl makes both with the sheet
    fit.fitToPage = True
    footer.center.text = "Trang &P/&N"


def build_workbook(data: ReportData) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    assert isinstance(summary, Worksheet)  # a new workbook's one sheet
    summary.title = SUMMARY_SHEET
    row = _header_block(
        summary, data, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT", LAST_COLUMN
    )
    summary.merge_cells(start_row=row, start_column=1, end_row=row, end_column=LAST_COLUMN)
    put(summary, row, 1, "Kết quả chung: " + data.summary.sentence() + ".", bold=True)
    end = _table(summary, data, data.table_rows(), row + 2)
    summary.merge_cells(start_row=end, start_column=1, end_row=end, end_column=LAST_COLUMN)
    put(summary, end, 1, words.PROGRESS_EXPLAINED + " " + words.STATUS_EXPLAINED, italic=True)
    summary.row_dimensions[end].height = 60
    _field_counts(summary, data, end + 2)
    _page_setup(summary)

    for field in Field:
        sheet = workbook.create_sheet(field.label)
        start = _header_block(
            sheet, data, f"KẾT QUẢ THỰC HIỆN — LĨNH VỰC {field.label.upper()}", LAST_COLUMN
        )
        counts = data.summaries.get(field.label)
        if counts is not None:
            sheet.merge_cells(
                start_row=start, start_column=1, end_row=start, end_column=LAST_COLUMN
            )
            put(sheet, start, 1, counts.sentence() + ".", bold=True)
        _table(sheet, data, data.table_rows(data.field_items(field)), start + 2)
        _page_setup(sheet)

    _village_sheet(workbook.create_sheet(VILLAGE_SHEET), data)
    workbook.properties.title = f"Báo cáo thực hiện Nghị quyết năm {data.year_label}"
    workbook.properties.creator = data.party_committee
    return workbook


def _field_counts(sheet: Worksheet, data: ReportData, start: int) -> None:
    """The summary's lines as a table: the same verdict words as the sentences."""
    put(sheet, start, 2, "Số chỉ tiêu theo lĩnh vực", bold=True)
    heads = ["Lĩnh vực", "Số chỉ tiêu", "Đạt và vượt"]
    heads += [words.status_text(status) for status in SUMMARY_ORDER]
    for offset, text in enumerate(heads):
        put(
            sheet,
            start + 1,
            2 + offset,
            text,
            bold=True,
            align="center",
            border=True,
            fill=HEADER_FILL,
        )
    row = start + 2
    for label, summary in data.summaries.items():
        values = [label, summary.total, summary.met]
        values += [summary.counts[status] for status in SUMMARY_ORDER]
        for offset, value in enumerate(values):
            put(
                sheet,
                row,
                2 + offset,
                value,
                border=True,
                align="left" if offset == 0 else "center",
            )
        row += 1


def _village_sheet(sheet: Worksheet, data: ReportData) -> None:
    """One row per figure and place (the commune first, then each village), one column
    per year: a long table that filters and pivots easily."""
    assert data.heading is not None  # gather() reads it from the catalogue
    years = list(range(data.heading.term_start, data.heading.term_end + 1))  # the file's term
    heads = ["Mã", "Chỉ tiêu", "Chỉ số", "ĐVT", "Địa bàn", *[str(y) for y in years]]
    for column, text in enumerate(heads, start=1):
        put(sheet, 1, column, text, bold=True, align="center", border=True, fill=HEADER_FILL)
    by_key: dict[tuple[int, int], dict[int, Decimal]] = {}
    for result in data.results:
        if result.value is not None:
            by_key.setdefault((result.figure_id, result.place_id), {})[result.year] = result.value
    items = {item.id: item for item in data.items}
    row = 2
    for item_id, figures in sorted(data.figures.items(), key=lambda p: items[p[0]].position):
        item = items[item_id]
        for figure in figures:
            places = [(f"Toàn xã {data.commune}", data.series.get(figure.id, {}), True)]
            places += [
                (village.name, by_key.get((figure.id, village.id), {}), False)
                for village in data.villages
            ]
            for name, values, is_commune in places:
                if not is_commune and not values:
                    continue
                cells: list[object] = [figure.code, item.label, figure.name, figure.unit, name]
                cells += [_year_cell(figure, values.get(y)) for y in years]
                for column, value in enumerate(cells, start=1):
                    put(
                        sheet, row, column, value, bold=is_commune, wrap=False, size=11, border=True
                    )
                row += 1
    for column, width in enumerate((9, 40, 40, 12, 20, *[11] * len(years)), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "F2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{max(row - 1, 1)}"
    sheet.print_title_rows = "1:1"
    _page_setup(sheet)
