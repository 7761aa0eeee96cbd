"""Names of places as people type them: one way to clean a name and to compare two.

Vietnamese letters can be typed composed («ă» as one code point, NFC, what Windows
keyboards give) or decomposed («a» + breve, NFD, what some Mac and phone keyboards and some
Excel files give). They look the same, so they must be the same name: every comparison goes
through ``name_key``.
"""

from __future__ import annotations

import unicodedata


def clean_name(name: str) -> str:
    """The name as stored: NFC, spaces collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What two names must share to be the same place: ``clean_name``, case ignored."""
    return unicodedata.normalize("NFC", clean_name(name).casefold())
