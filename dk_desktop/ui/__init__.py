"""Qt widgets only: the main window, one module per tab, dialogs, table models.

Importing the package first protects None/True/False from the reference counting bug
of the Qt binding in use (see qt_compat).
"""

from .qt_compat import protect_singletons

protect_singletons()
