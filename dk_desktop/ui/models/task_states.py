"""A field's breakthroughs and tasks, each with its state per year and a note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.model import Field, Item, Section, TaskState
from ...store.errors import StoreError
from ..display import TASK_STATE_COLOURS, default_year
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP, task_state_label
from ..village_scope import catalogue_locked_reason
from .base import CENTER, ID_ROLE, KIND_ROLE, LEFT, TableModel, bold_font

STT, NAME = 0, 1
FIRST_YEAR_COLUMN = 2  # then one column per year of the open file's term, then the note


def state_choices() -> list[tuple[str, str]]:
    """(value, label) of the states a year can take, "not assessed" first."""
    none = QCoreApplication.translate("TaskStatesModel", "(chưa đánh giá)")
    return [("", none)] + [(state.value, task_state_label(state)) for state in TaskState]


@dataclass(frozen=True)
class TaskRow:
    item: Item | None  # None: a heading
    heading: str
    states: dict[int, tuple[TaskState, str | None]]


class TaskStatesModel(TableModel):
    HEADERS: tuple[str, ...] = (
        QT_TRANSLATE_NOOP("TaskStatesModel", "STT"),
        QT_TRANSLATE_NOOP("TaskStatesModel", "Khâu đột phá, nhiệm vụ"),
        # the years of the open file's term go here (__init__)
        QT_TRANSLATE_NOOP("TaskStatesModel", "Ghi chú"),
    )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        year = self._year(section)
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and year is not None
        ):
            return self.tr(
                "Trạng thái năm {year}: chưa triển khai, đang thực hiện, hoàn thành"
            ).format(year=year)
        return super().headerData(section, orientation, role)

    def __init__(self, session: Session, field: Field, note_year: int | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.field = field
        start, end = session.store.term()
        self.years = list(range(start, end + 1))  # the open file's term, baseline year first
        self.note_column = FIRST_YEAR_COLUMN + len(self.years)
        self.HEADERS = (
            *type(self).HEADERS[:FIRST_YEAR_COLUMN],
            *[str(year) for year in self.years],
            *type(self).HEADERS[FIRST_YEAR_COLUMN:],
        )
        self.note_year = note_year if note_year is not None else default_year((start, end))
        self.rows = self.build_rows()

    def year_column(self, year: int) -> int:
        return FIRST_YEAR_COLUMN + self.years.index(year)

    @staticmethod
    def row_key(row: TaskRow) -> Any:
        return (row.item.id if row.item else None, row.heading)

    def build_rows(self) -> list[TaskRow]:
        store = self.session.store
        rows: list[TaskRow] = []
        for section, heading in (
            (Section.BREAKTHROUGH, self.tr("Khâu đột phá")),
            (Section.TASK, self.tr("Nhiệm vụ và giải pháp")),
        ):
            items = store.items(section, self.field)
            if not items:
                continue
            rows.append(TaskRow(None, heading, {}))
            rows.extend(TaskRow(item, "", store.task_states(item.id)) for item in items)
        return rows

    def set_note_year(self, year: int) -> None:
        self.note_year = year
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.note_column, self.note_column)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.note_column), self.index(len(self.rows) - 1, self.note_column)
            )

    def header_text(self, section: int) -> str:
        if section == self.note_column:
            return self.tr("Ghi chú năm {year}").format(year=self.note_year)
        return self.text(self.HEADERS[section])

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row: TaskRow = self.rows[index.row()]
        locked = catalogue_locked_reason(self.session)  # a village laptop: the office's
        if row.item is not None and index.column() >= FIRST_YEAR_COLUMN and not locked:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _year(self, column: int) -> int | None:
        if FIRST_YEAR_COLUMN <= column < self.note_column:
            return self.years[column - FIRST_YEAR_COLUMN]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: TaskRow = self.rows[index.row()]
        column = index.column()
        year = self._year(column)
        state = row.states.get(year) if year is not None else None
        if row.item is None:
            if role == Qt.ItemDataRole.DisplayRole and column == NAME:
                return row.heading
            if role == Qt.ItemDataRole.FontRole:
                return bold_font()
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#e8ecf2"))
            if role == KIND_ROLE:
                return "section"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == STT:
                return row.item.number
            if column == NAME:
                return row.item.name
            if year is not None:
                return task_state_label(state[0]) if state else ""
            if column == self.note_column:
                note = row.states.get(self.note_year)
                return (note[1] or "") if note else ""
            return ""
        if role == Qt.ItemDataRole.EditRole:
            if year is not None:
                return state[0].value if state else ""
            if column == self.note_column:
                note = row.states.get(self.note_year)
                return (note[1] or "") if note else ""
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER if year is not None or column == STT else LEFT
        if state is not None and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            foreground, background = TASK_STATE_COLOURS[state[0]]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else foreground
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NAME:
                return row.item.source or row.item.name
            locked = catalogue_locked_reason(self.session)
            if locked and column >= FIRST_YEAR_COLUMN:
                return locked
            if year is not None and state is not None and state[1]:
                return self.tr("Ghi chú năm {year}: {note}").format(year=year, note=state[1])
            return None
        if role == ID_ROLE:
            return row.item.id
        if role == KIND_ROLE:
            return "item"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row: TaskRow = self.rows[index.row()]
        if row.item is None:
            return False
        locked = catalogue_locked_reason(self.session)
        if locked:
            self.session.refuse(locked)
            return False
        column = index.column()
        year = self._year(column)
        text = "" if value is None else str(value).strip()
        try:
            if year is not None:
                state = TaskState(text) if text else None
                note = row.states.get(year, (None, None))[1]
                if state is None and note:
                    # the store keeps a note only with a state: clearing it would drop the note
                    self.session.refuse(
                        self.tr(
                            "Năm {year} còn ghi chú «{note}». Xóa ghi chú trước (cột «Ghi chú "
                            "năm {year}») rồi mới bỏ trạng thái, để ghi chú không bị mất."
                        ).format(year=year, note=note)
                    )
                    return False
                self.session.set_task_state(row.item, year, state, note)
            elif column == self.note_column:
                current = row.states.get(self.note_year)
                state = current[0] if current else TaskState.NOT_STARTED
                if not text and current is None:
                    return True
                self.session.set_task_state(row.item, self.note_year, state, text or None)
            else:
                return False
        except (StoreError, ValueError) as error:
            self.session.refuse(str(error))
            return False
        return True
