from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dk_desktop.core.model import Direction, FigureSpec, Kind, Status, ValueType
from dk_desktop.core.progress import (
    assess,
    combine,
    commune_total,
    describe_pace,
    figures_with_data,
    summarize,
)

FOREST = FigureSpec(Kind.LEVEL, D(49), baseline=D(46), value_type=ValueType.PERCENT)
POVERTY = FigureSpec(
    Kind.LEVEL, D(3), Direction.DOWN, "<=", baseline=D("6.1"), value_type=ValueType.PERCENT
)
INCOME = FigureSpec(Kind.LEVEL, D(50), value_type=ValueType.AMOUNT)  # no baseline in the text
MEMBERS = FigureSpec(Kind.CUMULATIVE, D(80), baseline=D(70), value_type=ValueType.COUNT)
ENTERPRISES = FigureSpec(Kind.CUMULATIVE, D(3), target_high=D(5), value_type=ValueType.COUNT)
REVENUE = FigureSpec(Kind.RATE_RANGE, D(8), target_high=D(10), value_type=ValueType.RATE)
CELLS = FigureSpec(Kind.THRESHOLD, D(90), comparator=">", value_type=ValueType.PERCENT)
SCHOOLS = FigureSpec(Kind.MAINTAIN, D(5), baseline=D(5), value_type=ValueType.COUNT)
NEW_RURAL = FigureSpec(Kind.MILESTONE, D(1), value_type=ValueType.YESNO)


def test_decrease_so_voi_nq_is_target_over_value_and_tien_do_is_gap_closure():
    # «So với NQ»: 3 % ÷ 4,5 % = 66,7 %; «Tiến độ»: 6,1 % -> 4,5 % is 51,6 % of the way to 3 %.
    result = assess(POVERTY, {2027: D("4.5")})
    assert result.percent == D("66.7")
    assert result.progress == D("51.6")
    assert result.planned == D("4.86")
    assert result.status is Status.ON_TRACK
    assert result.pace == D("0.5")
    assert describe_pace(POVERTY, result, "%") == (
        "Cần giảm thêm 0,5 điểm %/năm trong 3 năm còn lại"  # percentage points
    )


def test_so_voi_nq_reads_as_vietnamese_reports_write_it():
    # "Thu ngân sách 1,1 tỷ" of a resolution's 2 tỷ is 55 %, not the 22,1 % of the way
    # from 0,845 tỷ (that is «Tiến độ»).
    budget = FigureSpec(Kind.LEVEL, D(2), baseline=D("0.845"), value_type=ValueType.AMOUNT)
    result = assess(budget, {2027: D("1.1")})
    assert (result.percent, result.progress) == (D("55.0"), D("22.1"))
    # Households with the cultural title at 78 % of 85 % (baseline 86 %): 91,8 %, not −40 %.
    culture = FigureSpec(Kind.LEVEL, D(85), baseline=D(86), value_type=ValueType.PERCENT)
    slipped = assess(culture, {2027: D(78)})
    assert slipped.percent == D("91.8")
    assert slipped.progress is None  # the baseline already met the target: no way to go


def test_a_decreasing_level_without_baseline_measures_its_way_from_its_first_value():
    falling = FigureSpec(Kind.LEVEL, D(3), Direction.DOWN, "<=", value_type=ValueType.PERCENT)
    assert assess(falling, {2026: D(6)}).progress is None  # the first value is the start
    result = assess(falling, {2026: D(6), 2028: D("4.5")})
    assert result.progress == D("50.0")  # (6 − 4,5) / (6 − 3)
    assert result.percent == D("66.7")  # 3 ÷ 4,5


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("47.5", Status.ON_TRACK),
        ("47.2", Status.ON_TRACK),
        ("47", Status.BEHIND),
        ("46.5", Status.BEHIND),
        ("42", Status.AT_RISK),
        ("49", Status.MET),
        ("50", Status.EXCEEDED),
    ],
)
def test_level_against_the_straight_path(value, status):
    # planned for 2027: 46 + (49 - 46) * 2/5 = 47,2, i.e. 96,3 % of NQ; «Chậm tiến độ» down
    # to 86,3 % of NQ (CLOSE_POINTS = 10 points below), «Khó đạt» under it (42 is 85,7 %)
    assert assess(FOREST, {2027: D(value)}).status is status


