"""The Word report, read back with python-docx: the guideline's layout (Hướng dẫn
36-HD/VPTW), the catalogue's names, one drafted paragraph per target checked against the
figures, the table, the placeholders; and, where LibreOffice is installed, its pages."""

from __future__ import annotations

import copy
import shutil
import subprocess
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from dk_desktop.core import words
from dk_desktop.core.model import Section
from dk_desktop.core.progress import describe_pace
from dk_desktop.reports import docx_report
from dk_desktop.reports.common import gather
from dk_desktop.reports.document_format import text_width_mm
from dk_desktop.reports.docx_report import (
    PLACEHOLDER,
    ReportKind,
    figure_sentence,
    suggested_file_name,
    write_docx_report,
)
from dk_desktop.store.database import create_database
from dk_desktop.store.repository import Store
from dk_desktop.store.seed import read_seed

MADE_ON = date(2027, 3, 15)


def write(store, path: Path, **options) -> Document:
    options.setdefault("charts", False)
    options.setdefault("made_on", MADE_ON)
    write_docx_report(store, path, **options)
    return Document(str(path))


@pytest.fixture
def docx(known, tmp_path):
    return write(known["store"], tmp_path / "Báo cáo năm 2027.docx")


def body_paragraphs(document) -> list:
    """The paragraphs outside tables, in order."""
    return list(document.paragraphs)


def text_of(paragraph) -> str:
    """The paragraph's text, its no-break spaces («4,8\u00a0%») read as spaces."""
    return paragraph.text.replace("\u00a0", " ")


def texts(document) -> list[str]:
    return [text_of(p) for p in document.paragraphs]


def only(paragraphs, start: str):
    found = [p for p in paragraphs if text_of(p).startswith(start)]
    assert len(found) == 1, (start, [p.text for p in found])
    return found[0]


def size(run) -> float:
    return run.font.size.pt


# --- the page and the header ----------------------------------------------------------------


def test_a4_with_the_guideline_margins(docx):
    for section in docx.sections:
        # Word keeps sizes in twentieths of a point: compare in whole millimetres
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
    normal = docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(k)) for k in ("w:ascii", "w:hAnsi", "w:cs")} == {"Times New Roman"}


def test_header_blocks_from_the_catalogue_in_the_guideline_sizes(docx):
    left, right = docx.tables[0].rows[0].cells
    superior, issuer, star, number = left.paragraphs
    assert superior.text == "ĐẢNG BỘ TỈNH SƠN LA"
    assert size(superior.runs[0]) == 14 and not superior.runs[0].bold
    assert issuer.text == "ĐẢNG ỦY XÃ ĐOÀN KẾT"
    assert size(issuer.runs[0]) == 14 and issuer.runs[0].bold
    assert star.text == "*"
    assert number.text.startswith("Số ") and number.text.endswith("-BC/ĐU")
    assert number.text.replace("Số", "").replace("-BC/ĐU", "").strip() == ""  # left blank
    assert size(number.runs[0]) == 14 and not number.runs[0].bold
    party, place = right.paragraphs
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert size(party.runs[0]) == 15 and party.runs[0].bold
    assert place.text == "Đoàn Kết, ngày 15 tháng 3 năm 2027"
    assert size(place.runs[0]) == 14 and place.runs[0].italic
    for paragraph in (superior, issuer, party, place):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_rule_under_the_party_title_is_as_long_as_the_words(docx):
    party = docx.tables[0].rows[0].cells[1].paragraphs[0]
    border = party._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "single"
    cell = docx.tables[0].rows[0].cells[1].width
    rule = Length(cell - party.paragraph_format.left_indent - party.paragraph_format.right_indent)
    words_mm = text_width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15)
    assert 70 < words_mm < 85  # Times New Roman bold 15 pt: about 77 mm
    assert abs(rule.mm - 2 * 1.9 - words_mm) < 2


