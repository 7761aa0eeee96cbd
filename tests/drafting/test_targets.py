"""The layouts of a targets section: numbered «(1)» / «1.», group headings, the
in-sentence form, bullets; the section cut out of a whole report."""

from __future__ import annotations

from pathlib import Path

import pytest

from dk_desktop.drafting.errors import DraftError
from dk_desktop.drafting.targets import find_section, find_targets

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "db" / "source" / "bao-cao-chinh-tri-dai-hoi-dang-bo-xa-doan-ket-2025-2030.txt"


def test_numbered_targets_under_group_headings() -> None:
    text = (
        "2. Chỉ tiêu chủ yếu: (4 chỉ tiêu)\n"
        "2.1. Các chỉ tiêu về kinh tế (2 chỉ tiêu)\n"
        "(1) Tổng giá trị sản phẩm: Nông nghiệp 60 tỷ đồng; thương mại,\n"
        "\n"
        "dịch vụ 38 tỷ đồng\n"
        "(2) Thu nhập bình quân đầu người đạt 50 triệu đồng/người/năm trở lên;\n"
        "12\n"  # a page number between two lines
        "2.2. Các chỉ tiêu về xây dựng Đảng, củng cố hệ thống chính trị (2 chỉ tiêu)\n"
        "(3) Kết nạp mới từ 80 đảng viên (8 chỉ tiêu khác không tính) trong nhiệm kỳ.\n"
        " (4) 100% cấp ủy viên được tập huấn.\n"
    )
    parsed = find_targets(text)
    assert parsed.layout == "numbered"
    assert [(g.code, g.name, g.count, g.field) for g in parsed.groups] == [
        ("2.1", "Các chỉ tiêu về kinh tế", 2, "economy"),
        (
            "2.2",
            "Các chỉ tiêu về xây dựng Đảng, củng cố hệ thống chính trị",
            2,
            "party_building",
        ),
    ]
    assert [(t.number, t.group) for t in parsed.targets] == [
        ("1", "2.1"),
        ("2", "2.1"),
        ("3", "2.2"),
        ("4", "2.2"),
    ]
    # the words joined across lines; «(8 chỉ tiêu …)» inside a target starts none
    assert parsed.targets[0].text == (
        "(1) Tổng giá trị sản phẩm: Nông nghiệp 60 tỷ đồng; thương mại, dịch vụ 38 tỷ đồng"
    )
    assert "(8 chỉ tiêu khác không tính)" in parsed.targets[2].text


def test_targets_numbered_with_a_dot_and_numbering_again_in_each_group() -> None:
    text = (
        "- Về kinh tế:\n"
        "1. Tốc độ tăng trưởng kinh tế bình quân 8 - 10%/năm.\n"
        "2. Thu ngân sách đạt 20 tỷ đồng.\n"
        "- Về văn hóa – xã hội:\n"
        "1. Tỷ lệ hộ nghèo giảm còn 2,5%.\n"
    )
    parsed = find_targets(text)
    assert [(t.number, t.group) for t in parsed.targets] == [("1", "1"), ("2", "1"), ("1", "2")]
    assert [g.field for g in parsed.groups] == ["economy", "culture_society"]


def test_several_targets_numbered_on_one_line() -> None:
    parsed = find_targets("(1) Thu ngân sách 2 tỷ đồng; (2) Tỷ lệ hộ nghèo dưới 3%.")
    assert [t.text for t in parsed.targets] == [
        "(1) Thu ngân sách 2 tỷ đồng;",
        "(2) Tỷ lệ hộ nghèo dưới 3%.",
    ]


def test_the_in_sentence_form() -> None:
    text = (
        "Nhiệm kỳ 2025-2030, Đảng bộ xã đề ra 12 chỉ tiêu cụ thể: Tốc độ tăng thu ngân sách "
        "bình quân hằng năm đạt 10%; tỷ lệ hộ nghèo giảm bình quân mỗi năm 2,1%; duy trì xã "
        "đạt tiêu chí quốc gia về y tế."
    )
    parsed = find_targets(text)
    assert parsed.layout == "sentence"
    assert [(t.number, t.text) for t in parsed.targets] == [
        ("1", "Tốc độ tăng thu ngân sách bình quân hằng năm đạt 10%"),
        ("2", "tỷ lệ hộ nghèo giảm bình quân mỗi năm 2,1%"),
        ("3", "duy trì xã đạt tiêu chí quốc gia về y tế."),
    ]


