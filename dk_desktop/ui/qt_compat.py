"""Work-arounds for the Qt binding in use (PySide6 6.12 with Python 3.11).

1. Every call from Python to a Qt method that returns nothing (setText, setEnabled,
   update, …) takes one reference from ``None`` when its result is thrown away, and
   ``SignalInstance.emit`` does the same to ``True``. ``None`` and ``True`` start with a
   few thousand references; once they reach zero CPython aborts ("Fatal Python error:
   none_dealloc: deallocating None"). A clerk's afternoon of typing, or a test run,
   gets there. ``protect_singletons`` gives None, True and False so many extra
   references that no session can use them up (Python 3.12 makes them immortal for the
   same reason); it is called when dk_desktop.ui is imported.

2. ``emit`` below gives back the reference ``signal.emit`` drops, exactly, and only
   where the binding drops it (checked once at import), so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

EXTRA_REFERENCES = 1 << 40


def protect_singletons() -> None:
    """Make None, True and False practically immortal (see the module docstring)."""
    if sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return  # immortal already
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < EXTRA_REFERENCES:
            count.value += EXTRA_REFERENCES


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
