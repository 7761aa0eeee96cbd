"""Charts: matplotlib ``Figure`` builders (no pyplot, no Qt).

The same function draws on screen (a ``FigureCanvasQTAgg``'s figure), into a PNG/SVG/PDF
(:func:`save_chart`) and onto a printed A4 page (``dk_desktop.reports``). Every function
takes a figure to draw on: without ``rect`` it clears the figure first, so one canvas
per view can be reused (clear + redraw, then ``canvas.draw_idle()``); with ``rect``
(left, bottom, width, height in figure fractions) it draws into that part of a page.
Margins are kept in points, so a chart reads the same on a small canvas and on A4.

Draw functions (all keyword arguments after the data are keyword-only):

``draw_field_progress(figure, rows, *, title, note, subtitle=None, order="resolution")``
    One field's figures as horizontal bars of "So với NQ (%)", the 100 % line, the
    status word (and what was achieved) in a column on the right, targets grouped in
    the resolution's order (or ``order="percent"``). ``rows``: ``data.progress_rows(...)``
    or ``data.field_progress_rows(store, field, year)``.

``draw_figure_history(figure, record, series, assessment, *, note, title=None, year=None)``
    One figure (``core.model.Figure``) over 2025–2030: baseline, yearly results, the
    planned path and the target; cumulative figures as yearly increments with the
    running sum; rate ranges with the target band; thresholds marking years that fell
    short; yes/no figures as Đạt/Chưa đạt. ``series``: ``store.commune_series(record)``,
    ``assessment``: ``store.assessments(year)[record.id]``.

``draw_status_overview(figure, summaries, *, note, title=..., subtitle=None)``
    Targets counted by status, one stacked bar per field and one overall, the count on
    each segment. ``summaries``: ``data.store_status_summaries(store, year)``
    (label -> ``core.progress.Summary``, overall last).

``draw_villages(figure, record, values, *, year, note, commune_value=None, title=None)``
    One figure across the villages in one year, sorted highest first, villages without
    data listed last; the target as a dashed line where it applies to one village
    (percentages, rates), the commune value dotted. ``values``:
    ``data.village_values(store, record, year)`` ([(village name, value or None)]).

``note`` is a ``style.ChartNote(data_date, source)``: every chart writes
"Số liệu đến ngày dd/mm/yyyy" and "Nguồn: …" at its foot; build it with
``ChartNote(data.data_date(store, year), data.chart_source(store))``.

Status is shown by a word and a hatch as well as a colour (black-and-white printers),
numbers the Vietnamese way (1.041; 26,3) through ``core.numbers.format_number``.

``save_chart(figure, path)`` writes PNG (200 dpi), SVG or PDF (fonts embedded) by the
file's suffix, under a temporary name renamed into place.

Importing this package does not import matplotlib (``data`` never does); the draw
functions are loaded on first use, so the window can open before matplotlib is needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "draw_field_progress": "progress",
    "draw_figure_history": "history",
    "draw_status_overview": "overview",
    "draw_villages": "villages",
    "save_chart": "export",
    "ChartNote": "style",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