def test_kind_summary_line_and_body(docx):
    paragraphs = body_paragraphs(docx)
    kind = only(paragraphs, "BÁO CÁO")
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert kind.runs[0].bold and 15 <= size(kind.runs[0]) <= 16
    summary = paragraphs[paragraphs.index(kind) + 1]
    assert summary.text == (
        "kết quả thực hiện Nghị quyết Đại hội đại biểu Đảng bộ xã Đoàn Kết lần thứ I, "
        "nhiệm kỳ 2025 – 2030, năm 2027"
    )
    assert summary.runs[0].bold and 14 <= size(summary.runs[0]) <= 15
    opening = only(paragraphs, "Thực hiện Nghị quyết")
    assert opening.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert opening.paragraph_format.first_line_indent >= Mm(10)
    assert all(size(run) == 14 for run in opening.runs)


# --- the drafted sentences --------------------------------------------------------------------


def test_one_paragraph_per_target_with_its_figures_in_vietnamese_format(known, docx):
    store = known["store"]
    data = gather(store, made_on=MADE_ON)
    paragraphs = body_paragraphs(docx)
    for item in data.targets:
        paragraph = only(paragraphs, f"Chỉ tiêu {item.resolution_number} – ")
        assert paragraph.runs[0].bold  # the target's name leads
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        for figure in data.figures[item.id]:
            named = len(data.figures[item.id]) > 1
            assert figure_sentence(data, figure, named=named) in text_of(paragraph)

    poverty = text_of(only(paragraphs, "Chỉ tiêu 11 – "))
    figure = known["figures"]["CT11a"]
    assessment = store.assessments(2027)[figure.id]
    assert "còn 4,8 %" in poverty
    assert "giảm 1,3 điểm % so với năm 2025 (6,1 %)" in poverty
    assert "đạt 62,5 % so với Nghị quyết (≤ 3 %)" in poverty
    assert f"đánh giá: {words.status_text(assessment.status).lower()}" in poverty
    pace = describe_pace(figure.spec, assessment, figure.unit)
    assert pace and pace in poverty  # the pace still needed, in core's words

    members = text_of(only(paragraphs, "Chỉ tiêu 20 – "))
    assert "lũy kế từ Đại hội đến năm 2027 đạt 27 đảng viên" in members  # 15 + 12

    cattle = text_of(only(paragraphs, "Chỉ tiêu 4 – "))
    assert "Tổng đàn gia súc đạt 9.330 con" in cattle  # 4.100 + 5.230, thousands with "."
    assert "chưa có số liệu đến năm 2027" in cattle  # the figures without data say so
    with_data = sum(
        1 for f in data.figures[cattle_item(data).id] if data.assessments[f.id].value is not None
    )
    assert f"({with_data}/7 chỉ số có số liệu)" in cattle

    budget = text_of(only(paragraphs, "Chỉ tiêu 2 – "))
    assert "năm 2027 đạt 7,5 %/năm" in budget or "năm 2027 đạt 7,5 %" in budget


def cattle_item(data):
    return next(i for i in data.targets if i.resolution_number == 4)


def test_summary_counts_as_core_does(known, docx):
    summary = known["store"].summary(as_of=2027).sentence()
    assert f"Có {summary}." in texts(docx)


def test_breakthroughs_and_tasks_with_their_yearly_state(known, tmp_path):
    from dk_desktop.core.model import TaskState

    store = known["store"]
    task = store.items(section=Section.TASK)[0]
    store.set_task_state(task.id, 2026, TaskState.IN_PROGRESS, "đã khởi công 2 công trình")
    store.set_task_state(task.id, 2027, TaskState.DONE)
    store.set_task_state(task.id, 2028, TaskState.DONE)  # after the report's year: left out
    document = write(store, tmp_path / "r.docx")
    paragraph = only(body_paragraphs(document), f"{task.number}. {task.name}")
    assert (
        "Năm 2026: đang thực hiện (đã khởi công 2 công trình); năm 2027: hoàn thành."
        in paragraph.text
    )
    assert "2028" not in paragraph.text
    untouched = store.items(section=Section.BREAKTHROUGH)[0]
    other = only(body_paragraphs(document), f"{untouched.number}. {untouched.name}")
    assert "chưa cập nhật tình hình thực hiện" in other.text


