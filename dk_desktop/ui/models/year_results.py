"""The selected figure's commune results, one row per year of the term (editable)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from ...core import words
from ...core.model import Aggregation, Indicator, Kind, Place, Result, ValueType
from ...core.numbers import format_number
from ...core.progress import meets, planned_for_year
from ...core.validation import parse_value
from ...store.errors import StoreError
from ..display import date_time_text, target_text, value_text
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP
from ..village_scope import catalogue_locked_reason, locked_reason
from .base import (
    GREY,
    ID_ROLE,
    KIND_ROLE,
    LEFT,
    PENDING_BACKGROUND,
    RIGHT,
    TableModel,
    bold_font,
    italic_font,
)
from .entry import DENOMINATOR, NOTE, NUMERATOR, VALUE, PartEntry, Pending, check_text, part_label

YEAR, RESULT, NUMER, DENOM, PLANNED, NOTES, ENTERED = range(7)

PARTS = {RESULT: VALUE, NUMER: NUMERATOR, DENOM: DENOMINATOR, NOTES: NOTE}


def planned_value(figure: Indicator, year: int) -> Decimal | None:
    """The plan's value for ``year`` (core.progress.planned_for_year)."""
    return planned_for_year(figure.spec, year)


@dataclass(frozen=True)
class YearRow:
    year: int
    result: Result | None
    computed: Decimal | None  # the villages added up, when no commune figure was entered


