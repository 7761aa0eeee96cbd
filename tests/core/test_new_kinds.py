"""The kinds other communes' resolutions use (issue 13 §3, /work/notes/kinds.md): progress,
«So với NQ», the verdict words and the pace still needed (docs/progress.md)."""

from dataclasses import replace
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from dk_desktop.core.model import (
    YEARLY_KINDS,
    Aggregation,
    Direction,
    FigureSpec,
    Indicator,
    Kind,
    Status,
    ValueType,
)
from dk_desktop.core.progress import (
    assess,
    describe_pace,
    level_aim,
    planned_for_year,
    planned_points,
)
from dk_desktop.core.words import baseline_words, target_text, value_text

# «tỷ lệ hộ nghèo giảm bình quân mỗi năm 2,1%», the level typed each year (6,1 % in 2025)
POVERTY_FALL = FigureSpec(
    Kind.YEARLY_CHANGE, D("2.1"), Direction.DOWN, ">=", baseline=D("6.1"), value_type=ValueType.RATE
)
# «thu nhập bình quân đầu người đến năm 2030 so với năm 2025 tăng 31,6%», 2025: 55 triệu
INCOME_GROWTH = FigureSpec(Kind.TERM_GROWTH, D("31.6"), baseline=D(55), value_type=ValueType.AMOUNT)
# «hàng năm kết nạp mới từ 25 đảng viên trở lên»
ADMISSIONS = FigureSpec(Kind.YEARLY_MINIMUM, D(25), value_type=ValueType.COUNT)
# «bình quân hàng năm kết nạp đảng viên mới: trên 4%» (of the members at the start of the year)
ADMISSION_RATE = FigureSpec(Kind.YEARLY_RATE, D(4), comparator=">", value_type=ValueType.PERCENT)
# «số thôn đạt chuẩn nông thôn mới: 04/09 thôn», 2 in 2025
NEW_RURAL_VILLAGES = FigureSpec(
    Kind.UNITS_OF_TOTAL, D(4), baseline=D(2), value_type=ValueType.COUNT, total=D(9)
)
# «Cơ cấu kinh tế: nông, lâm nghiệp 75%; dịch vụ 20%»: shares with "=", by their direction
FARMING_SHARE = FigureSpec(
    Kind.STRUCTURE, D(75), Direction.DOWN, "=", baseline=D(80), value_type=ValueType.PERCENT
)
SERVICES_SHARE = FigureSpec(
    Kind.STRUCTURE, D(20), Direction.UP, "=", baseline=D(15), value_type=ValueType.PERCENT
)
# «gọi công dân nhập ngũ hàng năm đạt 100% chỉ tiêu»
RECRUITS = FigureSpec(Kind.QUOTA, D(100), value_type=ValueType.PERCENT)


def test_yearly_change_is_the_mean_change_in_points_per_year_since_the_baseline():
    # 6,1 % → 2,7 % in 2027: 3,4 points in 2 years, 1,7 điểm %/năm of the 2,1 asked
    result = assess(POVERTY_FALL, {2027: D("2.7")})
    assert result.value == D("1.70")
    assert result.percent == D("81.0")  # 1,7 ÷ 2,1
    assert result.progress == D("32.4")  # 3,4 of the 10,5 points asked over the term
    assert result.status is Status.AT_RISK  # more than 10 points of «So với NQ» behind
    # still 10,5 − 3,4 = 7,1 points in 3 years
    assert describe_pace(POVERTY_FALL, result, "điểm %/năm") == (
        "Cần giảm bình quân 2,37 điểm %/năm trong 3 năm còn lại"
    )
    assert assess(POVERTY_FALL, {2027: D("2.2")}).status is Status.BEHIND  # 1,95: 92,9 %
    met = assess(POVERTY_FALL, {2026: D("3.9")})  # 2,2 points in one year
    assert (met.status, describe_pace(POVERTY_FALL, met, "điểm %/năm")) == (Status.EXCEEDED, "")
    assert assess(POVERTY_FALL, {2030: D("3")}).status is Status.NOT_MET  # 0,62/năm, final


def test_yearly_change_needs_two_levels_and_plans_the_level_it_implies():
    alone = FigureSpec(Kind.YEARLY_CHANGE, D("2.1"), Direction.DOWN, value_type=ValueType.RATE)
    first = assess(alone, {2026: D(6)})
    assert (first.status, first.value) == (Status.INCOMPLETE, None)  # nothing to compare yet
    assert assess(alone, {2026: D(6), 2027: D("3.8")}).value == D("2.20")
    # the level the change leads to by 2030 (the path's end): 12,6 − 5 × 2,1 = 2,1; from
    # 6,1 it would be −4,4, and a rate never falls below 0
    assert level_aim(POVERTY_FALL, (2025, D("12.6"))) == D("2.1")
    assert level_aim(POVERTY_FALL, (2025, D("6.1"))) == 0
    assert planned_for_year(POVERTY_FALL, 2026) == D("4")