def test_what_only_people_write_is_a_marked_placeholder(docx):
    paragraphs = body_paragraphs(docx)
    marked = [p for p in paragraphs if p.text.startswith(PLACEHOLDER.split("{")[0])]
    headings = [
        "II. HẠN CHẾ, YẾU KÉM VÀ NGUYÊN NHÂN",
        "2. Nguyên nhân",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2028",
    ]
    all_texts = texts(docx)
    for heading in headings:
        assert heading in all_texts
        # each heading is followed (after facts from the figures, at most) by its placeholder
        following = all_texts[all_texts.index(heading) + 1 :]
        assert any(t.startswith("[Cần bổ sung:") for t in following[:3])
    assert len(marked) == 4
    for paragraph in marked:
        run = paragraph.runs[0]
        assert run.italic and run.font.highlight_color == WD_COLOR_INDEX.YELLOW
        assert paragraph.text.endswith("]")


def test_signature_block_and_recipients(docx):
    signature = docx.tables[1]
    left, right = signature.rows[0].cells
    word = left.paragraphs[0]
    assert word.text == "Nơi nhận:"
    assert word.runs[0].underline and size(word.runs[0]) == 14
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert recipients[0].text == "- Ban Thường vụ Tỉnh ủy (để báo cáo),"
    assert recipients[-1].text == "- Lưu Văn phòng Đảng ủy."
    assert all(size(p.runs[0]) == 12 for p in recipients)
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines[:2]] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    assert all(p.runs[0].bold and size(p.runs[0]) == 14 for p in lines[:2])
    assert lines[-1].text == "[Cần bổ sung: họ và tên]"  # the name is the clerk's to write


# --- the table --------------------------------------------------------------------------------


def test_the_table_repeats_its_header_and_never_splits_a_row(known, docx):
    data = gather(known["store"], made_on=MADE_ON)
    table = docx.tables[2]
    rows = data.table_rows()
    rows += data.table_rows([i for i in data.items if i.section is not Section.TARGET])
    assert len(table.rows) == len(rows) + 1
    assert [c.text for c in table.rows[0].cells] == data.headers()
    assert data.headers()[:5] == ["STT", "Chỉ tiêu", "ĐVT", "Nghị quyết", "Thực hiện năm 2027"]
    for index, row in enumerate(table.rows):
        properties = row._tr.trPr
        assert properties.find(qn("w:cantSplit")) is not None
        assert (properties.find(qn("w:tblHeader")) is not None) == (index == 0)
    poverty = next(r for r in table.rows if r.cells[1].text == "Tỷ lệ hộ nghèo")
    cells = [c.text.replace("\u00a0", " ") for c in poverty.cells]
    assert cells[2:6] == ["%", "≤ 3", "4,8", "62,5 %"]
    assert poverty.cells[5].text == "62,5\u00a0%"  # never "62,5" and "%" on two lines
    row = next(r for r in rows if r.name == "Tỷ lệ hộ nghèo")
    assert cells[7] == row.status_word


def test_a_long_unit_breaks_only_after_a_slash(known, tmp_path):
    document = write(known["store"], tmp_path / "r.docx")
    units = {c.text for row in document.tables[2].rows for c in row.cells[2:3]}
    income = next(u for u in units if u.startswith("triệu đồng") and "người" in u)
    assert income == "triệu đồng/\u200bngười/\u200bnăm"  # a break may come after "/" only


# --- the kinds, other communes, old files ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "summary", "direction"),
    [
        (ReportKind.MID_TERM, "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết", "NỬA CUỐI NHIỆM KỲ"),
        (ReportKind.END_OF_TERM, "tổng kết thực hiện Nghị quyết", "NHIỆM KỲ TỚI"),
    ],
)
def test_mid_term_and_end_of_term(known, tmp_path, kind, summary, direction):
    document = write(known["store"], tmp_path / "r.docx", kind=kind)
    all_texts = texts(document)
    kind_index = all_texts.index("BÁO CÁO")
    assert all_texts[kind_index + 1].startswith(summary)
    assert f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {direction}" in all_texts


