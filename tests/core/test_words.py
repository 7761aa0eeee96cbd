"""The one way values, percentages, targets and verdicts become words (core.words)."""

from dataclasses import replace
from decimal import Decimal as D

from dk_desktop.core.model import Aggregation, Direction, Indicator, Kind, Status, ValueType
from dk_desktop.core.progress import assess
from dk_desktop.core.words import (
    STATUS_LOOKS,
    compared_text,
    entry_text,
    percent_text,
    progress_text,
    target_text,
    value_text,
    year_row_label,
)

POVERTY = Indicator(
    id=1, code="CT11a", item_id=1, name="Tỷ lệ hộ nghèo", unit="%", kind=Kind.LEVEL,
    direction=Direction.DOWN, comparator="<=", target=D(3), target_high=None,
    target_year=2030, target_text=None, value_type=ValueType.PERCENT,
    aggregation=Aggregation.NONE, numerator_label=None, denominator_label=None,
    baseline=D("6.1"), baseline_year=2025, baseline_text=None, baseline_source=None,
    source="", note=None, position=1,
)  # fmt: skip
NEW_RURAL = replace(
    POVERTY, kind=Kind.MILESTONE, direction=Direction.UP, comparator="=", target=D(1),
    value_type=ValueType.YESNO, unit="", baseline=D(0),
)  # fmt: skip
MEMBERS = replace(
    POVERTY, kind=Kind.CUMULATIVE, direction=Direction.UP, comparator=">=", target=D(80),
    value_type=ValueType.COUNT, unit="đảng viên", baseline=None,
)  # fmt: skip


def test_percent_has_one_decimal_at_most_and_the_same_look_everywhere():
    assert percent_text(D("87.0")) == "87 %"
    assert percent_text(D("66.66")) == "66,7 %"
    assert percent_text(D("100")) == "100 %"
    assert percent_text(None) == ""


def test_the_two_numbers_of_a_figure():
    result = assess(POVERTY.spec, {2027: D("4.5")})
    assert compared_text(POVERTY, result) == "66,7 %"
    assert progress_text(result) == "51,6 %"


def test_yes_no_figures_speak_in_words_everywhere():
    result = assess(NEW_RURAL.spec, {2027: D(0)})
    assert compared_text(NEW_RURAL, result) == "Chưa đạt"
    assert value_text(NEW_RURAL, D(1)) == "Đạt"
    assert target_text(NEW_RURAL) == "Đạt"  # the plan column: a word, not 1


def test_an_entry_reads_the_same_in_every_preview():
    """The package and sheet previews and the conflict dialog write an entry this way."""
    assert entry_text(MEMBERS, D(1041)) == "1.041 đảng viên"
    assert entry_text(POVERTY, None, D(21), D(310)) == "21/310"
    assert entry_text(NEW_RURAL, D(1)) == "Đạt"  # never 1
    assert entry_text(NEW_RURAL, D(0)) == "Chưa đạt"
    assert entry_text(POVERTY, None) == ""  # a note alone: the caller says so


def test_target_text_says_what_kind_of_figure_it_is():
    assert target_text(POVERTY) == "≤ 3"
    assert target_text(POVERTY, with_unit=True) == "≤ 3 %"
    assert target_text(MEMBERS) == "≥ 80 (cả NK)"


def test_the_2025_row_says_what_it_means():
    assert year_row_label(MEMBERS, 2025) == "2025 (từ Đại hội)"
    assert year_row_label(POVERTY, 2025) == "2025 (năm gốc)"
    assert year_row_label(POVERTY, 2027) == "2027"


def test_every_status_has_one_look():
    assert set(STATUS_LOOKS) == set(Status)
    assert len({(look.fill, look.hatch) for look in STATUS_LOOKS.values()}) == len(Status)


def test_the_header_stops_saying_no_baseline_once_2025_is_typed():
    from dk_desktop.core.words import baseline_words

    income = replace(POVERTY, direction=Direction.UP, unit="triệu đồng", baseline=None)
    assert baseline_words(income, None) == "Gốc 2025: chưa có"
    assert baseline_words(income, D(40)) == "Gốc 2025: 40 triệu đồng (số đã nhập cho năm 2025)"
    assert baseline_words(POVERTY, None) == "Gốc 2025: 6,1 %"
    assert baseline_words(MEMBERS, None) == "Nhiệm kỳ trước: chưa có; năm 2025 tính từ Đại hội"