def test_level_percent_of_the_way_and_past_the_target():
    on_the_way = assess(FOREST, {2027: D("47.5")})
    assert (on_the_way.percent, on_the_way.progress) == (D("96.9"), D("50.0"))
    past = assess(FOREST, {2028: D(50)})
    assert past.status is Status.EXCEEDED
    assert (past.percent, past.progress) == (D("102.0"), D("133.3"))
    assert past.pace is None


def test_level_without_baseline_is_judged_against_the_target_on_its_first_value():
    first = assess(INCOME, {2026: D(40)})
    assert first.percent == D("80.0")
    assert first.progress is None
    assert first.status is Status.AT_RISK  # never «Có khả năng đạt» without a path: 80 % < 90 %
    assert assess(INCOME, {2026: D(46)}).status is Status.BEHIND  # 92 %: close to the target
    # then the path (2026, 40) -> (2030, 50): 42,5 planned in 2027 (85 % of NQ)
    assert assess(INCOME, {2026: D(40), 2027: D(43)}).status is Status.ON_TRACK
    assert assess(INCOME, {2026: D(40), 2027: D(42)}).status is Status.BEHIND
    assert assess(INCOME, {2026: D(40), 2027: D(30)}).status is Status.AT_RISK


def test_value_entered_for_the_baseline_year_is_the_starting_point():
    result = assess(INCOME, {2025: D(40), 2026: D(41)})
    assert result.planned == D(42)  # 40 + 10/5
    assert result.status is Status.BEHIND
    assert result.progress == D("10.0")  # the 2025 value is the starting point


def test_target_already_met_at_baseline():
    kept = FigureSpec(Kind.LEVEL, D(100), baseline=D(100), value_type=ValueType.PERCENT)
    result = assess(kept, {2026: D(100)})
    assert result.status is Status.MET
    assert result.percent == D("100.0")
    slipped = assess(kept, {2026: D(95)})
    assert slipped.percent == D("95.0")
    assert slipped.status is not Status.MET


def test_no_data_for_every_kind():
    for spec in (FOREST, POVERTY, INCOME, MEMBERS, REVENUE, CELLS, SCHOOLS, NEW_RURAL):
        result = assess(spec, {})
        assert result.status is Status.NO_DATA
        assert result.percent is None


def test_cumulative_sums_yearly_increments():
    result = assess(MEMBERS, {2026: D(20), 2027: D(18)})
    assert result.value == D(38)
    assert result.percent == D("47.5")
    assert result.status is Status.ON_TRACK  # 32 planned by 2027
    assert result.pace == D(14)
    assert describe_pace(MEMBERS, result, "đảng viên") == (
        "Cần thêm 14 đảng viên/năm trong 3 năm còn lại"
    )


def test_cumulative_counts_2025_from_the_congress_and_tolerates_a_missing_year():
    # Kết nạp: 2025 = 14 (from the Congress to the end of 2025), 2026 = 17: 31, not 17.
    assert assess(MEMBERS, {2025: D(14), 2026: D(17)}).value == D(31)
    result = assess(MEMBERS, {2025: D(14), 2026: D(10), 2028: D(20)})
    assert result.value == D(44)
    assert result.year == 2028
    assert result.remaining_years == 2
    assert result.pace == D(18)
    assert result.status is Status.BEHIND  # 55 % of NQ where 48 (60 %) was planned


