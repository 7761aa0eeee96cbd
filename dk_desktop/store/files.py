"""Durable file writes: write under a temporary name, flush to disk, then rename."""

from __future__ import annotations

import os
from pathlib import Path


def temporary_name(target: Path) -> Path:
    """The name a file is built under; it never carries the final name half-written."""
    return target.with_name(target.name + ".dang-ghi")


def commit_file(temporary: Path, target: Path) -> None:
    """Flush ``temporary`` to disk and rename it over ``target`` in one step."""
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    if os.name == "posix":  # the rename itself must reach the disk too
        descriptor = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_bytes_atomically(target: Path, data: bytes) -> None:
    temporary = temporary_name(target)
    temporary.write_bytes(data)
    commit_file(temporary, target)
