"""Tổng quan: "X/22 chỉ tiêu đạt và vượt, …" overall and per field, and every target in
one list; activating a target opens it in its field tab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Field
from ..core.words import term_text
from .chart_view import OVERALL_ROW, ChartView, overview_spec
from .entry_table import TwoLineHeader
from .models import overview as columns
from .models.base import ID_ROLE
from .models.overview import OverviewModel
from .session import Session
from .texts import field_label, summary_sentence
from .widgets import ChartSlot

NAME_SAMPLE = "Tổng giá trị sản phẩm trên"
"""The least width a target's name is given (its words are read up to about here)."""


class OverviewTab(QWidget):
    open_item = Signal(int)  # an item id: show it in its field tab
    open_field = Signal(object)  # a Field: show its tab (a click on its bar in the chart)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("overview_tab")

        self.heading = QLabel()
        self.heading.setObjectName("overview_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 120%; font-weight: bold;")
        self.as_of = QLabel()
        self.as_of.setObjectName("overview_as_of")
        self.overall = QLabel()
        self.overall.setObjectName("overall_summary")
        self.overall.setWordWrap(True)
        self.overall.setStyleSheet("font-size: 115%;")

        fields_box = QFrame()
        fields_box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(fields_box)
        self.field_labels: dict[Field, QLabel] = {}
        for row, field in enumerate(Field):
            name = QLabel(f"<b>{field_label(field)}</b>")
            sentence = QLabel()
            sentence.setObjectName(f"summary_{field.value}")
            sentence.setWordWrap(True)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(sentence, row, 1)
            self.field_labels[field] = sentence
        grid.setColumnStretch(1, 1)

        self.model = OverviewModel(session, self)
        self.table = QTableView()
        self.table.setObjectName("overview_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = TwoLineHeader(self.table)  # «Số chỉ số đạt», «So với NQ (%)» on two lines
        self.table.setHorizontalHeader(header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        hint = QLabel(self.tr("Nhấn đúp (hoặc Enter) vào một chỉ tiêu để mở trong tab lĩnh vực."))
        hint.setStyleSheet("color: #555555;")

        self.chart_slot = ChartSlot("overview_chart_slot")
        self.chart = ChartView(lambda: overview_spec(self.session), session, name="overview_chart")
        self.chart.setToolTip(self.tr("Nhấn vào thanh của một lĩnh vực để mở tab lĩnh vực đó."))
        self.chart.row_clicked.connect(self._bar_clicked)
        self.chart_slot.set_canvas(self.chart)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.as_of)
        top_layout.addWidget(self.overall)
        top_layout.addWidget(fields_box)

        lower = QSplitter(Qt.Orientation.Horizontal)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(hint)
        lower.addWidget(table_box)
        lower.addWidget(self.chart_slot)
        # the table first: at 1024 pixels (and with «Chữ to hơn») the targets' names need
        # the room more than the chart, which draws itself at whatever width it is given
        lower.setStretchFactor(0, 5)
        lower.setStretchFactor(1, 3)
        lower.setChildrenCollapsible(False)
        lower.setSizes([840, 500])

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(lower, 1)
        self.refresh()

    def size_columns(self) -> None:
        """A target's name keeps NAME_SAMPLE's width: where the table is too narrow for it
        (1024 pixels with «Chữ to hơn»), the «Lĩnh vực» column gives way first (the boxes
        above count each field's targets, and a double click opens the target's field)."""
        metrics = self.table.fontMetrics()
        least = metrics.horizontalAdvance(NAME_SAMPLE) + 18
        header = self.table.horizontalHeader()

        def needs(column: int) -> int:  # what ResizeToContents gives it: title or cells
            return max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))

        others = sum(needs(c) for c in range(self.model.columnCount()) if c != columns.NAME)
        room = self.table.viewport().width() - others
        self.table.setColumnHidden(columns.FIELD, room < least)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.size_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.size_columns()
        super().changeEvent(event)

    def refresh(self, change=None) -> None:
        store = self.session.store
        commune = store.commune_name()
        term = term_text(*store.term())
        self.heading.setText(
            self.tr("Thực hiện Nghị quyết Đại hội Đảng bộ xã {commune}, nhiệm kỳ {term}").format(
                commune=commune, term=term
            )
        )
        latest = store.latest_year()
        self.as_of.setText(
            self.tr("Số liệu đến năm {year}.").format(year=latest)
            if latest
            else self.tr("Chưa nhập kết quả năm nào.")
        )
        self.overall.setText(
            self.tr("Toàn bộ Nghị quyết: ") + summary_sentence(self.session.summary())
        )
        for field, label in self.field_labels.items():
            label.setText(summary_sentence(self.session.summary(field)))
        self.model.refresh()

    def current_chart(self) -> ChartView:
        return self.chart

    def _bar_clicked(self, row: int) -> None:
        fields = list(Field)
        if row != OVERALL_ROW and 0 <= row < len(fields):
            self.open_field.emit(fields[row])

    def _activated(self, index) -> None:
        if index.isValid():
            item_id = index.siblingAtColumn(columns.NAME).data(ID_ROLE)
            if item_id is not None:
                self.open_item.emit(int(item_id))
