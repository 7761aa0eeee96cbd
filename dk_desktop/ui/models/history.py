"""Who changed what and when, for the selected figure (newest first)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.model import HistoryEntry, Indicator
from ..display import attribute_label, date_time_text, history_value_text
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP
from .base import ID_ROLE, KIND_ROLE, LEFT, TableModel

WHEN, WHO, WHAT = range(3)

HISTORY_LIMIT = 500


class HistoryModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "Thời gian"),
        QT_TRANSLATE_NOOP("HistoryModel", "Người sửa"),
        QT_TRANSLATE_NOOP("HistoryModel", "Nội dung"),
    )

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.figure_id: int | None = None
        self.item_id: int | None = None
        self._place_names: dict[int, str] = {}
        self._figures: dict[int, Indicator] = {}
        self._commune_id: int | None = None
        self.rows = []

    def set_subject(self, figure_id: int | None = None, item_id: int | None = None) -> None:
        self.beginResetModel()
        self.figure_id, self.item_id = figure_id, item_id
        self.rows = self.build_rows()
        self.endResetModel()

    @staticmethod
    def row_key(row: HistoryEntry) -> Any:
        return row.id

    def build_rows(self) -> list[HistoryEntry]:
        if self.figure_id is None and self.item_id is None:
            return []
        store = self.session.store
        self._place_names = {p.id: p.name for p in store.places()}
        self._figures = {f.id: f for f in store.figures(include_retired=True)}
        self._commune_id = store.commune().id
        return store.history(figure_id=self.figure_id, item_id=self.item_id, limit=HISTORY_LIMIT)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def describe(self, entry: HistoryEntry) -> str:
        parts = []
        if entry.year is not None:
            parts.append(self.tr("Năm {year}").format(year=entry.year))
        if entry.place_id is not None:
            name = self._place_names.get(
                entry.place_id, self.tr("địa bàn số {id}").format(id=entry.place_id)
            )
            parts.append(self.tr("Toàn xã") if entry.place_id == self._commune_id else name)
        if entry.entity == "milestone":
            parts.append(self.tr("mốc kế hoạch"))
        where = " · ".join(parts)
        attribute = attribute_label(entry.attribute or "")
        # a figure's own values (not its catalogue words) are written as the figure writes
        # them: «Đạt» / «Chưa đạt» for a yes/no figure
        figure = self._figures.get(entry.figure_id) if entry.figure_id is not None else None
        old = history_value_text(entry.old_value, entry.attribute, figure)
        new = history_value_text(entry.new_value, entry.attribute, figure)
        if entry.entity == "figure" and entry.action == "insert":
            text = self.tr("Thêm chỉ số «{name}»").format(name=entry.new_value or "")
        elif entry.action == "delete" and entry.entity == "result":
            text = self.tr("xóa {what} {old}").format(what=attribute, old=old)
        else:
            text = f"{attribute}: {old} → {new}"
        if entry.note and entry.entity != "figure":
            text += f" ({entry.note})"
        return f"{where}: {text}" if where else text[:1].upper() + text[1:]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry: HistoryEntry = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == WHEN:
                return date_time_text(entry.changed_at)
            if column == WHO:
                return entry.changed_by
            if column == WHAT:
                return self.describe(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT
        if role == ID_ROLE:
            return entry.id
        if role == KIND_ROLE:
            return entry.entity
        return None
