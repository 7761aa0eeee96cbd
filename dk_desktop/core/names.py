"""Names of places as people type them: one way to clean a name and to compare two.

Vietnamese letters can be typed composed («ă» as one code point, NFC, what Windows
keyboards give) or decomposed («a» + breve, NFD, what some Mac and phone keyboards and some
Excel files give). They look the same, so they must be the same name: every comparison goes
through ``name_key``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol, TypeVar


def clean_name(name: str) -> str:
    """The name as stored: NFC, spaces collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What two names must share to be the same place: ``clean_name``, case ignored."""
    return unicodedata.normalize("NFC", clean_name(name).casefold())


_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
FILE_NAME_LENGTH = 150  # characters: a folder on an old Windows leaves ~100 of 260 for it


def file_name(text: str) -> str:
    """A file name Windows accepts, Vietnamese letters kept: each run of / \\ : * ? " < > |
    or control characters becomes «-», spaces are collapsed, no dot or space at the ends
    (Windows drops them), at most FILE_NAME_LENGTH characters; "" when nothing is left."""
    cleaned = " ".join(_NOT_IN_FILE_NAMES.sub("-", unicodedata.normalize("NFC", text)).split())
    return cleaned.strip(" .")[:FILE_NAME_LENGTH].rstrip(" .")


class Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def find_named(items: Iterable[N], name: str) -> N | None:
    """The one of ``items`` (places) that ``name`` names, as people mean it (name_key): a
    village in settings or on the command line found among the database's villages."""
    wanted = name_key(name)
    return next((item for item in items if name_key(item.name) == wanted), None)
