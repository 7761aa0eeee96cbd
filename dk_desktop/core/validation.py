"""What a value may be, by the figure's value type, with messages saying what is expected."""

from __future__ import annotations

from decimal import Decimal

from .model import ValueType
from .numbers import format_number, parse_number

RATE_LIMITS = (Decimal(-100), Decimal(1000))
DIGITS = 15
"""SQLite keeps a value as a double: beyond 15 significant digits it would round silently."""
LARGEST = Decimal(10) ** DIGITS


def check_value(value_type: ValueType, value: Decimal, unit: str = "") -> Decimal:
    """Return the value if it fits the figure; raise ValueError in Vietnamese otherwise."""
    unit_text = f" ({unit})" if unit else ""
    if not value.is_finite() or abs(value) >= LARGEST or len(value.as_tuple().digits) > DIGITS:
        raise ValueError(
            f"Số quá lớn hoặc quá nhiều chữ số (tối đa {DIGITS} chữ số có nghĩa); "
            "hãy kiểm tra lại, có thể đã gõ thừa số."
        )
    if value_type is ValueType.COUNT:
        if value < 0:
            raise ValueError(f"Số lượng{unit_text} không thể âm. Cần nhập số nguyên từ 0 trở lên.")
        if value != value.to_integral_value():
            raise ValueError(
                f"Số lượng{unit_text} phải là số nguyên, không có phần lẻ "
                f"(đã nhập {format_number(value)})."
            )
    elif value_type is ValueType.AMOUNT:
        if value < 0:
            raise ValueError(f"Giá trị{unit_text} không thể âm. Cần nhập số từ 0 trở lên.")
    elif value_type is ValueType.PERCENT:
        if not Decimal(0) <= value <= Decimal(100):
            raise ValueError(
                f"Tỷ lệ phải từ 0 đến 100 % (đã nhập {format_number(value)}). "
                "Ví dụ: 26,3 cho 26,3 %."
            )
    elif value_type is ValueType.RATE:
        low, high = RATE_LIMITS
        if not low <= value <= high:
            raise ValueError(
                f"Tốc độ tăng phải từ {format_number(low)} đến {format_number(high)} %/năm "
                f"(đã nhập {format_number(value)})."
            )
    elif value_type is ValueType.YESNO and value not in (Decimal(0), Decimal(1)):
        raise ValueError("Chỉ nhập 1 (đã đạt) hoặc 0 (chưa đạt).")
    return value


def parse_value(value_type: ValueType, text: str, unit: str = "") -> Decimal:
    """Read what a person typed for a figure; "đạt"/"chưa đạt" are understood for yes/no."""
    if value_type is ValueType.YESNO:
        words = text.strip().lower()
        if words in ("đạt", "có", "x", "đã đạt"):
            return Decimal(1)
        if words in ("chưa đạt", "không", "chưa"):
            return Decimal(0)
    return check_value(value_type, parse_number(text), unit)


def check_ratio(numerator: Decimal, denominator: Decimal) -> None:
    """A ratio's parts: whole, non-negative counts, the part no larger than the whole."""
    for label, number in (("Số đạt", numerator), ("Tổng số", denominator)):
        try:
            check_value(ValueType.COUNT, number)
        except ValueError as error:
            raise ValueError(f"{label}: {error}") from None
    if denominator == 0:
        raise ValueError("Mẫu số (tổng số) phải lớn hơn 0.")
    if numerator > denominator:
        raise ValueError(
            f"Số đạt ({format_number(numerator)}) không thể lớn hơn tổng số "
            f"({format_number(denominator)})."
        )
