"""Every target of the resolution in one list, with its status (the Tổng quan tab)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...core import words
from ...core.model import Indicator, Item, Section, Status
from ...core.progress import figures_with_data
from ..display import STATUS_COLOURS
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP, field_label, status_hint, status_label
from .base import CENTER, ID_ROLE, KIND_ROLE, LEFT, RIGHT, TableModel

STT, NAME, FIELD, FIGURES, PERCENT, STATUS = range(6)


@dataclass(frozen=True)
class OverviewRow:
    item: Item
    status: Status
    figures: int
    met: int
    compared: str  # «So với NQ (%)» of a target with one figure (core.words)
    with_data: int  # figures that have data: "2/7 chỉ số có số liệu"


class OverviewModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("OverviewModel", "STT"),
        QT_TRANSLATE_NOOP("OverviewModel", "Chỉ tiêu"),
        QT_TRANSLATE_NOOP("OverviewModel", "Lĩnh vực"),
        QT_TRANSLATE_NOOP("OverviewModel", "Số chỉ số đạt"),
        QT_TRANSLATE_NOOP("OverviewModel", "So với NQ (%)"),
        QT_TRANSLATE_NOOP("OverviewModel", "Đánh giá"),
    )
    HEADER_TIPS = {
        FIGURES: QT_TRANSLATE_NOOP(
            "OverviewModel", "Số chỉ số đã đạt hoặc vượt trên tổng số chỉ số của chỉ tiêu"
        ),
        STATUS: QT_TRANSLATE_NOOP(
            "OverviewModel",
            "Đánh giá chung: chỉ tính đạt khi mọi chỉ số đều có số liệu và đều đạt; "
            "còn lại theo chỉ số kém nhất",
        ),
    }

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rows = self.build_rows()

    @staticmethod
    def row_key(row: OverviewRow) -> Any:
        return row.item.id

    def build_rows(self) -> list[OverviewRow]:
        store = self.session.store
        assessments = self.session.assessments()
        statuses = self.session.item_statuses()
        figures_by_item: dict[int, list[Indicator]] = {}
        for figure in store.figures():
            figures_by_item.setdefault(figure.item_id, []).append(figure)
        rows = []
        for item in store.items(Section.TARGET):
            figures = figures_by_item.get(item.id, [])
            met = sum(1 for f in figures if assessments[f.id].status.is_met)
            compared = (
                words.compared_text(figures[0], assessments[figures[0].id])
                if len(figures) == 1
                else ""
            )
            with_data, _ = figures_with_data(assessments[f.id].status for f in figures)
            rows.append(
                OverviewRow(item, statuses[item.id], len(figures), met, compared, with_data)
            )
        return rows

    def row_for_item(self, item_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.item.id == item_id:
                return number
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: OverviewRow = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STT:
                return row.item.number
            if column == NAME:
                return row.item.name
            if column == FIELD:
                return field_label(row.item.field)
            if column == FIGURES:
                return f"{row.met}/{row.figures}" if row.figures else ""
            if column == PERCENT:
                return row.compared
            if column == STATUS:
                return status_label(row.status)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (STT, FIGURES, STATUS):
                return CENTER
            return RIGHT if column == PERCENT else LEFT
        if column == STATUS and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            foreground, background = STATUS_COLOURS[row.status]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else foreground
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS and row.status is Status.INCOMPLETE:
                counted = words.figures_with_data_text(row.with_data, row.figures)
                return f"{status_hint(row.status)} ({counted})"
            if column == STATUS:
                return status_hint(row.status)
            if column == NAME:
                return f"{row.item.source}\n\n" + self.tr(
                    "Nhấn đúp để mở trong tab {field}."
                ).format(field=field_label(row.item.field))
            return None
        if role == ID_ROLE:
            return row.item.id
        if role == KIND_ROLE:
            return "item"
        return None
