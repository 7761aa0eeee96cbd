"""The words the screen shows for the core's plain values, through Qt's translation.

The pure-Python core names statuses, kinds of target, fields and task states in
Vietnamese plain strings (``Status.MET == "Đạt"``). The UI never shows those strings
directly: it passes them through ``QCoreApplication.translate`` with the Vietnamese
text as the source, so that a translation (a .qm file loaded into a QTranslator) can
follow without touching the core. Each source string is written out here once, inside
``QT_TRANSLATE_NOOP``, so that ``pyside6-lupdate`` finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.model import Field, Kind, Status, TaskState
from ..core.progress import SUMMARY_ORDER, Summary


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate finds
    """Marks ``source`` for ``pyside6-lupdate`` (which looks for this name) and gives it back
    unchanged, as Qt's own does, but typed as the str it is (PySide6's says ``object``).
    Every module of the window marks its words with this one."""
    return source


STATUS_LABELS: dict[Status, str] = {
    # The core's words (core.model.Status), written out for pyside6-lupdate.
    Status.EXCEEDED: QT_TRANSLATE_NOOP("Status", "Vượt"),
    Status.MET: QT_TRANSLATE_NOOP("Status", "Đạt"),
    Status.NOT_DUE: QT_TRANSLATE_NOOP("Status", "Chưa đến hạn"),
    Status.ON_TRACK: QT_TRANSLATE_NOOP("Status", "Có khả năng đạt"),
    Status.BEHIND: QT_TRANSLATE_NOOP("Status", "Chậm tiến độ"),
    Status.AT_RISK: QT_TRANSLATE_NOOP("Status", "Khó đạt"),
    Status.NOT_MET: QT_TRANSLATE_NOOP("Status", "Chưa đạt"),
    Status.INCOMPLETE: QT_TRANSLATE_NOOP("Status", "Chưa đủ số liệu"),
    Status.NO_DATA: QT_TRANSLATE_NOOP("Status", "Chưa có số liệu"),
}

STATUS_HINTS: dict[Status, str] = {
    Status.EXCEEDED: QT_TRANSLATE_NOOP("Status", "Vượt mức Nghị quyết"),
    Status.MET: QT_TRANSLATE_NOOP("Status", "Đã đạt mức Nghị quyết"),
    Status.NOT_DUE: QT_TRANSLATE_NOOP(
        "Status", "Mốc chưa đạt nhưng chưa đến năm phải đạt: không phải là chưa hoàn thành"
    ),
    Status.ON_TRACK: QT_TRANSLATE_NOOP(
        "Status", "Bằng hoặc vượt lộ trình từ số đầu kỳ đến mục tiêu: có khả năng đạt"
    ),
    Status.BEHIND: QT_TRANSLATE_NOOP(
        "Status", "Thấp hơn lộ trình không quá 10 điểm % so với Nghị quyết"
    ),
    Status.AT_RISK: QT_TRANSLATE_NOOP(
        "Status", "Thấp hơn lộ trình hơn 10 điểm % so với Nghị quyết: khó đạt"
    ),
    Status.NOT_MET: QT_TRANSLATE_NOOP(
        "Status", "Năm phải đạt (hoặc năm của chỉ tiêu hằng năm) mà chưa đạt mức Nghị quyết"
    ),
    Status.INCOMPLETE: QT_TRANSLATE_NOOP(
        "Status", "Còn chỉ số (hoặc bản) chưa có số liệu: chưa đánh giá được"
    ),
    Status.NO_DATA: QT_TRANSLATE_NOOP("Status", "Chưa nhập kết quả năm nào"),
}

KIND_LABELS: dict[Kind, str] = {
    Kind.LEVEL: QT_TRANSLATE_NOOP("Kind", "Mức cần đạt"),
    Kind.RATE_RANGE: QT_TRANSLATE_NOOP("Kind", "Tốc độ tăng hằng năm"),
    Kind.CUMULATIVE: QT_TRANSLATE_NOOP("Kind", "Cộng dồn cả nhiệm kỳ"),
    Kind.THRESHOLD: QT_TRANSLATE_NOOP("Kind", "Ngưỡng hằng năm"),
    Kind.MAINTAIN: QT_TRANSLATE_NOOP("Kind", "Duy trì"),
    Kind.MILESTONE: QT_TRANSLATE_NOOP("Kind", "Mốc (đạt/chưa đạt)"),
    Kind.YEARLY_CHANGE: QT_TRANSLATE_NOOP("Kind", "Giảm/tăng bình quân mỗi năm"),
    Kind.TERM_GROWTH: QT_TRANSLATE_NOOP("Kind", "Tăng cả nhiệm kỳ so với đầu kỳ"),
    Kind.YEARLY_MINIMUM: QT_TRANSLATE_NOOP("Kind", "Tối thiểu mỗi năm"),
    Kind.YEARLY_RATE: QT_TRANSLATE_NOOP("Kind", "Tỷ lệ hằng năm so với đầu năm"),
    Kind.UNITS_OF_TOTAL: QT_TRANSLATE_NOOP("Kind", "Số đơn vị đạt / tổng số"),
    Kind.STRUCTURE: QT_TRANSLATE_NOOP("Kind", "Cơ cấu (tổng 100 %)"),
    Kind.QUOTA: QT_TRANSLATE_NOOP("Kind", "Đạt % chỉ tiêu giao"),
}

FIELD_LABELS: dict[Field, str] = {
    Field.ECONOMY: QT_TRANSLATE_NOOP("Field", "Kinh tế"),
    Field.CULTURE_SOCIETY: QT_TRANSLATE_NOOP("Field", "Văn hóa – Xã hội"),
    Field.DEFENCE_SECURITY: QT_TRANSLATE_NOOP("Field", "Quốc phòng – An ninh"),
    Field.PARTY_BUILDING: QT_TRANSLATE_NOOP("Field", "Xây dựng Đảng"),
}

TASK_STATE_LABELS: dict[TaskState, str] = {
    TaskState.NOT_STARTED: QT_TRANSLATE_NOOP("TaskState", "Chưa triển khai"),
    TaskState.IN_PROGRESS: QT_TRANSLATE_NOOP("TaskState", "Đang thực hiện"),
    TaskState.DONE: QT_TRANSLATE_NOOP("TaskState", "Hoàn thành"),
}


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def status_label(status: Status) -> str:
    """ "Đạt", "Khó đạt", … as the screen shows them: the core's word, translated."""
    return translate("Status", status.value)


