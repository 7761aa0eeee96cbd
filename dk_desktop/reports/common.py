"""What both reports show, read from the store once: the table rows, the summary, the
header words. No matplotlib, no openpyxl here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..charts.data import (
    chart_source,
    data_date,
    status_summaries,
)
from ..core import words
from ..core.model import Field, Indicator, Item, Kind, Place, Result, Section, Status, ValueType
from ..core.progress import Assessment, Summary, describe_pace, figures_with_data
from ..store.files import commit_file, temporary_name
from .document_format import Heading

TABLE_HEADERS = (
    "STT",
    "Chỉ tiêu",
    "ĐVT",
    "Nghị quyết",
    "Thực hiện năm {year}",
    words.COMPARED_HEADING,
    words.PROGRESS_HEADING,
    "Đánh giá",
)
REPORT_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT"
REPORT_SUBTITLE = "Đại hội Đảng bộ xã {commune} lần thứ {number}, nhiệm kỳ {term}"
"""The Congress's number and the term are the catalogue's (document_format.Heading)."""


@dataclass(frozen=True)
class TableRow:
    """One line of the report table. A target with several figures has a heading row
    (its combined status) and one row per figure ("- Tổng đàn gia súc")."""

    stt: str
    name: str
    unit: str = ""
    target: str = ""
    achieved: str = ""
    achieved_value: Decimal | None = None
    """The number behind ``achieved`` (None for words such as "Đạt")."""
    percent: Decimal | None = None
    """«So với NQ (%)» as a number (None for words such as a yes/no figure's)."""
    compared: str = ""
    """«So với NQ (%)» as every table writes it (core.words.compared_text)."""
    progress: Decimal | None = None
    """«Tiến độ (%)»: the share of the way from the baseline (None without one)."""
    status: Status | None = None
    note: str = ""
    level: int = 0
    """0: a target (or a target's only figure); 1: a figure under its target;
    -1: a section heading ("Khâu đột phá")."""
    figure_id: int | None = None

    @property
    def status_word(self) -> str:
        return words.status_text(self.status)

    @property
    def progress_text(self) -> str:
        return words.percent_text(self.progress)


@dataclass
class ReportData:
    year: int | None
    commune: str
    party_committee: str
    data_date: date
    made_on: date
    source: str
    items: list[Item]
    figures: dict[int, list[Indicator]]
    assessments: dict[int, Assessment]
    item_statuses: dict[int, Status]
    series: dict[int, dict[int, Decimal]]
    villages: list[Place]
    results: list[Result]
    summaries: dict[str, Summary] = field(default_factory=dict)
    heading: Heading | None = None
    """The catalogue's words for the document header (bodies, place, Congress, term)."""

    @property
    def year_label(self) -> str:
        return str(self.year) if self.year is not None else "…"

    @property
    def targets(self) -> list[Item]:
        return [i for i in self.items if i.section is Section.TARGET]

    @property
    def summary(self) -> Summary:
        return next(reversed(self.summaries.values()))

    def headers(self) -> list[str]:
        return [h.format(year=self.year_label) for h in TABLE_HEADERS]

    def place_line(self) -> str:
        day = self.made_on
        return f"{self.commune}, ngày {day.day} tháng {day.month} năm {day.year}"

    def title_lines(self) -> list[str]:
        heading = self.heading or Heading.of({})
        subtitle = REPORT_SUBTITLE.format(
            commune=self.commune,
            number=heading.congress_number,
            term=heading.term,
        )
        return [REPORT_TITLE, subtitle]

    def table_rows(self, items: list[Item] | None = None) -> list[TableRow]:
        """Rows for ``items`` (default: the 22 targets); breakthroughs and tasks are
        listed under section headings, and only those with figures."""
        items = self.targets if items is None else items
        rows: list[TableRow] = []
        section: Section | None = Section.TARGET
        for item in items:
            figures = self.figures.get(item.id, [])
            if item.section is not Section.TARGET and not figures:
                continue
            if item.section is not section:
                section = item.section
                rows.append(TableRow(stt="", name=SECTION_HEADINGS[section], level=-1))
            stt = str(item.resolution_number or item.number)
            if len(figures) == 1:
                rows.append(self._figure_row(stt, figures[0], level=0))
                continue
            name = _capitalized(item.name)  # whole: a table cell wraps, never cut with «…»
            status = self.item_statuses.get(item.id)
            note = ""
            if status is Status.INCOMPLETE:
                with_data, total = figures_with_data(self.assessments[f.id].status for f in figures)
                note = words.figures_with_data_text(with_data, total)
            rows.append(TableRow(stt=stt, name=name, status=status, note=note, level=0))
            for figure in figures:
                rows.append(self._figure_row("", figure, level=1))
        return rows

    def field_items(self, field_: Field) -> list[Item]:
        return [i for i in self.items if i.field is field_]

    def _figure_row(self, stt: str, figure: Indicator, level: int) -> TableRow:
        assessment = self.assessments[figure.id]
        achieved, number, note = self.achieved(figure, assessment)
        pace = describe_pace(figure.spec, assessment, figure.unit)
        notes = [n for n in (note, words.villages_text(assessment.reported), pace) if n]
        name = figure.name if level == 0 else f"- {figure.name}"
        return TableRow(
            stt=stt,
            name=name,
            unit=figure.unit,
            target=words.target_text(figure),
            achieved=achieved,
            achieved_value=number,
            percent=assessment.percent,
            compared=words.compared_text(figure, assessment),
            progress=assessment.progress,
            status=assessment.status,
            note="; ".join(notes),
            level=level,
            figure_id=figure.id,
        )

    def year_value(self, figure: Indicator, year: int) -> Decimal | None:
        """The commune value of ``year`` as the yearly tables write it: the baseline in the
        baseline year when nothing was typed there (not for a cumulative figure, whose 2025
        is work done from the Congress); nothing after the report's year."""
        if self.year is not None and year > self.year:
            return None
        value = self.series.get(figure.id, {}).get(year)
        counts = figure.kind is Kind.CUMULATIVE
        if year == figure.baseline_year and value is None and not counts:
            return figure.baseline
        return value

    def achieved(
        self, figure: Indicator, assessment: Assessment
    ) -> tuple[str, Decimal | None, str]:
        """(text, number, note) for "Thực hiện năm …": the year's value; the running sum
        for cumulative figures; the latest earlier value, marked, when the year has none."""
        if assessment.value is None:
            return "", None, ""
        series = self.series.get(figure.id, {})
        if figure.kind is Kind.CUMULATIVE:
            value = assessment.value
            since = "Lũy kế"
            if figure.baseline_year in series:  # counted from the Congress (core.progress)
                since = f"Lũy kế từ Đại hội (gồm năm {figure.baseline_year})"
            return f"{words.value_text(figure, value)} (lũy kế)", value, since
        year = assessment.year
        value = series.get(year, assessment.value) if year is not None else assessment.value
        if figure.kind is Kind.RATE_RANGE:
            mean = words.value_text(figure, assessment.value)
            return words.value_text(figure, value), value, f"Bình quân nhiệm kỳ {mean}"
        if figure.kind in (Kind.YEARLY_CHANGE, Kind.TERM_GROWTH) and year in series:
            # the level typed for the year; what is judged is its change, said beside it
            change = words.value_text(figure, assessment.value, with_unit=True)
            mean = "bình quân " if figure.kind is Kind.YEARLY_CHANGE else ""
            return words.value_text(figure, value), value, f"Thay đổi {mean}{change}"
        text = words.value_text(figure, value)
        number = None if figure.value_type is ValueType.YESNO else value
        if self.year is not None and assessment.year != self.year:
            return f"{text} (năm {assessment.year})", number, f"Số liệu năm {assessment.year}"
        return text, number, ""


SECTION_HEADINGS = {
    Section.TARGET: "Các chỉ tiêu chủ yếu",
    Section.BREAKTHROUGH: "Các khâu đột phá (có chỉ số)",
    Section.TASK: "Nhiệm vụ, giải pháp (có chỉ số)",
}


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def gather(store, year: int | None = None, *, made_on: date | None = None) -> ReportData:
    """Everything a report shows, for ``year`` (None: the latest year with data)."""
    if year is None:
        year = store.latest_year()
    items = store.items()
    figures: dict[int, list[Indicator]] = {}
    for figure in store.figures():
        figures.setdefault(figure.item_id, []).append(figure)
    series = store.all_series()
    assessments = store.assessments(year)
    statuses = store.item_statuses(year)
    meta = store.meta()
    commune = store.commune_name()
    data = ReportData(
        year=year,
        commune=commune,
        party_committee=meta.get("party_committee") or f"ĐẢNG BỘ XÃ {commune.upper()}",
        data_date=data_date(store, year),
        made_on=made_on or date.today(),
        source=chart_source(store),
        items=items,
        figures=figures,
        assessments=assessments,
        item_statuses=statuses,
        series=series,
        villages=store.villages(),
        results=store.results(),
    )
    data.summaries = status_summaries(statuses, items)
    data.heading = Heading.of(meta)
    return data


def write_atomically(path: Path, write) -> None:
    """Call ``write(temporary_path)``, then rename into ``path``; never leave a
    half-written file under the final name (the temporary one is removed on error)."""
    path = Path(path)
    temporary = temporary_name(path)
    try:
        write(temporary)
        commit_file(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