class YearResultsModel(PartEntry, TableModel):
    numerator_column, denominator_column = NUMER, DENOM

    HEADERS = (
        QT_TRANSLATE_NOOP("YearResultsModel", "Năm"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Kết quả"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Số đạt"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Tổng số"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Kế hoạch"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Ghi chú"),
        QT_TRANSLATE_NOOP("YearResultsModel", "Người nhập"),
    )
    HEADER_TIPS = {
        RESULT: QT_TRANSLATE_NOOP(
            "YearResultsModel",
            "Kết quả toàn xã. Gõ số kiểu Việt Nam (26,3 hoặc 1.041), Enter để lưu.",
        ),
        PLANNED: QT_TRANSLATE_NOOP(
            "YearResultsModel",
            "Mức theo lộ trình từ số đầu kỳ đến mục tiêu Nghị quyết. Các năm giữa nhiệm kỳ "
            "sửa được: gõ mốc kế hoạch của năm (để trống để trở về lộ trình đều).",
        ),
        ENTERED: QT_TRANSLATE_NOOP("YearResultsModel", "Ai nhập, lúc nào"),
    }

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.figure: Indicator | None = None
        self.commune: Place = session.store.commune()
        self.pending = Pending()
        self.rows = []

    def set_figure(self, figure: Indicator | None) -> None:
        self.beginResetModel()
        self.figure = figure
        self.pending = Pending()
        self.rows = self.build_rows()
        self.endResetModel()

    @staticmethod
    def row_key(row: YearRow) -> Any:
        return row.year

    def build_rows(self) -> list[YearRow]:
        figure = self.figure
        if figure is None:
            return []
        store = self.session.store
        figure = store.figure(figure.id)
        self.figure = figure
        series = self.session.series().get(figure.id, {})
        results = {r.year: r for r in store.results(figure.id) if r.place_id == self.commune.id}
        start, end = store.term()  # the open file's years, and a target set beyond them
        last = max(figure.target_year, end)
        rows = []
        for year in range(start, last + 1):
            result = results.get(year)
            direct = result.value if result is not None else None
            computed = series.get(year) if direct is None else None
            rows.append(YearRow(year, result, computed))
        return rows

    def header_text(self, section: int) -> str:
        figure = self.figure
        if figure is not None:
            if section == RESULT and figure.unit:
                return self.tr("Kết quả ({unit})").format(unit=figure.unit)
            if section in (NUMER, DENOM):
                return part_label(figure, PARTS[section])
        return self.text(self.HEADERS[section])

    def is_ratio(self) -> bool:
        return self.figure is not None and self.figure.aggregation is Aggregation.RATIO

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.locked_reason(index.column()):
            return flags
        column = index.column()
        if column in (RESULT, NOTES) or (column in (NUMER, DENOM) and self.is_ratio()):
            flags |= Qt.ItemFlag.ItemIsEditable
        if column == PLANNED and self.milestone_editable(self.rows[index.row()].year):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def locked_reason(self, column: int) -> str | None:
        """On a village laptop the commune's figures and plan are the office's to type."""
        if column == PLANNED:
            return catalogue_locked_reason(self.session)
        return locked_reason(self.session, None) if column in PARTS else None

    # --- the clerk's yearly milestones ("Mốc kế hoạch") -------------------------------------

    def milestone_editable(self, year: int) -> bool:
        """A planned value can be set for the years strictly inside the plan's path, for
        the kinds whose path goes from the baseline to the target (a level, a total)."""
        figure = self.figure
        if figure is None or figure.kind not in (Kind.LEVEL, Kind.CUMULATIVE):
            return False
        if not figure.baseline_year < year < figure.target_year:
            return False
        # a level already met at the start plans to stay at the target: no milestones
        return not (
            figure.kind is Kind.LEVEL
            and figure.baseline is not None
            and figure.target is not None
            and meets(figure.baseline, figure.comparator, figure.target)
        )

    def milestone(self, year: int) -> Decimal | None:
        return None if self.figure is None else self.figure.milestones.get(year)

    def _planned_text(self, figure: Indicator, year: int, edit: bool) -> str:
        milestone = figure.milestones.get(year) if self.milestone_editable(year) else None
        if milestone is not None:
            return format_number(milestone)
        if figure.kind is Kind.RATE_RANGE and year > figure.baseline_year:
            return "" if edit else target_text(figure, with_unit=True)  # «8–10 %/năm»
        if figure.kind is Kind.MILESTONE:
            return "" if edit else (self.tr("Đạt") if year == figure.target_year else "")
        planned = planned_value(figure, year)
        return "" if planned is None else format_number(planned)

    def _known(self, row: YearRow, part: str) -> Decimal | None:
        return self.known_part((self.commune.id, row.year), row.result, part)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.figure is None or not 0 <= index.row() < len(self.rows):
            return None
        row: YearRow = self.rows[index.row()]
        figure = self.figure
        column = index.column()
        result = row.result
        pending_key = (self.commune.id, row.year)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if column == YEAR:  # «2025 (từ Đại hội)» / «2025 (năm gốc)»: what is counted
                return words.year_row_label(figure, row.year)
            if column == RESULT:
                if result is not None and result.value is not None:
                    if edit and figure.value_type is not ValueType.YESNO:  # «Đạt», never 1
                        return format_number(result.value)
                    return value_text(figure, result.value)
                if row.computed is not None and not edit:
                    return value_text(figure, row.computed)
                return ""
            if column in (NUMER, DENOM):
                value = self._known(row, PARTS[column])
                return "" if value is None else format_number(value)
            if column == PLANNED:
                if edit and not self.milestone_editable(row.year):
                    return ""
                return self._planned_text(figure, row.year, edit)
            if column == NOTES:
                return (result.note or "") if result is not None else ""
            if column == ENTERED and not edit:
                if result is None:
                    return ""
                return f"{result.entered_by}, {date_time_text(result.entered_at)}"
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column in (NOTES, ENTERED) else RIGHT
        has_milestone = column == PLANNED and self.milestone(row.year) is not None
        if role == Qt.ItemDataRole.FontRole and column == RESULT and row.computed is not None:
            return italic_font()
        if role == Qt.ItemDataRole.FontRole and has_milestone:
            return bold_font()
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and not has_milestone
            and (column in (PLANNED, ENTERED) or (column == RESULT and row.computed is not None))
        ):
            return GREY
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and column in (NUMER, DENOM)
            and self.pending.has(pending_key)
        ):
            return PENDING_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.locked_reason(column):
                return self.locked_reason(column)
            if column == RESULT and row.computed is not None:
                return self.tr("Tổng hợp từ số liệu các bản (chưa nhập số của toàn xã)")
            if column in (NUMER, DENOM) and self.pending.has(pending_key):
                return self.tr("Chưa lưu: cần nhập đủ số đạt và tổng số")
            if column == YEAR and row.year == figure.baseline_year:
                if figure.kind is Kind.CUMULATIVE:
                    return self.tr(
                        "Từ Đại hội đến hết năm {year}: tính vào tổng cả nhiệm kỳ"
                    ).format(year=row.year)
                return self.tr("Năm gốc (cuối nhiệm kỳ trước): điểm xuất phát của lộ trình")
            if column == PLANNED and has_milestone:
                return self.tr(
                    "Mốc kế hoạch năm {year} do văn phòng đặt (xóa ô để trở về lộ trình đều)"
                ).format(year=row.year)
            if column == PLANNED and self.milestone_editable(row.year):
                return self.tr(
                    "Lộ trình đều từ gốc đến mục tiêu. Gõ để đặt mốc kế hoạch cho năm {year}."
                ).format(year=row.year)
            return None
        if role == ID_ROLE:
            return row.year
        if role == KIND_ROLE:
            return "year"
        return None

    def validate(self, index, text: str) -> str | None:
        if self.figure is not None and index.column() == PLANNED:
            problem = check_text(self.figure, VALUE, text, None)
            return self.tr("Mốc kế hoạch: ") + problem if problem else None
        if self.figure is None or index.column() not in PARTS:
            return None
        row: YearRow = self.rows[index.row()]
        key = (self.commune.id, row.year)
        return self.part_problem(key, row.result, PARTS[index.column()], text)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or self.figure is None or not index.isValid():
            return False
        locked = self.locked_reason(index.column())
        if locked:
            self.session.refuse(locked)
            return False
        if index.column() == PLANNED:
            return self.set_milestone(index, "" if value is None else str(value))
        if index.column() not in PARTS:
            return False
        row: YearRow = self.rows[index.row()]
        return self.commit_part(
            index, self.commune, row.year, row.result, PARTS[index.column()], value
        )

    def set_milestone(self, index, text: str) -> bool:
        """Write the planned value typed for a year (empty: back to the straight path)."""
        figure = self.figure
        row: YearRow = self.rows[index.row()]
        if figure is None or not self.milestone_editable(row.year):
            return False
        text = text.strip()
        try:
            value = parse_value(figure.value_type, text, figure.unit) if text else None
        except ValueError as error:
            self.session.refuse(self.tr("Mốc kế hoạch: ") + str(error))
            return False
        try:
            self.session.set_milestone(figure, row.year, value)
        except StoreError as error:
            self.session.refuse(str(error))
            return False
        return True
