"""The resolution's vocabulary as plain data: fields, kinds of target, figures, statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

TERM_START = 2025  # baseline year: results of the 2020–2025 term
TERM_END = 2030


class Field(StrEnum):
    """The four fields of the resolution, one tab each."""

    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    DEFENCE_SECURITY = "defence_security"
    PARTY_BUILDING = "party_building"

    @property
    def label(self) -> str:
        return FIELD_LABELS[self]


FIELD_LABELS = {
    Field.ECONOMY: "Kinh tế",
    Field.CULTURE_SOCIETY: "Văn hóa – Xã hội",
    Field.DEFENCE_SECURITY: "Quốc phòng – An ninh",
    Field.PARTY_BUILDING: "Xây dựng Đảng",
}


class Section(StrEnum):
    TARGET = "target"  # chỉ tiêu chủ yếu (Part 3, I.2)
    BREAKTHROUGH = "breakthrough"  # khâu đột phá (I.3)
    TASK = "task"  # nhiệm vụ, giải pháp (II)


SECTION_LABELS = {
    Section.TARGET: "Chỉ tiêu",
    Section.BREAKTHROUGH: "Khâu đột phá",
    Section.TASK: "Nhiệm vụ, giải pháp",
}


class Kind(StrEnum):
    LEVEL = "level"  # a level to reach by the target year (up or down)
    RATE_RANGE = "rate_range"  # a yearly growth rate within a range
    CUMULATIVE = "cumulative"  # yearly increments summed over the term
    THRESHOLD = "threshold"  # a level every year must meet
    MAINTAIN = "maintain"  # a level already held that must not fall
    MILESTONE = "milestone"  # reached or not (yes/no)
    # kinds other communes' resolutions use (issue 13 §3, docs/progress.md)
    YEARLY_CHANGE = "yearly_change"  # an average yearly change («giảm bình quân mỗi năm 2,1%»)
    TERM_GROWTH = "term_growth"  # growth over the term against the baseline («tăng 31,6%»)
    YEARLY_MINIMUM = "yearly_minimum"  # an amount each year must reach («25 đảng viên/năm»)
    YEARLY_RATE = "yearly_rate"  # the year's amount ÷ the base at the start of the year
    UNITS_OF_TOTAL = "units_of_total"  # x of y units («04/09 thôn»)
    STRUCTURE = "structure"  # one share of a structure adding up to 100 %
    QUOTA = "quota"  # a share of an assigned quota, every year («100% chỉ tiêu»)


KIND_LABELS = {
    Kind.LEVEL: "Mức cần đạt",
    Kind.RATE_RANGE: "Tốc độ tăng hằng năm",
    Kind.CUMULATIVE: "Cộng dồn cả nhiệm kỳ",
    Kind.THRESHOLD: "Ngưỡng hằng năm",
    Kind.MAINTAIN: "Duy trì",
    Kind.MILESTONE: "Mốc (đạt/chưa đạt)",
    Kind.YEARLY_CHANGE: "Giảm/tăng bình quân mỗi năm",
    Kind.TERM_GROWTH: "Tăng cả nhiệm kỳ so với đầu kỳ",
    Kind.YEARLY_MINIMUM: "Tối thiểu mỗi năm",
    Kind.YEARLY_RATE: "Tỷ lệ hằng năm so với đầu năm",
    Kind.UNITS_OF_TOTAL: "Số đơn vị đạt / tổng số",
    Kind.STRUCTURE: "Cơ cấu (tổng 100 %)",
    Kind.QUOTA: "Đạt % chỉ tiêu giao",
}

YEARLY_KINDS = frozenset(
    {Kind.THRESHOLD, Kind.MAINTAIN, Kind.YEARLY_MINIMUM, Kind.YEARLY_RATE, Kind.QUOTA}
)
"""Kinds judged year by year: each year's value against the same figure."""


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class ValueType(StrEnum):
    COUNT = "count"  # whole things, never negative, never a fraction
    AMOUNT = "amount"  # tonnes, hectares, money: ≥ 0
    PERCENT = "percent"  # 0–100
    RATE = "rate"  # % per year, may be negative
    YESNO = "yesno"  # 1 reached, 0 not yet


class Aggregation(StrEnum):
    SUM = "sum"  # the commune figure is the sum of the villages'
    RATIO = "ratio"  # summed numerators over summed denominators, × 100
    NONE = "none"  # entered for the commune only


@dataclass(frozen=True)
class Comparison:
    """How one comparator is written: ``sign`` in a table's cell («> 90»), ``words`` in a
    sentence («Cần giữ mức trên 90 %»). The one table: core.words and core.progress read it."""

    sign: str
    words: str


COMPARISONS: dict[str, Comparison] = {
    ">=": Comparison("≥ ", "≥ "),
    ">": Comparison("> ", "trên "),
    "<=": Comparison("≤ ", "≤ "),
    "<": Comparison("< ", "dưới "),
    "=": Comparison("", ""),
}
COMPARATORS = tuple(COMPARISONS)


