"""PySide6's import hook, made to stop keeping the source text of every module.

PySide6 installs an import hook (``shibokensupport/feature.py``) that asks, for every
module imported after PySide6, whether its source mentions "PySide6" (to know which
modules its optional ``from __feature__ import …`` switches apply to). It asks through
``inspect.getsource(module)``, which reads the file into ``linecache`` and keeps it
there: ~25 MB of text for the store, numpy and matplotlib when the app runs from source,
besides the time to read and split it. ``use_light_source_check()`` gives the hook the
same answer from the file's bytes, read and let go. The frozen app has no sources: the
answer there is False, as before.

Measured (bench/app_driver.py, offscreen, every tab opened): 158 → 148 MB from source,
data shown 0.76 → 0.63 s. Clearing linecache after each batch of imports, the earlier
work-around, only got part of it back (the freed text left the heap fragmented).

Off switch: ``DK_NO_LIGHT_SOURCE_CHECK=1`` in the environment leaves PySide6's own check
in place (to compare, or if a PySide6 upgrade misbehaves with it). It replaces a private
function: tests/test_library_patches.py fails when PySide6 no longer has it, asks
another question, or stops keeping the sources (then this module can go).
"""

from __future__ import annotations

import linecache
import os
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

OFF_SWITCH = "DK_NO_LIGHT_SOURCE_CHECK"

upstream_check: Callable[[ModuleType], bool] | None = None
"""PySide6's own ``_mod_uses_pyside``, kept when the light check replaces it."""


def _uses_pyside(module: ModuleType) -> bool:
    """Upstream's question ("PySide6" in the module's source), without linecache."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built-in, extension or frozen: upstream finds no source either
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def use_light_source_check() -> bool:
    """Install the light check in PySide6's hook (once PySide6 is imported; done by
    ``dk_desktop/ui/__init__.py``), and drop the sources the hook already read; True if
    installed. Nothing happens if it is switched off or PySide6 no longer has the hook
    (the app runs the same, with more memory)."""
    global upstream_check
    if os.environ.get(OFF_SWITCH) == "1":
        return False
    feature: Any = sys.modules.get("shibokensupport.feature")  # PySide6's, untyped
    current = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(current):
        return False
    if current is not _uses_pyside:
        upstream_check = current
    feature._mod_uses_pyside = _uses_pyside
    linecache.clearcache()
    return True
