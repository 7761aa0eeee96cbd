"""The selected figure's results per village for one year, and the commune total
computed from them the figure's way (a sum, or summed parts of a ratio)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from ...core import progress
from ...core.model import Aggregation, Indicator, Place, Result, ValueType
from ...core.numbers import format_number
from ..display import value_text
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP
from ..village_scope import locked_reason
from .base import (
    GREY,
    ID_ROLE,
    KIND_ROLE,
    LEFT,
    PENDING_BACKGROUND,
    RIGHT,
    TOTAL_BACKGROUND,
    TableModel,
    bold_font,
)
from .entry import DENOMINATOR, NOTE, NUMERATOR, VALUE, PartEntry, Pending, part_label

VILLAGE, FORMER, NUMER, DENOM, RESULT, NOTES = range(6)

PARTS = {RESULT: VALUE, NUMER: NUMERATOR, DENOM: DENOMINATOR, NOTES: NOTE}


@dataclass(frozen=True)
class VillageRow:
    place: Place | None  # None: the total row
    former: str
    result: Result | None
    total: tuple[Decimal | None, Decimal | None, Decimal | None] | None = None


class VillageResultsModel(PartEntry, TableModel):
    numerator_column, denominator_column = NUMER, DENOM

    HEADERS = (
        QT_TRANSLATE_NOOP("VillageResultsModel", "Bản"),
        QT_TRANSLATE_NOOP("VillageResultsModel", "Thuộc xã cũ"),
        QT_TRANSLATE_NOOP("VillageResultsModel", "Số đạt"),
        QT_TRANSLATE_NOOP("VillageResultsModel", "Tổng số"),
        QT_TRANSLATE_NOOP("VillageResultsModel", "Kết quả"),
        QT_TRANSLATE_NOOP("VillageResultsModel", "Ghi chú"),
    )

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.figure: Indicator | None = None
        self.year = 2026
        self.pending = Pending()
        self.rows = []

    def set_figure(self, figure: Indicator | None, year: int | None = None) -> None:
        self.beginResetModel()
        self.figure = figure
        if year is not None:
            self.year = year
        self.pending = Pending()
        self.rows = self.build_rows()
        self.endResetModel()

    def set_year(self, year: int) -> None:
        self.set_figure(self.figure, year)

    @staticmethod
    def row_key(row: VillageRow) -> Any:
        return row.place.id if row.place else None

    def is_ratio(self) -> bool:
        return self.figure is not None and self.figure.aggregation is Aggregation.RATIO

    def reported_by_villages(self) -> bool:
        return self.figure is not None and self.figure.aggregation is not Aggregation.NONE

    def build_rows(self) -> list[VillageRow]:
        figure = self.figure
        if figure is None or not self.reported_by_villages():
            return []
        store = self.session.store
        results = {r.place_id: r for r in store.results(figure.id) if r.year == self.year}
        former = {p.id: p for p in store.former_communes()}
        order = {p.id: n for n, p in enumerate(store.former_communes(), start=1)}
        villages = [
            v for v in store.villages(include_retired=True) if not v.retired or v.id in results
        ]
        villages.sort(key=lambda v: (order.get(v.parent_id or 0, 0), v.position, v.id))
        rows = [
            VillageRow(
                v,
                former[v.parent_id].name if v.parent_id in former else "",
                results.get(v.id),
            )
            for v in villages
        ]
        triples = [
            (r.result.value, r.result.numerator, r.result.denominator)
            for r in rows
            if r.result is not None
        ]
        total = progress.commune_total(figure.aggregation.value, triples)
        numerators = [n for _, n, d in triples if n is not None and d is not None]
        denominators = [d for _, n, d in triples if n is not None and d is not None]
        rows.append(
            VillageRow(
                None,
                "",
                None,
                (
                    total,
                    sum(numerators, Decimal(0)) if numerators else None,
                    sum(denominators, Decimal(0)) if denominators else None,
                ),
            )
        )
        return rows

    def row_for_village(self, name: str) -> int | None:
        wanted = name.casefold()
        for number, row in enumerate(self.rows):
            if row.place is not None and row.place.name.casefold() == wanted:
                return number
        return None

    def commune_total(self) -> Decimal | None:
        if not self.rows or self.rows[-1].total is None:
            return None
        return self.rows[-1].total[0]

    def header_text(self, section: int) -> str:
        figure = self.figure
        if figure is not None:
            if section == RESULT:
                label = self.tr("Tỷ lệ") if self.is_ratio() else self.tr("Kết quả")
                return f"{label} ({figure.unit})" if figure.unit else label
            if section in (NUMER, DENOM):
                return part_label(figure, PARTS[section])
        return self.text(self.HEADERS[section])

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row: VillageRow = self.rows[index.row()]
        if row.place is None or row.place.retired or locked_reason(self.session, row.place):
            return flags
        column = index.column()
        if column == NOTES or (column in (NUMER, DENOM) and self.is_ratio()):
            flags |= Qt.ItemFlag.ItemIsEditable
        if column == RESULT and not self.is_ratio():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _known(self, row: VillageRow, part: str) -> Decimal | None:
        if row.place is None:
            return None
        return self.known_part((row.place.id, self.year), row.result, part)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.figure is None or not 0 <= index.row() < len(self.rows):
            return None
        row: VillageRow = self.rows[index.row()]
        figure = self.figure
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if row.place is None:  # the total row
                assert row.total is not None
                if column == VILLAGE:
                    return self.tr("Cộng toàn xã")
                value = {RESULT: row.total[0], NUMER: row.total[1], DENOM: row.total[2]}.get(column)
                return "" if value is None else format_number(value)
            if column == VILLAGE:
                suffix = self.tr(" (thôi theo dõi)") if row.place.retired and not edit else ""
                return row.place.name + suffix
            if column == FORMER:
                return row.former
            if column in (NUMER, DENOM):
                value = self._known(row, PARTS[column])
                return "" if value is None else format_number(value)
            if column == RESULT:
                if row.result is None or row.result.value is None:
                    return ""
                if edit and figure.value_type is not ValueType.YESNO:  # «Đạt», never 1
                    return format_number(row.result.value)
                return value_text(figure, row.result.value)
            if column == NOTES:
                return (row.result.note or "") if row.result is not None else ""
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if column in (VILLAGE, FORMER, NOTES) else RIGHT
        if role == Qt.ItemDataRole.FontRole and row.place is None:
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.place is None:
                return TOTAL_BACKGROUND
            if column in (NUMER, DENOM) and self.pending.has((row.place.id, self.year)):
                return PENDING_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and (
            (row.place is not None and row.place.retired) or (column == RESULT and self.is_ratio())
        ):
            return GREY
        if role == Qt.ItemDataRole.ToolTipRole:
            locked = locked_reason(self.session, row.place) if row.place is not None else None
            if locked and column in PARTS:
                return locked
            if row.place is None:
                if self.is_ratio():
                    return self.tr("Tỷ lệ toàn xã = tổng số đạt / tổng số của các bản × 100")
                return self.tr("Tổng các bản")
            if column == RESULT and self.is_ratio():
                return self.tr("Tự tính từ số đạt / tổng số")
            if column in (NUMER, DENOM) and self.pending.has((row.place.id, self.year)):
                return self.tr("Chưa lưu: cần nhập đủ số đạt và tổng số")
            return None
        if role == ID_ROLE:
            return row.place.id if row.place else None
        if role == KIND_ROLE:
            return "village" if row.place else "total"
        return None

    def validate(self, index, text: str) -> str | None:
        if self.figure is None or index.column() not in PARTS:
            return None
        row: VillageRow = self.rows[index.row()]
        if row.place is None:
            return None
        return self.part_problem((row.place.id, self.year), row.result, PARTS[index.column()], text)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or self.figure is None or not index.isValid():
            return False
        row: VillageRow = self.rows[index.row()]
        if row.place is None or index.column() not in PARTS:
            return False
        locked = locked_reason(self.session, row.place)
        if locked:
            self.session.refuse(locked)
            return False
        return self.commit_part(
            index, row.place, self.year, row.result, PARTS[index.column()], value
        )
