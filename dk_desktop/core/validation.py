"""What a value may be, by the figure's value type, with messages saying what is expected."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from .model import Indicator, ValueType
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
        raise ValueError(YES_NO_EXPECTED)
    return value


YES_WORDS = ("đạt", "có", "x", "đã đạt", "rồi")
NO_WORDS = ("chưa đạt", "không", "chưa", "không đạt")
YES_NO_EXPECTED = "Gõ «Đạt» hoặc «Chưa đạt» (cũng hiểu: «có» / «không», 1 / 0)."


def parse_value(value_type: ValueType, text: str, unit: str = "") -> Decimal:
    """Read what a person typed for a figure; for a yes/no figure the words «Đạt» /
    «Chưa đạt» (and «có» / «không») as well as 1 / 0."""
    if value_type is ValueType.YESNO:
        words = " ".join(unicodedata.normalize("NFC", text).lower().split())
        if words in YES_WORDS:
            return Decimal(1)
        if words in NO_WORDS:
            return Decimal(0)
        try:
            number = parse_number(text)
        except ValueError:
            raise ValueError(f"«{text.strip()}» không rõ. {YES_NO_EXPECTED}") from None
        return check_value(value_type, number, unit)
    return check_value(value_type, parse_number(text), unit)


_MEASURED = ("lượng", "diện tích", "khối lượng", "sản lượng", "chiều dài")


def ratio_parts_are_whole(figure: Indicator | None) -> bool:
    """Whether a ratio's parts are counted things (households, people, villages: whole
    numbers) or measured ones (ha of forest, tonnes of waste: decimals allowed). Decided
    from the parts' names: "Diện tích rừng … (ha)", "Lượng rác thải …" are measured."""
    if figure is None:
        return True
    return labels_are_whole(figure.numerator_label, figure.denominator_label)


def labels_are_whole(numerator_label: str | None, denominator_label: str | None) -> bool:
    """ratio_parts_are_whole from the parts' names alone (for a catalogue being read)."""
    for label in (numerator_label or "", denominator_label or ""):
        words = label.lower().removeprefix("tổng ").strip()
        if words.startswith(_MEASURED) or "(ha)" in words or "(tấn)" in words:
            return False
    return True


def check_ratio(
    numerator: Decimal,
    denominator: Decimal,
    figure: Indicator | None = None,
    *,
    whole: bool | None = None,
) -> None:
    """A ratio's parts: non-negative, whole where they count things (``whole``, else
    ratio_parts_are_whole: always without a figure), the part no larger than the whole."""
    whole = ratio_parts_are_whole(figure) if whole is None else whole
    part_type = ValueType.COUNT if whole else ValueType.AMOUNT
    for label, number in (("Số đạt", numerator), ("Tổng số", denominator)):
        try:
            check_value(part_type, number)
        except ValueError as error:
            raise ValueError(f"{label}: {error}") from None
    if denominator == 0:
        raise ValueError("Mẫu số (tổng số) phải lớn hơn 0.")
    if numerator > denominator:
        raise ValueError(
            f"Số đạt ({format_number(numerator)}) không thể lớn hơn tổng số "
            f"({format_number(denominator)})."
        )


VILLAGE_RATIO_EXPECTED = (
    "Chỉ số tỷ lệ: bản nhập số đạt và tổng số (ví dụ 12 hộ nghèo trên 240 hộ), không nhập "
    "tỷ lệ %. Tỷ lệ của xã được tính từ tổng số đạt và tổng số của các bản, nên một tỷ lệ % "
    "riêng của bản không cộng vào được."
)
