"""One target's words turned into figures: each kind of docs/seed-format.md and of issue
13 §3, several figures per target, and what is marked unsure."""

from __future__ import annotations

import pytest

from dk_desktop.drafting.figures import Drafted, figures_of


def _figures(text: str, term_end: int = 2030) -> list[Drafted]:
    return figures_of(text, term_end)[0]


def _one(text: str) -> Drafted:
    figures = _figures(text)
    assert len(figures) == 1, [f.target_text for f in figures]
    return figures[0]


def _reading(figure: Drafted) -> tuple[str, str, str | None, str | None, str, str, str]:
    return (
        figure.kind,
        figure.unit,
        figure.target,
        figure.target_high,
        figure.direction,
        figure.comparator,
        figure.value_type,
    )


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # level: up, down, a range for a decreasing level, «trên»
        ("(11) Tỷ lệ hộ nghèo giảm còn 3%.", ("level", "%", "3", None, "down", "<=", "percent")),
        (
            "Tỷ lệ hộ nghèo giảm còn 2,5-3,5%.",
            ("level", "%", "2.5", "3.5", "down", "<=", "percent"),
        ),
        ("Tỷ lệ người dân có BHYT trên 90%.", ("level", "%", "90", None, "up", ">", "percent")),
        (
            "Thu nhập bình quân đầu người đạt 50 triệu đồng/người/năm trở lên;",
            ("level", "triệu đồng/người/năm", "50", None, "up", ">=", "amount"),
        ),
        # rate_range: a yearly growth rate, a range or one value
        (
            "Tốc độ tăng tổng thu ngân sách hàng năm từ 8 - 10%.",
            ("rate_range", "%/năm", "8", "10", "up", ">=", "rate"),
        ),
        (
            "Thu ngân sách Nhà nước theo phân cấp tăng 5% hàng năm.",
            ("rate_range", "%/năm", "5", None, "up", ">=", "rate"),
        ),
        # cumulative: summed over the term
        (
            "Kết nạp mới từ 80 đảng viên trở lên trong nhiệm kỳ.",
            ("cumulative", "đảng viên", "80", None, "up", ">=", "count"),
        ),
        (
            "Tạo điều kiện thành lập mới từ 3-5 doanh nghiệp, hợp tác xã hoạt động hiệu quả",
            ("cumulative", "doanh nghiệp, hợp tác xã", "3", "5", "up", ">=", "count"),
        ),
        # threshold: every year
        (
            "Tỷ lệ người dân tham gia bảo hiểm y tế hàng năm: từ 90% trở lên.",
            ("threshold", "%", "90", None, "up", ">=", "percent"),
        ),
        # maintain: a level already held
        (
            "Tỷ lệ che phủ rừng duy trì trên 75,38%.",
            ("maintain", "%", "75.38", None, "up", ">", "percent"),
        ),
        # milestone: yes/no by a year
        (
            "Phấn đấu xây dựng xã đạt chuẩn nông thôn mới nâng cao vào năm 2028.",
            ("milestone", "", "1", None, "up", "=", "yesno"),
        ),
        # yearly_change: points of a percentage per year
        (
            "tỷ lệ hộ nghèo giảm bình quân mỗi năm 2,1%",
            ("yearly_change", "điểm %/năm", "2.1", None, "down", ">=", "percent"),
        ),
        # term_growth: over the term against the baseline
        (
            "thu nhập bình quân đầu người đến năm 2030 so với năm 2025 tăng 31,6%",
            ("term_growth", "%", "31.6", None, "up", ">=", "amount"),
        ),
        # yearly_minimum: an amount every year, its unit per year
        (
            "Hàng năm kết nạp mới từ 25 đảng viên trở lên.",
            ("yearly_minimum", "đảng viên/năm", "25", None, "up", ">=", "count"),
        ),
        (
            "Trồng rừng mới: 30 ha/năm.",
            ("yearly_minimum", "ha/năm", "30", None, "up", ">=", "amount"),
        ),
        # yearly_rate: relative to a base at the start of the year
        (
            "Bình quân hàng năm kết nạp đảng viên mới: trên 4%.",
            ("yearly_rate", "%/năm", "4", None, "up", ">", "rate"),
        ),
        # units_of_total: x of y
        (
            "Số thôn đạt chuẩn nông thôn mới: 04/09 thôn.",
            ("units_of_total", "thôn", "4", None, "up", ">=", "count"),
        ),
        # quota: a share of an assigned quota
        (
            "Tuyển chọn, gọi công dân nhập ngũ hàng năm đạt 100% chỉ tiêu.",
            ("quota", "% chỉ tiêu", "100", None, "up", ">=", "percent"),
        ),
    ],
)
def test_each_kind(text: str, reading: tuple) -> None:
    assert _reading(_one(text)) == reading


def test_units_of_total_keeps_the_total() -> None:
    assert _one("Số thôn đạt chuẩn nông thôn mới: 04/09 thôn.").total == "9"


def test_a_structure_gives_one_figure_per_share_with_the_same_key() -> None:
    figures = _figures(
        "Cơ cấu kinh tế: nông, lâm nghiệp 75%; dịch vụ 20%; tiểu thủ công nghiệp 5%."
    )
    assert [(f.kind, f.target, f.unit, f.structure) for f in figures] == [
        ("structure", "75", "%", "Cơ cấu kinh tế"),
        ("structure", "20", "%", "Cơ cấu kinh tế"),
        ("structure", "5", "%", "Cơ cấu kinh tế"),
    ]
    # which way a share should move is not written: the clerk is asked
    assert all(f.unsure for f in figures)


