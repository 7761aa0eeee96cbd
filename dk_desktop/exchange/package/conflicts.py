"""Conflicts: an entry a village changed while the commune changed the same figure. Both are
kept until a person chooses (docs/package-format.md, «Conflicts»)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from ...store.errors import StoreError
from ...store.repository import ResultInput, Store, now_text
from ..preview import display_input


@dataclass(frozen=True)
class Conflict:
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
    conflicts = []
    for row in store.query("SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY id"):
        incoming = json.loads(row["incoming"])
        current = store.result(row["figure_id"], row["place_id"], row["year"])
        conflicts.append(
            Conflict(
                id=row["id"],
                figure_id=row["figure_id"],
                place_id=row["place_id"],
                year=row["year"],
                current=ResultInput.of(current),
                current_by=current.entered_by if current else "",
                current_at=current.entered_at if current else "",
                incoming=ResultInput(
                    *(
                        Decimal(incoming[k]) if incoming[k] is not None else None
                        for k in ("value", "numerator", "denominator")
                    ),
                    incoming["note"],
                ),
                incoming_by=incoming["entered_by"],
                incoming_at=incoming["entered_at"],
            )
        )
    return conflicts


def describe_conflict(store: Store, conflict: Conflict) -> str:
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
    rows = store.query(
        "SELECT * FROM conflicts WHERE id = ? AND resolved_at IS NULL", [conflict_id]
    )
    if not rows:
        raise StoreError(f"Không có xung đột số {conflict_id} đang chờ.")
    row = rows[0]
    incoming = json.loads(row["incoming"])
    with store.transaction():
        if take_incoming:
            old = store.result(row["figure_id"], row["place_id"], row["year"])
            entry = ResultInput(
                *(
                    Decimal(incoming[k]) if incoming[k] is not None else None
                    for k in ("value", "numerator", "denominator")
                ),
                incoming["note"],
            )
            store.write_result(
                row["figure_id"],
                row["place_id"],
                row["year"],
                entry,
                origin=tuple(incoming["origin"]),
                entered_by=incoming["entered_by"],
                entered_at=incoming["entered_at"],
            )
            store._log_result_change(row["figure_id"], row["place_id"], row["year"], old, entry)
        store.db["conflicts"].update(
            conflict_id,
            {
                "resolved_at": now_text(),
                "resolved_by": store.user,
                "resolution": "taken" if take_incoming else "kept",
            },
        )
