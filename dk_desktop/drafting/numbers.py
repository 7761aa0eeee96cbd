"""The numbers of a resolution's text as written: «10.000», «4,0%», «02», «11. 553,6»,
ranges «3-5», «8 - 10%», «từ 25 đến 30», and shares «04/09».

Each number is read by core.numbers.parse_number (the one reader of Vietnamese numbers);
this module only finds where numbers stand and how they go together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core.numbers import parse_number

# A number as printed: thousands grouped by dots (a space may follow a dot only after two
# or three digits, as in «11. 553,6»: «mức độ 2. 100%» is two numbers), decimals after a
# comma. Not glued to a letter or to another number.
_NUMBER = re.compile(
    r"(?<![\w.,%‰])"
    r"(?P<n>[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|[1-9]\d{1,2}(?:\. \d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?![\d])(?!,\d)"
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|÷|đến|tới)\s*$")
_YEAR_BEFORE = re.compile(
    r"(?:năm|đến|tới|giai đoạn|nhiệm kỳ|kỳ|từ|trước|sau|vào|so với|[-–/])\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Number:
    """One number of the text: where it stands and what it is."""

    start: int
    end: int
    value: Decimal
    text: str


@dataclass(frozen=True)
class Value:
    """A target's number: one value, a range (``high``) or x of y (``total``)."""

    start: int
    end: int
    low: Number
    high: Number | None = None
    total: Number | None = None


def canonical(value: Decimal) -> str:
    """A number as the seed writes it: «4,0» → "4.0", «10.000» → "10000", «02» → "2"."""
    return f"{value:f}"


def find_numbers(text: str) -> list[Number]:
    """Every number of ``text``, in order."""
    found = []
    for match in _NUMBER.finditer(text):
        written = match["n"]
        try:
            value = parse_number(written)
        except ValueError:  # pragma: no cover - the pattern only lets readable numbers in
            continue
        found.append(Number(match.start("n"), match.end("n"), value, written))
    return found


def is_year(text: str, number: Number) -> bool:
    """A year (2030, «năm 2025», «2025-2030»), not a quantity: a whole number from 1990 to
    2100 after «năm», «đến», «giai đoạn» … or inside a range of years."""
    if "," in number.text or not 1990 <= number.value <= 2100:
        return False
    before = text[max(0, number.start - 14) : number.start]
    after = text[number.end : number.end + 6]
    return bool(_YEAR_BEFORE.search(before) or re.match(r"\s*[-–]\s*(19|20)\d\d", after))


def _per_unit(text: str, number: Number) -> bool:
    """The «1» of «giá trị sản xuất/1 ha»: a unit of measure, not a quantity."""
    return bool(re.search(r"[^\W\d]\s*/\s*$", text[max(0, number.start - 3) : number.start]))


def find_values(text: str) -> list[Value]:
    """The numbers of ``text`` joined into values: «8 - 10» and «từ 3 đến 5» are ranges,
    «04/09» is 4 of 9. Years are left out."""
    numbers = [n for n in find_numbers(text) if not is_year(text, n) and not _per_unit(text, n)]
    values: list[Value] = []
    i = 0
    while i < len(numbers):
        current = numbers[i]
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        between = text[current.end : following.start] if following else ""
        # «8 - 10%», «3-5», «từ 8 đến 10»: the unit may stand after the first too (8% - 10%)
        joined = following and _RANGE_JOIN.fullmatch(" " + between.replace("%", "") + " ")
        if following and joined and following.value > current.value:
            values.append(Value(current.start, following.end, current, high=following))
            i += 2
            continue
        if following and between == "/":
            values.append(Value(current.start, following.end, current, total=following))
            i += 2
            continue
        values.append(Value(current.start, current.end, current))
        i += 1
    return values
