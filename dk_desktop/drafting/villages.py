"""The villages list pasted as text: one «name, former commune» per line.

Names are cleaned the one way the app cleans place names (core.names: NFC, spaces
collapsed) and compared by ``name_key``, so «Bản Nà Mường» typed composed and decomposed
is one name: the second is reported as a duplicate, not kept twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.names import clean_name, name_key
from .errors import DraftError
from .text import normalise


@dataclass(frozen=True)
class Village:
    name: str
    former_commune: str
    line: int  # 1-based line of the pasted text


@dataclass
class VillageList:
    villages: list[Village] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # Vietnamese, one per duplicate
    problems: list[str] = field(default_factory=list)  # lines that could not be read

    @property
    def former_communes(self) -> list[str]:
        """The former communes named, in the order first met."""
        seen: dict[str, str] = {}
        for village in self.villages:
            if village.former_commune:
                seen.setdefault(name_key(village.former_commune), village.former_commune)
        return list(seen.values())


def parse_villages(text: str) -> VillageList:
    """Read the pasted list; an empty text is refused (DraftError), a duplicate or an
    unreadable line is reported and left out."""
    try:
        text = normalise(text)
    except DraftError:
        raise DraftError(
            "Danh sách bản trống. Hãy dán mỗi dòng một bản: «Tên bản, Tên xã cũ», "
            "ví dụ «Bản Nà Mường, Nà Mường»."
        ) from None
    result = VillageList()
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        name, _, former = raw.replace("\t", ",").partition(",")
        name, former = clean_name(name.strip(" -•*")), clean_name(former.strip(" ,"))
        if not name:
            result.problems.append(f"Dòng {number}: thiếu tên bản («{raw.strip()}»).")
            continue
        key = name_key(name)
        if key in first_line:
            result.duplicates.append(
                f"Dòng {number}: «{name}» trùng với dòng {first_line[key]} (đã bỏ dòng sau)."
            )
            continue
        first_line[key] = number
        result.villages.append(Village(name, former, number))
    return result
