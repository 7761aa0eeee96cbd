"""What every chart shares: the font, the status look, Vietnamese numbers, the footer.

The font is set on every text artist a chart makes (never through global rcParams at
import time), so a chart looks the same on screen, in a PNG and on a printed page
whatever matplotlibrc the machine has.
"""

from __future__ import annotations

import contextlib
import io
import mmap
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, cast

import matplotlib
from matplotlib.figure import Figure, FigureBase, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

from ..core import words
from ..core.model import Status
from ..core.numbers import format_number
from ..core.words import STATUS_LOOKS, status_text

FONT_FAMILY = "DejaVu Sans"
"""Ships with matplotlib and covers every Vietnamese letter (precomposed)."""

FontStyle = Literal["normal", "italic", "oblique"]

INK = "#1a1a1a"
MUTED = "#4d4d4d"
GRID = "#c8c8c8"

RC: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "axes.unicode_minus": False,  # "-2,5" like format_number, not U+2212
    "pdf.fonttype": 42,  # TrueType embedded: Vietnamese text stays searchable
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "hatch.linewidth": 0.8,
    "text.color": INK,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
}


@contextmanager
def chart_rc() -> Iterator[None]:
    """Settings in force while a chart is drawn or saved (restored afterwards)."""
    with matplotlib.rc_context(RC):
        fonts_in_memory()
        yield


# --- the font, mapped into memory -------------------------------------------------------
#
# matplotlib's FT2Font reads its font file through Python: every time FreeType needs bytes
# (a glyph's outline, its metrics, a shaping table) it calls file.seek() and file.read()
# on a buffered file, and the glyph table is far larger than the buffer, so nearly every
# glyph costs a seek and a read system call, ~10 µs, several times over for Vietnamese
# letters with two marks (composite glyphs), and each glyph is loaded again to measure,
# to shape and to write a text. The report made ~450,000 read() calls that way, a
# quarter of its time. matplotlib keeps one FT2Font per font file and thread, opened
# with io.open(name, "rb"); while it opens the chart font's files (once per thread),
# io.open is made to hand it the file mapped into memory (the four styles and the fallback
# font), under the file's name, which PDF/SVG embedding opens.
#
# Off switch: DK_NO_FONTS_IN_MEMORY=1 in the environment leaves matplotlib reading its
# files (to compare, or if a matplotlib upgrade misbehaves with it). This leans on how
# matplotlib opens fonts: tests/test_library_patches.py fails when it no longer opens them
# with io.open(name, "rb"), or no longer takes a file object.

OFF_SWITCH = "DK_NO_FONTS_IN_MEMORY"

_STYLES: tuple[tuple[str, FontStyle], ...] = (
    ("normal", "normal"),
    ("bold", "normal"),
    ("normal", "italic"),
    ("bold", "italic"),
)
_fonts_lock = threading.Lock()
_fonts_ready: set[tuple] = set()
MAPPED_FONT_FILES: list[str] = []
"""Other font files to read from memory the same way (the report pages' serif,
reports.document_format.register_serif)."""


class _MappedFont(mmap.mmap):
    """A font file mapped into memory, under the file's name (``FT2Font.fname``).
    Mapped, not read: only the pages FreeType touches (the glyphs drawn) take memory,
    and they are shared by every thread's copy of the font."""

    name: str

    def __new__(cls, path: str) -> _MappedFont:
        with open(path, "rb") as file:
            mapped = super().__new__(cls, file.fileno(), 0, access=mmap.ACCESS_READ)
        mapped.name = path
        return mapped


def fonts_in_memory() -> None:
    """Have matplotlib's fonts for the chart font (all four styles, and the fallback
    font it adds) read from memory in this thread. Cheap after the first call; if it
    cannot be done (another matplotlib), text is drawn the same, only slower."""
    if os.environ.get(OFF_SWITCH) == "1":
        return
    from matplotlib import font_manager

    key = (
        threading.get_ident(),
        matplotlib.rcParams["text.kerning_factor"],
        matplotlib.rcParams["font.enable_last_resort"],
        len(MAPPED_FONT_FILES),
    )
    if key in _fonts_ready:
        return
    with _fonts_lock:
        if key in _fonts_ready:
            return
        # Only a speed-up: never stop a chart for it.
        with contextlib.suppress(Exception):
            _open_fonts_in_memory(font_manager)
        _fonts_ready.add(key)