def test_term_growth_is_the_growth_over_the_baseline_against_the_growth_asked():
    # 55 → 63 triệu in 2027: +14,55 % of the 31,6 % asked; the plan asks 12,64 % by then
    result = assess(INCOME_GROWTH, {2027: D(63)})
    assert result.value == D("14.55")
    assert result.percent == D("46.0")
    assert result.planned == D("12.64")
    assert result.status is Status.ON_TRACK
    assert result.progress is None  # the share of the way is «So với NQ» itself
    # 55 × 1,316 = 72,38 by 2030: from 63, (72,38 / 63)^(1/3) − 1 = 4,74 %/năm
    assert describe_pace(INCOME_GROWTH, result, "%") == (
        "Cần tăng bình quân 4,74 %/năm trong 3 năm còn lại"
    )
    assert assess(INCOME_GROWTH, {2030: D("72.38")}).status is Status.MET
    assert assess(INCOME_GROWTH, {2030: D(80)}).status is Status.EXCEEDED
    assert assess(INCOME_GROWTH, {2030: D(70)}).status is Status.NOT_MET
    assert assess(INCOME_GROWTH, {2027: D(58)}).status is Status.AT_RISK  # 5,45 of 12,64


def test_yearly_minimum_judges_each_year_and_names_the_years_that_fell_short():
    result = assess(ADMISSIONS, {2026: D(27), 2027: D(20), 2028: D(25)})
    assert (result.status, result.value, result.percent) == (Status.MET, D(25), D("100.0"))
    assert result.missed_years == (2027,)
    assert describe_pace(ADMISSIONS, result, "đảng viên/năm") == (
        "Cần đạt ≥ 25 đảng viên mỗi năm trong 2 năm còn lại; năm 2027 chưa đạt"
    )
    assert assess(ADMISSIONS, {2026: D(20)}).status is Status.NOT_MET  # final for the year
    assert assess(ADMISSIONS, {2026: D(30)}).status is Status.EXCEEDED


def test_yearly_rate_and_quota_are_judged_every_year():
    assert assess(ADMISSION_RATE, {2026: D("4.2")}).status is Status.MET  # "trên 4 %"
    assert assess(ADMISSION_RATE, {2026: D(4)}).status is Status.NOT_MET
    rate = assess(ADMISSION_RATE, {2026: D("3.5")})
    assert rate.percent == D("87.5")
    assert describe_pace(ADMISSION_RATE, rate, "%/năm") == (
        "Cần đạt trên 4 % mỗi năm trong 4 năm còn lại"
    )
    quota = assess(RECRUITS, {2026: D(100), 2027: D(95)})
    assert (quota.status, quota.percent, quota.missed_years) == (Status.NOT_MET, D("95.0"), ())
    assert describe_pace(RECRUITS, quota, "% chỉ tiêu") == (
        "Cần đạt ≥ 100 % chỉ tiêu mỗi năm trong 3 năm còn lại"
    )


def test_units_of_total_is_units_reached_against_the_units_asked():
    result = assess(NEW_RURAL_VILLAGES, {2027: D(3)})
    assert (result.percent, result.progress, result.status) == (
        D("75.0"),
        D("50.0"),
        Status.ON_TRACK,
    )
    assert describe_pace(NEW_RURAL_VILLAGES, result, "thôn") == (
        "Cần tăng thêm 1 thôn trong 3 năm còn lại"  # not «1 thôn/năm», which makes 3
    )
    assert assess(NEW_RURAL_VILLAGES, {2030: D(5)}).status is Status.EXCEEDED


def test_a_structure_share_is_reached_from_its_direction():
    # agriculture's share falls 80 → 75 %, services' grows 15 → 20 %
    farming = assess(FARMING_SHARE, {2027: D(78)})
    assert (farming.percent, farming.progress, farming.status) == (
        D("96.2"),
        D("40.0"),
        Status.ON_TRACK,
    )
    assert describe_pace(FARMING_SHARE, farming, "%") == (
        "Cần giảm thêm 1 điểm %/năm trong 3 năm còn lại"
    )
    assert assess(FARMING_SHARE, {2030: D(75)}).status is Status.MET
    assert assess(FARMING_SHARE, {2030: D(74)}).status is Status.EXCEEDED
    assert assess(SERVICES_SHARE, {2030: D(19)}).status is Status.NOT_MET
    assert assess(SERVICES_SHARE, {2029: D(21)}).status is Status.EXCEEDED


def test_a_falling_level_given_as_a_range_is_reached_at_its_upper_end():
    # «tỷ lệ hộ nghèo giảm còn 2,5-3,5%»: 3 % is within it, 2 % below it, 4 % short
    spec = FigureSpec(
        Kind.LEVEL,
        D("2.5"),
        Direction.DOWN,
        "<=",
        target_high=D("3.5"),
        baseline=D("6.1"),
        value_type=ValueType.PERCENT,
    )
    assert assess(spec, {2030: D(3)}).status is Status.MET
    assert assess(spec, {2030: D("3.5")}).status is Status.MET
    assert assess(spec, {2030: D(2)}).status is Status.EXCEEDED
    assert assess(spec, {2030: D(4)}).status is Status.NOT_MET
    short = assess(spec, {2027: D("4.5")})
    assert short.percent == D("77.8")  # 3,5 ÷ 4,5: against the end that must be reached
    assert short.progress == D("61.5")  # (6,1 − 4,5) / (6,1 − 3,5)
    assert describe_pace(spec, short, "%") == "Cần giảm thêm 0,33 điểm %/năm trong 3 năm còn lại"
    assert planned_points(spec, (2025, D("6.1")))[-1] == (2030, D("3.5"))


