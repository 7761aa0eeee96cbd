"""The report a clerk files: a Word document in the Party's document format.

Layout as Hướng dẫn 36-HD/VPTW (03/4/2018) prescribes (docs/report-formats.md): A4, margins
top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the header blocks, «BÁO CÁO»
and its summary line, the body at 14 pt justified with first-line indents, the signature
block and «Nơi nhận:». The bodies' names, the place and the Congress come from the
catalogue (store.seed.document_words), never from this code.

The sentences are drafted from the figures with core's words only (core.words,
core.progress.describe_pace, Summary.sentence): the screen, the PDF, the xlsx and this
document say the same thing. What only people can write (hạn chế, nguyên nhân, bài học,
phương hướng) is a heading with a marked placeholder line, never invented text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..core import words
from ..core.model import (
    Direction,
    Field,
    Indicator,
    Item,
    Kind,
    Section,
    Status,
    TaskState,
    ValueType,
)
from ..core.numbers import format_number
from ..core.progress import describe_pace, figures_with_data
from .common import ReportData, TableRow, gather, write_atomically
from .document_format import (
    FONT,
    MARGINS_MM,
    PARTY_TITLE,
    SIZES,
    Heading,
    date_words,
    text_width_mm,
)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {side: Mm(size) for side, size in MARGINS_MM.items()}
TEXT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
BODY_SIZE = SIZES["body"]
TABLE_SIZE = 12
FIRST_LINE_INDENT = Mm(10)
HEADER_WIDTHS_MM = (72, TEXT_WIDTH_MM - 72)
TABLE_WIDTHS_MM = (12, 45, 17, 19, 19, 18, 15, 20)
"""STT | Chỉ tiêu | ĐVT | Nghị quyết | Thực hiện năm … | So với NQ (%) | Tiến độ (%) |
Đánh giá: the common report headers (reports.common.TABLE_HEADERS), 165 mm in all."""
PLACEHOLDER = "[Cần bổ sung: {what}]"
"""The mark of what only people can write; highlighted, italic, in brackets."""
CHART_DPI = 150
CHART_WIDTH_MM = TEXT_WIDTH_MM - 5
ZERO_WIDTH_SPACE = "\u200b"
NO_BREAK_SPACE = "\u00a0"


class ReportKind(StrEnum):
    """The three documents an office files (the command line's --kind)."""

    YEAR = "nam"
    MID_TERM = "so-ket"
    END_OF_TERM = "tong-ket"


KIND_LABELS = {
    ReportKind.YEAR: "Báo cáo năm",
    ReportKind.MID_TERM: "Báo cáo sơ kết giữa nhiệm kỳ",
    ReportKind.END_OF_TERM: "Báo cáo tổng kết nhiệm kỳ",
}


def suggested_file_name(kind: ReportKind, year: int | None) -> str:
    """ "Báo cáo năm 2027.docx", "Báo cáo sơ kết giữa nhiệm kỳ (đến năm 2027).docx"."""
    label = KIND_LABELS[kind]
    if year is None:
        return f"{label}.docx"
    if kind is ReportKind.YEAR:
        return f"{label} {year}.docx"
    return f"{label} (đến năm {year}).docx"


def write_docx_report(
    store,
    path: Path,
    year: int | None = None,
    *,
    kind: ReportKind = ReportKind.YEAR,
    charts: bool = True,
    made_on: date | None = None,
) -> None:
    """Write the Word report of ``kind`` for ``year`` (None: the latest year with data) to
    ``path``, under a temporary name first, renamed into place when complete."""
    document = build_document(store, year, kind=ReportKind(kind), charts=charts, made_on=made_on)
    write_atomically(path, lambda temporary: document.save(str(temporary)))


def build_document(
    store,
    year: int | None = None,
    *,
    kind: ReportKind = ReportKind.YEAR,
    charts: bool = True,
    made_on: date | None = None,
) -> DocxDocument:
    data = gather(store, year, made_on=made_on)
    heading = Heading.of(store.meta())
    return _Writer(data, heading, kind, store.task_states, charts).build()


# --- the drafted sentences ----------------------------------------------------------------


def figure_sentence(data: ReportData, figure: Indicator, *, named: bool = True) -> str:
    """One figure as a report writes it: the value with its unit, the change against the
    baseline, «so với Nghị quyết», the verdict, and the pace still needed. E.g. "Tỷ lệ hộ
    nghèo còn 4,5 %, giảm 1,6 điểm % so với năm 2025 (6,1 %); đạt 66,7 % so với Nghị
    quyết (≤ 3 %); đánh giá: chậm tiến độ. Cần giảm thêm 0,5 điểm %/năm trong 3 năm còn
    lại." Every number and word comes from core (words, describe_pace). Without
    ``named`` the figure's name is left out (a target's only figure, already named)."""
    assessment = data.assessments[figure.id]
    if assessment.status is Status.NO_DATA or assessment.value is None:
        until = f" đến năm {data.year}" if data.year is not None else ""
        text = f"{figure.name}: chưa có số liệu{until}" if named else f"chưa có số liệu{until}"
        pace = describe_pace(figure.spec, assessment, figure.unit)
        return f"{text}. {pace}." if pace else f"{text}."
    value = assessment.value
    series = data.series.get(figure.id, {})
    parts = [_value_part(data, figure, value, series, named)]
    compared = words.compared_text(figure, assessment)
    if assessment.percent is not None and compared:
        target = words.target_text(figure, with_unit=True)
        parts.append(f"đạt {compared} so với Nghị quyết ({target})")
    parts.append(f"đánh giá: {_lower_first(words.status_text(assessment.status))}")
    text = "; ".join(parts) + "."
    pace = describe_pace(figure.spec, assessment, figure.unit)
    return f"{text} {pace}." if pace else text


def _value_part(
    data: ReportData, figure: Indicator, value: Decimal, series: dict[int, Decimal], named: bool
) -> str:
    assessment = data.assessments[figure.id]
    name = f"{figure.name}: " if named else ""
    year = assessment.year
    shown = words.value_text(figure, value, with_unit=True)
    late = ""
    if data.year is not None and year is not None and year != data.year:
        late = f" (số liệu năm {year})"
    if figure.value_type is ValueType.YESNO:
        return f"{name}{_lower_first(shown)}{late}"
    if figure.kind is Kind.CUMULATIVE:
        return f"{name}lũy kế từ Đại hội đến năm {year} đạt {shown}"
    if figure.kind is Kind.RATE_RANGE:
        latest = series.get(year) if year is not None else None
        of_year = words.value_text(figure, latest, with_unit=True) if latest is not None else ""
        mean = f"bình quân từ đầu nhiệm kỳ {shown}"
        return f"{name}năm {year} đạt {of_year}, {mean}" if of_year else f"{name}{mean}"
    new_kind = _new_kind_value_part(figure, value, series, year)
    if new_kind:
        return f"{name}{new_kind}"
    verb = "còn" if figure.direction is Direction.DOWN else "đạt"
    if figure.kind is Kind.STRUCTURE:
        verb = "chiếm"  # «nông, lâm nghiệp chiếm 78 %»
    text = f"{figure.name} {verb} {shown}{late}" if named else f"{verb} {shown}{late}"
    change = _change_part(figure, value, series)
    return f"{text}, {change}" if change else text


def _new_kind_value_part(
    figure: Indicator, value: Decimal, series: dict[int, Decimal], year: int | None
) -> str:
    """The value of a kind that is judged on a change or on each year's amount: «năm 2027
    còn 2,7 %, giảm bình quân 1,7 điểm %/năm so với năm 2025 (6,1 %)», «năm 2027 đạt 63,
    tăng 14,55 % so với năm 2025 (55)», «năm 2028 đạt 25 đảng viên»; "" for other kinds."""
    if year is None:
        return ""
    shown = words.value_text(figure, value, with_unit=True)
    if figure.kind in (Kind.YEARLY_MINIMUM, Kind.YEARLY_RATE, Kind.QUOTA):
        per_year = figure.unit.removesuffix("/năm").strip()  # «25 đảng viên», in that year
        return f"năm {year} đạt {format_number(value)}{f' {per_year}' if per_year else ''}"
    if figure.kind not in (Kind.YEARLY_CHANGE, Kind.TERM_GROWTH):
        return ""
    level = series.get(year)
    base_year = figure.baseline_year
    base = figure.baseline if figure.baseline is not None else series.get(base_year)
    earlier = [y for y in sorted(series) if y < year]
    if base is None and earlier:  # no baseline: measured from the first value (core.progress)
        base_year, base = earlier[0], series[earlier[0]]
    unit = words.level_unit(figure)
    level_text = "" if level is None else f"{format_number(level)}{f' {unit}' if unit else ''}"
    down = figure.direction is Direction.DOWN
    verb = "còn" if down else "đạt"
    # the change in the figure's direction; one the other way is said as such («tăng
    # 0,5 điểm %/năm» of a poverty rate asked to fall), never «giảm -0,5»
    move = "giảm" if down == (value >= 0) else "tăng"
    if value < 0:
        shown = words.value_text(figure, -value, with_unit=True)
    mean = " bình quân" if figure.kind is Kind.YEARLY_CHANGE else ""
    change = f"{move}{mean} {shown}"
    since = f" so với năm {base_year}"
    if base is not None:
        since += f" ({format_number(base)}{f' {unit}' if unit else ''})"
    return f"năm {year} {verb} {level_text}, {change}{since}" if level_text else change + since


def _change_part(figure: Indicator, value: Decimal, series: dict[int, Decimal]) -> str:
    """ "giảm 1,6 điểm % so với năm 2025 (6,1 %)": against the baseline, else the value
    typed for the baseline year; "" without either. A level in % moves in points."""
    base_year = figure.baseline_year
    base = figure.baseline if figure.baseline is not None else series.get(base_year)
    if base is None or figure.kind not in (
        Kind.LEVEL,
        Kind.MAINTAIN,
        Kind.THRESHOLD,
        Kind.STRUCTURE,
        Kind.UNITS_OF_TOTAL,
    ):
        return ""
    difference = value - base
    base_text = words.value_text(figure, base, with_unit=True)
    if difference == 0:
        return f"bằng năm {base_year} ({base_text})"
    unit = "điểm %" if figure.unit.strip() == "%" else figure.unit
    amount = f"{format_number(abs(difference))} {unit}".rstrip()
    verb = "tăng" if difference > 0 else "giảm"
    return f"{verb} {amount} so với năm {base_year} ({base_text})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def target_paragraph_text(data: ReportData, item: Item) -> tuple[str, str]:
    """(the bold lead, the sentences) of one target's paragraph."""
    figures = data.figures.get(item.id, [])
    lead = f"Chỉ tiêu {item.resolution_number or item.number} – {item.name}: "
    if not figures:
        return lead, "chưa có chỉ số để theo dõi bằng số liệu."
    named = len(figures) > 1
    sentences = [figure_sentence(data, figure, named=named) for figure in figures]
    if len(figures) > 1:
        status = data.item_statuses.get(item.id)
        overall = f"Đánh giá chung: {_lower_first(words.status_text(status))}"
        if status is Status.INCOMPLETE:
            with_data, total = figures_with_data(data.assessments[f.id].status for f in figures)
            overall += f" ({words.figures_with_data_text(with_data, total)})"
        sentences.append(overall + ".")
    return lead, " ".join(sentences)


# --- the document ---------------------------------------------------------------------------


class _Writer:
    """Builds the document from the report's data, part by part (see build)."""

    def __init__(
        self,
        data: ReportData,
        heading: Heading,
        kind: ReportKind,
        task_states: Callable[[int], dict[int, tuple[TaskState, str | None]]],
        charts: bool,
    ):
        self.data = data
        self.heading = heading
        self.kind = kind
        self.task_states = task_states
        self.charts = charts
        self.document = Document()

    # The document's pieces, top to bottom.
    def build(self) -> DocxDocument:
        self._page_setup()
        self._header_blocks()
        self._title()
        self._opening()
        self._results()
        self._breakthroughs_and_tasks()
        self._human_parts()
        self._signature()
        self._appendix()
        self._properties()
        return self.document

    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.header_distance = Mm(10)
        section.start_type = WD_SECTION.NEW_PAGE
        # The page number at the top centre, from the second page (the guideline's rule).
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(number)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_SIZE)
        _all_scripts(normal.element.get_or_add_rPr(), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    def _header_blocks(self) -> None:
        heading = self.heading
        table = self._layout_table(HEADER_WIDTHS_MM)
        left, right = table.rows[0].cells
        _line(left.paragraphs[0], heading.superior_body, SIZES["superior"])
        _line(left.add_paragraph(), heading.issuing_body, SIZES["issuer"], bold=True)
        _line(left.add_paragraph(), "*", SIZES["issuer"])
        _line(left.add_paragraph(), heading.number_line, SIZES["number"], space_before=2)
        party = right.paragraphs[0]
        _line(party, PARTY_TITLE, SIZES["party"], bold=True)
        _rule_under(party, PARTY_TITLE, SIZES["party"], HEADER_WIDTHS_MM[1])
        day = _line(
            right.add_paragraph(),
            heading.place_date(self.data.made_on),
            SIZES["place_date"],
            italic=True,
            space_before=16,
        )
        day.paragraph_format.keep_with_next = False

    def _title(self) -> None:
        kind = self._paragraph(align="center", indent=False, space_before=18)
        _run(kind, "BÁO CÁO", SIZES["kind"], bold=True)
        summary = self._paragraph(align="center", indent=False)
        _run(summary, self._summary_line(), SIZES["summary"], bold=True)
        self._paragraph("-----", align="center", indent=False, space_after=6)

    def _congress(self) -> str:
        commune = self.data.commune
        return (
            f"Nghị quyết Đại hội đại biểu Đảng bộ xã {commune} lần thứ "
            f"{self.heading.congress_number}, nhiệm kỳ {self.heading.term}"
        )

    def _summary_line(self) -> str:
        year = self.data.year_label
        if self.kind is ReportKind.MID_TERM:
            return f"sơ kết giữa nhiệm kỳ thực hiện {self._congress()}"
        if self.kind is ReportKind.END_OF_TERM:
            return f"tổng kết thực hiện {self._congress()}"
        return f"kết quả thực hiện {self._congress()}, năm {year}"

    def _opening(self) -> None:
        data = self.data
        what = {
            ReportKind.YEAR: f"kết quả thực hiện năm {data.year_label}",
            ReportKind.MID_TERM: (
                f"kết quả sơ kết giữa nhiệm kỳ (từ Đại hội đến năm {data.year_label})"
            ),
            ReportKind.END_OF_TERM: f"kết quả tổng kết nhiệm kỳ (đến năm {data.year_label})",
        }[self.kind]
        self._paragraph(
            f"Thực hiện {self._congress()}, Ban Thường vụ Đảng ủy báo cáo {what} như sau "
            f"(số liệu tổng hợp đến ngày {data.data_date:%d/%m/%Y}):"
        )

    def _results(self) -> None:
        data = self.data
        self._heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU")
        self._heading("1. Kết quả chung", caps=False)
        self._paragraph(f"Có {data.summary.sentence()}.")
        for field in Field:
            summary = data.summaries.get(field.label)
            if summary is not None:
                self._paragraph(f"- Lĩnh vực {field.label}: {summary.sentence()}.")
        self._paragraph("(Chi tiết từng chỉ tiêu tại Phụ lục kèm theo báo cáo này.)")
        self._heading("2. Kết quả theo từng lĩnh vực", caps=False)
        for number, field in enumerate(Field, start=1):
            self._heading(f"2.{number}. Lĩnh vực {field.label}", caps=False, italic=True)
            targets = [i for i in data.field_items(field) if i.section is Section.TARGET]
            if not targets:
                self._paragraph("Lĩnh vực này không có chỉ tiêu chủ yếu có số liệu.")
            for item in targets:
                lead, text = target_paragraph_text(data, item)
                paragraph = self._paragraph()
                _run(paragraph, lead, BODY_SIZE, bold=True)
                _run(paragraph, text, BODY_SIZE)
            if self.charts and targets:
                self._field_chart(field)

    def _field_chart(self, field: Field) -> None:
        from ..charts.data import progress_rows
        from ..charts.progress import draw_field_progress
        from ..charts.style import ChartNote

        data = self.data
        items = data.field_items(field)
        figures = [f for item in items for f in data.figures.get(item.id, [])]
        rows = progress_rows(items, figures, data.assessments)
        if not any(r.percent is not None or r.compared for r in rows):
            return  # no figure of the field has data: the sentences say so
        picture = _chart_png(
            lambda figure: draw_field_progress(
                figure,
                rows,
                title=f"{field.label}: so với Nghị quyết (%), năm {data.year_label}",
                note=ChartNote(data.data_date, data.source),
            ),
            height_in=min(9.5, 1.6 + 0.3 * len(rows)),
        )
        paragraph = self._paragraph(align="center", indent=False, space_after=6)
        paragraph.add_run().add_picture(picture, width=Mm(CHART_WIDTH_MM))

    def _appendix(self) -> None:
        """The table on pages of its own after the signature, as offices attach it."""
        data = self.data
        # a page break, not a new section: the section's empty closing paragraph after the
        # signature table could fall on a page of its own (a blank page)
        annex = self._paragraph("PHỤ LỤC", align="center", indent=False, space_after=0)
        annex.runs[0].bold = True
        annex.paragraph_format.page_break_before = True
        title = self._paragraph(align="center", indent=False, space_after=0)
        _run(
            title,
            f"BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {data.year_label}",
            BODY_SIZE,
            bold=True,
        )
        attached = self._paragraph(align="center", indent=False, space_after=6)
        _run(
            attached,
            f"(Kèm theo Báo cáo số        -{self.heading.number_symbol}, "
            f"{date_words(data.made_on)})",
            BODY_SIZE,
            italic=True,
        )
        rows = data.table_rows()
        rows += data.table_rows([i for i in data.items if i.section is not Section.TARGET])
        self._result_table(rows)
        note = self._paragraph(
            f"{words.PROGRESS_EXPLAINED} {words.STATUS_EXPLAINED}",
            indent=False,
            space_before=6,
            space_after=0,
        )
        for run in note.runs:
            run.font.size = Pt(SIZES["recipients"] - 1)
            run.italic = True
        if self.kind is not ReportKind.YEAR:
            self._years_appendix(rows)

    def _years_appendix(self, rows: list[TableRow]) -> None:
        """A review (sơ kết, tổng kết) also shows every year from the Congress to the
        report's year, on landscape pages: STT | Chỉ tiêu | ĐVT | 2025 … | Nghị quyết."""
        data = self.data
        years = list(range(self.heading.term_start, (data.year or self.heading.term_start) + 1))
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        closing = self.document.paragraphs[-1]  # holds the portrait section's end: kept tiny
        closing.paragraph_format.line_spacing = Pt(1)
        closing.paragraph_format.space_before = closing.paragraph_format.space_after = Pt(0)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        title = self._paragraph(align="center", indent=False, space_after=6)
        _run(
            title,
            f"BIỂU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU QUA CÁC NĂM (TỪ ĐẠI HỘI ĐẾN NĂM "
            f"{data.year_label})",
            BODY_SIZE,
            bold=True,
        )
        width = 297 - MARGINS_MM["left"] - MARGINS_MM["right"]
        fixed = (12, 26, *([18] * len(years)), 24)
        widths = (fixed[0], width - sum(fixed), *fixed[1:])
        headers = ["STT", "Chỉ tiêu", "ĐVT", *map(str, years), "Nghị quyết"]
        figures = {f.id: f for group in data.figures.values() for f in group}
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_widths(table, widths)
        _row_flags(table.rows[0], header=True)
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _cell_text(cell, text, bold=True, align="center")
            _shade(cell, "D9D9D9")
        for row in rows:
            figure = figures.get(row.figure_id) if row.figure_id is not None else None
            values = [""] * len(years)
            if figure is not None:
                values = [words.value_text(figure, data.year_value(figure, y)) for y in years]
            cells = (row.stt, row.name, _breakable(row.unit), *values, row.target)
            line = table.add_row()
            _row_flags(line, header=False)
            heading = figure is None
            for index, (cell, text) in enumerate(zip(line.cells, cells, strict=True)):
                _cell_text(cell, text, bold=heading, align="left" if index == 1 else "center")
                if heading:
                    _shade(cell, "F2F2F2")
        note = self._paragraph(
            f"Năm {years[0]}: số đầu nhiệm kỳ (chỉ tiêu cộng dồn: số thực hiện từ Đại hội đến "
            f"hết năm {years[0]}). Số liệu toàn xã.",
            indent=False,
            space_before=6,
        )
        for run in note.runs:
            run.font.size = Pt(SIZES["recipients"] - 1)
            run.italic = True

    def _result_table(self, rows: list[TableRow]) -> None:
        headers = self.data.headers()
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_widths(table, TABLE_WIDTHS_MM)
        head = table.rows[0]
        _row_flags(head, header=True)
        for cell, text in zip(head.cells, headers, strict=True):
            _cell_text(cell, text, bold=True, align="center")
            _shade(cell, "D9D9D9")
        for row in rows:
            heading = row.level == -1 or (row.level == 0 and row.figure_id is None)
            status = row.status_word
            if row.figure_id is None and row.note:
                status += f" ({row.note})"
            values = (
                row.stt,
                row.name,
                _breakable(row.unit),
                row.target,
                row.achieved,
                row.compared,
                row.progress_text,
                status,
            )
            cells = table.add_row()
            _row_flags(cells, header=False)
            for index, (cell, text) in enumerate(zip(cells.cells, values, strict=True)):
                _cell_text(
                    cell,
                    text,
                    bold=heading or index == 7,
                    italic=row.level == -1 and index == 1,
                    align="left" if index == 1 else "center",
                )
                if heading:
                    _shade(cell, "F2F2F2")

    def _breakthroughs_and_tasks(self) -> None:
        data = self.data
        groups = (
            (Section.BREAKTHROUGH, "3. Thực hiện các khâu đột phá"),
            (Section.TASK, "4. Thực hiện các nhiệm vụ, giải pháp"),
        )
        for section, title in groups:
            items = [i for i in data.items if i.section is section]
            if not items:
                continue
            self._heading(title, caps=False)
            for item in items:
                paragraph = self._paragraph()
                _run(paragraph, f"{item.number}. {item.name}: ", BODY_SIZE, bold=True)
                _run(paragraph, self._state_text(item), BODY_SIZE)
                for figure in data.figures.get(item.id, []):
                    _run(paragraph, " " + figure_sentence(data, figure), BODY_SIZE)

    def _state_text(self, item: Item) -> str:
        """The yearly state and note of a breakthrough or task, up to the report's year."""
        states = self.task_states(item.id)
        year = self.data.year
        lines = []
        for state_year, (state, note) in sorted(states.items()):
            if year is not None and state_year > year:
                continue
            text = f"năm {state_year}: {_lower_first(state.label)}"
            if note:
                text += f" ({note.strip()})"
            lines.append(text)
        if not lines:
            return "chưa cập nhật tình hình thực hiện."
        return _upper_first("; ".join(lines)) + "."

    def _human_parts(self) -> None:
        data = self.data
        behind = [
            str(item.resolution_number or item.number)
            for item in data.targets
            if data.item_statuses.get(item.id) in (Status.BEHIND, Status.AT_RISK, Status.NOT_MET)
        ]
        self._heading("II. HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN")
        self._heading("1. Hạn chế, yếu kém", caps=False)
        if behind:
            self._paragraph(
                "Theo số liệu, các chỉ tiêu chậm tiến độ, khó đạt hoặc chưa đạt: chỉ tiêu "
                + ", ".join(behind)
                + "."
            )
        self._placeholder("những hạn chế, yếu kém trong lãnh đạo, chỉ đạo và tổ chức thực hiện")
        self._heading("2. Nguyên nhân", caps=False)
        self._placeholder("nguyên nhân khách quan và chủ quan của hạn chế, yếu kém")
        self._heading("III. BÀI HỌC KINH NGHIỆM")
        self._placeholder("những bài học kinh nghiệm rút ra")
        direction = {
            ReportKind.YEAR: f"NĂM {self.data.year + 1}" if self.data.year else "NĂM TỚI",
            ReportKind.MID_TERM: "NỬA CUỐI NHIỆM KỲ",
            ReportKind.END_OF_TERM: "NHIỆM KỲ TỚI",
        }[self.kind]
        self._heading(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {direction}")
        last = self._placeholder("phương hướng, nhiệm vụ và giải pháp chủ yếu")
        last.paragraph_format.keep_with_next = True  # never the signature alone on a page

    def _signature(self) -> None:
        heading = self.heading
        self._paragraph(space_after=6).paragraph_format.keep_with_next = True
        table = self._layout_table((TEXT_WIDTH_MM - 80, 80))
        table.rows[0].cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        left, right = table.rows[0].cells
        word = _line(left.paragraphs[0], "Nơi nhận:", SIZES["recipients_word"], align="left")
        word.runs[0].underline = True
        for recipient in heading.recipients:
            _line(left.add_paragraph(), f"- {recipient}", SIZES["recipients"], align="left")
        _line(right.paragraphs[0], heading.signing_authority, SIZES["signature"], bold=True)
        _line(right.add_paragraph(), heading.signer_title, SIZES["signature"], bold=True)
        for _ in range(4):
            right.add_paragraph()
        name = _line(
            right.add_paragraph(), PLACEHOLDER.format(what="họ và tên"), SIZES["signature"]
        )
        _mark(name.runs[0], bold=True)
        for row in table.rows:
            _row_flags(row, header=False)

    def _properties(self) -> None:
        properties = self.document.core_properties
        properties.title = f"Báo cáo {self._summary_line()}"
        properties.author = self.heading.issuing_body
        properties.comments = "Bản thảo do ứng dụng Theo dõi Nghị quyết soạn từ số liệu"
        properties.language = "vi-VN"

    # --- small helpers -------------------------------------------------------------------

    def _paragraph(
        self,
        text: str = "",
        *,
        align: str = "justify",
        indent: bool = True,
        space_before: float = 0,
        space_after: float = 6,
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.space_before = Pt(space_before)
        paragraph.paragraph_format.space_after = Pt(space_after)
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
        if text:
            _run(paragraph, text, BODY_SIZE)
        return paragraph

    def _heading(self, text: str, *, caps: bool = True, italic: bool = False) -> None:
        paragraph = self._paragraph(space_before=6, space_after=6)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text.upper() if caps else text, BODY_SIZE, bold=True, italic=italic)

    def _placeholder(self, what: str) -> Paragraph:
        paragraph = self._paragraph()
        _mark(_run(paragraph, PLACEHOLDER.format(what=what), BODY_SIZE))
        return paragraph

    def _layout_table(self, widths_mm: Iterable[float]) -> Table:
        """A borderless table that places blocks side by side (header, signature)."""
        widths = list(widths_mm)
        table = self.document.add_table(rows=1, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_widths(table, widths)
        return table


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _run(paragraph: Paragraph, text: str, size: float, *, bold=False, italic=False):
    # "4,8 %" never breaks before its "%" (at a line's end or in a narrow column)
    run = paragraph.add_run(text.replace(" %", NO_BREAK_SPACE + "%"))
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    return run


def _line(
    paragraph: Paragraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    space_before: float = 0,
) -> Paragraph:
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _mark(run, *, bold: bool = False) -> None:
    """What people must write: italic, in brackets, highlighted (yellow on screen, grey on a
    black-and-white printer)."""
    run.italic = True
    run.bold = bold or None
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _all_scripts(rpr, font: str) -> None:
    """Times New Roman for every script slot of a run's fonts (Word picks the slot by the
    letter; Vietnamese letters are in hAnsi, some marks in cs)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)


def _page_field(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


_PPR_AFTER_PBDR = tuple(
    f"w:{name}"
    for name in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
"""What follows w:pBdr in a paragraph's properties (ECMA-376 CT_PPr)."""
_TCPR_AFTER_SHD = tuple(
    f"w:{name}"
    for name in [
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
        "headers",
        "cellIns",
        "cellDel",
        "cellMerge",
        "tcPrChange",
    ]
)
"""What follows w:shd in a table cell's properties (ECMA-376 CT_TcPr)."""


def _rule_under(paragraph: Paragraph, text: str, size: float, cell_mm: float) -> None:
    """A rule under the centred words, as long as the words: the paragraph is narrowed
    to the text's width and given a bottom border."""
    width = text_width_mm(text, size, "bold") + 1
    side = max((cell_mm - 2 * 1.9 - width) / 2, 0)  # 1.9 mm: Word's default cell padding
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Word refuses a file whose elements are out of the schema's order: pBdr goes before
    # the paragraph properties that follow it (spacing, indents, alignment …).
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_PPR_AFTER_PBDR)


def _fixed_widths(table: Table, widths_mm: Iterable[float]) -> None:
    widths = [Mm(w) for w in widths_mm]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _row_flags(row, *, header: bool) -> None:
    """Never split a row across pages; repeat the header row on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    widths = row.table.columns
    for cell, column in zip(row.cells, widths, strict=False):
        cell.width = column.width


def _cell_text(cell: _Cell, text: str, *, bold: bool, align: str, italic: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if text:
        _run(paragraph, text, TABLE_SIZE, bold=bold, italic=italic)


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *_TCPR_AFTER_SHD)


def _breakable(unit: str) -> str:
    """A unit may break after «/» («triệu đồng/ người/ năm») but never inside a syllable."""
    return unit.replace("/", "/" + ZERO_WIDTH_SPACE)


def _chart_png(draw, height_in: float) -> io.BytesIO:
    from matplotlib.figure import Figure

    from ..charts.style import chart_rc

    # drawn at the size it is printed, so its 7–9 pt texts stay 7–9 pt on paper
    figure = Figure(figsize=(CHART_WIDTH_MM / 25.4, height_in))
    draw(figure)
    buffer = io.BytesIO()
    with chart_rc():
        figure.savefig(buffer, format="png", dpi=CHART_DPI, facecolor="white")
    buffer.seek(0)
    return buffer