def _open_fonts_in_memory(font_manager) -> None:
    paths = [
        font_manager.findfont(FontProperties(family=FONT_FAMILY, weight=w, style=s))
        for w, s in _STYLES
    ] + list(MAPPED_FONT_FILES)
    wanted = {os.path.realpath(p) for p in paths}
    wanted.add(
        os.path.realpath(
            os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "LastResortHE-Regular.ttf")
        )
    )
    opened: list[str] = []
    real_open = io.open

    def open_font(file, mode="r", *args, **kwargs):
        # FT2Font opens a font given by name with io.open(name, "rb").
        if mode == "rb" and not args and not kwargs and isinstance(file, str) and file in wanted:
            opened.append(file)
            return _MappedFont(file)
        return real_open(file, mode, *args, **kwargs)

    def load() -> None:
        io.open = open_font
        try:
            for path in dict.fromkeys(paths):
                font_manager.get_font(path)
        finally:
            io.open = real_open

    load()
    if not opened:
        # Already opened from the files in this thread (text drawn before any chart):
        # forget matplotlib's cached fonts once, so they are opened again from memory.
        font_manager._get_font.cache_clear()
        load()


def font(size: float = 9, weight: str = "normal", style: FontStyle = "normal") -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size, weight=weight, style=style)


@dataclass(frozen=True)
class StatusStyle:
    word: str
    face: str
    hatch: str | None
    edge: str


STATUS_STYLES: dict[Status, StatusStyle] = {
    # The one palette (core.words.STATUS_LOOKS) that the screen uses too: light fills with
    # a different hatch each, readable on a black-and-white printer; the status word (the
    # core's) is always written next to the bar as well.
    status: StatusStyle(status_text(status), look.fill, look.hatch, look.ink)
    for status, look in STATUS_LOOKS.items()
}


def status_style(status: Status) -> StatusStyle:
    return STATUS_STYLES[status]


# --- numbers ---------------------------------------------------------------------------


