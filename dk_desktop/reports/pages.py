"""A4 pages as matplotlib Figures: the Party document header, titles, wrapped tables and
charts placed in points. The PDF report and printing both use these pages, so what is
printed is what the PDF shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from ..charts.style import INK, MUTED, FontStyle, chart_rc, wrap
from .document_format import MARGINS_MM, SERIF_FAMILY, register_serif, serif_font

MM = 72 / 25.4
A4_PORTRAIT = (210 * MM, 297 * MM)
A4_LANDSCAPE = (297 * MM, 210 * MM)
# The Party's document format (36-HD/VPTW; document_format.py), in points; the page's own
# text is in the bundled serif (Times New Roman's metrics), charts keep their font.
MARGIN_LEFT, MARGIN_RIGHT = MARGINS_MM["left"] * MM, MARGINS_MM["right"] * MM
MARGIN_TOP, MARGIN_BOTTOM = MARGINS_MM["top"] * MM, MARGINS_MM["bottom"] * MM
LINE = 1.22  # line height / font size


@dataclass
class Page:
    """One A4 page; ``y`` is the next free height in points from the top edge."""

    figure: Figure
    width: float
    height: float
    y: float = MARGIN_TOP
    rules: dict[tuple[float, str], list] = field(default_factory=dict, repr=False)
    """Straight lines (table rules) waiting to be drawn, by (width, colour): a table
    has a thousand of them, drawn as one collection per kind (:meth:`draw_rules`)."""

    @classmethod
    def new(cls, landscape: bool = False) -> Page:
        width, height = A4_LANDSCAPE if landscape else A4_PORTRAIT
        register_serif()
        figure = Figure(figsize=(width / 72, height / 72), dpi=72, facecolor="white")
        return cls(figure, width, height)

    @property
    def left(self) -> float:
        return MARGIN_LEFT

    @property
    def right(self) -> float:
        return self.width - MARGIN_RIGHT

    @property
    def text_width(self) -> float:
        return self.right - self.left

    @property
    def bottom(self) -> float:
        """The lowest y (from the top) content may reach: above the page number."""
        return self.height - MARGIN_BOTTOM

    def fx(self, x: float) -> float:
        return x / self.width

    def fy(self, y: float) -> float:
        return 1 - y / self.height

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 10,
        weight: str = "normal",
        style: FontStyle = "normal",
        ha: str = "left",
        va: str = "top",
        color: str = INK,
    ):
        return self.figure.text(
            self.fx(x),
            self.fy(y),
            text,
            ha=ha,
            va=va,
            color=color,
            fontproperties=serif_font(size, weight, style),
            linespacing=LINE,
        )

    def paragraph(
        self,
        text: str,
        size: float = 10,
        weight: str = "normal",
        style: FontStyle = "normal",
        ha: str = "left",
        width: float | None = None,
        gap: float = 4,
    ) -> float:
        """Wrapped text from the current y; moves y below it; returns its height."""
        width = width or self.text_width
        lines = wrap(text, width, size, weight, SERIF_FAMILY)
        x = {"left": self.left, "center": self.left + width / 2, "right": self.left + width}[ha]
        self.text(x, self.y, "\n".join(lines), size, weight, style, ha=ha)
        height = len(lines) * size * LINE
        self.y += height + gap
        return height

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6, color: str = INK):
        self._rule((x0, y), (x1, y), width, color)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.6):
        self._rule((x, y0), (x, y1), width, INK)

    def _rule(self, start, end, width: float, color: str) -> None:
        segment = [(self.fx(start[0]), self.fy(start[1])), (self.fx(end[0]), self.fy(end[1]))]
        self.rules.setdefault((width, color), []).append(segment)

    def draw_rules(self) -> None:
        """Add the lines drawn so far to the figure, one path per kind (render_pages
        does it for each page)."""
        for (width, color), segments in self.rules.items():
            path = Path(
                [point for segment in segments for point in segment],
                [Path.MOVETO, Path.LINETO] * len(segments),
            )
            self.figure.add_artist(
                PathPatch(
                    path,
                    fill=False,
                    edgecolor=color,
                    linewidth=width,
                    capstyle="projecting",
                    transform=self.figure.transFigure,
                )
            )
        self.rules = {}

    def fill(self, x0: float, y0: float, x1: float, y1: float, color: str = "#e6e6e6"):
        self.figure.add_artist(
            Rectangle(
                (self.fx(x0), self.fy(y1)),
                self.fx(x1 - x0),
                (y1 - y0) / self.height,
                facecolor=color,
                edgecolor="none",
                transform=self.figure.transFigure,
                zorder=-1,
            )
        )

    def rect(self, height: float, *, x0: float | None = None, x1: float | None = None):
        """A figure-fraction rectangle of ``height`` points from the current y (for a
        chart drawn with ``rect=``); moves y below it."""
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        top = self.y
        self.y += height
        return (self.fx(x0), self.fy(top + height), (x1 - x0) / self.width, height / self.height)

    def room(self) -> float:
        return self.bottom - self.y


def page_number(page: Page, number: int, total: int) -> None:
    page.text(
        page.width / 2,
        page.height - MARGIN_BOTTOM / 2,
        f"Trang {number}/{total}",
        8.5,
        ha="center",
        va="center",
        color=MUTED,
    )


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "center"  # left | center | right


@dataclass(frozen=True)
class Cell:
    text: str
    weight: str = "normal"
    style: FontStyle = "normal"


TABLE_SIZE = 8.5
PAD = 3.0


def _cell_lines(text: str, column: Column, size: float, weight: str) -> list[str]:
    return wrap(text, column.width - 2 * PAD, size, weight, SERIF_FAMILY) if text else [""]


def draw_table(
    pages: Callable[[], Page],
    page: Page,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    size: float = TABLE_SIZE,
    shade_rows: Sequence[bool] | None = None,
) -> Page:
    """Draw rows with wrapped cells; when a page is full, ask ``pages()`` for another
    and repeat the header row there. Returns the page the table ends on."""
    line = size * LINE
    header_cells = [Cell(c.title, "bold") for c in columns]

    def measure(cells: Sequence[Cell]) -> tuple[list[list[str]], float]:
        wrapped = [
            _cell_lines(cell.text, col, size, cell.weight)
            for cell, col in zip(cells, columns, strict=True)
        ]
        return wrapped, max(len(w) for w in wrapped) * line + 2 * PAD

    header = measure(header_cells)

    def draw_row(target: Page, cells, wrapped, height, shaded=False, is_header=False) -> None:
        x = target.left
        y0 = target.y
        if is_header or shaded:
            target.fill(
                x,
                y0,
                target.left + sum(c.width for c in columns),
                y0 + height,
                "#d9d9d9" if is_header else "#f0f0f0",
            )
        for cell, col, lines in zip(cells, columns, wrapped, strict=True):
            tx = {"left": x + PAD, "center": x + col.width / 2, "right": x + col.width - PAD}
            ha = col.align if not is_header else "center"
            if cell.text:
                target.text(
                    tx[ha], y0 + PAD + 0.5, "\n".join(lines), size, cell.weight, cell.style, ha=ha
                )
            target.vline(x, y0, y0 + height)
            x += col.width
        target.vline(x, y0, y0 + height)
        target.hline(target.left, x, y0)
        target.hline(target.left, x, y0 + height)
        target.y += height

    if page.room() < header[1] + 3 * line:
        page = pages()
    draw_row(page, header_cells, *header, is_header=True)
    for index, cells in enumerate(rows):
        wrapped, height = measure(cells)
        if page.y + height > page.bottom:
            page = pages()
            draw_row(page, header_cells, *header, is_header=True)
        shaded = bool(shade_rows and shade_rows[index])
        draw_row(page, cells, wrapped, height, shaded=shaded)
    page.y += 6
    return page


def render_pages(build: Callable[[Callable[[bool], Page]], None]) -> list[Page]:
    """Run a page builder, then number the pages ("Trang i/N")."""
    pages: list[Page] = []

    def new_page(landscape: bool = False) -> Page:
        page = Page.new(landscape)
        pages.append(page)
        return page

    register_serif()  # before chart_rc maps the fonts into memory
    with chart_rc():
        build(new_page)
        for number, page in enumerate(pages, start=1):
            page.draw_rules()
            page_number(page, number, len(pages))
    return pages