def test_a_news_report_s_list_without_a_count() -> None:
    text = (
        "Tại đại hội, các đại biểu đã biểu quyết thông qua 16 chỉ tiêu nhiệm kỳ 2020-2025. "
        "Cụ thể, bình quân thu nhập đầu người đến năm 2025 đạt 70 triệu đồng/người/năm; tỷ lệ "
        "tham gia bảo hiểm y tế toàn dân đạt 100%."
    )
    parsed = find_targets(text)
    assert [t.text for t in parsed.targets] == [
        "bình quân thu nhập đầu người đến năm 2025 đạt 70 triệu đồng/người/năm",
        "tỷ lệ tham gia bảo hiểm y tế toàn dân đạt 100%.",
    ]


def test_bullets_when_nothing_is_numbered() -> None:
    text = "Các chỉ tiêu chủ yếu:\n- Thu ngân sách đạt 20 tỷ đồng.\n- Tỷ lệ che phủ rừng 49%.\n"
    parsed = find_targets(text)
    assert parsed.layout == "bullets"
    assert [t.number for t in parsed.targets] == ["1", "2"]


def test_the_section_is_cut_out_of_the_whole_report() -> None:
    text = REPORT.read_text(encoding="utf-8")
    section = find_section(text)
    assert section.startswith("2. Chỉ tiêu chủ yếu: (22 chỉ tiêu)")
    assert "khâu đột phá" not in section  # the breakthroughs' «(1) …» are not targets
    parsed = find_targets(text)
    assert [t.number for t in parsed.targets] == [str(n) for n in range(1, 23)]
    assert [g.count for g in parsed.groups] == [8, 7, 4, 3]


@pytest.mark.parametrize(
    "text",
    [
        "Đại hội đã thành công tốt đẹp.",
        "(1) Một chỉ tiêu duy nhất không đủ làm danh sách",
        "Chỉ tiêu chủ yếu:\nPhát triển kinh tế nhanh và bền vững.",
    ],
)
def test_a_text_without_numbered_targets_is_refused(text: str) -> None:
    with pytest.raises(DraftError, match="Không tìm thấy chỉ tiêu nào"):
        find_targets(text)


def test_targets_numbered_with_a_dot_inside_one_paragraph() -> None:
    """A page copied from a newspaper: the whole list on one line, «1. … 2. …»."""
    text = (
        "CÁC CHỈ TIÊU CHỦ YẾU I. Về kinh tế (2 chỉ tiêu) 1. Thu nhập bình quân đầu người đến "
        "năm 2025: 60 triệu đồng. 2. Tổng sản lượng lương thực: 25.000 tấn, đạt 2. 100% kế "
        "hoạch. 3. Tỷ lệ lao động qua đào tạo năm 2025: 65%."
    )
    parsed = find_targets(text)
    assert [t.text for t in parsed.targets] == [
        "1. Thu nhập bình quân đầu người đến năm 2025: 60 triệu đồng.",
        "2. Tổng sản lượng lương thực: 25.000 tấn, đạt 2. 100% kế hoạch.",
        "3. Tỷ lệ lao động qua đào tạo năm 2025: 65%.",
    ]


def test_words_like_a_heading_inside_a_target_stay_its_words() -> None:
    parsed = find_targets(
        "(1) Sản phẩm chủ yếu:\nVề chăn nuôi: tổng đàn gia súc 9820 con.\n(2) Tỷ lệ hộ nghèo 3%."
    )
    assert parsed.groups == []
    assert parsed.targets[0].text == (
        "(1) Sản phẩm chủ yếu: Về chăn nuôi: tổng đàn gia súc 9820 con."
    )
