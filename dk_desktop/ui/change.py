"""What a write touched: the one message from the session (and the window's operations)
to the views, so that each redraws just enough.

A module of its own because both ends name it: the undo commands that make one, the
session that sends it, the views that read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """What a write touched, so that views can redraw just enough."""

    kind: str  # "result" | "task" | "catalogue" | "places" | "all"
    figure_id: int | None = None
    item_id: int | None = None
    place_id: int | None = None
    year: int | None = None