def test_cumulative_far_behind_and_missed_in_the_target_year():
    assert assess(MEMBERS, {2026: D(10), 2028: D(20)}).status is Status.AT_RISK  # 37,5 %
    assert assess(MEMBERS, {2026: D(10), 2030: D(60)}).status is Status.NOT_MET


def test_cumulative_pace_rounds_whole_things_up():
    result = assess(MEMBERS, {2026: D(10), 2027: D(10), 2028: D(11)})
    assert result.pace == D(25)  # 49 more in 2 years: 24,5 -> 25 people
    # …but the sentence says the total: 25 a year would make 50
    assert describe_pace(MEMBERS, result, "đảng viên") == (
        "Cần thêm 49 đảng viên trong 2 năm còn lại"
    )


def test_cumulative_range():
    assert assess(ENTERPRISES, {2026: D(1)}).status is Status.ON_TRACK
    assert assess(ENTERPRISES, {2026: D(1), 2027: D(3)}).status is Status.MET
    assert assess(ENTERPRISES, {2026: D(6)}).status is Status.EXCEEDED
    assert assess(ENTERPRISES, {}).pace == D(1)  # 3 over 5 years, rounded up
    one = assess(ENTERPRISES, {2026: D(1)})
    # 2 more in 4 years: not "1 doanh nghiệp/năm" (that makes 4)
    assert describe_pace(ENTERPRISES, one, "doanh nghiệp") == (
        "Cần thêm 2 doanh nghiệp trong 4 năm còn lại"
    )


@pytest.mark.parametrize(
    ("rates", "status", "mean"),
    [
        ([9, 9], Status.MET, "9.00"),
        ([12, 12], Status.EXCEEDED, "12.00"),
        ([7, 8], Status.BEHIND, "7.50"),
        ([2, 2], Status.AT_RISK, "2.00"),
        ([4, 14], Status.MET, "8.89"),
    ],
)
def test_rate_range_uses_the_geometric_mean(rates, status, mean):
    values = {2026 + n: D(r) for n, r in enumerate(rates)}
    result = assess(REVENUE, values)
    assert result.status is status
    assert result.value == D(mean)


def test_rate_pace_is_the_mean_rate_still_needed():
    result = assess(REVENUE, {2026: D(7), 2027: D(8)})
    # (1,08^5 / (1,07 * 1,08))^(1/3) - 1 = 8,34 %
    assert result.pace == D("8.34")
    assert (
        describe_pace(REVENUE, result, "%") == "Cần tăng bình quân 8,34 %/năm trong 3 năm còn lại"
    )


def test_rate_pace_counts_a_missing_year_at_the_mean_shown():
    result = assess(REVENUE, {2027: D(6)})  # 2026 missing: the mean shown is 6 %
    assert result.value == D("6.00")
    # 1,06² × r³ = 1,08⁵ -> r = 9,35 % (counting 2026 as 0 % would ask 11,49 %)
    assert result.pace == D("9.35")


def test_a_rate_of_minus_100_is_judged_without_a_pace():
    """−100 % is a value the entry accepts (everything lost in a year): it was a
    DivisionByZero in every assessment, and so in every view of the window."""
    result = assess(REVENUE, {2026: D(-100), 2027: D(8)})
    assert result.status is Status.AT_RISK
    assert result.value == D(-100)
    assert result.pace is None


def test_rate_missed_in_the_target_year_is_final():
    result = assess(REVENUE, {2026 + n: D(7) for n in range(5)})
    assert result.status is Status.NOT_MET
    assert result.pace is None


def test_zero_width_range():
    exact = FigureSpec(Kind.RATE_RANGE, D(8), target_high=D(8), value_type=ValueType.RATE)
    assert assess(exact, {2026: D(8)}).status is Status.MET
    assert assess(exact, {2026: D("8.5")}).status is Status.EXCEEDED
    assert assess(exact, {2026: D("7.9")}).status is Status.BEHIND


