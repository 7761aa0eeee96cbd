"""How values are kept in the database: numbers as REAL read back as exact decimals, the
canonical text the history writes them in, and the time stamp of a change."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ..core.numbers import decimal_from_db


def now_text() -> str:
    """The laptop's time with its offset, for people to read (never to decide anything)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def decimal_or_none(value: Any) -> Decimal | None:
    """A stored number read back exactly (None stays None)."""
    return None if value is None else decimal_from_db(value)


def stored_number(value: Decimal | None) -> float | int | None:
    """A decimal as SQLite stores it: an int when whole, else a float (read back exactly
    by ``decimal_or_none``)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def history_text(value: Any) -> str | None:
    """Values in the history table: canonical decimals ("26.3"), text as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value.normalize()) if value != value.to_integral_value() else str(int(value))
    if isinstance(value, float):
        return history_text(decimal_from_db(value))
    return str(value)
