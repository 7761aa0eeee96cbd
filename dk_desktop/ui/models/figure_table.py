"""The table of a field tab: its targets, their figures, and where each stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...core import progress, words
from ...core.model import Field, Indicator, Item, Kind, Section, Status
from ..display import (
    STATUS_COLOURS,
    baseline_text,
    target_text,
    value_text,
)
from ..session import Session
from ..texts import QT_TRANSLATE_NOOP, status_hint, status_label
from .base import CENTER, GREY, ID_ROLE, KIND_ROLE, LEFT, RIGHT, TableModel, bold_font

STT, NAME, UNIT, BASELINE, TARGET, LATEST, PERCENT, PROGRESS, STATUS, PACE = range(10)

SECTION_HEADINGS = {
    Section.BREAKTHROUGH: QT_TRANSLATE_NOOP("FigureTableModel", "Khâu đột phá"),
    Section.TASK: QT_TRANSLATE_NOOP("FigureTableModel", "Nhiệm vụ, giải pháp có chỉ số"),
}


@dataclass(frozen=True)
class Row:
    kind: str  # "section" | "item" | "figure"
    number: str
    name: str
    item: Item | None = None
    figure: Indicator | None = None
    assessment: progress.Assessment | None = None
    status: Status | None = None
    indent: bool = False


class FigureTableModel(TableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("FigureTableModel", "STT"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Chỉ tiêu"),
        QT_TRANSLATE_NOOP("FigureTableModel", "ĐVT"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Gốc {start}"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Nghị quyết"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Kết quả\nmới nhất"),
        QT_TRANSLATE_NOOP("FigureTableModel", "So với\nNQ (%)"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Tiến độ\n(%)"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Đánh giá"),
        QT_TRANSLATE_NOOP("FigureTableModel", "Tiến độ cần đạt"),
    )
    HEADER_TIPS = {
        BASELINE: QT_TRANSLATE_NOOP(
            "FigureTableModel", "Kết quả năm {start}, cuối nhiệm kỳ trước (theo Báo cáo chính trị)"
        ),
        TARGET: QT_TRANSLATE_NOOP(
            "FigureTableModel", "Mục tiêu Nghị quyết Đại hội đề ra cho năm {end}"
        ),
        LATEST: QT_TRANSLATE_NOOP(
            "FigureTableModel", "Kết quả toàn xã của năm gần nhất có số liệu (năm trong ngoặc)"
        ),
        PERCENT: QT_TRANSLATE_NOOP(
            "FigureTableModel",
            "Kết quả so với mức Nghị quyết: kết quả ÷ NQ (chỉ tiêu cần giảm: NQ ÷ kết quả; "
            "chỉ tiêu cộng dồn: tổng cả nhiệm kỳ ÷ NQ)",
        ),
        PROGRESS: QT_TRANSLATE_NOOP(
            "FigureTableModel",
            "Phần đã đi được trên chặng đường từ số đầu kỳ ({start}) đến mục tiêu; "
            "chỉ với chỉ tiêu có số đầu kỳ",
        ),
        STATUS: QT_TRANSLATE_NOOP(
            "FigureTableModel",
            "Trước năm đích: có khả năng đạt / chậm tiến độ / khó đạt so với lộ trình; "
            "năm đích: đạt hoặc chưa đạt",
        ),
        PACE: QT_TRANSLATE_NOOP(
            "FigureTableModel",
            "Mức cần đạt mỗi năm trong những năm còn lại để hoàn thành Nghị quyết",
        ),
    }

    def __init__(self, session: Session, field: Field, parent=None):
        super().__init__(parent)
        self.session = session
        self.field = field
        self.term = session.store.term()  # read once: headers are asked for while closing too
        self.show_retired = False  # the retired figures too, greyed, to bring one back
        self.rows = self.build_rows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The headers and their tips name the open file's own years («Gốc 2030»)."""
        shown = super().headerData(section, orientation, role)
        if isinstance(shown, str) and orientation == Qt.Orientation.Horizontal:
            start, end = self.term
            return shown.replace("{start}", str(start)).replace("{end}", str(end))
        return shown

    @staticmethod
    def row_key(row: Row) -> Any:
        return (row.kind, row.item.id if row.item else None, row.figure.id if row.figure else None)

    def build_rows(self) -> list[Row]:
        store = self.session.store
        assessments = self.session.assessments()
        statuses = self.session.item_statuses()
        figures_by_item: dict[int, list[Indicator]] = {}
        for figure in store.figures(include_retired=self.show_retired):
            figures_by_item.setdefault(figure.item_id, []).append(figure)
        rows: list[Row] = []
        for section in (Section.TARGET, Section.BREAKTHROUGH, Section.TASK):
            items = [i for i in store.items(section, self.field)]
            if section is not Section.TARGET:
                items = [i for i in items if figures_by_item.get(i.id)]
                if items:
                    rows.append(Row("section", "", self.text(SECTION_HEADINGS[section])))
            for item in items:
                figures = figures_by_item.get(item.id, [])
                if len(figures) == 1:
                    figure = figures[0]
                    rows.append(
                        Row(
                            "figure",
                            item.number,
                            item.name,
                            item,
                            figure,
                            assessments.get(figure.id),
                            assessments[figure.id].status if figure.id in assessments else None,
                        )
                    )
                    continue
                rows.append(
                    Row("item", item.number, item.name, item, None, None, statuses[item.id])
                )
                for figure in figures:
                    letter = figure.code.removeprefix(item.code).lstrip("._-")
                    rows.append(
                        Row(
                            "figure",
                            f"{item.number}{letter}" if letter else "",
                            figure.name,
                            item,
                            figure,
                            assessments.get(figure.id),
                            assessments[figure.id].status if figure.id in assessments else None,
                            indent=True,
                        )
                    )
        return rows

    @staticmethod
    def is_retired(row: Row) -> bool:
        return row.figure is not None and row.figure.retired

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_for_figure(self, figure_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.figure is not None and row.figure.id == figure_id:
                return number
        return None

    def row_for_item(self, item_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.item is not None and row.item.id == item_id:
                return number
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row: Row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (BASELINE, TARGET, LATEST, PERCENT, PROGRESS):
                return RIGHT
            if column in (STT, UNIT, STATUS):
                return CENTER
            return LEFT
        if role == Qt.ItemDataRole.FontRole and row.kind in ("section", "item"):
            return bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and self.is_retired(row):
            return GREY
        if row.status is not None and column == STATUS:
            foreground, background = STATUS_COLOURS[row.status]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(background))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(foreground))
        if role == Qt.ItemDataRole.BackgroundRole and row.kind == "section":
            return QBrush(QColor("#e8ecf2"))
        if role == ID_ROLE:
            if row.figure is not None:
                return row.figure.id
            return row.item.id if row.item else None
        if role == KIND_ROLE:
            return row.kind
        return None

    def _display(self, row: Row, column: int) -> str | None:
        if column == STT:
            return row.number
        if column == NAME:
            name = ("    " + row.name) if row.indent else row.name
            return name + self.tr(" (đã thôi theo dõi)") if self.is_retired(row) else name
        if column == STATUS:
            if self.is_retired(row):
                return self.tr("Thôi theo dõi")
            return status_label(row.status) if row.status else ""
        figure, assessment = row.figure, row.assessment
        if figure is None:
            return ""
        if column == UNIT:
            return figure.unit
        if column == BASELINE:
            return baseline_text(figure)
        if column == TARGET:
            return target_text(figure)
        if assessment is None:
            return ""
        if column == LATEST:
            if assessment.value is None:
                return ""
            shown = value_text(figure, assessment.value)
            when = str(assessment.year)
            if assessment.reported is not None:  # an incomplete village total says so
                when += f"; {assessment.reported[0]}/{assessment.reported[1]} bản"
            if figure.kind is Kind.CUMULATIVE:
                return self.tr("{value} (đến {year})").format(value=shown, year=when)
            return f"{shown} ({when})"
        if column == PERCENT:
            return words.compared_text(figure, assessment)
        if column == PROGRESS:
            return words.progress_text(assessment)
        if column == PACE:
            return progress.describe_pace(figure.spec, assessment, figure.unit)
        return ""

    def _figures_with_data(self, row: Row) -> tuple[int, int]:
        statuses = [
            r.status
            for r in self.rows
            if r.kind == "figure" and r.item == row.item and r.status is not None
        ]
        return progress.figures_with_data(statuses)

    def _tooltip(self, row: Row, column: int) -> str | None:
        if column == STATUS and self.is_retired(row):
            return self.tr(
                "Chỉ số đã thôi theo dõi: không tính vào đánh giá. Chọn «Theo dõi lại» để "
                "đưa trở lại."
            )
        if column == STATUS and row.status is Status.INCOMPLETE and row.kind == "item":
            with_data, total = self._figures_with_data(row)
            return f"{status_hint(row.status)} ({words.figures_with_data_text(with_data, total)})"
        if column == STATUS and row.assessment is not None and row.assessment.reported:
            counted = words.villages_text(row.assessment.reported)
            return f"{status_hint(row.status)} ({counted})"  # type: ignore[arg-type]
        if column == STATUS and row.status is not None:
            return status_hint(row.status)
        if row.figure is not None and column == LATEST and row.figure.kind is Kind.CUMULATIVE:
            return self.tr(
                "Tổng cộng dồn từ Đại hội (kể cả năm {start}) đến năm có số liệu gần nhất"
            ).format(start=self.term[0])
        if row.figure is not None and column == LATEST and row.figure.kind is Kind.RATE_RANGE:
            return self.tr("Tốc độ tăng bình quân các năm đã có số liệu")
        if row.figure is not None and column == LATEST and row.figure.kind is Kind.YEARLY_CHANGE:
            return self.tr("Mức thay đổi bình quân mỗi năm từ điểm xuất phát đến năm có số liệu")
        if row.figure is not None and column == LATEST and row.figure.kind is Kind.TERM_GROWTH:
            return self.tr(
                "Mức tăng (%) so với điểm xuất phát (gốc năm {start} hoặc số đầu tiên)"
            ).format(start=self.term[0])
        if column == UNIT and row.figure is not None:
            return row.figure.unit or None
        if column in (NAME, PACE):
            text = self._display(row, column)
            if row.figure is not None and row.figure.name.strip() != row.name.strip():
                return self.tr("{target}\nChỉ số: {figure}").format(
                    target=row.name, figure=row.figure.name
                )
            return text or None
        return None
