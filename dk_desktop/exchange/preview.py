"""What receiving a file would do, before anything is written: the preview a person reads
and confirms, shared by a package from another laptop (``exchange/package/``) and a
filled-in Excel sheet (``exchange/xlsx_import.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core import words
from ..core.model import Indicator
from ..store.repository import ResultInput

if TYPE_CHECKING:  # for the type only: the package's modules import this one
    from .package.archive import Package


@dataclass(frozen=True)
class Change:
    """One figure, place and year as receiving would change it (``old`` → ``new``, as shown)."""

    figure_code: str
    figure_name: str
    place_name: str
    year: int
    old: str | None
    new: str | None
    who: str
    when: str

    def line(self) -> str:
        old = self.old if self.old is not None else "(trống)"
        new = self.new if self.new is not None else "(xóa)"
        return (
            f"{self.figure_code} {self.figure_name} — {self.place_name}, năm {self.year}: "
            f"{old} → {new} ({self.who}, {self.when[:10]})"
        )


@dataclass(frozen=True)
class Preview:
    """What receiving a file would do (a package, or a filled-in Excel sheet). Frozen: the
    planner fills its lists while planning; a preview that changes is a new one (replace)."""

    package: Package | None
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    already_received: bool = False
    binds: bool = False
    """A first configuration package: receiving it binds this laptop to its commune's office
    (the window asks first, naming the commune and the sender)."""
    catalogue_changes: int = 0
    new_places: list[str] = field(default_factory=list)
    history: int = 0
    skipped: list[Change] = field(default_factory=list)
    """Cells read but not taken (a sheet's commune total over the villages' figures)."""
    title: str = ""
    """What is received, for a file that is not a package."""

    @property
    def label(self) -> str:
        return self.package.label if self.package else self.title

    def summary(self) -> str:
        if self.already_received:
            return f"Đã nhận {self.label} trước đây; không có gì thay đổi."
        text = (
            f"{self.label}: {len(self.new)} số liệu mới, {len(self.changed)} thay đổi, "
            f"{len(self.unchanged)} không đổi, {len(self.conflicts)} xung đột cần chọn"
        )
        if self.skipped:
            text += (
                f"; {len(self.skipped)} ô tổng toàn xã khác tổng các bản bị bỏ qua "
                "(hãy sửa số liệu của từng bản)"
            )
        if self.package and self.package.is_configuration:
            text += (
                f"; {self.catalogue_changes} thay đổi danh mục, {len(self.new_places)} địa bàn mới"
            )
        if self.binds and self.package:
            text += (
                "; đây là gói cấu hình đầu tiên máy này nhận: từ nay máy chỉ nhận gói cấu hình "
                f"của văn phòng xã {self.package.manifest['commune_name']}"
            )
        return text + "."

    def report(self) -> str:
        lines = [self.summary()]
        for title, changes in (
            ("Mới", self.new),
            ("Thay đổi", self.changed),
            ("Xung đột (giữ cả hai, cần chọn)", self.conflicts),
            ("Bỏ qua (tổng toàn xã tính từ các bản)", self.skipped),
        ):
            if changes:
                lines.append(f"{title}:")
                lines.extend(f"  - {change.line()}" for change in changes)
        return "\n".join(lines)


def display_input(figure: Indicator, entry: ResultInput) -> str | None:
    """An entry as the preview shows it: «3/4», «26,3 %», a note alone, or None if empty."""
    if entry.is_empty:
        return None
    shown = words.entry_text(figure, entry.value, entry.numerator, entry.denominator)
    return shown or f"(ghi chú) {entry.note}"
