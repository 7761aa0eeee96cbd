"""The selected figure in detail: results per year, per village, source, note, history."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import progress
from ..core.model import Aggregation, Indicator, Item
from ..core.numbers import format_number
from ..core.words import baseline_words
from ..store.errors import StoreError
from .chart_view import (
    NO_FIGURE,
    SEVERAL_FIGURES,
    ChartSpec,
    ChartView,
    history_spec,
    villages_spec,
)
from .display import default_year, percent_text, target_text, value_text
from .entry_table import EntryTable
from .models import history as history_columns
from .models import village_results as village_columns
from .models import year_results as year_columns
from .models.entry import part_label
from .models.history import HistoryModel
from .models.village_results import VillageResultsModel
from .models.year_results import YearResultsModel
from .session import Session
from .texts import kind_label
from .village_scope import catalogue_locked_reason
from .widgets import ChartSlot, RefusalBanner, StatusBadge, ask_drop_pending

PAGE_YEARS, PAGE_VILLAGES, PAGE_SOURCE, PAGE_HISTORY = range(4)


class FigureDetail(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.figure: Indicator | None = None
        self.item: Item | None = None
        self.home_village: str | None = None  # a village secretary's own village
        self.note_figure_id: int | None = None  # whose note the note field holds
        self.note_saved = ""  # the note as the file holds it (what the field was loaded with)
        self.note_problem: str | None = None  # why the typed note could not be written

        self.title = QLabel()
        self.title.setObjectName("detail_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 115%;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan = QLabel()
        self.plan.setObjectName("detail_plan")
        self.plan.setWordWrap(True)
        self.badge = StatusBadge()
        self.state_text = QLabel()
        self.state_text.setObjectName("detail_state")
        self.state_text.setWordWrap(True)
        self.banner = RefusalBanner()
        self.banner.setObjectName("refusal_banner")

        status_row = QHBoxLayout()
        status_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.state_text, 1)

        # --- results per year ----------------------------------------------------------
        self.year_model = YearResultsModel(session, self)
        self.year_table = EntryTable()
        self.year_table.setObjectName("year_table")
        self.year_table.setModel(self.year_model)
        self.year_table.entry_delegate.refused.connect(session.refuse)
        self.year_table.quiet_columns = {year_columns.PLANNED}
        header = self.year_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(year_columns.NOTES, QHeaderView.ResizeMode.Stretch)
        self.chart_slot = ChartSlot("figure_chart_slot")
        self.history_chart = ChartView(self._history_chart, session, name="history_chart")
        self.chart_slot.set_canvas(self.history_chart)
        years_page = QSplitter(Qt.Orientation.Horizontal)
        years_page.addWidget(self.year_table)
        years_page.addWidget(self.chart_slot)
        years_page.setStretchFactor(0, 2)
        years_page.setStretchFactor(1, 3)
        years_page.setChildrenCollapsible(False)
        years_page.setSizes([500, 800])
        self.years_page = years_page

        # --- results per village --------------------------------------------------------
        self.village_model = VillageResultsModel(session, self)
        self.village_table = EntryTable()
        self.village_table.setObjectName("village_table")
        self.village_table.setModel(self.village_model)
        self.village_table.entry_delegate.refused.connect(session.refuse)
        vheader = self.village_table.horizontalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        vheader.setSectionResizeMode(village_columns.NOTES, QHeaderView.ResizeMode.Stretch)
        self.village_year = QComboBox()
        self.village_year.setObjectName("village_year")
        start, end = session.store.term()  # the open file's years
        for year in range(start, end + 1):
            self.village_year.addItem(str(year), year)
        self.village_year.setCurrentIndex(self.village_year.findData(default_year((start, end))))
        self.village_year.currentIndexChanged.connect(self._village_year_changed)
        self.village_total = QLabel()
        self.village_total.setObjectName("village_total")
        self.village_total.setWordWrap(True)
        self.village_hint = QLabel()
        self.village_hint.setWordWrap(True)
        self.village_hint.setStyleSheet("color: #555555;")
        villages_page = QWidget()
        vlayout = QVBoxLayout(villages_page)
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Năm:")))
        year_row.addWidget(self.village_year)
        year_row.addStretch(1)
        vlayout.addLayout(year_row)
        vlayout.addWidget(self.village_hint)
        vlayout.addWidget(self.village_table, 1)
        vlayout.addWidget(self.village_total)
        vlayout.setContentsMargins(0, 4, 0, 0)
        self.village_chart_slot = ChartSlot("village_chart_slot")
        self.village_chart = ChartView(self._village_chart, session, name="village_chart")
        self.village_chart_slot.set_canvas(self.village_chart)
        villages_split = QSplitter(Qt.Orientation.Horizontal)
        villages_split.addWidget(villages_page)
        villages_split.addWidget(self.village_chart_slot)
        villages_split.setStretchFactor(0, 2)
        villages_split.setStretchFactor(1, 3)
        villages_split.setChildrenCollapsible(False)
        villages_split.setSizes([560, 740])
        self.villages_page = villages_split

        # --- source and note -----------------------------------------------------------------
        self.source = QLabel()
        self.source.setObjectName("source_text")
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note = QPlainTextEdit()
        self.note.setObjectName("figure_note")
        self.note.setPlaceholderText(
            self.tr("Ghi chú, minh chứng (ví dụ: số văn bản, nguồn số liệu)…")
        )
        self.note.installEventFilter(self)  # saved on leaving the field (focus out)
        self.save_note = QPushButton(self.tr("Lưu ghi chú"))
        self.save_note.setObjectName("save_note")
        self.save_note.clicked.connect(self._save_note)
        source_page = QWidget()
        slayout = QVBoxLayout(source_page)
        slayout.addWidget(QLabel(self.tr("<b>Trích Nghị quyết (Báo cáo chính trị):</b>")))
        slayout.addWidget(self.source)
        slayout.addWidget(QLabel(self.tr("<b>Ghi chú, minh chứng:</b>")))
        slayout.addWidget(self.note, 1)
        note_row = QHBoxLayout()
        note_row.addStretch(1)
        note_row.addWidget(self.save_note)
        slayout.addLayout(note_row)

        # --- history ------------------------------------------------------------------------
        self.history_model = HistoryModel(session, self)
        self.history_table = QTableView()
        self.history_table.setObjectName("history_table")
        self.history_table.setModel(self.history_model)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setWordWrap(False)
        self.history_table.setAlternatingRowColors(True)
        hheader = self.history_table.horizontalHeader()
        hheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hheader.setSectionResizeMode(history_columns.WHAT, QHeaderView.ResizeMode.Stretch)

        self.pages = QTabWidget()
        self.pages.setObjectName("detail_pages")
        self.pages.addTab(years_page, self.tr("Kết quả theo năm"))
        self.pages.addTab(villages_split, self.tr("Theo bản"))
        self.pages.addTab(source_page, self.tr("Nguồn, ghi chú"))
        self.pages.addTab(self.history_table, self.tr("Lịch sử"))
        self.pages.currentChanged.connect(lambda _page: self.save_note_text())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.plan)
        layout.addLayout(status_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        session.refused.connect(self.show_refusal)
        session.saved.connect(self.banner.clear_message)
        self.set_figure(None)

    # --- what is shown ----------------------------------------------------------------------

    def set_item(self, item: Item | None) -> None:
        """A target with several figures: its sentence and history; no entry."""
        self.save_note_text()  # leaving the figure leaves its note
        self.figure = None
        self._load_note(None)
        self.item = item
        self.banner.clear_message()
        self.year_model.set_figure(None)
        self.village_model.set_figure(None)
        self.history_model.set_subject(item_id=item.id if item else None)
        self._enable_pages(False)
        self._charts_changed()
        if item is None:
            self.title.setText(self.tr("Chọn một chỉ tiêu trong bảng để xem và nhập kết quả."))
            self.plan.setText("")
            self.badge.set_status(None)
            self.state_text.setText("")
            self.source.setText("")
            return
        self.title.setText(item.label)
        self.plan.setText(self.tr("Chọn từng chỉ số bên dưới chỉ tiêu để nhập kết quả."))
        self.badge.set_status(self.session.item_statuses().get(item.id))
        self.state_text.setText("")
        self.source.setText(item.source)
        self.pages.setCurrentIndex(PAGE_SOURCE)

    def set_figure(self, figure: Indicator | None) -> None:
        if figure is None:
            self.set_item(None)
            return
        changed = self.figure is None or self.figure.id != figure.id
        if changed:
            self.save_note_text()  # leaving the figure leaves its note
        self.figure = figure
        self.item = self.session.store.item(figure.item_id)
        if changed:
            self.banner.clear_message()
            self._load_note(figure)
        self._enable_pages(True)
        self.year_model.set_figure(figure)
        year = self._best_year(figure) if changed else self.village_model.year
        self.village_year.blockSignals(True)
        self.village_year.setCurrentIndex(self.village_year.findData(year))
        self.village_year.blockSignals(False)
        self.village_model.set_figure(figure, year)
        self.history_model.set_subject(figure_id=figure.id)
        self._charts_changed()
        ratio = figure.aggregation is Aggregation.RATIO
        for column in (year_columns.NUMER, year_columns.DENOM):
            self.year_table.setColumnHidden(column, not ratio)
        for column in (village_columns.NUMER, village_columns.DENOM):
            self.village_table.setColumnHidden(column, not ratio)
        by_villages = figure.aggregation is not Aggregation.NONE
        self.pages.setTabEnabled(PAGE_VILLAGES, by_villages)
        if not by_villages and self.pages.currentIndex() == PAGE_VILLAGES:
            self.pages.setCurrentIndex(PAGE_YEARS)
        if changed and self.pages.currentIndex() == PAGE_SOURCE and not by_villages:
            self.pages.setCurrentIndex(PAGE_YEARS)
        if changed and by_villages and self.home_village:
            self.pages.setCurrentIndex(PAGE_VILLAGES)
            self.go_to_home_village()
        self._show_state()

    # --- a village secretary's own village ---------------------------------------------------

    def set_home_village(self, name: str | None) -> None:
        """The «Theo bản» page opens on this village's row, ready to type."""
        self.home_village = name or None
        self._show_note_lock()  # the laptop's role may have changed with it
        figure = self.figure
        if self.home_village and figure is not None and figure.aggregation is not Aggregation.NONE:
            self.pages.setCurrentIndex(PAGE_VILLAGES)
            self.go_to_home_village()

    def go_to_home_village(self) -> bool:
        if not self.home_village:
            return False
        row = self.village_model.row_for_village(self.home_village)
        if row is None:
            return False
        column = village_columns.NUMER if self.village_model.is_ratio() else village_columns.RESULT
        index = self.village_model.index(row, column)
        self.village_table.setCurrentIndex(index)
        self.village_table.scrollTo(index)
        return True

    # --- typed and not yet in the file: ratio halves, a refused note --------------------------

    def pending_entries(
        self, models: tuple[YearResultsModel | VillageResultsModel, ...] | None = None
    ) -> list[str]:
        """What was typed here and is not in the file, one line each, after writing what can
        be written (leaving the figure): the ratio halves held in memory (of ``models``
        only, if given) and a note the file refused."""
        lines = self.ratio_entries(models)
        if models is None:
            lines += self.unsaved_note()
        return lines

    def ratio_entries(
        self, models: tuple[YearResultsModel | VillageResultsModel, ...] | None = None
    ) -> list[str]:
        """One line per ratio of which only one part was typed (held in memory)."""
        figure = self.figure
        if figure is None:
            return []
        store = self.session.store
        lines = []
        for model in models or (self.year_model, self.village_model):
            for (place_id, year), parts in model.pending.parts.items():
                if not parts:
                    continue
                try:
                    place = store.place(self.session.place_id(place_id))
                    where = place.name if place.parent_id is not None else self.tr("toàn xã")
                except StoreError:
                    where = ""
                typed = ", ".join(
                    f"{part_label(figure, part).lower()} {format_number(value)}"
                    for part, value in parts.items()
                )
                lines.append(
                    self.tr("«{figure}», {where}, năm {year}: đã nhập {typed}").format(
                        figure=figure.name, where=where, year=year, typed=typed
                    )
                )
        return lines

    def confirm_drop_pending(self, *, villages_only: bool = False) -> bool:
        """Ask before what is held here unsaved is dropped (another figure, another year
        in «Theo bản»): ratio halves, a note the file refused; True: go on, they are
        dropped. Same words as on closing."""
        models = (self.village_model,) if villages_only else None
        note = [] if villages_only else self.unsaved_note()
        entries = self.ratio_entries(models) + note
        if not entries:
            return True
        if not note:
            question = self.tr("Còn {count} ô số đạt chưa có tổng số; bỏ ô đó?").format(
                count=len(entries)
            )
            return ask_drop_pending(self, entries, question, self.tr("Bỏ ô đó"))
        question = self.tr("Còn {count} mục đã nhập mà chưa lưu được; bỏ các mục đó?").format(
            count=len(entries)
        )
        if ask_drop_pending(self, entries, question, self.tr("Bỏ"), explain=False):
            self.forget_typed_note()
            return True
        self.pages.setCurrentIndex(PAGE_SOURCE)
        self.note.setFocus()
        return False

    # --- the note («Ghi chú, minh chứng»): saved like a cell, on leaving it --------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.save_note_text()
        return super().eventFilter(watched, event)

    def _load_note(self, figure: Indicator | None) -> None:
        """Show ``figure``'s note as the file holds it (read-only on a village laptop)."""
        self.note_figure_id = figure.id if figure is not None else None
        self.note_saved = (figure.note or "") if figure is not None else ""
        self.note_problem = None
        self.note.setPlainText(self.note_saved)
        self._show_note_lock()

    def _show_note_lock(self) -> None:
        locked = catalogue_locked_reason(self.session)
        self.note.setReadOnly(bool(locked))
        self.note.setToolTip(
            locked or self.tr("Được lưu khi rời ô, như một ô số liệu (Ctrl+Z để hoàn tác).")
        )
        self.save_note.setVisible(not locked)

    def note_typed(self) -> bool:
        """Does the field hold text the file does not?"""
        return self.note.toPlainText().strip() != self.note_saved.strip()

    def save_note_text(self) -> bool:
        """Write the note typed for the figure it belongs to (through the session: undo and
        history); False, with the message shown and the text kept, if the file refused."""
        if self.note_figure_id is None or not self.note_typed() or self.note.isReadOnly():
            return True
        text = self.note.toPlainText().strip()
        name = self.figure.name if self.figure is not None else ""
        try:
            figure = self.session.store.figure(self.note_figure_id)
            self.session.set_figure_note(figure, text)
        except (StoreError, sqlite3.Error, OSError) as error:
            self.note_problem = str(error)
            self.session.refuse(
                self.tr("Chưa lưu được ghi chú của «{name}»: {error}").format(
                    name=name, error=error
                )
            )
            return False
        self.note_saved = text
        self.note_problem = None
        return True

    def show_unsaved(self) -> None:
        """Bring a note the file refused into view, ready to be typed again."""
        if self.note_typed():
            self.pages.setCurrentIndex(PAGE_SOURCE)
            self.note.setFocus()

    def forget_typed_note(self) -> None:
        """The person chose to drop the note the file refused: show the file's again."""
        if self.note_typed():
            self._load_note(self.figure)

    def drop_typed(self) -> None:
        """Drop everything typed here and not saved: the note, the ratio halves."""
        self.forget_typed_note()
        for model in (self.year_model, self.village_model):
            model.pending.parts.clear()

    def unsaved_note(self) -> list[str]:
        """The note, if it is typed and could not be written (after trying again)."""
        if self.save_note_text() or not self.note_typed():
            return []
        name = self.figure.name if self.figure is not None else ""
        text = " ".join(self.note.toPlainText().split())
        shown = text if len(text) <= 60 else text[:57] + "…"
        return [
            self.tr("Ghi chú của «{name}»: «{text}» — {problem}").format(
                name=name, text=shown, problem=self.note_problem or ""
            )
        ]

    def _best_year(self, figure: Indicator) -> int:
        commune_id = self.session.store.commune().id
        years = [r.year for r in self.session.store.results(figure.id) if r.place_id != commune_id]
        return max(years) if years else default_year(self.session.store.term())

    def _enable_pages(self, enabled: bool) -> None:
        for page in (PAGE_YEARS, PAGE_VILLAGES):
            self.pages.setTabEnabled(page, enabled)
        self.save_note.setEnabled(enabled)
        self.note.setEnabled(enabled)

    def _show_state(self) -> None:
        figure = self.figure
        if figure is None:
            return
        assessment = self.session.assessments().get(figure.id)
        item = self.item
        name = figure.name
        heading = item.label if item else name
        if item is not None and name.strip().casefold() != item.name.strip().casefold():
            heading = f"{item.label} — {name}"
        self.title.setText(heading)
        parts = [self.tr("Nghị quyết: ") + target_text(figure, with_unit=True)]
        if figure.target_text:
            parts[0] += f" («{figure.target_text}»)"
        typed = self.session.store.commune_series(figure).get(figure.baseline_year)
        parts.append(baseline_words(figure, typed))  # the baseline year's value once typed
        # «Loại: Mức cần đạt», not a bare «Mức cần đạt» that reads as a missing value
        parts.append(self.tr("Loại: {kind}").format(kind=kind_label(figure.kind)))
        if figure.retired:
            parts.append(self.tr("đã thôi theo dõi (không tính vào đánh giá)"))
        self.plan.setText(" · ".join(parts))
        self.source.setText(
            figure.source
            + (
                "\n\n"
                + self.tr("Gốc {year} ({text}): {source}").format(
                    year=figure.baseline_year,
                    text=figure.baseline_text,
                    source=figure.baseline_source,
                )
                if figure.baseline_source
                else ""
            )
        )
        if assessment is None:
            self.badge.set_status(None)
            self.state_text.setText("")
            return
        self.badge.set_status(assessment.status)
        words = []
        if assessment.value is not None:
            words.append(
                self.tr("Kết quả ")
                + f"{assessment.year}: {value_text(figure, assessment.value, with_unit=True)}"
            )
        if assessment.percent is not None:
            words.append(self.tr("so với NQ: ") + percent_text(assessment.percent))
        if assessment.progress is not None:
            words.append(self.tr("tiến độ: ") + percent_text(assessment.progress))
        pace = progress.describe_pace(figure.spec, assessment, figure.unit)
        if pace:
            words.append(pace)
        self.state_text.setText(" · ".join(words) or self.tr("Chưa nhập kết quả năm nào."))
        self._show_village_total()

    def _show_village_total(self) -> None:
        figure = self.figure
        if figure is None or figure.aggregation is Aggregation.NONE:
            self.village_total.setText("")
            self.village_hint.setText(self.tr("Chỉ số này chỉ nhập cho toàn xã."))
            return
        year = self.village_model.year
        if figure.aggregation is Aggregation.RATIO:
            hint = self.tr(
                "Mỗi bản nhập số đạt và tổng số; tỷ lệ của bản và của toàn xã được tự tính "
                "(tổng số đạt / tổng số, không lấy trung bình các tỷ lệ)."
            )
        else:
            hint = self.tr("Mỗi bản nhập số của bản; số toàn xã là tổng các bản.")
        if not self.session.store.villages():
            hint += self.tr(" Chưa có bản nào: thêm bản ở tab «Địa bàn».")
        self.village_hint.setText(hint)
        total = self.village_model.commune_total()
        direct = self.session.store.result(figure.id, self.session.store.commune().id, year)
        text = self.tr("Toàn xã năm ") + f"{year}: "
        text += (
            f"<b>{value_text(figure, total, with_unit=True)}</b> " + self.tr("(tính từ các bản)")
            if total is not None
            else self.tr("chưa có số liệu các bản")
        )
        if direct is not None and direct.value is not None:
            text += (
                self.tr("; số đã nhập cho toàn xã: ")
                + f"{value_text(figure, direct.value, with_unit=True)}"
            )
            text += self.tr(" (số này được dùng để đánh giá)")
        self.village_total.setText(text)

    def refresh(self) -> None:
        if self.figure is not None:
            try:
                figure = self.session.store.figure(self.figure.id)
            except StoreError:
                self.set_figure(None)
                return
            self.figure = figure
            if not self.note_typed() and (figure.note or "") != self.note_saved:
                self._load_note(figure)  # an undo or a package changed it; nothing typed here
            self.year_model.figure = figure
            self.year_model.refresh()
            self.village_model.figure = figure
            self.village_model.refresh()
            self.history_model.refresh()
            self._show_state()
        elif self.item is not None:
            self.history_model.refresh()
            self.badge.set_status(self.session.item_statuses().get(self.item.id))

    # --- charts ---------------------------------------------------------------------------------

    def _charts_changed(self) -> None:
        self.history_chart.request()
        self.village_chart.request()

    def _history_chart(self) -> ChartSpec | str:
        if self.figure is None:
            return self.tr(SEVERAL_FIGURES) if self.item is not None else self.tr(NO_FIGURE)
        return history_spec(self.session, self.figure, self.item)

    def _village_chart(self) -> ChartSpec | str:
        if self.figure is None:
            return self.tr(NO_FIGURE)
        return villages_spec(self.session, self.figure, self.village_model.year)

    def current_chart(self) -> ChartView:
        """The chart on the page shown: per village on «Theo bản», else over the years."""
        if self.pages.currentIndex() == PAGE_VILLAGES:
            return self.village_chart
        return self.history_chart

    # --- actions --------------------------------------------------------------------------------

    def show_refusal(self, message: str) -> None:
        """Shown in the tab the person is typing in (the status bar shows it too)."""
        if self.isVisible():
            self.banner.show_message(message)

    def _village_year_changed(self) -> None:
        year = self.village_year.currentData()
        other_year = year is not None and int(year) != self.village_model.year
        if other_year and not self.confirm_drop_pending(villages_only=True):
            # «Quay lại»: the year the halves were typed for stays shown
            self.village_year.blockSignals(True)
            self.village_year.setCurrentIndex(self.village_year.findData(self.village_model.year))
            self.village_year.blockSignals(False)
            return
        if year is not None:
            self.village_model.set_year(int(year))
            self.go_to_home_village()
            self._show_village_total()
            self.village_chart.request()

    def _save_note(self) -> None:
        self.save_note_text()