def test_a_target_with_two_figures_gives_two() -> None:
    figures = _figures(
        "(12) Tỷ lệ hộ gia đình văn hoá từ 85% trở lên, bản tiểu khu đạt văn hoá 70%"
    )
    assert [(f.target, f.unit, f.kind, f.target_text) for f in figures] == [
        ("85", "%", "level", "Tỷ lệ hộ gia đình văn hoá từ 85% trở lên"),
        ("70", "%", "level", "bản tiểu khu đạt văn hoá 70%"),
    ]
    assert all(f.source.startswith("Tỷ lệ hộ gia đình") for f in figures)


def test_a_milestone_and_a_count_in_one_sentence() -> None:
    figures = _figures(
        "(5) Phấn đấu xã đạt nông thôn mới vào năm 2030, có từ 02 bản đạt nông thôn mới kiểu mẫu"
    )
    assert [(f.kind, f.target, f.unit, f.target_year) for f in figures] == [
        ("milestone", "1", "", 2030),
        ("level", "2", "bản", 2030),
    ]


def test_a_yearly_rating_is_a_threshold_and_each_share_its_own() -> None:
    figures = _figures(
        "(21) Đảng bộ xã hoàn thành tốt nhiệm vụ; 100% chi bộ duy trì nề nếp. Hằng năm có "
        "trên 90% chi bộ trực thuộc và trên 90% đảng viên hoàn thành tốt nhiệm vụ trở lên;"
    )
    assert [(f.kind, f.target, f.comparator) for f in figures] == [
        ("threshold", "1", "="),
        ("threshold", "100", ">="),
        ("threshold", "90", ">"),
        ("threshold", "90", ">"),
    ]


def test_grades_ages_and_years_are_not_values() -> None:
    figures = _figures(
        "(9) Phấn đấu 100% trường học đạt chuẩn quốc gia mức độ 01, trong đó 50% trường học "
        "đạt chuẩn quốc gia mức độ 02."
    )
    assert [f.target for f in figures] == ["100", "50"]
    assert _one("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đạt 95%.").target == "95"


def test_the_target_year_named_in_the_text_is_kept() -> None:
    assert _one("Đến năm 2027 tỷ lệ che phủ rừng đạt 50%.").target_year == 2027
    assert _one("Tỷ lệ che phủ rừng đạt 50%.").target_year == 2030


def test_words_without_a_number_beside_figures_are_reported_not_dropped() -> None:
    figures, skipped = figures_of("Tổng đàn gia súc 9820 con, về cây ăn quả… Cá 5 tấn.", 2030)
    assert [f.target for f in figures] == ["9820", "5"]
    assert skipped == ["về cây ăn quả…"]


# --- unsure: nothing silently guessed ------------------------------------------------


def test_no_number_is_unsure() -> None:
    figure = _one("Phát huy truyền thống đoàn kết của nhân dân.")
    assert figure.kind == "milestone"
    assert figure.unsure == ["không tìm thấy số: tạm hiểu là mốc đạt/chưa đạt, cần xem lại"]


def test_an_unknown_unit_is_unsure() -> None:
    figure = _one("Sản lượng lương thực đạt 500 yến.")
    assert figure.unit == "yến"
    assert figure.unsure == ["đơn vị lạ: «yến»"]


def test_a_number_without_unit_is_unsure() -> None:
    assert _one("Số hộ dùng điện đạt 500").unsure == ["không thấy đơn vị sau số"]


def test_an_increase_that_may_be_a_level_or_a_change_is_unsure() -> None:
    figure = _one("Tỷ lệ lao động qua đào tạo tăng 15%.")
    assert figure.kind == "level"
    assert figure.unsure and figure.unsure[0].startswith("hai cách hiểu: mức cần đạt")


def test_a_direction_read_from_the_subject_alone_is_unsure() -> None:
    figure = _one("Tỷ lệ hộ nghèo 3%.")
    assert figure.direction == "down"
    assert figure.unsure == ["hai cách hiểu: chỉ tiêu cần giảm (nhỏ hơn là tốt) hay cần tăng?"]


def test_maintaining_x_of_y_is_unsure() -> None:
    figure = _one("(9) Duy trì và giữ vững 5/8 trường đạt chuẩn quốc gia.")
    assert (figure.kind, figure.target, figure.unit) == ("maintain", "5", "trường")
    assert figure.unsure == ["hai cách hiểu: duy trì 5 đơn vị, hay 5 trên tổng 8?"]


def test_a_clear_figure_is_not_unsure() -> None:
    assert _one("Tỷ lệ che phủ rừng đạt 49%.").unsure == []


def test_a_gloss_in_brackets_is_not_a_figure_of_its_own() -> None:
    figures = _figures(
        "Tỷ lệ xã đạt chuẩn nông thôn mới đạt 50% (8 xã); tỷ lệ thôn đạt 58,9% (66/112 thôn)."
    )
    assert [(f.target, f.unit) for f in figures] == [("50", "%"), ("58.9", "%")]
    # an itemised list in brackets is: «3.200 con, (trong đó: đàn heo: 1.220 con; …)»
    figures = _figures(
        "Tổng đàn gia súc: 3.200 con, (trong đó: đàn heo: 1.220 con; đàn bò: 1.200 con)."
    )
    assert [f.target for f in figures] == ["3200", "1220", "1200"]


def test_an_amount_for_a_period_of_years_is_cumulative() -> None:
    figure = _one("Tổng số doanh nghiệp mới được thành lập thời kỳ 2021-2025: 100 doanh nghiệp.")
    assert (figure.kind, figure.target, figure.unit) == ("cumulative", "100", "doanh nghiệp")


def test_a_growth_rate_that_should_stay_low_goes_down() -> None:
    figure = _one("Tốc độ tăng dân số bình quân hằng năm dưới 1%.")
    assert (figure.kind, figure.direction, figure.comparator) == ("rate_range", "down", "<")
