"""One reusable chart canvas per view, and the charts the views show, as plain data.

A view says *what* to draw with a :class:`ChartSpec` (which draw function of
``dk_desktop.charts`` and its data, built from the session without matplotlib); the
:class:`ChartView` draws it onto the one ``Figure`` it owns, on a ``FigureCanvasQTAgg``
made the first time a chart is actually painted, and redrawn with ``draw_idle()``
after that. So the window opens without importing matplotlib (about 0.4 s), hidden
views never draw, and several changes in a row cost one redraw.

The same ChartSpec draws on screen, into a file (:func:`ChartSpec.draw` on a fresh
figure at print size) and onto a printed A4 page (``reports.printing.chart_pages``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QWidget,
)

from ..charts import data
from ..core.model import Aggregation, Field, Indicator, Item, Section
from ..core.names import file_name
from .texts import QT_TRANSLATE_NOOP, field_label, summary_sentence, translate

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

    from .session import Session

log = logging.getLogger("dk_desktop")

RESIZE_DELAY_MS = 120
"""A chart is laid out in points for the canvas's size: after a resize it is drawn
again, once the resizing has paused."""

NO_FIGURE = QT_TRANSLATE_NOOP("FigureDetail", "Chọn một chỉ số trong bảng để xem biểu đồ.")
OVERALL_ROW = -1
"""The overview chart's last bar: the whole resolution, not one field."""
SEVERAL_FIGURES = QT_TRANSLATE_NOOP(
    "FigureDetail", "Chỉ tiêu này có nhiều chỉ số: chọn từng chỉ số bên dưới để xem biểu đồ."
)


@dataclass(frozen=True)
class ChartSpec:
    """A chart as data: ``dk_desktop.charts.<function>(figure, *args, **kwargs)``.

    ``title`` names the chart in file names and printed headings; ``size`` (inches) is
    the figure it is saved on; ``landscape`` the page it prints best on.
    """

    function: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    size: tuple[float, float] = (10.0, 6.0)
    landscape: bool = True
    rows: tuple[int, ...] = ()
    """For bar charts with one bar per thing: what each bar stands for, top first (the
    figure id on a field's chart; the field's number in ``Field`` on the overview)."""

    def row_at(self, y: float | None) -> int | None:
        """The figure id of the bar at data coordinate ``y`` (bars sit at 0, 1, 2, …)."""
        if y is None or not self.rows:
            return None
        index = round(y)
        return self.rows[index] if 0 <= index < len(self.rows) and abs(y - index) < 0.45 else None

    def draw(self, figure, rect=None) -> None:
        """Draw on ``figure`` (cleared first), or into ``rect`` of it (a printed page)."""
        from .. import charts

        draw = getattr(charts, self.function)
        if rect is None:
            draw(figure, *self.args, **self.kwargs)
        else:
            draw(figure, *self.args, rect=rect, **self.kwargs)

    def new_figure(self):
        """A figure at print size with this chart on it (for saving as PNG/SVG/PDF)."""
        from matplotlib.figure import Figure as MplFigure

        figure = MplFigure(figsize=self.size, dpi=100, facecolor="white")
        self.draw(figure)
        return figure

    def file_stem(self) -> str:
        return safe_file_name(translate("chart_view", "Biểu đồ {title}").format(title=self.title))


def safe_file_name(text: str) -> str:
    """core.names.file_name, or «Biểu đồ» when nothing of ``text`` is left."""
    return file_name(text) or translate("chart_view", "Biểu đồ")


# --- what each view shows --------------------------------------------------------------------


def chart_note(session: Session, year: int | None = None):
    """ "Số liệu đến ngày …" and the source, as every chart writes them."""
    from ..charts.style import ChartNote  # matplotlib is loaded by the time we draw

    store = session.store
    return ChartNote(data.data_date(store, year), data.chart_source(store))


