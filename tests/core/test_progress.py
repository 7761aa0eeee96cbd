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


def test_decrease_uses_gap_closure():
    # 6,1 % -> 4,5 % is 52 % of the way to 3 %, not 67 % (3 / 4,5).
    result = assess(POVERTY, {2027: D("4.5")})
    assert result.percent == D("51.6")
    assert result.planned == D("4.86")
    assert result.status is Status.ON_TRACK
    assert result.pace == D("0.5")
    assert describe_pace(POVERTY, result, "%") == "Cần giảm thêm 0,5 %/năm trong 3 năm còn lại"


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("47.5", Status.ON_TRACK),
        ("47.2", Status.ON_TRACK),
        ("47", Status.BEHIND),
        ("46.5", Status.AT_RISK),
        ("49", Status.MET),
        ("50", Status.EXCEEDED),
    ],
)
def test_level_against_the_straight_path(value, status):
    # planned for 2027: 46 + (49 - 46) * 2/5 = 47,2; "Gần đạt" within 0,3 (10 % of the way)
    assert assess(FOREST, {2027: D(value)}).status is status


def test_level_percent_of_the_way_and_past_the_target():
    assert assess(FOREST, {2027: D("47.5")}).percent == D("50.0")
    past = assess(FOREST, {2028: D(50)})
    assert past.status is Status.EXCEEDED
    assert past.percent == D("133.3")
    assert past.pace is None


def test_level_without_baseline_starts_from_its_first_measurement():
    first = assess(INCOME, {2026: D(40)})
    assert first.percent == D("80.0")  # actual / target where there is no baseline
    assert first.status is Status.ON_TRACK
    # path (2026, 40) -> (2030, 50): 42,5 planned in 2027; 42 is within 1,0 of it
    assert assess(INCOME, {2026: D(40), 2027: D(42)}).status is Status.BEHIND
    assert assess(INCOME, {2026: D(40), 2027: D(41)}).status is Status.AT_RISK


def test_value_entered_for_the_baseline_year_is_the_starting_point():
    result = assess(INCOME, {2025: D(40), 2026: D(41)})
    assert result.planned == D(42)  # 40 + 10/5
    assert result.status is Status.BEHIND


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


def test_cumulative_ignores_the_baseline_year_and_tolerates_a_missing_year():
    result = assess(MEMBERS, {2025: D(70), 2026: D(10), 2028: D(20)})
    assert result.value == D(30)
    assert result.year == 2028
    assert result.remaining_years == 2
    assert result.pace == D(25)
    assert result.status is Status.AT_RISK  # 48 planned by 2028


def test_cumulative_pace_rounds_whole_things_up():
    result = assess(MEMBERS, {2026: D(10), 2027: D(10), 2028: D(11)})
    assert result.pace == D(25)  # 49 more in 2 years: 24,5 -> 25 people


def test_cumulative_range():
    assert assess(ENTERPRISES, {2026: D(1)}).status is Status.ON_TRACK
    assert assess(ENTERPRISES, {2026: D(1), 2027: D(3)}).status is Status.MET
    assert assess(ENTERPRISES, {2026: D(6)}).status is Status.EXCEEDED
    assert assess(ENTERPRISES, {}).pace == D(1)  # 3 over 5 years, rounded up


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


def test_zero_width_range():
    exact = FigureSpec(Kind.RATE_RANGE, D(8), target_high=D(8), value_type=ValueType.RATE)
    assert assess(exact, {2026: D(8)}).status is Status.MET
    assert assess(exact, {2026: D("8.5")}).status is Status.EXCEEDED
    assert assess(exact, {2026: D("7.9")}).status is Status.BEHIND


def test_open_ended_rate():
    crops = FigureSpec(Kind.RATE_RANGE, D(4), comparator=">", value_type=ValueType.RATE)
    assert assess(crops, {2026: D(6)}).status is Status.MET
    assert assess(crops, {2026: D(4)}).status is Status.BEHIND  # "trên 4 %" needs more than 4


def test_threshold_every_year():
    assert assess(CELLS, {2026: D(95), 2027: D(92)}).status is Status.MET
    assert assess(CELLS, {2026: D(85), 2027: D(95)}).status is Status.BEHIND
    assert assess(CELLS, {2026: D(95), 2027: D(70)}).status is Status.AT_RISK
    assert assess(CELLS, {2026: D(90)}).status is Status.BEHIND  # "trên 90 %": 90 is not enough
    kept = assess(CELLS, {2026: D(95)})
    assert describe_pace(CELLS, kept, "%") == "Cần giữ mức > 90 % mỗi năm trong 4 năm còn lại"


def test_maintain_never_falls_below():
    assert assess(SCHOOLS, {2026: D(5), 2027: D(6)}).status is Status.MET
    assert assess(SCHOOLS, {2026: D(5), 2027: D(4)}).status is Status.AT_RISK


def test_milestone():
    assert assess(NEW_RURAL, {2027: D(0)}).status is Status.AT_RISK
    reached = assess(NEW_RURAL, {2027: D(0), 2029: D(1)})
    assert reached.status is Status.MET
    assert reached.percent == D(100)


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
    assert assess(FOREST, {2027: D("46.6")}).status is Status.AT_RISK


def test_target_status_is_the_worst_of_its_figures():
    assert combine([Status.MET, Status.EXCEEDED]) is Status.MET
    assert combine([Status.EXCEEDED, Status.EXCEEDED]) is Status.EXCEEDED
    assert combine([Status.MET, Status.AT_RISK, Status.NO_DATA]) is Status.AT_RISK
    assert combine([Status.NO_DATA, Status.NO_DATA]) is Status.NO_DATA
    assert combine([]) is Status.NO_DATA


def test_summary_sentence():
    statuses = [Status.MET] * 4 + [Status.EXCEEDED] + [Status.ON_TRACK] * 9 + [Status.BEHIND] * 3
    statuses += [Status.AT_RISK] * 2 + [Status.NO_DATA] * 3
    summary = summarize(statuses)
    assert summary.total == 22
    assert summary.sentence() == (
        "5/22 chỉ tiêu đạt và vượt, 9 đúng tiến độ, 3 gần đạt, 2 chưa đạt, 3 chưa có số liệu"
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
