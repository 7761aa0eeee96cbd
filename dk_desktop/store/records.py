"""Rows to records: what the store hands out (core's Item, Indicator, Place, Result) made
from the database's rows, and what it takes in for one entry (ResultInput)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..core.model import (
    Aggregation,
    Direction,
    Field,
    Indicator,
    Item,
    Kind,
    Place,
    PlaceKind,
    Result,
    Section,
    ValueType,
)
from .values import decimal_or_none


@dataclass(frozen=True)
class ResultInput:
    """What a person entered for one figure, place and year; all None clears it."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.numerator is None and not self.note

    @classmethod
    def of(cls, result: Result | None) -> ResultInput:
        if result is None:
            return cls()
        return cls(result.value, result.numerator, result.denominator, result.note)


def item_record(row: dict[str, Any]) -> Item:
    return Item(
        id=row["id"],
        code=row["code"],
        section=Section(row["section"]),
        number=row["number"],
        resolution_number=row["resolution_number"],
        group_code=row["group_code"],
        field=Field(row["field_code"]),
        name=row["name"],
        source=row["source"],
        position=row["position"],
        note=row["note"],
    )


def figure_record(row: dict[str, Any], milestones: dict[int, Decimal]) -> Indicator:
    return Indicator(
        id=row["id"],
        code=row["code"],
        item_id=row["item_id"],
        name=row["name"],
        unit=row["unit"],
        kind=Kind(row["kind"]),
        direction=Direction(row["direction"]),
        comparator=row["comparator"],
        target=decimal_or_none(row["target"]),
        target_high=decimal_or_none(row["target_high"]),
        target_year=row["target_year"],
        target_text=row["target_text"],
        value_type=ValueType(row["value_type"]),
        aggregation=Aggregation(row["aggregation"]),
        numerator_label=row["numerator_label"],
        denominator_label=row["denominator_label"],
        baseline=decimal_or_none(row["baseline"]),
        baseline_year=row["baseline_year"],
        baseline_text=row["baseline_text"],
        baseline_source=row["baseline_source"],
        source=row["source"],
        note=row["note"],
        position=row["position"],
        retired=bool(row["retired"]),
        milestones=milestones,
        total=decimal_or_none(row.get("total")),
        structure=row.get("structure"),
    )


def place_record(row: dict[str, Any]) -> Place:
    return Place(
        id=row["id"],
        name=row["name"],
        kind=PlaceKind(row["kind"]),
        parent_id=row["parent_id"],
        position=row["position"],
        retired=bool(row["retired"]),
        uid=row["uid"],
    )


def result_record(row: dict[str, Any]) -> Result:
    return Result(
        figure_id=row["figure_id"],
        place_id=row["place_id"],
        year=row["year"],
        value=decimal_or_none(row["value"]),
        numerator=decimal_or_none(row["numerator"]),
        denominator=decimal_or_none(row["denominator"]),
        note=row["note"],
        entered_by=row["entered_by"],
        entered_at=row["entered_at"],
    )