def history_spec(session: Session, figure: Indicator, item: Item | None = None) -> ChartSpec:
    store = session.store
    item = item or store.item(figure.item_id)
    series = session.series().get(figure.id)
    if series is None:
        series = store.commune_series(figure)
    assessment = session.assessments().get(figure.id) or store.assess(figure)
    title = data.figure_label(item, figure)
    return ChartSpec(
        "draw_figure_history",
        (figure, series, assessment),
        {"note": chart_note(session), "title": title},
        title=title,
        size=(10.0, 6.0),
    )


def villages_spec(session: Session, figure: Indicator, year: int) -> ChartSpec | str:
    if figure.aggregation is Aggregation.NONE:
        return translate(
            "chart_view", "Chỉ số này chỉ nhập cho toàn xã: không có biểu đồ theo bản."
        )
    store = session.store
    values = data.village_values(store, figure, year)
    commune_value = session.series().get(figure.id, {}).get(year)
    item = store.item(figure.item_id)
    label = data.figure_label(item, figure)
    title = translate("chart_view", "{figure} theo bản, năm {year}").format(figure=label, year=year)
    return ChartSpec(
        "draw_villages",
        (figure, values),
        {
            "year": year,
            "note": chart_note(session, year),
            "commune_value": commune_value,
            "title": title,
        },
        title=title,
        size=(10.0, max(4.5, 1.9 + 0.32 * len(values))),
        landscape=len(values) <= 14,
    )


def field_spec(session: Session, field_: Field) -> ChartSpec:
    store = session.store
    items = store.items(field=field_)
    figures = store.figures()
    rows = data.progress_rows(items, figures, session.assessments())
    # the figure behind each bar, in progress_rows' order (items, then their figures)
    ids = tuple(f.id for item in items for f in figures if f.item_id == item.id)
    latest = store.latest_year()
    title = translate("chart_view", "{field}: kết quả so với Nghị quyết (%)").format(
        field=field_label(field_)
    )
    subtitle = summary_sentence(session.summary(field_))
    if latest:
        subtitle += translate("chart_view", " · số liệu đến năm {year}").format(year=latest)
    return ChartSpec(
        "draw_field_progress",
        (rows,),
        {"title": title, "subtitle": subtitle, "note": chart_note(session)},
        title=translate("chart_view", "lĩnh vực {field}").format(field=field_label(field_)),
        size=(10.0, max(4.5, 1.9 + 0.3 * len(rows))),
        landscape=len(rows) <= 10,
        rows=ids if len(ids) == len(rows) else (),
    )


def overview_spec(session: Session) -> ChartSpec:
    store = session.store
    summaries = data.status_summaries(session.item_statuses(), store.items())
    latest = store.latest_year()
    subtitle = translate("chart_view", "Toàn bộ Nghị quyết: ") + summary_sentence(session.summary())
    if latest:
        subtitle += translate("chart_view", " · số liệu đến năm {year}").format(year=latest)
    # a bar per field (its number in Field), then the whole resolution (-1)
    fields = list(Field)
    rows = tuple(fields.index(f) for f in fields if f.label in summaries) + (OVERALL_ROW,)
    count = len(store.items(Section.TARGET))  # the catalogue's own number of targets
    heading = translate("chart_view", "Tình hình thực hiện {count} chỉ tiêu Nghị quyết")
    return ChartSpec(
        "draw_status_overview",
        (summaries,),
        {"note": chart_note(session), "subtitle": subtitle, "title": heading.format(count=count)},
        title=translate("chart_view", "tình hình thực hiện {count} chỉ tiêu").format(count=count),
        size=(10.0, 5.5),
        rows=rows if len(rows) == len(summaries) else (),
    )


# --- the widget ---------------------------------------------------------------------------------

ChartSource = Callable[[], "ChartSpec | str | None"]


