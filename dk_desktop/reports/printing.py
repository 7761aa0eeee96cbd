"""Printing a chart or a table on A4 with the Party document header.

The pages are the same matplotlib pages the PDF report is made of (reports.pages), so a
printout looks like the PDF: the header blocks of its first page (superior body, issuing
body, «*»; «ĐẢNG CỘNG SẢN VIỆT NAM» over its rule, the place and date;
document_format.draw_letterhead), without the «Số …» line, since a chart or a table handed
out at a meeting is not a numbered document of its own. Qt is imported only inside
:func:`print_pages`.

For the UI (print preview)::

    pages = chart_pages(draw_field_progress, rows, title=..., note=note,
                        letterhead=Heading.of(store.meta()), day=date.today(),
                        landscape=True)
    preview = QPrintPreviewDialog(printer, parent)
    preview.paintRequested.connect(lambda p: print_pages(p, pages))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from ..charts.style import chart_rc
from .document_format import Heading, draw_letterhead
from .pages import Cell, Column, Page, draw_table, render_pages

PRINT_DPI_CAP = 300


def chart_pages(
    draw: Callable[..., None],
    *args: Any,
    letterhead: Heading,
    day: date,
    heading: str | None = None,
    landscape: bool = False,
    **kwargs: Any,
) -> list[Page]:
    """One A4 page: the document header, an optional heading, and the chart drawn by
    ``draw(figure, *args, rect=..., **kwargs)`` (any draw_* function of dk_desktop.charts)."""

    def build(new_page) -> None:
        page = new_page(landscape)
        draw_letterhead(page, letterhead, day, numbered=False)
        if heading:
            page.paragraph(heading, 12.5, "bold", ha="center", gap=8)
        draw(page.figure, *args, rect=page.rect(page.room() - 4), **kwargs)

    return render_pages(build)


def table_pages(
    headers: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
    *,
    letterhead: Heading,
    day: date,
    heading: str,
    landscape: bool = False,
) -> list[Page]:
    """A table over as many A4 pages as it needs, header row repeated; ``headers`` are
    (title, relative width) pairs, scaled to the page's text width."""

    def build(new_page) -> None:
        page = new_page(landscape)
        draw_letterhead(page, letterhead, day, numbered=False)
        page.paragraph(heading, 12.5, "bold", ha="center", gap=8)
        total = sum(w for _, w in headers) or 1
        columns = [
            Column(title, page.text_width * w / total, "left" if i == 1 else "center")
            for i, (title, w) in enumerate(headers)
        ]
        draw_table(
            lambda: new_page(landscape), page, columns, [[Cell(str(c)) for c in r] for r in rows]
        )

    return render_pages(build)


def print_pages(printer, pages: Sequence[Page]) -> None:
    """Paint the pages onto a QPrinter (or the printer of a QPrintPreviewDialog), one
    sheet each, rasterised at the printer's resolution (at most 300 dpi)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter

    if not pages:
        return
    first = pages[0]
    orientation = (
        QPageLayout.Orientation.Landscape
        if first.width > first.height
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)  # the pages carry their own margins
    dpi = min(printer.resolution(), PRINT_DPI_CAP)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Không mở được máy in để in.")
    try:
        for index, page in enumerate(pages):
            if index:
                printer.newPage()
            with chart_rc():
                page.figure.set_dpi(dpi)
                canvas = FigureCanvasAgg(page.figure)
                canvas.draw()
                buffer = canvas.buffer_rgba()
                height, width = buffer.shape[:2]
                image = QImage(bytes(buffer), width, height, QImage.Format.Format_RGBA8888)
            target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
            painter.drawImage(target, image)
    finally:
        painter.end()