def test_open_ended_rate():
    crops = FigureSpec(Kind.RATE_RANGE, D(4), comparator=">", value_type=ValueType.RATE)
    assert assess(crops, {2026: D(6)}).status is Status.MET
    assert assess(crops, {2026: D(4)}).status is Status.BEHIND  # "trên 4 %" needs more than 4
    slow = assess(crops, {2026: D(3)})
    assert describe_pace(crops, slow, "%/năm").startswith("Cần tăng bình quân trên ")


def test_threshold_each_year_is_judged_and_a_missed_year_is_final():
    assert assess(CELLS, {2026: D(95), 2027: D(92)}).status is Status.MET  # "trên 90 %"
    held_again = assess(CELLS, {2026: D(85), 2027: D(95)})
    assert held_again.status is Status.MET
    assert held_again.missed_years == (2026,)
    assert describe_pace(CELLS, held_again, "%") == (
        "Cần giữ mức trên 90 % mỗi năm trong 3 năm còn lại; năm 2026 chưa đạt"
    )
    assert assess(CELLS, {2026: D(95), 2027: D(70)}).status is Status.NOT_MET
    assert assess(CELLS, {2026: D(90)}).status is Status.NOT_MET  # "trên 90 %": 90 is not enough
    kept = assess(CELLS, {2026: D(95)})
    assert describe_pace(CELLS, kept, "%") == "Cần giữ mức trên 90 % mỗi năm trong 4 năm còn lại"


def test_past_a_threshold_is_vuot():
    vaccinated = FigureSpec(Kind.THRESHOLD, D(95), value_type=ValueType.PERCENT)
    result = assess(vaccinated, {2027: D(98)})
    assert result.status is Status.EXCEEDED
    assert result.percent == D("103.2")


def test_maintain_never_falls_below():
    assert assess(SCHOOLS, {2026: D(5)}).status is Status.MET
    assert assess(SCHOOLS, {2026: D(5), 2027: D(6)}).status is Status.EXCEEDED  # 6 of "duy trì 5"
    assert assess(SCHOOLS, {2026: D(5), 2027: D(4)}).status is Status.NOT_MET


def test_milestone_not_reached_before_its_year_is_not_due():
    early = assess(NEW_RURAL, {2027: D(0)})
    assert early.status is Status.NOT_DUE
    assert early.percent is None  # a yes/no figure is told in words
    assert describe_pace(NEW_RURAL, early, "") == "Phấn đấu đạt vào năm 2030"
    reached = assess(NEW_RURAL, {2027: D(0), 2029: D(1)})
    assert reached.status is Status.MET
    assert assess(NEW_RURAL, {2030: D(0)}).status is Status.NOT_MET


def test_milestone_followed_by_its_criteria():
    # "đạt nông thôn mới": 12/19 tiêu chí in 2025, followed by the count of criteria met
    criteria = FigureSpec(Kind.MILESTONE, D(19), baseline=D(12), value_type=ValueType.COUNT)
    result = assess(criteria, {2026: D(14)})
    assert result.status is Status.NOT_DUE
    assert (result.percent, result.progress) == (D("73.7"), D("28.6"))
    assert describe_pace(criteria, result, "tiêu chí") == (
        "Cần tăng thêm 5 tiêu chí trong 4 năm còn lại"
    )
    assert assess(criteria, {2026: D(14), 2030: D(19)}).status is Status.MET
    assert assess(criteria, {2030: D(18)}).status is Status.NOT_MET


def test_as_of_limits_the_years_judged():
    values = {2026: D(10), 2027: D(10), 2028: D(60)}
    assert assess(MEMBERS, values).status is Status.MET
    earlier = assess(MEMBERS, values, as_of=2027)
    assert earlier.year == 2027
    assert earlier.value == D(20)


def test_yearly_milestones_replace_the_straight_path():
    slow_start = FigureSpec(
        Kind.LEVEL,
        D(49),
        baseline=D(46),
        milestones={2027: D("46.5")},
        value_type=ValueType.PERCENT,
    )
    assert assess(slow_start, {2027: D("46.6")}).status is Status.ON_TRACK
    assert assess(FOREST, {2027: D("46.6")}).status is Status.BEHIND