class ChartView(QWidget):
    """A chart that follows its view: ``source()`` says what to show now (a ChartSpec,
    or a sentence when there is nothing to draw); :meth:`request` marks it stale.

    The canvas and its figure are made once, on the first paint (so matplotlib is
    imported only after the window is on screen), and reused: every redraw clears the
    figure, draws, and calls ``draw_idle()``. A hidden view only remembers that it is
    stale and draws when it is shown.
    """

    drawn = Signal()  # after each redraw (tests and screenshots wait for it)
    row_clicked = Signal(int)  # what the bar clicked stands for (ChartSpec.rows)

    def __init__(
        self,
        source: ChartSource,
        session: Session | None = None,
        parent: QWidget | None = None,
        name: str = "chart_view",
    ):
        super().__init__(parent)
        self.setObjectName(name)
        self.source = source
        self.figure: MplFigure | None = None  # made with the canvas
        self.canvas: QWidget | None = None
        self.spec: ChartSpec | None = None
        self._stale = True
        self._drawn_size = QSize()
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel(self.tr("Đang tải biểu đồ…"), self)
        self.message.setObjectName("chart_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #666666; padding: 12px;")
        self._stack.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._redraw)
        if session is not None:
            session.changed.connect(self.request)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(480, 300)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(200, 140)

    # --- asking for a redraw -----------------------------------------------------------------

    def request(self, *_args: object) -> None:
        """The chart's data or subject changed: redraw soon if shown, else when shown."""
        self._stale = True
        if self.canvas is not None and self.isVisible():
            self._timer.start(0)

    def is_stale(self) -> bool:
        return self._stale

    def redraw_now(self) -> None:
        """Draw at once if stale (tests, screenshots, printing what is on screen)."""
        self._timer.stop()
        self._redraw(force=True)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.canvas is not None:
            self._timer.start(0)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        # the first chart waits until the window has been painted once
        if self.canvas is None and self._stale and not self._timer.isActive():
            self._timer.start(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.canvas
            and event.type() == QEvent.Type.Resize
            and event.size() != self._drawn_size  # type: ignore[attr-defined]
        ):
            self._stale = True
            self._timer.start(RESIZE_DELAY_MS)
        return False

    # --- drawing ----------------------------------------------------------------------------------

    def _redraw(self, force: bool = False) -> None:
        if not self._stale or not (force or self.isVisible()):
            return
        self._stale = False
        try:
            shown = self.source()
        except Exception as error:  # a view's data failed: say so, keep the window
            log.exception("chart data failed")
            shown = self.tr("Không đọc được số liệu cho biểu đồ: {error}").format(error=error)
        if not isinstance(shown, ChartSpec):
            self.spec = None
            self.message.setText(shown or "")
            self._stack.setCurrentWidget(self.message)
            self.drawn.emit()
            return
        if self.canvas is None:
            self._ensure_canvas()
            self._timer.stop()  # its first resize is drawn now
            self._stale = False
        self.spec = shown
        try:
            shown.draw(self.figure)
        except Exception as error:
            log.exception("chart drawing failed")
            self.spec = None
            self.message.setText(self.tr("Không vẽ được biểu đồ: {error}").format(error=error))
            self._stack.setCurrentWidget(self.message)
            self.drawn.emit()
            return
        assert self.canvas is not None  # made by _ensure_canvas
        self._stack.setCurrentWidget(self.canvas)
        self._drawn_size = self.canvas.size()
        self.canvas.draw_idle()  # type: ignore[attr-defined]  # a FigureCanvasQTAgg
        self.drawn.emit()

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure as MplFigure

            dpi = self.logicalDpiY() or 96
            self.figure = MplFigure(dpi=dpi, facecolor="white")
            canvas = FigureCanvasQTAgg(self.figure)
        finally:
            QApplication.restoreOverrideCursor()
        canvas.setObjectName("chart_canvas")
        canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._stack.addWidget(canvas)
        canvas.installEventFilter(self)
        canvas.mpl_connect("button_press_event", self._clicked)
        self.canvas = canvas
        # the canvas takes the view's size before the first drawing
        self._stack.setCurrentWidget(canvas)
        canvas.resize(self.size())

    def _clicked(self, event) -> None:
        if self.spec is None or event.inaxes is None or event.button != 1:
            return
        figure_id = self.spec.row_at(event.ydata)
        if figure_id is not None:
            self.row_clicked.emit(figure_id)
