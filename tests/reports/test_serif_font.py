"""The PDF in the Party's document format: the bundled serif (Liberation Serif, Times New
Roman's metrics, SIL OFL) covers every letter the app prints, the PDF embeds it beside the
charts' own font, and its pages keep the guideline's margins and header sizes."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from dk_desktop import paths
from dk_desktop.reports.document_format import MARGINS_MM, SERIF_FILES, serif_path
from dk_desktop.reports.docx_report import write_docx_report
from dk_desktop.reports.pdf_report import write_pdf_report

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4

# Adobe's metrics of Times-Roman / Times-Bold (the AFM files of the 14 standard PDF fonts),
# in thousandths of an em: a font with these advance widths sets text as Times New Roman.
TIMES_WIDTHS = {
    ("normal", "normal"): {" ": 250, "a": 444, "M": 889, "W": 944, "0": 500, ",": 250, "%": 833},
    ("bold", "normal"): {" ": 250, "a": 500, "M": 944, "W": 1000, "0": 500, ",": 250, "%": 1000},
}


def face(weight: str, style: str) -> TTFont:
    return TTFont(str(serif_path(weight, style)))


@pytest.mark.parametrize(("weight", "style"), list(TIMES_WIDTHS))
def test_the_serif_has_the_widths_of_times(weight, style):
    font = face(weight, style)
    units = font["head"].unitsPerEm
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    for char, width in TIMES_WIDTHS[(weight, style)].items():
        assert round(metrics[cmap[ord(char)]][0] / units * 1000) == width, char


def test_the_licence_is_beside_the_fonts():
    folder = paths.resource_path("resources", "fonts")
    licence = (folder / "LICENSE_LIBERATION.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    for name in SERIF_FILES.values():
        assert (folder / name).is_file()


def printed_characters(known, tmp_path) -> set[str]:
    """Every character the app may print: the catalogue's texts, the words written in
    the code of the reports, charts and core, and what a PDF and a Word report hold."""
    chars: set[str] = set()

    def walk(value) -> None:  # type: ignore[no-untyped-def]
        if isinstance(value, str):
            chars.update(unicodedata.normalize("NFC", value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(paths.seed_path().read_text(encoding="utf-8")))
    for folder in ("reports", "charts", "core"):
        for source in (ROOT / "dk_desktop" / folder).glob("*.py"):
            chars.update(unicodedata.normalize("NFC", source.read_text(encoding="utf-8")))
    pdf = tmp_path / "r.pdf"
    write_pdf_report(known["store"], pdf)
    for page in PdfReader(pdf).pages:
        chars.update(unicodedata.normalize("NFC", page.extract_text()))
    docx = tmp_path / "r.docx"
    write_docx_report(known["store"], docx, charts=False, made_on=date(2027, 3, 15))
    document = Document(str(docx))
    for paragraph in document.paragraphs:
        chars.update(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                chars.update(cell.text)
    # Control characters and the invisible break hints are not drawn.
    return {c for c in chars if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")}


def test_every_character_the_app_prints_is_in_every_face(known, tmp_path):
    chars = printed_characters(known, tmp_path)
    assert {"ệ", "ữ", "Đ", "≥", "≤", "–", "«", "»", "…", "\u00a0"} <= chars
    for weight, style in SERIF_FILES:
        cmap = face(weight, style).getBestCmap()
        missing = sorted(f"{c} U+{ord(c):04X}" for c in chars if ord(c) not in cmap)
        assert missing == [], (weight, style, missing)


@pytest.fixture
def pdf(known, tmp_path):
    path = tmp_path / "r.pdf"
    write_pdf_report(known["store"], path)
    return PdfReader(path)


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_pdf_embeds_the_serif_and_the_charts_keep_their_font(pdf):
    names = font_names(pdf)
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= names
    assert "DejaVuSans" in names  # the charts' own font


def text_positions(page) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return found


def test_the_pages_keep_the_guideline_margins(pdf):
    left = MARGINS_MM["left"] * MM
    for page in list(pdf.pages)[:3]:
        positions = text_positions(page)
        assert positions
        assert min(x for x, _, _ in positions) >= left - 1
        top = float(page.mediabox.height) - MARGINS_MM["top"] * MM
        assert max(y for _, y, _ in positions) <= top + 1


def test_the_first_page_has_the_letterhead_of_the_catalogue(pdf):
    first = unicodedata.normalize("NFC", pdf.pages[0].extract_text())
    for words in ("ĐẢNG BỘ TỈNH SƠN LA", "ĐẢNG ỦY XÃ ĐOÀN KẾT", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert words in first
    assert "-BC/ĐU" in first and "BÁO CÁO" in first
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        text = unicodedata.normalize("NFC", text).strip()
        if text:
            sizes.setdefault(text, round(size * tm[0], 1))

    pdf.pages[0].extract_text(visitor_text=visit)
    assert sizes.get("ĐẢNG CỘNG SẢN VIỆT NAM") == 15
    assert sizes.get("ĐẢNG ỦY XÃ ĐOÀN KẾT") == 14
    assert sizes.get("BÁO CÁO") == 16


def test_the_serif_is_read_from_memory_like_the_charts_font(known, tmp_path, monkeypatch):
    """Each glyph read from a font file on disk costs system calls (docs/benchmarks.md):
    the serif is mapped into memory as the charts' font is."""
    from matplotlib import font_manager

    from dk_desktop.charts import style

    mapped: list[str] = []

    class Recorded(style._MappedFont):
        def __new__(cls, path: str):  # type: ignore[no-untyped-def]
            mapped.append(path)
            return super().__new__(cls, path)

    monkeypatch.setattr(style, "_MappedFont", Recorded)
    monkeypatch.setattr(style, "_fonts_ready", set())
    font_manager._get_font.cache_clear()
    write_pdf_report(known["store"], tmp_path / "r.pdf")
    names = {Path(p).name for p in mapped}
    assert set(SERIF_FILES.values()) <= names
    assert "DejaVuSans.ttf" in names
