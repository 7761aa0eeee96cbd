"""Memory the app does not need to keep.

PySide6 installs an import hook (``shibokensupport/feature.py``) that reads the source
text of every module imported after PySide6 — ``inspect.getsource(module)``, to see
whether it mentions PySide6 — and ``linecache`` keeps every text it read: about 25 MB
for the store, numpy and matplotlib when the app runs from source (the frozen file has
no sources). Nothing here needs them afterwards (a traceback reads its lines again), so
they are dropped after each batch of imports (the start-up's, matplotlib's): memory
freed early is reused by what comes next, which is what keeps the resident size down
(192 → 173 MB after every tab, from source; dropping them only at the end would give
nothing back, the freed blocks sit between live objects).
"""

from __future__ import annotations

import linecache


def forget_module_sources() -> None:
    """Drop the module sources read so far (after a batch of imports)."""
    linecache.clearcache()
