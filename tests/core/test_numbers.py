from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dk_desktop.core.numbers import decimal_from_db, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26,3", "26.3"),
        ("1.041", "1041"),
        ("11.553,6", "11553.6"),
        ("11. 553,6", "11553.6"),  # as printed in the source document
        ("26,3 %", "26.3"),
        ("26,3%", "26.3"),
        ("-2,5", "-2.5"),
        ("\u22122,5", "-2.5"),  # the typographic minus sign
        ("1.500", "1500"),
        ("1041", "1041"),
        ("0", "0"),
        ("  132.399 ", "132399"),
        ("1.234.567,89", "1234567.89"),
        ("0,05", "0.05"),
    ],
)
def test_parse_vietnamese_numbers(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1.5",
        "26.3",
        "1..0",
        "12.34.567",
        "1,2,3",
        "1,041.5",
        "5 con",
        "%",
        "--2",
        "0.125",
        "00.750",
        "0. 500",
    ],
)
def test_refused_entries_say_what_is_expected(text):
    with pytest.raises(ValueError) as refused:
        parse_number(text)
    message = str(refused.value)
    assert "26,3" in message or "1.041" in message  # shows the expected form


def test_ambiguous_dot_suggests_the_comma():
    with pytest.raises(ValueError, match="26,3"):
        parse_number("26.3")
    with pytest.raises(ValueError, match="0,125"):
        parse_number("0.125")  # never read as 125


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("1041"), None, "1.041"),
        (Decimal("26.3"), None, "26,3"),
        (Decimal("11553.6"), None, "11.553,6"),
        (Decimal("-2.5"), None, "-2,5"),
        (Decimal("26.35"), 1, "26,4"),  # half away from zero, as people round
        (Decimal("100"), 1, "100,0"),
        (Decimal("1234567.891"), 2, "1.234.567,89"),
        (Decimal("-0.001"), 1, "0,0"),  # no "-0,0"
        (Decimal("26.300"), None, "26,3"),
        (Decimal("0"), None, "0"),
        (26.3, None, "26,3"),
        (11152, None, "11.152"),
    ],
)
def test_format(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_database_floats_come_back_with_the_typed_digits():
    assert decimal_from_db(26.3) == Decimal("26.3")
    assert decimal_from_db(0.1 + 0.2) != Decimal("0.3")  # a computed float stays honest
    assert decimal_from_db(11553.6) == Decimal("11553.6")


finite_decimals = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, places=4
)


@given(finite_decimals)
def test_parse_of_format_is_identity(value):
    assert parse_number(format_number(value)) == value


@given(finite_decimals, st.integers(min_value=0, max_value=3))
def test_rounded_format_reads_back_rounded(value, decimals):
    text = format_number(value, decimals)
    assert parse_number(text) == value.quantize(Decimal(1).scaleb(-decimals), "ROUND_HALF_UP")


@given(st.text())
def test_parse_never_raises_anything_but_value_error(text):
    try:
        result = parse_number(text)
    except ValueError:
        return
    assert isinstance(result, Decimal) and result.is_finite()


@pytest.mark.parametrize("text", ["12.000.000.000.000.000.000", "1.234.567.890.123.456.789,5"])
def test_numbers_too_long_to_store_exactly_are_refused(text):
    from dk_desktop.core.model import ValueType
    from dk_desktop.core.validation import parse_value

    with pytest.raises(ValueError, match="quá lớn"):
        parse_value(ValueType.AMOUNT, text)
