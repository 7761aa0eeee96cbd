"""What every table model here shares: named columns, headers, a refresh that keeps the
selection when only values changed, and the Excel-like edit contract used by the
delegates (validate the text first, then write)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

Index = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The id of the figure, item or place a row shows."""
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
"""What a row is ("item", "figure", "section", "village", "total", …)."""

GREY = QBrush(QColor("#666666"))
TOTAL_BACKGROUND = QBrush(QColor("#eef2f7"))
PENDING_BACKGROUND = QBrush(QColor("#fff4d6"))


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def italic_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


class TableModel(QAbstractTableModel):
    """A table over ``self.rows`` with the headers in ``HEADERS`` (one per column).

    Headers and their tips are Vietnamese source strings, marked with
    ``QT_TRANSLATE_NOOP`` under the model's class name and translated when shown
    (:meth:`text`)."""

    HEADERS: Sequence[str] = ()
    HEADER_TIPS: dict[int, str] = {}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    # --- shape ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.header_text(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = self.HEADER_TIPS.get(section)
                return self.text(tip) if tip else None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def header_text(self, section: int) -> str:
        return self.text(self.HEADERS[section])

    def text(self, source: str) -> str:
        """``source`` (Vietnamese) translated in this model's context (its class name)."""
        return QCoreApplication.translate(type(self).__name__, source)

    # --- refreshing --------------------------------------------------------------------------

    def build_rows(self) -> list[Any]:  # pragma: no cover - every model overrides
        raise NotImplementedError

    @staticmethod
    def row_key(row: Any) -> Hashable:
        return id(row)

    def refresh(self) -> None:
        """Re-read from the store; a change of values keeps the rows (and the selection)."""
        rows = self.build_rows()
        same_shape = [self.row_key(r) for r in rows] == [self.row_key(r) for r in self.rows]
        if same_shape and rows:
            self.rows = rows
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(rows) - 1, self.columnCount() - 1),
            )
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

    # --- editing -----------------------------------------------------------------------------

    def validate(self, index: Index, text: str) -> str | None:
        """None when ``text`` can be written into ``index``; else what is expected."""
        return None

    def edit_text(self, index: Index) -> str:
        """What the editor starts with."""
        value = self.data(index, Qt.ItemDataRole.EditRole)
        return "" if value is None else str(value)