def test_a_catalogue_of_another_commune_prints_its_own_names(tmp_path):
    seed = copy.deepcopy(read_seed())
    seed["commune"].update(name="Mường Sang", party_committee="ĐẢNG BỘ XÃ MƯỜNG SANG")
    seed["document"].update(
        superior_body="ĐẢNG BỘ TỈNH LAI CHÂU",
        issuing_body="ĐẢNG ỦY XÃ MƯỜNG SANG",
        place_name="Mường Sang",
        congress_number="II",
        recipients=["Văn phòng Tỉnh ủy,", "Lưu."],
    )
    path = tmp_path / "muong-sang.sqlite"
    create_database(path, seed)
    store = Store.open(path, create=False)
    try:
        document = write(store, tmp_path / "r.docx")
    finally:
        store.close()
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs[:2]] == [
        "ĐẢNG BỘ TỈNH LAI CHÂU",
        "ĐẢNG ỦY XÃ MƯỜNG SANG",
    ]
    assert right.paragraphs[1].text == "Mường Sang, ngày 15 tháng 3 năm 2027"
    all_texts = texts(document)
    # the words of the document itself (the resolution's own texts may name anything)
    own = "\n".join(all_texts[: all_texts.index("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU")])
    assert "Đảng bộ xã Mường Sang lần thứ II" in own
    assert "Đoàn Kết" not in own and "SƠN LA" not in own
    recipients = [p.text for p in document.tables[1].rows[0].cells[0].paragraphs[1:]]
    assert recipients == ["- Văn phòng Tỉnh ủy,", "- Lưu."]
    # the PDF's subtitle and every chart's source line say the same Congress
    store = Store.open(path, create=False)
    try:
        from dk_desktop.charts.data import chart_source

        assert (
            "Đảng bộ xã Mường Sang lần thứ II, nhiệm kỳ 2025 – 2030"
            in gather(store).title_lines()[1]
        )
        assert "Đảng bộ xã Mường Sang lần thứ II (2025 – 2030)" in chart_source(store)
    finally:
        store.close()


def test_the_term_is_written_one_way_wherever_it_is_printed(qapp, known, docx):
    """«nhiệm kỳ 2025 – 2030» as Party committees write it (docs/report-formats.md): the
    Word report, the PDF's subtitle, every chart's source line and the window's own texts,
    all through core.words.term_text; never «2025–2030» in one and «2025 – 2030» in
    another."""
    from dk_desktop.charts.data import chart_source
    from dk_desktop.ui.help import HelpDialog, about_text

    assert words.term_text(2025, 2030) == "2025 – 2030"
    printed = {
        "docx": "\n".join(texts(docx)),
        "pdf": gather(known["store"]).title_lines()[1],
        "chart": chart_source(known["store"]),
        "about": about_text(known["store"]),  # the open file's term
    }
    guide = HelpDialog(store=known["store"])
    printed["guide"] = guide.browser.toPlainText()
    guide.deleteLater()
    for where, text in printed.items():
        assert "2025 – 2030" in text, where
        assert "2025–2030" not in text, where


def test_a_database_made_before_the_document_words_still_has_them(store, tmp_path):
    store.db.execute("DELETE FROM meta WHERE key LIKE 'document_%'")
    document = write(store, tmp_path / "r.docx")
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs[:2]] == ["ĐẢNG BỘ TỈNH SƠN LA", "ĐẢNG ỦY XÃ ĐOÀN KẾT"]
    assert right.paragraphs[1].text.startswith("Đoàn Kết, ngày")


def test_a_new_database_holds_the_document_words(store):
    meta = store.meta()
    assert meta["document_issuing_body"] == "ĐẢNG ỦY XÃ ĐOÀN KẾT"
    assert meta["document_congress_number"] == "I"
    assert meta["document_recipients"].splitlines()[-1] == "Lưu Văn phòng Đảng ủy."


# --- writing --------------------------------------------------------------------------------


def test_charts_are_pictures_in_the_field_sections(known, tmp_path):
    document = write(known["store"], tmp_path / "r.docx", charts=True)
    assert len(document.inline_shapes) >= 2  # the fields with data
    for shape in document.inline_shapes:
        assert shape.width <= Mm(165)


