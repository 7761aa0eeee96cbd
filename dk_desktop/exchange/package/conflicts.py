"""Conflicts: an entry a village changed while the commune changed the same figure. Both are
kept until a person chooses (docs/package-format.md, «Conflicts»)."""

from __future__ import annotations

from dataclasses import dataclass

from ...store.repository import ResultInput, Store
from ..preview import display_input


@dataclass(frozen=True)
class Conflict:
    """A conflict waiting for a choice: the entry here (``current``) and the package's
    (``incoming``), each with who entered it and when (as that laptop's clock said)."""

    id: int
    figure_id: int
    place_id: int
    year: int
    current: ResultInput
    current_by: str
    current_at: str
    incoming: ResultInput
    incoming_by: str
    incoming_at: str


def open_conflicts(store: Store) -> list[Conflict]:
    """The conflicts waiting for a person's choice, oldest first."""
    conflicts = []
    for waiting in store.exchange.waiting_conflicts():
        current = store.result(waiting.figure_id, waiting.place_id, waiting.year)
        conflicts.append(
            Conflict(
                id=waiting.id,
                figure_id=waiting.figure_id,
                place_id=waiting.place_id,
                year=waiting.year,
                current=ResultInput.of(current),
                current_by=current.entered_by if current else "",
                current_at=current.entered_at if current else "",
                incoming=waiting.incoming.entry,
                incoming_by=waiting.incoming.entered_by,
                incoming_at=waiting.incoming.entered_at,
            )
        )
    return conflicts


def describe_conflict(store: Store, conflict: Conflict) -> str:
    """One line for the command line: both values, who entered each and on which day."""
    figure = store.figure(conflict.figure_id)
    place = store.place(conflict.place_id)
    mine = display_input(figure, conflict.current) or "(trống)"
    theirs = display_input(figure, conflict.incoming) or "(xóa)"
    return (
        f"[{conflict.id}] {figure.code} {figure.name} — {place.name}, năm {conflict.year}: "
        f"đang có {mine} ({conflict.current_by}, {conflict.current_at[:10]}); "
        f"trong gói {theirs} ({conflict.incoming_by}, {conflict.incoming_at[:10]})"
    )


def resolve_conflict(store: Store, conflict_id: int, take_incoming: bool) -> None:
    """The person's choice: keep the commune's value, or take the village's."""
    store.exchange.resolve_conflict(conflict_id, take_incoming)