def test_target_status_is_the_worst_of_its_figures_once_all_have_data():
    assert combine([Status.MET, Status.EXCEEDED]) is Status.MET
    assert combine([Status.EXCEEDED, Status.EXCEEDED]) is Status.EXCEEDED
    assert combine([Status.MET, Status.AT_RISK]) is Status.AT_RISK
    assert combine([Status.MET, Status.NOT_DUE]) is Status.NOT_DUE
    assert combine([Status.NO_DATA, Status.NO_DATA]) is Status.NO_DATA
    assert combine([]) is Status.NO_DATA


def test_a_target_with_figures_missing_data_is_not_counted_as_met():
    # target 4: «Vượt» on 1 of its 7 figures is not «Vượt»
    statuses = [Status.EXCEEDED] + [Status.NO_DATA] * 6
    assert combine(statuses) is Status.INCOMPLETE
    assert figures_with_data(statuses) == (1, 7)
    assert summarize([combine(statuses)]).met == 0


def test_summary_sentence():
    statuses = [Status.MET] * 4 + [Status.EXCEEDED] + [Status.ON_TRACK] * 9 + [Status.BEHIND] * 3
    statuses += [Status.AT_RISK] * 2 + [Status.NO_DATA] * 3
    summary = summarize(statuses)
    assert summary.total == 22
    assert summary.sentence() == (
        "5/22 chỉ tiêu đạt và vượt, 9 có khả năng đạt, 3 chậm tiến độ, 2 khó đạt, 3 chưa có số liệu"
    )
    later = summarize([Status.MET, Status.NOT_MET, Status.NOT_DUE, Status.INCOMPLETE])
    assert later.sentence() == (
        "1/4 chỉ tiêu đạt và vượt, 1 chưa đạt, 1 chưa đến hạn, 1 chưa đủ số liệu"
    )


def test_ratio_from_villages_sums_numerators_and_denominators():
    villages = [(None, D(10), D(40)), (None, D(10), D(400))]
    # 20 / 440 = 4,55 %, not the average of 25 % and 2,5 %
    assert commune_total("ratio", villages) == D("4.55")
    assert commune_total("sum", [(D(3), None, None), (None, None, None), (D(4), None, None)]) == 7
    assert commune_total("sum", [(None, None, None)]) is None
    assert commune_total("none", [(D(3), None, None)]) is None


@given(
    st.decimals(min_value=0, max_value=100, places=1),
    st.decimals(min_value=0, max_value=100, places=1),
)
def test_a_better_value_never_gets_a_worse_status(a, b):
    low, high = sorted((a, b))
    assert assess(FOREST, {2027: high}).status.rank <= assess(FOREST, {2027: low}).status.rank
    # for a decrease, the lower value is the better one
    assert assess(POVERTY, {2027: low}).status.rank <= assess(POVERTY, {2027: high}).status.rank


def test_planned_for_year():
    from dk_desktop.core.progress import planned_for_year

    assert planned_for_year(FOREST, 2027) == D("47.2")
    assert planned_for_year(POVERTY, 2030) == D(3)
    assert planned_for_year(MEMBERS, 2027) == D(32)  # running total from nothing
    assert planned_for_year(CELLS, 2028) == D(90)
    assert planned_for_year(INCOME, 2027) is None  # no baseline: no path known in advance
    assert planned_for_year(FOREST, 2025) is None
    met_at_start = FigureSpec(Kind.LEVEL, D(9820), baseline=D(11152), value_type=ValueType.COUNT)
    assert planned_for_year(met_at_start, 2027) == D(9820)  # keep the level, not a descent


