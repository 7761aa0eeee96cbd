"""How the package dialogs (send, receive, conflicts) word a file name, a value and who
entered it: shared by the three, so that a value reads the same in each."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core import words
from ..core.model import Indicator
from ..store.repository import ResultInput
from .display import date_time_text
from .texts import QT_TRANSLATE_NOOP

PACKAGE_FILTER = QT_TRANSLATE_NOOP("exchange", "Gói số liệu, gói cấu hình (*.dkgoi);;Mọi tệp (*)")


def entry_text(figure: Indicator, entry: ResultInput, empty: str | None = None) -> str:
    """A value as the clerk reads it: "1.041 hộ", "21/310", "(ghi chú) …"."""
    shown = words.entry_text(figure, entry.value, entry.numerator, entry.denominator)
    if shown:
        return shown
    if entry.note:
        return QCoreApplication.translate("exchange", "(ghi chú) {note}").format(note=entry.note)
    return QCoreApplication.translate("exchange", "(trống)") if empty is None else empty


def who_when(who: str, when: str) -> str:
    parts = [p for p in (who, date_time_text(when)) if p]
    if parts:
        return " · ".join(parts)
    return QCoreApplication.translate("exchange", "(không rõ người nhập)")
