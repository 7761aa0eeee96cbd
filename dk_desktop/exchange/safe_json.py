"""Files from outside (a package from another laptop, an export file a person chose) are
untrusted: JSON is parsed with bounds (whatever the bytes, the result is a document SQLite
can hold or a Vietnamese reason: no deep nesting, numbers beyond 64 bits, NaN, bad UTF-8),
and reading such a file runs inside ``refusing_bad_content``, so that content no check
foresaw still ends in a Vietnamese refusal, never a Python traceback."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..store.errors import StoreError

MAX_DEPTH = 32
"""The app's own files nest at most 6 levels; anything deeper is not one of them."""
SQLITE_INTEGERS = range(-(2**63), 2**63)
"""An integer outside this range cannot be stored (OverflowError in sqlite3)."""


class UnreadableJson(ValueError):
    """The bytes are not JSON this app can use; ``str(error)`` says why, in Vietnamese."""


def _refuse_constant(name: str) -> Any:
    raise UnreadableJson(f"có giá trị «{name}» không phải là số")


def load_json(data: bytes | str) -> Any:
    """Parse JSON (UTF-8 bytes or text), refusing what no file of this app holds."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise UnreadableJson("không phải là chữ UTF-8") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise UnreadableJson(f"sai cú pháp JSON ở dòng {error.lineno}, cột {error.colno}") from None
    except RecursionError:
        raise UnreadableJson("lồng nhau quá sâu") from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        if isinstance(error, UnreadableJson):
            raise
        raise UnreadableJson("có số quá lớn") from None
    _check_bounds(document)
    return document


def _check_bounds(document: Any) -> None:
    """Depth and numbers, walked without recursion (the walk itself must not overflow)."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise UnreadableJson("lồng nhau quá sâu")
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and value not in SQLITE_INTEGERS:
            raise UnreadableJson(f"có số quá lớn ({str(value)[:12]}…)")
        elif isinstance(value, float) and not math.isfinite(value):
            raise UnreadableJson("có số quá lớn")


BAD_CONTENT = (
    TypeError,
    ValueError,
    KeyError,
    AttributeError,
    IndexError,
    ArithmeticError,
    RecursionError,
    MemoryError,
    sqlite3.IntegrityError,
)
"""What content that passed the checks could still raise deep inside (a type no check
foresaw, a row the schema's constraints refuse): turned into a refusal at the boundary."""


@contextmanager
def refusing_bad_content(message: str, refusal: type[StoreError]) -> Iterator[None]:
    """Turn BAD_CONTENT raised inside into ``refusal(message)``. Put it outside the
    transaction it guards, so that the transaction is rolled back first: nothing changes."""
    try:
        yield
    except StoreError:
        raise
    except BAD_CONTENT:
        raise refusal(message) from None