def test_written_atomically_an_old_file_survives_a_failure(known, tmp_path, monkeypatch):
    path = tmp_path / "r.docx"
    path.write_bytes(b"old")

    def broken(self, target):  # type: ignore[no-untyped-def]
        Path(target).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_report.DocxDocument, "save", broken)
    with pytest.raises(OSError):
        write_docx_report(known["store"], path, charts=False)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("r.docx")] == ["r.docx"]


def test_suggested_names_are_vietnamese():
    assert suggested_file_name(ReportKind.YEAR, 2027) == "Báo cáo năm 2027.docx"
    assert suggested_file_name(ReportKind.MID_TERM, 2027) == (
        "Báo cáo sơ kết giữa nhiệm kỳ (đến năm 2027).docx"
    )


def test_command_line_writes_the_docx(known, tmp_path, db_path, capsys):
    from dk_desktop.cli import main

    known["store"].close()
    out = tmp_path / "Báo cáo sơ kết.docx"
    code = main(
        ["export", "--db", str(db_path), "--format", "docx", "-o", str(out), "--kind", "so-ket"]
    )
    assert code == 0
    document = Document(str(out))
    assert any(t.startswith("sơ kết giữa nhiệm kỳ") for t in texts(document))
    assert "Thực hiện năm 2027" in [c.text for c in document.tables[2].rows[0].cells]
    assert "Đã xuất" in capsys.readouterr().out


