"""Plain data for the charts, and the few helpers that read it from a Store.

Nothing here imports matplotlib or Qt: a view can build these records on the UI thread
cheaply and hand them to a draw_* function once matplotlib is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..core import progress, words
from ..core.model import Field, Indicator, Item, Kind, Section, Status
from ..core.progress import Assessment

if TYPE_CHECKING:
    from ..store.repository import Store

DEFAULT_SOURCE = (
    "Nghị quyết Đại hội Đảng bộ xã {commune} lần thứ {number} ({term}); "
    "số liệu: Văn phòng Đảng ủy xã tổng hợp từ các bản"
)
"""The Congress's number and the term are the catalogue's (store.seed.document_words)."""


def overall_label(targets: int) -> str:
    """The last row of the status overview: «Toàn bộ 15 chỉ tiêu» (the catalogue's count)."""
    return f"Toàn bộ {targets} chỉ tiêu"


@dataclass(frozen=True)
class ProgressRow:
    """One bar of the field-progress chart."""

    label: str
    percent: Decimal | None
    status: Status
    value_text: str = ""
    """What was achieved and asked: "4,2 %; NQ ≤ 3 %"."""
    group: str = ""
    """Rows of the same target share a group (a faint line separates groups)."""
    compared: str = ""
    """«So với NQ» as the tables write it ("66,7 %"; "Chưa đạt" for a yes/no figure)."""


# --- words for one figure ------------------------------------------------------------------


def item_prefix(item: Item) -> str:
    if item.section is Section.TARGET:
        return f"({item.number})"
    if item.section is Section.BREAKTHROUGH:
        return f"ĐP {item.number}"
    return f"NV {item.number}"


def figure_label(item: Item, record: Indicator) -> str:
    """ "(4) Tổng đàn gia súc", "ĐP 3.3 Tỷ lệ cán bộ, công chức …"."""
    return f"{item_prefix(item)} {record.name}"


def progress_rows(
    items: Iterable[Item],
    figures: Iterable[Indicator],
    assessments: Mapping[int, Assessment],
) -> list[ProgressRow]:
    """The bars of one field: every figure of the given items, in the resolution's order."""
    by_item: dict[int, list[Indicator]] = {}
    for record in figures:
        by_item.setdefault(record.item_id, []).append(record)
    rows = []
    for item in items:
        for record in by_item.get(item.id, []):
            assessment = assessments[record.id]
            shown = words.value_text(record, assessment.value, with_unit=True)
            if shown:
                label = "lũy kế " if record.kind is Kind.CUMULATIVE else ""
                label += "BQ " if record.kind in (Kind.RATE_RANGE, Kind.YEARLY_CHANGE) else ""
                label += "tăng " if record.kind is Kind.TERM_GROWTH else ""
                shown = f"{label}{shown}; NQ {words.target_text(record, with_unit=True)}"
                if assessment.progress is not None:
                    shown += f"; tiến độ {words.progress_text(assessment)}"
                if assessment.reported is not None:
                    shown += f"; {words.villages_text(assessment.reported)}"
            rows.append(
                ProgressRow(
                    label=figure_label(item, record),
                    percent=assessment.percent,
                    status=assessment.status,
                    value_text=shown,
                    group=item.code,
                    compared=words.compared_text(record, assessment),
                )
            )
    return rows


# --- from a Store -------------------------------------------------------------------------


def data_date(store: Store, year: int | None = None) -> date:
    """The day of the latest entry counted (results up to ``year``); today if none.

    A village laptop's clock may be ahead: a date after today is taken as today.
    """
    today = date.today()
    latest = store.latest_entry_day(year)
    if latest is None or latest > today:
        return today
    return latest


def chart_source(store: Store) -> str:
    from ..store.seed import document_words

    meta = store.meta()
    return DEFAULT_SOURCE.format(
        commune=store.commune_name(),
        number=document_words(meta)["congress_number"],
        term=words.term_text(*store.term()),
    )


def field_progress_rows(store: Store, field: Field, year: int | None = None) -> list[ProgressRow]:
    """Bars for a field tab: its targets, then its breakthroughs and tasks with figures."""
    assessments = store.assessments(year)
    return progress_rows(store.items(field=field), store.figures(), assessments)


def status_summaries(
    statuses: Mapping[int, Status], items: Sequence[Item]
) -> dict[str, progress.Summary]:
    """The targets counted by status, per field and overall ("Toàn bộ 22 chỉ tiêu")."""
    targets = [item for item in items if item.section is Section.TARGET]
    result = {}
    for field in Field:
        in_field = [statuses[item.id] for item in targets if item.field is field]
        if in_field:
            result[field.label] = progress.summarize(in_field)
    result[overall_label(len(targets))] = progress.summarize(statuses[item.id] for item in targets)
    return result


def store_status_summaries(store: Store, year: int | None = None) -> dict[str, progress.Summary]:
    return status_summaries(store.item_statuses(year), store.items())


def village_values(store: Store, record: Indicator, year: int) -> list[tuple[str, Decimal | None]]:
    """Each village's value of one figure in one year (None where nothing was entered)."""
    values = {r.place_id: r.value for r in store.results(record.id) if r.year == year}
    return [(village.name, values.get(village.id)) for village in store.villages()]


def cumulative(series: Mapping[int, Decimal], first_year: int) -> dict[int, Decimal]:
    """Running sums of the yearly increments counted in the term: from ``first_year`` on
    (core.progress.counted_years: 2025 counts, from the Congress to the end of 2025)."""
    total = Decimal(0)
    result = {}
    for year in sorted(series):
        if year < first_year:
            continue
        total += series[year]
        result[year] = total
    return result
