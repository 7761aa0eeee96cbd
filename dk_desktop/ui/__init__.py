"""Qt widgets only: the main window, one module per tab, dialogs, table models."""

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook, changed just below

from .memory import use_light_source_check

# Before any other module of the app (or numpy, matplotlib) is imported: see ui/memory.py.
use_light_source_check()
