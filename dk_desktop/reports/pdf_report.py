"""The one-click report: a multi-page A4 PDF for meetings.

Page 1: the Party header, the title, the summary sentence and the overview chart.
Then the table of the 22 targets (STT | Chỉ tiêu | ĐVT | Nghị quyết | Thực hiện năm … |
So với NQ (%) | Đánh giá), one chart per field, and a page per target with its
charts and the history of its results. Fonts are embedded as TrueType (fonttype 42), so
the Vietnamese text can be searched and copied.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages

from .. import APP_NAME
from ..charts.data import progress_rows
from ..charts.history import draw_figure_history
from ..charts.overview import draw_status_overview
from ..charts.progress import draw_field_progress
from ..charts.style import ChartNote, chart_rc
from ..core import words
from ..core.model import Field, Indicator, Item, Status
from .common import ReportData, TableRow, gather, write_atomically
from .document_format import SIZES, draw_letterhead
from .pages import Cell, Column, Page, draw_table, render_pages

STATUS_EXPLAINED = words.STATUS_EXPLAINED
"""The rule of the words, the same sentence in every report (core.words)."""


def write_pdf_report(store, path: Path, year: int | None = None) -> None:
    """Write the whole report for ``year`` (None: the latest year with data) to ``path``,
    under a temporary name first, renamed into place when complete."""
    with _collector_paused():
        _write_report(store, path, year)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The report keeps ~250,000 objects alive until its file is written (31 pages of
    matplotlib artists, full of reference cycles). While they pile up, Python's cyclic
    garbage collector went over all of them again and again (~0.8 s of a 3 s report);
    it is paused while the report is made. What the report leaves behind is collected
    right after: all of it is in the youngest generation, so only that one is searched."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def _write_report(store, path: Path, year: int | None) -> None:
    data = gather(store, year)
    pages = build_pages(data)

    def write(temporary: Path) -> None:
        metadata = {
            "Title": f"Báo cáo thực hiện các chỉ tiêu Nghị quyết năm {data.year_label}",
            "Author": data.party_committee,
            "Subject": data.title_lines()[1],
            "Creator": APP_NAME,
        }
        with chart_rc(), PdfPages(temporary, metadata=metadata) as pdf:
            for page in pages:
                pdf.savefig(page.figure)

    write_atomically(path, write)


def build_pages(data: ReportData) -> list[Page]:
    return render_pages(lambda new_page: _build(data, new_page))


def _build(data: ReportData, new_page: Callable[..., Page]) -> None:
    note = ChartNote(data.data_date, data.source)
    _first_page(data, new_page(), note)
    _table_pages(data, new_page)
    for field in Field:
        _field_page(data, new_page(), field, note)
    page = None
    for item in data.targets:
        page = _target_pages(data, item, new_page, note, page)


def _first_page(data: ReportData, page: Page, note: ChartNote) -> None:
    # The header blocks, the kind and the summary line as the Word report has them
    # (Hướng dẫn 36-HD/VPTW: document_format.py).
    assert data.heading is not None  # gather() reads it from the catalogue
    draw_letterhead(page, data.heading, data.made_on)
    _, subtitle = data.title_lines()
    page.paragraph("BÁO CÁO", SIZES["kind"], "bold", ha="center", gap=2)
    page.paragraph(
        f"kết quả thực hiện các chỉ tiêu Nghị quyết {subtitle}, năm {data.year_label}",
        SIZES["summary"],
        "bold",
        ha="center",
        gap=0,
    )
    page.paragraph("-----", SIZES["summary"], ha="center", gap=6)
    page.paragraph(
        f"Thực hiện năm {data.year_label} — số liệu đến ngày {data.data_date:%d/%m/%Y}",
        12,
        style="italic",
        ha="center",
        gap=12,
    )
    page.paragraph("Kết quả chung", SIZES["body"], "bold", gap=3)
    page.paragraph(data.summary.sentence() + ".", SIZES["body"], gap=8)
    draw_status_overview(
        page.figure,
        data.summaries,
        note=note,
        title=f"Số chỉ tiêu theo mức đánh giá, năm {data.year_label}",
        rect=page.rect(330),
    )
    page.y += 10
    page.paragraph(STATUS_EXPLAINED, 9, style="italic", gap=4)


TABLE_COLUMNS = (
    ("STT", 26, "center"),
    ("Chỉ tiêu", 121, "left"),  # the columns fill the 165 mm between the margins
    ("ĐVT", 46, "center"),
    ("Nghị quyết", 58, "center"),
    ("Thực hiện năm {year}", 62, "center"),
    (words.COMPARED_HEADING, 46, "center"),
    (words.PROGRESS_HEADING, 44, "center"),
    ("Đánh giá", 64, "center"),
)


def table_columns(data: ReportData) -> list[Column]:
    return [Column(t.format(year=data.year_label), w, a) for t, w, a in TABLE_COLUMNS]


def table_cells(row: TableRow) -> list[Cell]:
    strong = "bold" if row.level <= 0 and row.figure_id is None else "normal"
    status = row.status_word + (f" ({row.note})" if row.figure_id is None and row.note else "")
    return [
        Cell(row.stt, strong),
        Cell(row.name, strong, "italic" if row.level == -1 else "normal"),
        Cell(row.unit),
        Cell(row.target),
        Cell(row.achieved),
        Cell(row.compared),
        Cell(row.progress_text),
        Cell(status, "bold"),
    ]


def _table_pages(data: ReportData, new_page: Callable[..., Page]) -> None:
    page = new_page()
    page.paragraph("I. BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", 12, "bold", gap=3)
    page.paragraph(
        f"Thực hiện năm {data.year_label}. Chỉ tiêu cộng dồn ghi số lũy kế từ Đại hội (kể cả "
        "năm đầu nhiệm kỳ); «(năm …)» là số liệu của năm gần nhất khi năm báo cáo chưa có. "
        + words.PROGRESS_EXPLAINED,
        9,
        style="italic",
        gap=6,
    )
    rows = data.table_rows()
    rows += [r for r in data.table_rows([i for i in data.items if i.section.value != "target"])]
    draw_table(
        new_page,
        page,
        table_columns(data),
        [table_cells(r) for r in rows],
        shade_rows=[r.level == -1 or (r.level == 0 and r.figure_id is None) for r in rows],
    )


def _field_page(data: ReportData, page: Page, field: Field, note: ChartNote) -> None:
    number = list(Field).index(field) + 1
    if number == 1:
        page.paragraph("II. KẾT QUẢ THEO LĨNH VỰC", 12, "bold", gap=4)
    page.paragraph(f"{number}. Lĩnh vực {field.label}", 11.5, "bold", gap=2)
    summary = data.summaries.get(field.label)
    if summary is not None:
        page.paragraph(summary.sentence() + ".", 10, gap=6)
    items = data.field_items(field)
    figures = [f for item in items for f in data.figures.get(item.id, [])]
    rows = progress_rows(items, figures, data.assessments)
    draw_field_progress(
        page.figure,
        rows,
        title=f"{field.label}: so với Nghị quyết (%), năm {data.year_label}",
        note=note,
        rect=page.rect(page.room() - 4),
    )


def _target_pages(
    data: ReportData,
    item: Item,
    new_page: Callable[..., Page],
    note: ChartNote,
    page: Page | None = None,
) -> Page:
    """A target's charts and results; a figure without data gets a line, not an empty
    chart, and a target with no data at all takes a few lines on the page before when they
    fit there. Returns the page it ends on."""
    figures = data.figures.get(item.id, [])
    charted = [f for f in figures if data.assessments[f.id].value is not None]
    missing = [f for f in figures if data.assessments[f.id].value is None]
    chunks = [charted[i : i + 4] for i in range(0, len(charted), 4)] or [[]]
    for index, chunk in enumerate(chunks):
        if index or charted or page is None or page.room() < 150:
            page = new_page()
        else:
            page.y += 10
        if item.resolution_number == 1 and index == 0:
            page.paragraph("III. CHI TIẾT TỪNG CHỈ TIÊU", 12, "bold", gap=4)
        heading = f"Chỉ tiêu ({item.number}): {item.name[:1].upper()}{item.name[1:]}"
        if index:
            heading += f" (tiếp, trang {index + 1})"
        page.paragraph(heading, 11.5, "bold", gap=2)
        if index == 0:
            status = data.item_statuses.get(item.id)
            if status is not None:
                page.paragraph(f"Đánh giá chung: {words.status_text(status)}", 10, "bold", gap=2)
            # the resolution's words whole, wrapped (never cut with «…»)
            page.paragraph(f"Nghị quyết: “{_flat(item.source)}”", 8.5, style="italic", gap=8)
            if missing:
                page.paragraph(_no_data_line(data, missing, len(figures)), 10, style="italic")
        if chunk or not figures:
            _chart_grid(data, page, chunk, note)
    assert page is not None
    if charted:
        page = _history_table(data, page, figures, new_page)
    return page


def _no_data_line(data: ReportData, missing: list[Indicator], total: int) -> str:
    """ "Chưa có số liệu đến năm 2027: Tổng đàn gia cầm; Số lồng cá." (core's word)."""
    text = words.status_text(Status.NO_DATA)
    if data.year is not None:
        text += f" đến năm {data.year}"
    if total == 1:
        return text + "."
    return f"{text}: " + "; ".join(f.name for f in missing) + "."


def _flat(text: str) -> str:
    return " ".join(text.split())


def _chart_grid(data: ReportData, page: Page, figures: list[Indicator], note: ChartNote) -> None:
    if not figures:
        page.paragraph("Chỉ tiêu này chưa có chỉ số để theo dõi bằng số liệu.", 10, style="italic")
        return
    count = len(figures)
    available = page.room() - 150  # keep room for the history table
    if count == 1:
        heights, columns = [min(available, 360)], 1
    elif count == 2:
        heights, columns = [min(available / 2, 260)] * 2, 1
    else:
        heights, columns = [min(available / 2, 250)] * 2, 2
    width = page.text_width / columns
    for index, figure in enumerate(figures):
        row, column = divmod(index, columns)
        if column == 0 and row > 0:
            page.y += 6
        top = page.y
        x0 = page.left + column * width
        rect = page.rect(
            heights[row],
            x0=x0 + (4 if column else 0),
            x1=x0 + width - (4 if column == 0 and columns > 1 else 0),
        )
        draw_figure_history(
            page.figure,
            figure,
            data.series.get(figure.id, {}),
            data.assessments[figure.id],
            note=note,
            year=data.year,
            rect=rect,
        )
        if column < columns - 1 and index < count - 1:
            page.y = top
    page.y += 8


def _year_heading(figures: list[Indicator], year: int) -> str:
    """ "2025 (năm gốc)" / "2025 (từ Đại hội)" where the target's figures agree on what the
    year means (core.words.year_row_label), else the year alone."""
    labels = {words.year_row_label(figure, year) for figure in figures}
    return labels.pop() if len(labels) == 1 else str(year)


def _history_table(
    data: ReportData, page: Page, figures: list[Indicator], new_page: Callable[..., Page]
) -> Page:
    """The yearly results of a target's figures; returns the page the table ends on."""
    if not figures:
        return page
    first = min(f.baseline_year for f in figures)
    last = max(f.target_year for f in figures)
    years = list(range(first, last + 1))
    name_width = page.text_width - 40 - 58 - 44 * len(years)
    columns = [Column("Chỉ số", name_width, "left"), Column("ĐVT", 40)]
    columns += [Column(_year_heading(figures, y), 44) for y in years]
    columns.append(Column("Nghị quyết", 58))
    rows = []
    for figure in figures:
        cells = [Cell(figure.name), Cell(figure.unit)]
        for year in years:
            value = data.year_value(figure, year)
            cells.append(Cell(words.value_text(figure, value)))
        cells.append(Cell(words.target_text(figure)))
        rows.append(cells)
    if page.room() < 60:
        page = new_page()
    page.paragraph("Kết quả qua các năm (số liệu toàn xã)", 10, "bold", gap=4)
    return draw_table(new_page, page, columns, rows, size=8)
