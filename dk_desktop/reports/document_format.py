"""The Party's document format (Hướng dẫn 36-HD/VPTW, 03/4/2018), shared by the Word
report and the PDF pages: the margins, the sizes of each header part, the words of the
header from the catalogue, and the serif font that prints them.

The guideline prescribes Times New Roman. The app bundles Liberation Serif 2.1.5
(resources/fonts, SIL Open Font License, from Debian's fonts-liberation2), which has Times
New Roman's advance widths and every Vietnamese letter: the PDF embeds it, and the Word
document, which names Times New Roman, breaks its lines at the same places wherever
either font is installed. Charts keep their own font (charts.style).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from ..core.words import term_text
from ..paths import resource_path
from ..store.seed import bundled_term, document_words

if TYPE_CHECKING:
    from matplotlib.font_manager import FontProperties

    from ..charts.style import FontStyle
    from .pages import Page

FONT = "Times New Roman"
SERIF_FAMILY = "Liberation Serif"
SERIF_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
"""The four faces (a table's section heading is bold italic)."""

MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
"""The guideline: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm."""

SIZES = {
    "party": 15,  # «ĐẢNG CỘNG SẢN VIỆT NAM»: caps, upright, bold
    "superior": 14,  # the superior body: caps, upright
    "issuer": 14,  # the issuing body: caps, upright, bold
    "number": 14,  # «Số …-BC/ĐU»: upright
    "place_date": 14,  # italic
    "kind": 16,  # «BÁO CÁO»: caps, upright, bold (15–16)
    "summary": 14,  # the summary line: upright, bold (14–15)
    "body": 14,  # the body (14–15)
    # The last three are not confirmed: the guideline's rows for them were not found in
    # any stored copy of its table (docs/report-formats.md says what was searched).
    "signature": 14,  # «T/M BAN THƯỜNG VỤ», «BÍ THƯ», the name: caps / bold
    "recipients_word": 14,  # «Nơi nhận:»: upright, underlined
    "recipients": 12,  # the recipients: upright
}
"""Sizes in points from the guideline's table (docs/report-formats.md)."""

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass(frozen=True)
class Heading:
    """The catalogue's words for a document's header and signature block."""

    superior_body: str
    issuing_body: str
    place_name: str
    congress_number: str
    number_symbol: str
    signing_authority: str
    signer_title: str
    recipients: tuple[str, ...]
    term_start: int
    term_end: int

    @classmethod
    def of(cls, meta: dict[str, str]) -> Heading:
        found = document_words(meta)
        return cls(
            superior_body=found["superior_body"],
            issuing_body=found["issuing_body"],
            place_name=found["place_name"],
            congress_number=found["congress_number"],
            number_symbol=found["number_symbol"],
            signing_authority=found["signing_authority"],
            signer_title=found["signer_title"],
            recipients=tuple(line for line in found["recipients"].splitlines() if line),
            # a file made before its meta kept the term is the bundled resolution's
            term_start=int(meta.get("term_start") or bundled_term()[0]),
            term_end=int(meta.get("term_end") or bundled_term()[1]),
        )

    @property
    def term(self) -> str:
        return term_text(self.term_start, self.term_end)

    @property
    def number_line(self) -> str:
        """ "Số        -BC/ĐU": the number is the clerk's to write."""
        return f"Số        -{self.number_symbol}"

    def place_date(self, day: date) -> str:
        return f"{self.place_name}, {date_words(day)}"


def date_words(day: date) -> str:
    """ "ngày 15 tháng 3 năm 2027", as the place-and-date line writes it."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


# --- the serif font ---------------------------------------------------------------------------


def serif_path(weight: str = "normal", style: str = "normal"):
    return resource_path("resources", "fonts", SERIF_FILES[(weight, style)])


@cache
def _advances(weight: str, style: str) -> tuple[dict[int, int], int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(serif_path(weight, style)), lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_mm(text: str, size: float, weight: str = "bold", style: str = "normal") -> float:
    """The printed width of ``text`` in the bundled serif (Times New Roman's widths)."""
    widths, units = _advances(weight, style)
    total = sum(widths.get(ord(ch), units // 2) for ch in text)
    return total / units * size * 25.4 / 72


_registered = threading.Lock()
_done: list[bool] = []


def register_serif() -> None:
    """Make the bundled serif known to matplotlib's font manager (once)."""
    if _done:
        return
    with _registered:
        if _done:
            return
        from matplotlib import font_manager

        from ..charts.style import MAPPED_FONT_FILES

        for name in SERIF_FILES.values():
            path = str(resource_path("resources", "fonts", name))
            font_manager.fontManager.addfont(path)
            # read from memory like the charts' font: a glyph costs no system call
            MAPPED_FONT_FILES.append(path)
        _done.append(True)


def serif_font(size: float, weight: str = "normal", style: FontStyle = "normal") -> FontProperties:
    """The bundled serif for a page's own text (titles, paragraphs, tables)."""
    from matplotlib.font_manager import FontProperties

    register_serif()
    return FontProperties(family=SERIF_FAMILY, size=size, weight=weight, style=style)


# --- the header of a PDF page -------------------------------------------------------------------


def draw_letterhead(page: Page, heading: Heading, day: date, *, numbered: bool = True) -> None:
    """The header blocks on a PDF page as on the Word report: the superior body (14), the
    issuing body (14 bold), «*» and the number line at the left; «ĐẢNG CỘNG SẢN VIỆT NAM»
    (15 bold) over a rule as long as the words, and the place and date (14 italic), at the
    right. Moves ``page.y`` below them. A printed chart or table is not a numbered
    document of its own (``numbered=False``): no «Số …» line."""
    mm = 72 / 25.4
    left_width = 72 * mm  # the same columns as the Word report's header table
    left_center = page.left + left_width / 2
    right_center = page.left + left_width + (page.right - page.left - left_width) / 2
    top = page.y
    line = SIZES["superior"] * 1.2
    page.text(left_center, top, heading.superior_body, SIZES["superior"], ha="center")
    page.text(left_center, top + line, heading.issuing_body, SIZES["issuer"], "bold", ha="center")
    page.text(left_center, top + 2 * line, "*", SIZES["issuer"], ha="center")
    if numbered:
        number_y = top + 3 * line + 2
        page.text(left_center, number_y, heading.number_line, SIZES["number"], ha="center")
    page.text(right_center, top, PARTY_TITLE, SIZES["party"], "bold", ha="center")
    half = text_width_mm(PARTY_TITLE, SIZES["party"]) * mm / 2
    rule_y = top + SIZES["party"] * 1.2 + 1
    page.hline(right_center - half, right_center + half, rule_y, 0.6)
    page.text(
        right_center,
        top + 3 * line + 2,
        heading.place_date(day),
        SIZES["place_date"],
        style="italic",
        ha="center",
    )
    page.y = top + 4 * line + 12
