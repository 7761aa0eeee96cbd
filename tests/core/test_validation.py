"""What a typed value may be (core.validation): yes/no words, ratio parts."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from dk_desktop.core.model import ValueType
from dk_desktop.core.validation import check_ratio, parse_value, ratio_parts_are_whole

from .test_words import POVERTY


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Đạt", 1),
        ("đạt", 1),
        ("có", 1),
        ("Có", 1),
        ("1", 1),
        ("Chưa đạt", 0),
        ("không", 0),
        ("0", 0),
    ],
)
def test_yes_no_takes_the_words(typed, value):
    assert parse_value(ValueType.YESNO, typed) == value


def test_yes_no_refuses_anything_else_saying_the_words():
    with pytest.raises(ValueError, match="«Đạt» hoặc «Chưa đạt»"):
        parse_value(ValueType.YESNO, "hoàn thành một nửa")
    with pytest.raises(ValueError, match="«Đạt» hoặc «Chưa đạt»"):
        parse_value(ValueType.YESNO, "2")


def test_measured_ratio_parts_may_have_decimals_counted_ones_not():
    forest = replace(
        POVERTY,
        numerator_label="Diện tích rừng được khoanh nuôi, bảo vệ tốt (ha)",
        denominator_label="Tổng diện tích rừng hiện có (ha)",
    )
    waste = replace(POVERTY, numerator_label="Lượng rác thải sinh hoạt được thu gom")
    households = replace(POVERTY, numerator_label="Số hộ nghèo", denominator_label="Tổng số hộ")
    assert not ratio_parts_are_whole(forest) and not ratio_parts_are_whole(waste)
    assert ratio_parts_are_whole(households) and ratio_parts_are_whole(None)
    check_ratio(D("1300.5"), D("1500"), forest)  # 1.300,5 ha is accepted
    with pytest.raises(ValueError, match="số nguyên"):
        check_ratio(D("10.5"), D("40"), households)
