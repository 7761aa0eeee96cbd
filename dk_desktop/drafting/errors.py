"""The one error of drafting: a Vietnamese message saying what is expected."""

from __future__ import annotations


class DraftError(ValueError):
    """Bad input for a draft (an empty text, a file that is not one, no targets)."""