def status_hint(status: Status) -> str:
    return translate("Status", STATUS_HINTS[status])


def kind_label(kind: Kind) -> str:
    return translate("Kind", KIND_LABELS[kind])


def field_label(field: Field) -> str:
    return translate("Field", FIELD_LABELS[field])


def task_state_label(state: TaskState) -> str:
    return translate("TaskState", TASK_STATE_LABELS[state])


SUMMARY_WORDS: dict[Status, str] = {
    # The core's summary lines (progress.Summary.sentence), written out for lupdate.
    Status.ON_TRACK: QT_TRANSLATE_NOOP("Summary", "{count} có khả năng đạt"),
    Status.BEHIND: QT_TRANSLATE_NOOP("Summary", "{count} chậm tiến độ"),
    Status.AT_RISK: QT_TRANSLATE_NOOP("Summary", "{count} khó đạt"),
    Status.NOT_MET: QT_TRANSLATE_NOOP("Summary", "{count} chưa đạt"),
    Status.NOT_DUE: QT_TRANSLATE_NOOP("Summary", "{count} chưa đến hạn"),
    Status.INCOMPLETE: QT_TRANSLATE_NOOP("Summary", "{count} chưa đủ số liệu"),
    Status.NO_DATA: QT_TRANSLATE_NOOP("Summary", "{count} chưa có số liệu"),
}


def summary_sentence(summary: Summary) -> str:
    """ "5/22 chỉ tiêu đạt và vượt, 9 có khả năng đạt, 3 khó đạt": the core's sentence
    (progress.Summary.sentence: same lines, same order), through Qt's translation."""
    parts = [
        translate("Summary", "{met}/{total} chỉ tiêu đạt và vượt").format(
            met=summary.met, total=summary.total
        )
    ]
    for status in SUMMARY_ORDER:
        if summary.counts[status]:
            words = translate("Summary", SUMMARY_WORDS[status])
            parts.append(words.format(count=summary.counts[status]))
    return ", ".join(parts)