def number_text(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """Vietnamese text for a number; "" for None. Floats are read by their shortest repr."""
    if value is None:
        return ""
    if not isinstance(value, (Decimal, int)):
        value = Decimal(repr(round(float(value), 6)))
    return format_number(value, decimals)


percent_text = words.percent_text
"""Charts write percentages exactly as the tables do (core.words)."""


def vn_formatter(suffix: str = "") -> FuncFormatter:
    """Axis ticks the Vietnamese way: 1.041; 26,3; with an optional suffix (" %")."""

    def _format(x: float, _pos: int | None = None) -> str:
        return number_text(x) + suffix

    return FuncFormatter(_format)


def year_formatter() -> FuncFormatter:
    """Years are written without a thousands dot (2027, never 2.027)."""
    return FuncFormatter(
        lambda x, _pos=None: str(int(round(x))) if abs(x - round(x)) < 1e-6 else ""
    )


# --- text that fits -----------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _unit_width(text: str, weight: str, family: str = FONT_FAMILY) -> float:
    """Width in points of ``text`` at size 1 (measured once with the real font)."""
    from matplotlib.textpath import TextToPath

    width, _, _ = TextToPath().get_text_width_height_descent(
        text, FontProperties(family=family, size=100, weight=weight), ismath=False
    )
    return width / 100


def text_width(text: str, size: float, weight: str = "normal", family: str = FONT_FAMILY) -> float:
    """Width in points of one line of text (words measured separately, then summed), in
    the chart font or, for a report page's own text, another ``family``."""
    words = text.split(" ")
    space = _unit_width("a a", weight, family) - 2 * _unit_width("a", weight, family)
    widths = sum(_unit_width(w, weight, family) for w in words if w)
    return size * (widths + space * (len(words) - 1))


WIDTH_SLACK = 0.92
"""Screen text at low resolution is hinted up to ~8 % wider than its true width."""


def wrap(
    text: str, width_pt: float, size: float, weight: str = "normal", family: str = FONT_FAMILY
) -> list[str]:
    """Break text into lines no wider than ``width_pt`` points (a too-long word is split)."""
    width_pt *= WIDTH_SLACK

    def fits(line: str) -> bool:
        return text_width(line, size, weight, family) <= width_pt

    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if fits(candidate):
                current = candidate
                continue
            # A word too long for the line breaks after a «/» or «-» ("triệu đồng/" |
            # "người/năm"), never inside a syllable ("ngư" | "ời"), where it can.
            start = f"{current} " if current else ""
            head = _joint_head(word, fits, start)
            if head:
                lines.append(f"{current} {head}" if current else head)
                word = word[len(head) :]
            elif current:
                lines.append(current)
            while not fits(word) and len(word) > 1:
                head = _joint_head(word, fits)
                cut = len(head)
                if not head:  # no joint that fits: cut where the line ends
                    cut = len(word)
                    while cut > 1 and not fits(word[:cut]):
                        cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def _joint_head(word: str, fits: Callable[[str], bool], before: str = "") -> str:
    """The longest start of ``word`` ending in «/» or «-» that ``fits`` after ``before``,
    short of the whole word ("" if none)."""
    for cut in range(len(word) - 1, 0, -1):
        if word[cut - 1] in "/-" and cut > 1 and fits(before + word[:cut]):
            return word[:cut]
    return ""


def fit_lines(
    text: str, width_pt: float, size: float, height_pt: float, min_size: float = 6.0
) -> tuple[str, float]:
    """(wrapped text, size): ``text`` whole in a box ``width_pt`` × ``height_pt``, at
    ``size`` or, when its lines need more height, a smaller size down to ``min_size``;
    cut with «…» (``shorten``) only where nothing fits."""
    step = size
    while step >= min_size:
        lines = wrap(text, width_pt, step)
        if len(lines) * step * 1.18 <= height_pt:
            return "\n".join(lines), step
        step -= 0.5
    return shorten(text, width_pt, size, max(1, int(height_pt // (size * 1.18)))), size


def shorten(text: str, width_pt: float, size: float, max_lines: int, weight: str = "normal") -> str:
    """Wrapped to at most ``max_lines`` lines, the last one ending in "…" if cut."""
    lines = wrap(text, width_pt, size, weight)
    if len(lines) <= max_lines:
        return "\n".join(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + " …", size, weight) > width_pt * WIDTH_SLACK:
        last = last[:-1].rstrip()
    kept[-1] = last + " …"
    return "\n".join(kept)


# --- where on the figure --------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A rectangle of a figure (in figure fractions) and its size in inches, so margins
    can be given in points whatever the size of the canvas or page."""

    figure: FigureBase
    left: float
    bottom: float
    width: float
    height: float

    @classmethod
    def of(cls, figure: FigureBase, rect: tuple[float, float, float, float] | None) -> Area:
        if rect is None:
            figure.clear()
            rect = (0.0, 0.0, 1.0, 1.0)
        return cls(figure, *rect)

    @property
    def inches(self) -> tuple[float, float]:
        w, h = _figure_inches(self.figure)
        return w * self.width, h * self.height

    @property
    def points(self) -> tuple[float, float]:
        w, h = self.inches
        return w * 72, h * 72

    def x(self, points_from_left: float) -> float:
        return self.left + points_from_left / self.points[0] * self.width

    def y(self, points_from_bottom: float) -> float:
        return self.bottom + points_from_bottom / self.points[1] * self.height

    def y_top(self, points_from_top: float) -> float:
        return self.bottom + self.height - points_from_top / self.points[1] * self.height

    def rect(self, left: float, bottom: float, right: float, top: float) -> list[float]:
        """An axes rectangle from margins in points (left, bottom, right, top)."""
        pw, ph = self.points
        x0 = self.left + left / pw * self.width
        y0 = self.bottom + bottom / ph * self.height
        x1 = self.left + self.width - right / pw * self.width
        y1 = self.bottom + self.height - top / ph * self.height
        return [x0, y0, max(x1 - x0, 0.01), max(y1 - y0, 0.01)]

    def bbox(self) -> Bbox:
        return Bbox.from_bounds(self.left, self.bottom, self.width, self.height)


def _figure_inches(figure: FigureBase) -> tuple[float, float]:
    if isinstance(figure, Figure):
        w, h = figure.get_size_inches()
        return float(w), float(h)
    root = figure.get_figure(root=True)
    w, h = root.get_size_inches()
    bbox = cast(SubFigure, figure).bbox_relative  # the other kind of FigureBase
    return float(w * bbox.width), float(h * bbox.height)


@dataclass(frozen=True)
class ChartNote:
    """The two lines under every chart."""

    data_date: date
    source: str  # the commune's own resolution, from the catalogue (charts.data.chart_source)

    @property
    def date_line(self) -> str:
        return f"Số liệu đến ngày {self.data_date:%d/%m/%Y}"

    @property
    def source_line(self) -> str:
        return f"Nguồn: {self.source}"


FOOTER_POINTS = 26.0
"""Height kept free at the bottom of a chart for its footer (one line of source)."""
FOOTER_LINE_POINTS = 9.0
"""A further line of source on a narrow chart (draw_footer returns the total)."""


def draw_title(area: Area, title: str, subtitle: str | None = None) -> float:
    """Title (bold) and subtitle at the top of the area, wrapped rather than cut: the
    title in three lines (smaller, down to 9.5 pt, on a narrow chart), the subtitle up to
    a fifth of the chart's height (a narrow chart's «Đánh giá …» line needs four);
    returns the points they take."""
    width = area.points[0] - 16
    size = 11.5
    while size > 9.5 and len(wrap(title, width, size, "bold")) > 3:
        size -= 1
    title_text = shorten(title, width, size, 3, "bold")  # measured bold, as drawn
    lines = title_text.count("\n") + 1
    area.figure.text(
        area.x(8),
        area.y_top(7),
        title_text,
        ha="left",
        va="top",
        fontproperties=font(size, "bold"),
        color=INK,
    )
    used = 7 + lines * size * 1.26
    if subtitle:
        sub_text = shorten(subtitle, width, 8.5, max(2, int(area.points[1] * 0.2 // 11)))
        area.figure.text(
            area.x(8),
            area.y_top(used + 4),  # clear of the accents of the last title line
            sub_text,
            ha="left",
            va="top",
            fontproperties=font(8.5),
            color=MUTED,
        )
        used += 4 + (sub_text.count("\n") + 1) * 11
    return used + 6


def draw_footer(area: Area, note: ChartNote) -> float:
    """ "Số liệu đến ngày …" and the source, bottom left of the chart; the source wraps to
    more lines on a narrow chart instead of being cut. Returns the points they take
    (FOOTER_POINTS, more with more lines): the chart's axes start above."""
    width = area.points[0] - 16
    source = shorten(note.source_line, width, 7.5, 3)
    extra = source.count("\n") * FOOTER_LINE_POINTS
    area.figure.text(
        area.x(8),
        area.y(15 + extra),
        note.date_line,
        ha="left",
        va="bottom",
        fontproperties=font(7.5, "bold"),
        color=INK,
    )
    area.figure.text(
        area.x(8),
        area.y(4),
        source,
        ha="left",
        va="bottom",
        fontproperties=font(7.5, style="italic"),
        color=MUTED,
        linespacing=1.2,
    )
    return FOOTER_POINTS + extra


def style_axes(ax, *, grid_axis: str = "x") -> None:
    """Quiet axes: light grid behind the data, no top/right spines, the chart's font."""
    ax.set_axisbelow(True)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8, labelfontfamily=FONT_FAMILY, colors=INK)