# --- as printed -------------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_libreoffice_prints_it_with_the_header_and_the_signature(known, tmp_path):
    source = tmp_path / "bao-cao.docx"
    write(known["store"], source, charts=True)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = unicodedata.normalize("NFC", text)
    first = text.split("\f")[0]
    for words_ in ("ĐẢNG BỘ TỈNH SƠN LA", "ĐẢNG ỦY XÃ ĐOÀN KẾT", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert words_ in first
    assert "Đoàn Kết, ngày 15 tháng 3 năm 2027" in first
    assert "T/M BAN THƯỜNG VỤ" in text and "Nơi nhận:" in text
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    with_pictures = {int(line.split()[0]) for line in listed}
    pages = [page for page in text.split("\f") if page.strip()]
    blank = [
        n
        for n, page in enumerate(pages, start=1)
        if len(page.split()) <= 1 and n not in with_pictures
    ]
    assert blank == []  # no page holds only its number
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts.replace(" ", "")


def test_sentences_use_the_verdict_words_of_core(known):
    data = gather(known["store"], made_on=MADE_ON)
    figure = known["figures"]["CT12a"]  # cultural households, from villages
    sentence = figure_sentence(data, figure)
    status = data.assessments[figure.id].status
    assert words.status_text(status).lower() in sentence
    assert Decimal(0) <= (data.assessments[figure.id].value or Decimal(0)) <= 100


def test_kind_is_refused_for_other_formats(known, tmp_path, db_path, capsys):
    from dk_desktop.cli import main

    known["store"].close()
    out = tmp_path / "x.pdf"
    code = main(
        ["export", "--db", str(db_path), "--format", "pdf", "-o", str(out), "--kind", "nam"]
    )
    assert code == 2 and not out.exists()
    assert "--kind chỉ dùng với --format docx" in capsys.readouterr().err


def fill_every_figure(store) -> None:  # type: ignore[no-untyped-def]
    """A commune value for 2026 and 2027 of every figure (test data): below, at and past
    the resolution's figure in turn, so that every kind of sentence is written."""
    from dk_desktop.core.model import Kind, ValueType
    from dk_desktop.store.repository import ResultInput

    commune = store.commune()
    for index, figure in enumerate(store.figures()):
        target = figure.target if figure.target is not None else Decimal(1)
        share = (Decimal("0.6"), Decimal("1"), Decimal("1.2"))[index % 3]
        for year in (2026, 2027):
            if figure.value_type is ValueType.YESNO:
                value = Decimal(index % 2)
            elif figure.kind is Kind.CUMULATIVE:
                value = (target * share / 5).to_integral_value()
            else:
                value = target * share
                if figure.value_type is ValueType.PERCENT:
                    value = min(value, Decimal(100))
                value = value.quantize(
                    Decimal(1) if figure.value_type is ValueType.COUNT else Decimal("0.1")
                )
            store.set_result(figure.id, commune.id, year, ResultInput(value))


def test_every_sentence_is_checked_against_its_figure(store, tmp_path):
    """For every figure of the resolution: its value with its unit, «so với Nghị quyết»
    with the resolution's figure, the verdict and the pace still needed, all in core's
    words, are in its target's paragraph (or its task's)."""
    from dk_desktop.core.model import Kind, ValueType

    fill_every_figure(store)
    document = write(store, tmp_path / "r.docx")
    data = gather(store, made_on=MADE_ON)
    all_texts = texts(document)
    checked = 0
    for item in data.items:
        figures = data.figures.get(item.id, [])
        if not figures:
            continue
        if item.section is Section.TARGET:
            paragraph = next(t for t in all_texts if t.startswith(f"Chỉ tiêu {item.number} – "))
        else:
            lead = f"{item.number}. {item.name}: "
            paragraph = next(t for t in all_texts if t.startswith(lead))
        for figure in figures:
            assessment = data.assessments[figure.id]
            assert assessment.value is not None and assessment.year == 2027
            shown = assessment.value
            if figure.kind is Kind.RATE_RANGE:
                shown = data.series[figure.id][2027]
            value = words.value_text(
                figure, shown, with_unit=figure.value_type is not ValueType.YESNO
            )
            if figure.value_type is ValueType.YESNO:
                value = value.lower()
            assert value in paragraph, (figure.code, value)
            if assessment.percent is not None:
                compared = f"đạt {words.compared_text(figure, assessment)} so với Nghị quyết"
                assert compared in paragraph, (figure.code, compared)
                assert words.target_text(figure, with_unit=True) in paragraph
            assert f"đánh giá: {words.status_text(assessment.status).lower()}" in paragraph
            pace = describe_pace(figure.spec, assessment, figure.unit)
            assert pace in paragraph, (figure.code, pace)
            checked += 1
    assert checked == len(store.figures())


def test_a_review_shows_every_year_from_the_congress(known, tmp_path):
    from docx.enum.section import WD_ORIENT

    store = known["store"]
    document = write(store, tmp_path / "r.docx", kind=ReportKind.MID_TERM)
    assert len(document.tables) == 4
    table = document.tables[3]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "2025",
        "2026",
        "2027",
        "Nghị quyết",
    ]
    for index, row in enumerate(table.rows):
        properties = row._tr.trPr
        assert properties.find(qn("w:cantSplit")) is not None
        assert (properties.find(qn("w:tblHeader")) is not None) == (index == 0)
    poverty = next(r for r in table.rows if r.cells[1].text == "Tỷ lệ hộ nghèo")
    # 2025: the baseline 6,1 %; then what was typed
    assert [c.text for c in poverty.cells[3:]] == ["6,1", "5,5", "4,8", "≤ 3"]
    members = next(r for r in table.rows if r.cells[1].text.startswith("Kết nạp"))
    assert [c.text for c in members.cells[3:6]] == ["", "15", "12"]
    landscape = document.sections[-1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert round(landscape.page_width.mm) == 297
    # a yearly report has no such table
    yearly = write(store, tmp_path / "y.docx")
    assert len(yearly.tables) == 3


# The order ECMA-376 gives the children of the property elements this report writes:
# Word refuses («unreadable content») a file whose elements are out of it, where
# LibreOffice and python-docx read on.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden ins del trPrChange",
}


def test_the_file_keeps_the_schemas_order_for_word(known, tmp_path):
    document = write(known["store"], tmp_path / "r.docx", kind=ReportKind.MID_TERM)
    body = document.element.body
    checked = 0
    for tag, order in SCHEMA_ORDER.items():
        rank = {name: index for index, name in enumerate(order.split())}
        for element in body.iter(qn(f"w:{tag}")):
            names = [child.tag.split("}")[1] for child in element]
            assert all(name in rank for name in names), (tag, names)
            positions = [rank[name] for name in names]
            assert positions == sorted(positions), (tag, names)
            assert len(names) == len(set(names)), (tag, names)  # no element twice
            checked += 1
    assert checked > 500