class Status(StrEnum):
    """The verdict words of Vietnamese reports, best first (docs/progress.md).

    Before a figure's target year a report speaks of the chance to reach it (Có khả năng
    đạt, Chậm tiến độ, Khó đạt); «Chưa đạt» is the final verdict of the target year (and of
    a yearly threshold missed in that year). The words are shown as they are, lower-cased
    in the summaries ("3 có khả năng đạt")."""

    EXCEEDED = "Vượt"
    MET = "Đạt"
    NOT_DUE = "Chưa đến hạn"
    """A milestone not reached before its year: no failure, a neutral word."""
    ON_TRACK = "Có khả năng đạt"
    BEHIND = "Chậm tiến độ"
    AT_RISK = "Khó đạt"
    NOT_MET = "Chưa đạt"
    INCOMPLETE = "Chưa đủ số liệu"
    """Some of a target's figures (or some villages of a commune total) have no data."""
    NO_DATA = "Chưa có số liệu"

    @property
    def rank(self) -> int:
        return list(Status).index(self)

    @property
    def is_met(self) -> bool:
        return self in (Status.EXCEEDED, Status.MET)

    @property
    def is_judged(self) -> bool:
        """A verdict on complete data (not «Chưa đủ số liệu» / «Chưa có số liệu»)."""
        return self not in (Status.INCOMPLETE, Status.NO_DATA)


@dataclass(frozen=True)
class FigureSpec:
    """What the resolution asks of one figure: enough to judge progress."""

    kind: Kind
    target: Decimal | None
    direction: Direction = Direction.UP
    comparator: str = ">="
    target_high: Decimal | None = None
    baseline: Decimal | None = None
    baseline_year: int = TERM_START
    target_year: int = TERM_END
    value_type: ValueType = ValueType.AMOUNT
    milestones: dict[int, Decimal] = field(default_factory=dict)
    """Planned values per year, where the clerk entered them; else a straight path."""
    total: Decimal | None = None
    """units_of_total: the number of units (the 9 of «04/09 thôn»)."""

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise ValueError(f"Unknown comparator {self.comparator!r}")
        if self.target_year <= self.baseline_year:
            raise ValueError("The target year must come after the baseline year")


# --- records passed between the store and the rest of the app -------------------------


@dataclass(frozen=True)
class Item:
    """A target (chỉ tiêu), a breakthrough (khâu đột phá) or a task (nhiệm vụ)."""

    id: int
    code: str
    section: Section
    number: str
    resolution_number: int | None
    group_code: str | None
    field: Field
    name: str
    source: str
    position: int
    note: str | None = None

    @property
    def label(self) -> str:
        """ "(4) Sản phẩm Nông nghiệp chủ yếu", "3.2. Phát triển mô hình …"."""
        if self.section is Section.TARGET:
            return f"({self.number}) {self.name}"
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class Indicator:
    """One measurable part of an item, with what the resolution asks of it."""

    id: int
    code: str
    item_id: int
    name: str
    unit: str
    kind: Kind
    direction: Direction
    comparator: str
    target: Decimal | None
    target_high: Decimal | None
    target_year: int
    target_text: str | None
    value_type: ValueType
    aggregation: Aggregation
    numerator_label: str | None
    denominator_label: str | None
    baseline: Decimal | None
    baseline_year: int
    baseline_text: str | None
    baseline_source: str | None
    source: str
    note: str | None
    position: int
    retired: bool = False
    milestones: dict[int, Decimal] = field(default_factory=dict)
    total: Decimal | None = None
    """units_of_total: the number of units (the 9 of «04/09 thôn»)."""
    structure: str | None = None
    """structure: the structure's name («Cơ cấu kinh tế»), the same on each of its shares."""

    @property
    def spec(self) -> FigureSpec:
        return FigureSpec(
            kind=self.kind,
            target=self.target,
            direction=self.direction,
            comparator=self.comparator,
            target_high=self.target_high,
            baseline=self.baseline,
            baseline_year=self.baseline_year,
            target_year=self.target_year,
            value_type=self.value_type,
            milestones=self.milestones,
            total=self.total,
        )


class PlaceKind(StrEnum):
    COMMUNE = "commune"
    FORMER_COMMUNE = "former_commune"
    VILLAGE = "village"


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    kind: PlaceKind
    parent_id: int | None
    position: int
    retired: bool = False
    uid: str = ""


@dataclass(frozen=True)
class Result:
    """A value entered for one figure, place and year."""

    figure_id: int
    place_id: int
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    note: str | None
    entered_by: str
    entered_at: str


class TaskState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            TaskState.NOT_STARTED: "Chưa triển khai",
            TaskState.IN_PROGRESS: "Đang thực hiện",
            TaskState.DONE: "Hoàn thành",
        }[self]


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    changed_at: str
    changed_by: str
    entity: str
    action: str
    figure_id: int | None
    place_id: int | None
    year: int | None
    item_id: int | None
    attribute: str | None
    old_value: str | None
    new_value: str | None
    note: str | None
    origin_device: str | None = None
    """Set on history received from another laptop, with its id there (origin_id)."""
    origin_id: int | None = None
