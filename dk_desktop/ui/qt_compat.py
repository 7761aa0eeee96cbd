"""Work-arounds for the Qt binding in use.

PySide6 6.12 returns the result of ``SignalInstance.emit`` (True) without taking a
reference to it, so every ``signal.emit(...)`` made from Python takes one reference
from the ``True`` object when the result is thrown away. ``True`` starts with a few
thousand references; after that many emits CPython aborts with "Fatal Python error:
bool_dealloc: deallocating True" — a clerk's long afternoon of typing would crash the
app. ``emit`` below gives the reference back, and only where the binding drops it
(checked once at import), so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    dropped = sys.getrefcount(True) < before
    if dropped:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return dropped


EMIT_DROPS_A_REFERENCE = _emit_drops_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, without the lost reference (see the module docstring)."""
    result = signal.emit(*args)
    if EMIT_DROPS_A_REFERENCE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
