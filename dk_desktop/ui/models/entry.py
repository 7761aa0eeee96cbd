"""Typing one result: the value, or a ratio's two parts ("số đạt" and "tổng số").

Shared by the year table (the commune's results) and the village table. The text is read
the Vietnamese way (core.validation); the store has the last word and its refusal
(StoreError, in Vietnamese) is passed on unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from ...core.model import Indicator, Place, Result, ValueType
from ...core.validation import check_ratio, check_value, parse_value, ratio_parts_are_whole
from ...store.errors import StoreError
from ...store.repository import ResultInput
from ..session import Session
from ..texts import translate

VALUE, NUMERATOR, DENOMINATOR, NOTE = "value", "numerator", "denominator", "note"


@dataclass
class Pending:
    """A ratio part typed before the other one: held until both are there, then written."""

    parts: dict[tuple[int, int], dict[str, Decimal]] = field(default_factory=dict)

    def get(self, key: tuple[int, int], part: str) -> Decimal | None:
        return self.parts.get(key, {}).get(part)

    def put(self, key: tuple[int, int], part: str, value: Decimal) -> None:
        self.parts.setdefault(key, {})[part] = value

    def drop(self, key: tuple[int, int]) -> None:
        self.parts.pop(key, None)

    def has(self, key: tuple[int, int]) -> bool:
        return bool(self.parts.get(key))


def _other(part: str) -> str:
    return DENOMINATOR if part == NUMERATOR else NUMERATOR


def part_label(figure: Indicator, part: str) -> str:
    if part == NUMERATOR:
        return figure.numerator_label or translate("entry", "Số đạt")
    return figure.denominator_label or translate("entry", "Tổng số")


def part_type(figure: Indicator) -> ValueType:
    """Counted parts are whole numbers; measured ones (ha, tonnes) may have decimals."""
    return ValueType.COUNT if ratio_parts_are_whole(figure) else ValueType.AMOUNT


def check_text(figure: Indicator, part: str, text: str, known_other: Decimal | None) -> str | None:
    """What is wrong with ``text`` for this part of the figure, or None."""
    text = text.strip()
    if part == NOTE or not text:
        return None
    try:
        if part == VALUE:
            parse_value(figure.value_type, text, figure.unit)
        else:
            number = parse_value(part_type(figure), text)
            check_value(part_type(figure), number)
            if known_other is not None:
                pair = (number, known_other) if part == NUMERATOR else (known_other, number)
                check_ratio(*pair, figure)
    except ValueError as error:
        prefix = "" if part == VALUE else f"{part_label(figure, part)}: "
        return prefix + str(error)
    return None


def write_part(
    session: Session,
    pending: Pending,
    figure: Indicator,
    place: Place,
    year: int,
    old: Result | None,
    part: str,
    text: str,
) -> tuple[bool, str | None]:
    """Write what was typed into one part; return (written, message).

    ``message`` is a refusal when written is False and a notice otherwise (or None).
    """
    key = (place.id, year)
    text = text.strip()
    before = ResultInput.of(old)
    try:
        if part == NOTE:
            entry = ResultInput(before.value, before.numerator, before.denominator, text or None)
        elif part == VALUE:
            if not text:
                entry = ResultInput(None, None, None, before.note)
            else:
                value = parse_value(figure.value_type, text, figure.unit)
                entry = ResultInput(value, None, None, before.note)
        else:
            if not text:
                pending.drop(key)
                entry = ResultInput(None, None, None, before.note)
            else:
                number = parse_value(part_type(figure), text)
                check_value(part_type(figure), number)
                other = pending.get(key, _other(part)) or getattr(before, _other(part))
                if other is None:
                    pending.put(key, part, number)
                    missing = part_label(figure, _other(part)).lower()
                    return True, QCoreApplication.translate(
                        "entry", "Đã ghi nhận; nhập tiếp {missing} để lưu tỷ lệ."
                    ).format(missing=missing)
                numerator, denominator = (number, other) if part == NUMERATOR else (other, number)
                check_ratio(numerator, denominator, figure)
                entry = ResultInput(None, numerator, denominator, before.note)
    except ValueError as error:
        prefix = "" if part in (VALUE, NOTE) else f"{part_label(figure, part)}: "
        return False, prefix + str(error)
    try:
        session.set_result(figure, place, year, entry)
    except StoreError as error:
        return False, str(error)
    pending.drop(key)
    return True, None


class PartEntry:
    """Typing a result's parts into a row of a table model (the year table, the village
    table): checked against the other half the row already holds (saved or pending),
    then written through write_part. The model provides session, pending, figure and the
    columns of its two ratio halves."""

    numerator_column: int
    denominator_column: int

    def known_part(self, key: tuple[int, int], result: Result | None, part: str) -> Decimal | None:
        pending = self.pending.get(key, part)  # type: ignore[attr-defined]
        if pending is not None:
            return pending
        return getattr(result, part) if result is not None else None

    def part_problem(
        self, key: tuple[int, int], result: Result | None, part: str, text: str
    ) -> str | None:
        other = (
            self.known_part(key, result, _other(part)) if part in (NUMERATOR, DENOMINATOR) else None
        )
        return check_text(self.figure, part, text, other)  # type: ignore[attr-defined]

    def commit_part(
        self, index, place: Place, year: int, result: Result | None, part: str, value
    ) -> bool:
        written, message = write_part(
            self.session,  # type: ignore[attr-defined]
            self.pending,  # type: ignore[attr-defined]
            self.figure,  # type: ignore[attr-defined]
            place,
            year,
            result,
            part,
            "" if value is None else str(value),
        )
        if not written:
            self.session.refuse(message or "")  # type: ignore[attr-defined]
            return False
        if message:
            self.session.saved.emit(message)  # type: ignore[attr-defined]
            self.dataChanged.emit(  # type: ignore[attr-defined]
                index.siblingAtColumn(self.numerator_column),
                index.siblingAtColumn(self.denominator_column),
            )
        return True
