"""What a village secretary's laptop may type: its own village's results, nothing else.

A data package (docs/package-format.md) carries only the entries this laptop made for one
village. The commune's own figures, the other villages' figures, the catalogue with its
plan and notes, the tasks' states and the places' names come from the commune office (in
its configuration package, which replaces them here), so anything typed for them on a
village laptop would never reach the office. On a village laptop those cells are
therefore read-only, with a tooltip that says why; and the send preview says what was typed
here but stays behind (entries made before this rule, or while the laptop had another
role).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..core.model import Place, PlaceKind
from ..core.names import name_key
from ..store.repository import Store

if TYPE_CHECKING:
    from .session import Session  # the session asks this module: a type only


def is_own_village(session: Session, place: Place) -> bool:
    own = session.village_laptop
    if not own:
        return False
    return place.kind is PlaceKind.VILLAGE and name_key(place.name) == name_key(own)


def locked_reason(session: Session, place: Place | None) -> str | None:
    """Why the results of ``place`` (None: the whole commune) cannot be typed on this
    laptop, in Vietnamese; None when they can."""
    own = session.village_laptop
    if not own or (place is not None and is_own_village(session, place)):
        return None
    if place is None or place.kind is not PlaceKind.VILLAGE:
        return QCoreApplication.translate(
            "village_scope",
            "Máy này là máy của {own}: số liệu toàn xã do văn phòng xã nhập. Gói số liệu "
            "của bản chỉ mang số liệu của bản, nên số nhập ở đây sẽ không được gửi đi.",
        ).format(own=_village_words(own))
    return QCoreApplication.translate(
        "village_scope",
        "Máy này là máy của {own}: chỉ nhập số liệu của bản mình. Số liệu của «{place}» do "
        "bản đó gửi lên; gói số liệu của máy này chỉ mang số liệu của {own}.",
    ).format(own=_village_words(own), place=place.name)


def catalogue_locked_reason(session: Session) -> str | None:
    """Why what the office's configuration package brings (the figures and their plan and
    notes, the tasks' states, the places' names) cannot be changed on this laptop; None
    when it can."""
    own = session.village_laptop
    if not own:
        return None
    return QCoreApplication.translate(
        "village_scope",
        "Máy này là máy của {own}: danh mục chỉ tiêu, kế hoạch, tên địa bàn, ghi chú chung và "
        "đánh giá nhiệm vụ do văn phòng xã nhập và gửi xuống trong gói cấu hình (gói đó thay "
        "mọi thay đổi ở đây). Ghi chú của bản nhập ở cột «Ghi chú» trang «Theo bản» (được gửi "
        "kèm gói số liệu).",
    ).format(own=_village_words(own))


def _village_words(name: str) -> str:
    from .settings import village_title  # "Nà Mường" → "bản Nà Mường"

    return village_title(name)


def left_behind(store: Store, village_id: int) -> list[tuple[str, int]]:
    """(place, count) of the entries made on this laptop that a data package of
    ``village_id`` does not carry (the commune's, other villages'), largest first."""
    from ..exchange.package import data_package_entries  # the engine's own selection

    commune = store.commune()
    counts = []
    for place in [commune, *store.villages(include_retired=True)]:
        if place.id == village_id:
            continue
        results, cleared = data_package_entries(store, place.id)
        if results or cleared:
            name = (
                QCoreApplication.translate("village_scope", "toàn xã")
                if place.id == commune.id
                else place.name
            )
            counts.append((name, len(results) + len(cleared)))
    counts.sort(key=lambda pair: -pair[1])
    return counts


def left_behind_sentence(store: Store, village_id: int) -> str:
    """For the send preview: what typed on this laptop stays behind, or ""."""
    counts = left_behind(store, village_id)
    if not counts:
        return ""
    total = sum(count for _, count in counts)
    where = ", ".join(f"{name}: {count}" for name, count in counts)
    return QCoreApplication.translate(
        "village_scope",
        "Không gửi trong gói này: {total} số liệu nhập trên máy này cho nơi khác ({where}). "
        "Gói số liệu chỉ mang số liệu của một bản; số liệu đó ở lại máy này.",
    ).format(total=total, where=where)
