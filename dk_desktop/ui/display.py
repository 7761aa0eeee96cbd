"""How figures, statuses and dates are written on screen (Vietnamese), and their colours.

No widgets here: the models and tabs call these to turn plain records into text.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..core import words
from ..core.model import Indicator, Status, TaskState
from ..core.numbers import decimal_from_db, format_number
from . import texts
from .texts import QT_TRANSLATE_NOOP, translate


def default_year(term: tuple[int, int]) -> int:
    """The year a clerk most likely enters: this year within the open file's ``term``
    (store.term()), after its baseline year (clocks can be wrong, so it is only a
    starting choice)."""
    start, end = term
    return min(max(date.today().year, start + 1), end)


# (text colour, background) per status: the one palette (core.words.STATUS_LOOKS), dark
# text on a light background, readable in black and white too, because the word is always
# shown beside the colour.
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    status: (look.ink, look.fill) for status, look in words.STATUS_LOOKS.items()
}

# A task's state takes the look of the verdict it is like (the same palette).
TASK_STATE_COLOURS: dict[TaskState, tuple[str, str]] = {
    TaskState.NOT_STARTED: STATUS_COLOURS[Status.INCOMPLETE],
    TaskState.IN_PROGRESS: STATUS_COLOURS[Status.ON_TRACK],
    TaskState.DONE: STATUS_COLOURS[Status.MET],
}


ATTRIBUTE_LABELS = {
    "value": QT_TRANSLATE_NOOP("display", "kết quả"),
    "numerator": QT_TRANSLATE_NOOP("display", "số đạt"),
    "denominator": QT_TRANSLATE_NOOP("display", "tổng số"),
    "note": QT_TRANSLATE_NOOP("display", "ghi chú"),
    "name": QT_TRANSLATE_NOOP("display", "tên"),
    "unit": QT_TRANSLATE_NOOP("display", "đơn vị tính"),
    "kind": QT_TRANSLATE_NOOP("display", "loại chỉ tiêu"),
    "direction": QT_TRANSLATE_NOOP("display", "chiều"),
    "comparator": QT_TRANSLATE_NOOP("display", "cách so sánh"),
    "target": QT_TRANSLATE_NOOP("display", "mục tiêu Nghị quyết"),
    "target_high": QT_TRANSLATE_NOOP("display", "cận trên mục tiêu"),
    "target_year": QT_TRANSLATE_NOOP("display", "năm đạt"),
    "value_type": QT_TRANSLATE_NOOP("display", "kiểu số liệu"),
    "aggregation": QT_TRANSLATE_NOOP("display", "cách tổng hợp từ các bản"),
    "numerator_label": QT_TRANSLATE_NOOP("display", "tên số đạt"),
    "denominator_label": QT_TRANSLATE_NOOP("display", "tên tổng số"),
    "baseline": QT_TRANSLATE_NOOP("display", "số đầu kỳ (gốc)"),
    "retired": QT_TRANSLATE_NOOP("display", "thôi theo dõi"),
    "state": QT_TRANSLATE_NOOP("display", "trạng thái"),
    "parent_id": QT_TRANSLATE_NOOP("display", "thuộc xã cũ"),
}


def attribute_label(attribute: str) -> str:
    """What a history line calls a changed attribute ("value" → "kết quả")."""
    label = ATTRIBUTE_LABELS.get(attribute)
    return translate("display", label) if label else attribute


# The core's formatters, named here so that the views import their words from one module;
# the same functions, so the screen writes what the charts and the reports write.
value_text = words.value_text
percent_text = words.percent_text
target_text = words.target_text
baseline_text = words.baseline_text


def stored_value_text(figure: Indicator | None, raw: object) -> str:
    """A value as stored (a number or its text, e.g. in a package) written for people:
    «Đạt» / «Chưa đạt» for a yes/no figure, "26,3" otherwise."""
    if raw is None or raw == "":
        return ""
    try:
        value = decimal_from_db(raw)  # type: ignore[arg-type]
    except (ArithmeticError, ValueError, TypeError):
        return str(raw)
    return value_text(figure, value) if figure is not None else format_number(value)


def date_time_text(iso: str | None) -> str:
    """ "2027-03-15T14:05:00+07:00" → "15/03/2027 14:05"."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.strftime("%d/%m/%Y %H:%M")


# The history attributes that hold a value of the figure itself (a result, a milestone,
# the target or the baseline): a yes/no figure's are words there too, never 1 / 0.
FIGURE_VALUE_ATTRIBUTES = {"value", "target", "target_high", "baseline"}


def history_value_text(
    text: str | None, attribute: str | None, figure: Indicator | None = None
) -> str:
    """A value from the history table written for people ("26.3" → "26,3"; «Đạt» for a
    yes/no figure's result when ``figure`` is given)."""
    if text is None or text == "":
        return translate("display", "(trống)")
    if figure is not None and attribute in FIGURE_VALUE_ATTRIBUTES:
        return stored_value_text(figure, text)
    if attribute == "state":
        try:
            return texts.task_state_label(TaskState(text))
        except ValueError:
            return text
    if attribute == "retired":
        return (
            translate("display", "có") if text in ("1", "True") else translate("display", "không")
        )
    try:
        return format_number(Decimal(text))
    except (ArithmeticError, ValueError):
        return text
