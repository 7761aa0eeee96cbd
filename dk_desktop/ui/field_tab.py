"""One field of the resolution (Kinh tế, Văn hóa – Xã hội, …): its targets and figures
with where each stands, the selected figure in detail, and its breakthroughs and tasks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Field, Section
from ..store.errors import StoreError
from .change import Change
from .chart_view import ChartSpec, ChartView, field_spec
from .delegates import StateDelegate
from .display import default_year
from .entry_table import EntryTable
from .figure_detail import FigureDetail
from .figure_dialog import FigureDialog
from .models import figure_table as columns
from .models import task_states as task_columns
from .models.base import ID_ROLE, KIND_ROLE
from .models.figure_table import FigureTableModel
from .models.task_states import TaskStatesModel
from .session import Session
from .texts import field_label, summary_sentence
from .village_scope import catalogue_locked_reason
from .widgets import ChartSlot, run_dialog

LIST_FIGURES, LIST_TASKS = range(2)

# The widest text each column usually holds; widths follow the font (View → larger
# text). The name column takes the rest, and never less than NAME_SHARE of the table or
# NAME_SAMPLE: the pace column (also said under the table, for the figure selected) gets
# what is left up to its sample, and is hidden when that is too little to read; the 2025
# column too when the name still lacks room (both are said under the table, for the
# figure selected); only then does the table scroll sideways.
NAME_SHARE = 0.27
NAME_SAMPLE = "Tổng giá trị sản phẩm trên địa"
PACE_LEAST = "Cần tăng thêm 3,6"
COLUMN_SAMPLES = {  # widths only: never shown
    columns.STT: "19a",
    columns.UNIT: "triệu đồng/ha",
    columns.BASELINE: "132.399",
    columns.TARGET: "≥ 80 (cả NK)",
    columns.LATEST: "10.456 (2026)",
    columns.PERCENT: "109,4 %",
    columns.PROGRESS: "-23,2 %",
    columns.STATUS: "Chưa đủ số liệu ·",  # the widest word, bold on a target's row
    columns.PACE: "Cần tăng thêm 3,63 tỷ đồng/năm trong 3 năm còn lại",
}


class FieldTab(QWidget):
    def __init__(self, session: Session, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.field = field
        self.setObjectName(f"field_tab_{field.value}")

        self.summary = QLabel()
        self.summary.setObjectName("field_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")

        # --- the targets and their figures -------------------------------------------------
        self.model = FigureTableModel(session, field, self)
        self.table = QTableView()
        self.table.setObjectName("figure_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(columns.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text: tooltip
        self.table.viewport().installEventFilter(self)  # its width sizes the columns
        self.size_columns()
        self._going_back = False  # putting the selection back after «Quay lại»
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.add_button = QPushButton(self.tr("Thêm chỉ số…"))
        self.add_button.setObjectName("add_figure")
        self.add_button.clicked.connect(self.add_figure)
        self.edit_button = QPushButton(self.tr("Sửa chỉ số…"))
        self.edit_button.setObjectName("edit_figure")
        self.edit_button.clicked.connect(self.edit_figure)
        self.retire_button = QPushButton(self.tr("Thôi theo dõi chỉ số"))
        self.retire_button.setObjectName("retire_figure")
        self.retire_button.clicked.connect(self.retire_figure)
        self.show_retired = QCheckBox(self.tr("Hiện chỉ số đã thôi theo dõi"))
        self.show_retired.setObjectName("show_retired")
        self.show_retired.setToolTip(
            self.tr(
                "Chỉ số đã thôi theo dõi được ẩn khỏi bảng và không tính vào đánh giá; "
                "đánh dấu để xem lại và chọn «Theo dõi lại»."
            )
        )
        self.show_retired.toggled.connect(self.set_show_retired)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_retired)
        figures_page = QWidget()
        flayout = QVBoxLayout(figures_page)
        flayout.setContentsMargins(0, 4, 0, 0)
        flayout.addWidget(self.table, 1)
        flayout.addLayout(buttons)

        # --- breakthroughs and tasks, with a state per year ----------------------------------
        self.task_model = TaskStatesModel(session, field, default_year(session.store.term()), self)
        self.task_table = EntryTable()
        self.task_table.setObjectName("task_table")
        self.task_table.setModel(self.task_model)
        self.task_table.entry_delegate.refused.connect(session.refuse)
        self.state_delegate = StateDelegate(self.task_table)
        for year in self.task_model.years:
            self.task_table.setItemDelegateForColumn(
                self.task_model.year_column(year), self.state_delegate
            )
        theader = self.task_table.horizontalHeader()
        theader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        theader.setSectionResizeMode(task_columns.NAME, QHeaderView.ResizeMode.Interactive)
        theader.setStretchLastSection(True)
        self.task_table.setColumnWidth(task_columns.NAME, 300)
        self.note_year = QComboBox()
        self.note_year.setObjectName("note_year")
        for year in self.task_model.years:
            self.note_year.addItem(str(year), year)
        self.note_year.setCurrentIndex(self.note_year.findData(self.task_model.note_year))
        self.note_year.currentIndexChanged.connect(
            lambda: self.task_model.set_note_year(int(self.note_year.currentData()))
        )
        tasks_page = QWidget()
        tlayout = QVBoxLayout(tasks_page)
        tlayout.setContentsMargins(0, 4, 0, 0)
        hint = QLabel(
            self.tr(
                "Chọn ô của năm rồi nhấn đúp (hoặc gõ phím bất kỳ) để chọn trạng thái: "
                "Chưa triển khai, Đang thực hiện, Hoàn thành."
            )
        )
        hint.setWordWrap(True)
        tlayout.addWidget(hint)
        tlayout.addWidget(self.task_table, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(QLabel(self.tr("Cột ghi chú của năm:")))
        note_row.addWidget(self.note_year)
        note_row.addStretch(1)
        tlayout.addLayout(note_row)

        self.lists = QTabWidget()
        self.lists.setObjectName("field_lists")
        self.lists.addTab(figures_page, self.tr("Chỉ tiêu và kết quả"))
        self.lists.addTab(tasks_page, self.tr("Khâu đột phá, nhiệm vụ"))

        # --- the chart of the field and the selected figure ------------------------------------
        self.detail = FigureDetail(session)
        self.detail.setObjectName("figure_detail")
        self.chart_slot = self.detail.chart_slot
        # the whole field at a glance, in place of the tables (a toggle beside the summary)
        self.field_chart_slot = ChartSlot("field_chart_slot")
        self.field_chart = ChartView(self._field_chart, session, name="field_chart")
        self.field_chart.setToolTip(self.tr("Nhấn vào một thanh để mở chỉ số đó trong bảng."))
        self.field_chart.row_clicked.connect(self._bar_clicked)
        self.field_chart_slot.set_canvas(self.field_chart)
        self.chart_toggle = QToolButton()
        self.chart_toggle.setText(self.tr("Biểu đồ lĩnh vực"))
        self.chart_toggle.setObjectName("field_chart_toggle")
        self.chart_toggle.setCheckable(True)
        self.chart_toggle.setToolTip(
            self.tr(
                "Xem cả lĩnh vực trên một biểu đồ (so với Nghị quyết, %); "
                "nhấn lại để trở về bảng chỉ tiêu."
            )
        )
        self.chart_toggle.toggled.connect(self.show_field_chart)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("field_splitter")
        splitter.addWidget(self.lists)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([310, 410])  # the selected figure's chart needs the height
        self.splitter = splitter

        self.views = QStackedWidget()
        self.views.setObjectName("field_views")
        self.views.addWidget(splitter)
        self.views.addWidget(self.field_chart_slot)

        top_row = QHBoxLayout()
        top_row.addWidget(self.summary, 1)
        top_row.addWidget(self.chart_toggle, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top_row)
        layout.addWidget(self.views, 1)
        self._show_summary()
        self._update_buttons()
        self.select_first_figure()

    def size_columns(self) -> None:
        """Share the table's width (see COLUMN_SAMPLES): a figure's name stays readable at
        1024 pixels and with «Chữ to hơn»; where even that leaves it too little, the name
        keeps its least width and the table scrolls sideways, as a spreadsheet does."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()

        def width(sample: str) -> int:
            return metrics.horizontalAdvance(sample) + 18

        widths = {}
        for column in range(self.model.columnCount()):
            if column in (columns.NAME, columns.PACE):
                continue
            sample = COLUMN_SAMPLES.get(column)
            widths[column] = width(sample) if sample else header.sectionSizeHint(column)
            self.table.setColumnWidth(column, widths[column])
        fixed = sum(widths.values())
        whole = self.table.viewport().width()
        least = width(NAME_SAMPLE)  # below this the name is not read: the table scrolls
        name = max(least, int(whole * NAME_SHARE))
        no_baseline = whole - fixed < name
        self.table.setColumnHidden(columns.BASELINE, no_baseline)
        if no_baseline:
            fixed -= widths[columns.BASELINE]
        pace = min(width(COLUMN_SAMPLES[columns.PACE]), whole - fixed - name)
        too_narrow = pace < width(PACE_LEAST)
        self.table.setColumnHidden(columns.PACE, too_narrow)
        if not too_narrow:
            self.table.setColumnWidth(columns.PACE, pace)
        squeezed = whole - fixed < least
        header.setSectionResizeMode(
            columns.NAME,
            QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch,
        )
        if squeezed:
            self.table.setColumnWidth(columns.NAME, least)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.size_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.size_columns()
            # the selected figure stays in view once the rows have their new height
            QTimer.singleShot(0, self.table, lambda: self.table.scrollTo(self.table.currentIndex()))
        super().changeEvent(event)

    # --- selection ---------------------------------------------------------------------------

    def _row_changed(self, current, previous=None) -> None:
        if self._going_back:
            return
        if self._leaves_pending(current) and not self.detail.confirm_drop_pending():
            # «Quay lại»: the figure with the half-typed ratio stays selected
            self._going_back = True
            try:
                self.table.selectionModel().setCurrentIndex(
                    previous,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            finally:
                self._going_back = False
            return
        if not current.isValid():
            self.detail.set_figure(None)
        else:
            row = self.model.rows[current.row()]
            if row.figure is not None:
                self.detail.set_figure(row.figure)
            else:
                self.detail.set_item(row.item)
        self._update_buttons()

    def _leaves_pending(self, current) -> bool:
        """Would showing this row drop ratio halves typed for the figure shown now?"""
        shown = self.detail.figure
        if shown is None or not self.detail.pending_entries():
            return False
        if current.isValid():
            row = self.model.rows[current.row()]
            if row.figure is not None and row.figure.id == shown.id:
                return False
        return True

    def _update_buttons(self) -> None:
        figure = self.detail.figure
        self.edit_button.setEnabled(figure is not None)
        self.retire_button.setEnabled(figure is not None)
        retired = figure is not None and figure.retired
        self.retire_button.setText(
            self.tr("Theo dõi lại") if retired else self.tr("Thôi theo dõi chỉ số")
        )
        self.retire_button.setToolTip(
            self.tr("Đưa chỉ số trở lại bảng và vào đánh giá (ghi vào lịch sử, hoàn tác được)")
            if retired
            else self.tr("Ẩn chỉ số khỏi bảng; số liệu và lịch sử vẫn được giữ")
        )
        self.add_button.setToolTip("")
        self.edit_button.setToolTip("")
        # a village laptop does not change the catalogue: the office's configuration
        # package would replace it (ui.village_scope); the buttons say so instead of
        # opening a dialog that cannot save
        locked = catalogue_locked_reason(self.session)
        if locked is not None:
            for button in (self.add_button, self.edit_button, self.retire_button):
                button.setEnabled(False)
                button.setToolTip(locked)
        else:
            self.add_button.setEnabled(True)

    def set_show_retired(self, shown: bool) -> None:
        """Show the retired figures too (greyed), so that one can be brought back."""
        if self.show_retired.isChecked() != shown:
            self.show_retired.setChecked(shown)  # comes back here through toggled
            return
        self.model.show_retired = shown
        self.refresh()

    def set_home_village(self, name: str | None) -> None:
        self.detail.set_home_village(name)
        self._update_buttons()  # the laptop's role comes with its village

    def select_first_figure(self) -> None:
        for row in self.model.rows:
            if row.figure is not None:
                self.select_figure(row.figure.id)
                return

    def select_figure(self, figure_id: int) -> bool:
        row = self.model.row_for_figure(figure_id)
        if row is None:
            return False
        self.lists.setCurrentIndex(LIST_FIGURES)
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, columns.NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, columns.NAME))
        return True

    def select_item(self, item_id: int) -> bool:
        """Open a target: its first figure (or the target itself, with several figures)."""
        row = self.model.row_for_item(item_id)
        if row is None:
            item = self.session.store.item(item_id)
            if item.section is not Section.TARGET:
                self.lists.setCurrentIndex(LIST_TASKS)
            return False
        self.lists.setCurrentIndex(LIST_FIGURES)
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, columns.NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, columns.NAME))
        return True

    def current_figure_id(self) -> int | None:
        return self.detail.figure.id if self.detail.figure else None

    # --- redrawing ---------------------------------------------------------------------------

    def refresh(self, change: Change | None = None) -> None:
        selected_figure = self.current_figure_id()
        selected_item = self.detail.item.id if self.detail.item else None
        current = self.table.currentIndex()
        kind = current.data(KIND_ROLE) if current.isValid() else None
        self.model.refresh()
        self.task_model.refresh()
        self._show_summary()
        # keep the same figure selected after a catalogue change re-built the rows
        now = self.table.currentIndex()
        same = now.isValid() and now.data(ID_ROLE) == current.data(ID_ROLE)
        if not same:
            if selected_figure is not None and self.select_figure(selected_figure):
                pass
            elif kind == "item" and selected_item is not None:
                self.select_item(selected_item)
            else:
                self.detail.set_figure(None)
        self.detail.refresh()
        self._update_buttons()

    def _show_summary(self) -> None:
        summary = self.session.summary(self.field)
        self.summary.setText(f"{field_label(self.field)}: {summary_sentence(summary)}")

    # --- charts -------------------------------------------------------------------------------

    def _field_chart(self) -> ChartSpec:
        return field_spec(self.session, self.field)

    def show_field_chart(self, shown: bool) -> None:
        """The field's chart in place of the tables (or the tables back)."""
        if self.chart_toggle.isChecked() != shown:
            self.chart_toggle.setChecked(shown)  # comes back here through toggled
            return
        self.views.setCurrentIndex(1 if shown else 0)
        self.chart_toggle.setText(
            self.tr("Trở về bảng chỉ tiêu") if shown else self.tr("Biểu đồ lĩnh vực")
        )

    def _bar_clicked(self, figure_id: int) -> None:
        if self.select_figure(figure_id):
            self.show_field_chart(False)

    def current_chart(self) -> ChartView:
        """The chart shown in this tab: the field's, or the selected figure's."""
        if self.views.currentIndex() == 1:
            return self.field_chart
        return self.detail.current_chart()

    # --- the catalogue ------------------------------------------------------------------------

    def add_figure(self) -> None:
        items = self.session.store.items(field=self.field)
        dialog = FigureDialog(self.session, items=items, item=self.detail.item, parent=self)
        if run_dialog(dialog) and dialog.result_figure is not None:
            self.select_figure(dialog.result_figure.id)

    def edit_figure(self) -> None:
        figure = self.detail.figure
        if figure is None:
            return
        run_dialog(FigureDialog(self.session, figure=figure, parent=self))

    def retire_figure(self) -> None:
        figure = self.detail.figure
        if figure is None:
            return
        if figure.retired:
            self.bring_back_figure()
            return
        answer = QMessageBox.question(
            self,
            self.tr("Thôi theo dõi chỉ số"),
            self.tr(
                "Thôi theo dõi chỉ số «{name}»?\n\nChỉ số được ẩn khỏi bảng; số liệu và lịch sử "
                "vẫn được giữ. Có thể hoàn tác bằng Ctrl+Z."
            ).format(name=figure.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.retire_figure(figure, True)
        except StoreError as error:
            self.session.refuse(str(error))

    def bring_back_figure(self) -> None:
        """ "Theo dõi lại": the retired figure goes back into the table and the assessment."""
        figure = self.detail.figure
        if figure is None or not figure.retired:
            return
        try:
            self.session.retire_figure(figure, False)
        except StoreError as error:
            self.session.refuse(str(error))
            return
        self.select_figure(figure.id)