def test_maintain_above_a_level():
    # «duy trì trên 75,38%»: 75,38 itself is not above it
    spec = FigureSpec(Kind.MAINTAIN, D("75.38"), comparator=">", value_type=ValueType.PERCENT)
    assert assess(spec, {2026: D(76)}).status is Status.MET
    kept = assess(spec, {2026: D(76), 2027: D("75.38")})
    assert kept.status is Status.NOT_MET
    assert describe_pace(spec, kept, "%") == "Cần giữ mức trên 75,38 % mỗi năm trong 3 năm còn lại"


def test_every_new_kind_without_data_says_so():
    for spec in (
        POVERTY_FALL,
        INCOME_GROWTH,
        ADMISSIONS,
        ADMISSION_RATE,
        NEW_RURAL_VILLAGES,
        FARMING_SHARE,
        RECRUITS,
    ):
        assert assess(spec, {}).status is Status.NO_DATA


def _rank_better_or_equal(a: Status, b: Status) -> bool:
    return a.rank <= b.rank


_JUDGED = (
    POVERTY_FALL,
    INCOME_GROWTH,
    ADMISSIONS,
    ADMISSION_RATE,
    NEW_RURAL_VILLAGES,
    FARMING_SHARE,
    SERVICES_SHARE,
    RECRUITS,
)


@given(
    spec=st.sampled_from(_JUDGED),
    year=st.integers(2026, 2030),
    low=st.decimals(0, 100, places=1),
    step=st.decimals(0, 50, places=1),
)
def test_a_better_value_never_gets_a_worse_verdict(spec, year, low, step):
    """The verdict is monotone in the value: a value better in the figure's direction is
    judged the same or better (the words are ranked best first)."""
    high = low + step
    better, worse = (high, low) if spec.direction is Direction.UP else (low, high)
    judged_better = assess(spec, {year: better})
    judged_worse = assess(spec, {year: worse})
    assert _rank_better_or_equal(judged_better.status, judged_worse.status)
    if judged_better.percent is not None and judged_worse.percent is not None:
        assert judged_better.percent >= judged_worse.percent


def test_yearly_kinds_are_the_ones_judged_every_year():
    assert {Kind.YEARLY_MINIMUM, Kind.YEARLY_RATE, Kind.QUOTA} <= YEARLY_KINDS
    assert Kind.UNITS_OF_TOTAL not in YEARLY_KINDS


# --- the words of the new kinds (core.words) ------------------------------------------

_BASE = Indicator(
    id=1, code="X01a", item_id=1, name="Chỉ số", unit="%", kind=Kind.LEVEL,
    direction=Direction.UP, comparator=">=", target=D(1), target_high=None,
    target_year=2030, target_text=None, value_type=ValueType.PERCENT,
    aggregation=Aggregation.NONE, numerator_label=None, denominator_label=None,
    baseline=None, baseline_year=2025, baseline_text=None, baseline_source=None,
    source="", note=None, position=1,
)  # fmt: skip


def _indicator(spec: FigureSpec, unit: str, **more) -> Indicator:
    return replace(
        _BASE,
        kind=spec.kind,
        direction=spec.direction,
        comparator=spec.comparator,
        target=spec.target,
        target_high=spec.target_high,
        baseline=spec.baseline,
        value_type=spec.value_type,
        total=spec.total,
        unit=unit,
        **more,
    )


def test_each_new_kind_says_its_target_as_the_resolution_words_it():
    cases = [
        ((POVERTY_FALL, "điểm %/năm"), "giảm bình quân 2,1 điểm %/năm"),
        ((INCOME_GROWTH, "%"), "tăng 31,6 % so với năm 2025"),
        ((ADMISSIONS, "đảng viên/năm"), "≥ 25 đảng viên/năm"),
        ((ADMISSION_RATE, "%/năm"), "> 4 %/năm"),
        ((NEW_RURAL_VILLAGES, "thôn"), "4/9 thôn"),
        ((RECRUITS, "% chỉ tiêu"), "100 % chỉ tiêu"),
        ((SERVICES_SHARE, "%"), "20 %"),
    ]
    for (spec, unit), expected in cases:
        assert target_text(_indicator(spec, unit), with_unit=True) == expected


def test_x_of_y_units_are_written_as_such_and_a_level_baseline_keeps_its_unit():
    villages = _indicator(NEW_RURAL_VILLAGES, "thôn")
    assert value_text(villages, D(4), with_unit=True) == "4/9 thôn"
    assert value_text(villages, D(4)) == "4/9"
    poverty = _indicator(POVERTY_FALL, "điểm %/năm")
    assert baseline_words(poverty, None) == "Gốc 2025: 6,1 %"  # a level, not a change