def test_a_strict_target_reached_exactly_asks_to_go_past_it():
    strict = FigureSpec(
        Kind.LEVEL, D(90), comparator=">", baseline=D(80), value_type=ValueType.PERCENT
    )
    result = assess(strict, {2027: D(90)})
    assert not result.status.is_met
    assert describe_pace(strict, result, "%") == "Cần vượt mức 90 % trong 3 năm còn lại"


def test_a_strict_target_missed_in_its_year_is_never_on_track():
    strict = FigureSpec(
        Kind.LEVEL, D(90), comparator=">", baseline=D(80), value_type=ValueType.PERCENT
    )
    assert assess(strict, {2026: D(85), 2030: D(90)}).status is Status.NOT_MET
    behind = assess(strict, {2026: D(85), 2027: D(86)})
    assert describe_pace(strict, behind, "%") == (
        "Cần tăng thêm trên 1,33 điểm %/năm trong 3 năm còn lại"
    )


def test_no_year_per_year_in_the_pace_of_a_unit_per_year():
    income = FigureSpec(Kind.LEVEL, D(60), baseline=D("55.5"), value_type=ValueType.AMOUNT)
    result = assess(income, {2027: D(56)})
    assert describe_pace(income, result, "triệu đồng/ha/năm") == (
        "Cần tăng thêm 1,33 triệu đồng/ha/năm mỗi năm trong 3 năm còn lại"
    )


def test_close_is_one_rule_for_every_kind():
    # Income at 96 % of NQ before its year and vaccination at 90 % of its threshold are
    # judged by the same measure: points of «So với NQ» behind where the plan is.
    income = FigureSpec(Kind.LEVEL, D(50), baseline=D(40), value_type=ValueType.AMOUNT)
    assert assess(income, {2029: D(48)}).status is Status.ON_TRACK  # plan 48: 96 %
    assert assess(income, {2030: D(48)}).status is Status.NOT_MET  # final
    rate = FigureSpec(Kind.RATE_RANGE, D(10), value_type=ValueType.RATE)
    assert assess(rate, {2026: D(9)}).status is Status.BEHIND  # 90 %: within 10 points
    assert assess(rate, {2026: D("8.9")}).status is Status.AT_RISK


def test_a_village_total_with_villages_missing_is_not_judged():
    cattle = FigureSpec(Kind.LEVEL, D(9820), baseline=D(11152), value_type=ValueType.COUNT)
    # one village's 3.000 head is not the commune's herd «Chưa đạt 30,5 %»
    result = assess(cattle, {2027: D(3000)}, coverage={2027: (1, 31)})
    assert result.status is Status.INCOMPLETE
    assert result.reported == (1, 31)
    assert (result.percent, result.pace) == (None, None)
    assert result.value == D(3000)
    assert assess(cattle, {2027: D(10000)}, coverage={2027: (31, 31)}).status is Status.EXCEEDED
    # a total over the term is incomplete while any of its years is
    members = assess(MEMBERS, {2026: D(20), 2027: D(18)}, coverage={2026: (2, 3), 2027: (3, 3)})
    assert members.status is Status.INCOMPLETE and members.value == D(38)


def test_village_coverage_counts_active_villages_that_reported():
    from dk_desktop.core.progress import village_coverage

    rows = [
        (1, 10, 2027, D(5), None, None),  # village 10
        (1, 11, 2027, None, None, None),  # village 11: a note only
        (1, 10, 2028, D(5), None, None),
        (1, 1, 2028, D(50), None, None),  # the commune typed 2028 itself: complete
        (1, 99, 2027, D(5), None, None),  # a retired village: not among the active ones
    ]
    assert village_coverage("sum", rows, 1, {10, 11, 12}) == {2027: (1, 3)}
    ratio = [(1, 10, 2027, D(25), D(10), D(40)), (1, 11, 2027, D(8), None, None)]
    assert village_coverage("ratio", ratio, 1, {10, 11}) == {2027: (1, 2)}
    assert village_coverage("none", rows, 1, {10}) == {}
