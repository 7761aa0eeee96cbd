"""Vietnamese number format: "." groups thousands, "," marks decimals (1.041; 26,3).

The rule for ambiguous input: a dot is *always* a thousands separator and must be
followed by exactly three digits. "1.500" is one thousand five hundred; "1.5" and
"26.3" are refused with a message asking for "1,5" / "26,3". We never guess, because
a clerk who types 26.3 and gets 263 would not notice.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["parse_number", "format_number", "decimal_from_db"]

# Optional sign, digits in groups of three after dots (a space may follow a dot, as in
# the source document's "11. 553,6"), then an optional decimal part after a comma. A
# grouped number never starts with 0: "0.125" is a decimal typed the English way.
_GROUPED = re.compile(r"(?P<int>[1-9][0-9]{0,2}(?:\. ?[0-9]{3})+|[0-9]+)(?:,(?P<frac>[0-9]+))?")
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen, minus sign, en dash (Word turns "-" into "–")
_SPACES = "\u00a0\u202f\u2009"

EXPECTED = "một số viết kiểu Việt Nam, ví dụ 26,3 hoặc 1.041 hoặc 11.553,6"


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way; raise ValueError saying what is expected."""
    if not isinstance(text, str):
        raise ValueError(f"Cần nhập {EXPECTED}.")
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, " ")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].rstrip()
    if not cleaned:
        raise ValueError(f"Chưa nhập số. Cần nhập {EXPECTED}.")
    negative = cleaned[0] in _MINUS_SIGNS
    if negative or cleaned[0] == "+":
        cleaned = cleaned[1:].lstrip()
    match = _GROUPED.fullmatch(cleaned)
    if match is None:
        raise ValueError(_explain(text.strip()))
    digits = match["int"].replace(".", "").replace(" ", "")
    if match["frac"]:
        digits += "." + match["frac"]
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        raise ValueError(_explain(text.strip())) from None
    return -value if negative else value


def _explain(text: str) -> str:
    """A message for a refused entry, with a hint for the common mistakes."""
    if re.fullmatch(r"[+\-]?\d+\.\d{1,2}|[+\-]?\d+\.\d{4,}|[+\-]?0+\. ?\d{3}", text):
        suggestion = text.replace(".", ",")
        return (
            f"«{text}» không rõ: dấu chấm dùng để tách hàng nghìn (1.041). "
            f"Nếu là số thập phân, hãy gõ dấu phẩy: {suggestion}."
        )
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        return (
            f"«{text}» viết theo kiểu tiếng Anh. Hãy dùng dấu chấm tách hàng nghìn "
            "và dấu phẩy cho phần thập phân, ví dụ 1.041 hoặc 26,3."
        )
    return f"«{text}» không phải là số. Cần nhập {EXPECTED}."


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 1.041, 26,3, 11.553,6, -2,5.

    With ``decimals`` the value is rounded (half away from zero, as people round);
    without it, the value's own digits are kept and trailing zeros dropped.
    """
    number = value if isinstance(value, Decimal) else decimal_from_db(value)
    if not number.is_finite():
        raise ValueError("Không thể viết một giá trị không hữu hạn thành số.")
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
        text = f"{abs(number):f}"
    else:
        text = f"{abs(number):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups) + ("," + frac if frac else "")
    is_zero = all(ch in "0.," for ch in result)
    return ("-" + result) if number < 0 and not is_zero else result


def decimal_from_db(value: float | int | str | Decimal) -> Decimal:
    """A Decimal with the digits a person typed, from a value SQLite stored as REAL.

    repr() of a float is the shortest text that reads back to the same float, so
    26.3 comes back as Decimal("26.3"), not 26.300000000000000710542735760100.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)
