"""Benchmark (not a test): one chart, the whole PDF report and the xlsx report, on the
seeded database with five years (2026–2030) of data for 31 generated villages
("Bản 1" … "Bản 31": test data only, never shipped).

    .venv/bin/python bench/bench_reports.py                 # times, printed
    .venv/bin/python bench/bench_reports.py --examples docs/examples

With --examples it also writes the example outputs (a PNG per chart kind, a report PDF
and an xlsx) from the same generated data.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from dk_desktop.core.model import Aggregation, Kind, ValueType
from dk_desktop.store.repository import ResultInput, Store

VILLAGES = 31
YEARS = range(2026, 2031)


def _q(value: float, value_type: ValueType) -> Decimal:
    if value_type in (ValueType.COUNT, ValueType.YESNO):
        return Decimal(max(0, round(value)))
    step = Decimal("0.1")
    number = Decimal(repr(value)).quantize(step, ROUND_HALF_UP)
    if value_type is ValueType.PERCENT:
        number = min(max(number, Decimal(0)), Decimal(100))
    elif value_type is ValueType.AMOUNT:
        number = max(number, Decimal(0))
    return number


def commune_value(figure, year: int, rng: random.Random, pace: float) -> float:
    """A plausible commune value: along the plan at ``pace`` (1.0 = on the path)."""
    target = float(figure.target if figure.target is not None else 1)
    t = (year - 2025) / 5
    if figure.kind is Kind.MILESTONE:
        return 1.0 if year >= 2029 and pace >= 1 else 0.0
    if figure.value_type is ValueType.YESNO:
        return 1.0 if rng.random() < 0.85 else 0.0
    if figure.kind is Kind.CUMULATIVE:
        return target / 5 * pace * rng.uniform(0.8, 1.2)
    if figure.kind is Kind.RATE_RANGE:
        return target * pace * rng.uniform(0.85, 1.15)
    if figure.kind in (Kind.THRESHOLD, Kind.MAINTAIN):
        return target * min(pace, 1.04) * rng.uniform(0.98, 1.02)
    if figure.baseline is not None:
        start = float(figure.baseline)
    else:
        start = target * (0.7 if figure.direction.value == "up" else 1.6)
    return start + (target - start) * min(t * pace, 1.15)


def fill(store: Store, *, villages: int = VILLAGES, years=YEARS, seed: int = 2025) -> None:
    """Five years of generated figures for every figure of the seed."""
    rng = random.Random(seed)
    store.db.execute("PRAGMA synchronous = OFF")  # generated data: no need to wait for disk
    places = [store.add_village(f"Bản {n}") for n in range(1, villages + 1)]
    commune = store.commune()
    weights = [rng.uniform(0.5, 1.5) for _ in places]
    households = [rng.randint(60, 320) for _ in places]
    for figure in store.figures():
        pace = rng.choice([0.6, 0.85, 0.95, 1.0, 1.05, 1.2])
        for year in years:
            value = commune_value(figure, year, rng, pace)
            if figure.aggregation is Aggregation.SUM:
                for place, weight in zip(places, weights, strict=True):
                    share = value * weight / sum(weights)
                    store.set_result(
                        figure.id, place.id, year, ResultInput(_q(share, figure.value_type))
                    )
            elif figure.aggregation is Aggregation.RATIO:
                for place, total in zip(places, households, strict=True):
                    percent = min(max(value * rng.uniform(0.85, 1.15), 0), 100)
                    done = min(total, round(total * percent / 100))
                    store.set_result(
                        figure.id,
                        place.id,
                        year,
                        ResultInput(numerator=Decimal(done), denominator=Decimal(total)),
                    )
            else:
                store.set_result(
                    figure.id, commune.id, year, ResultInput(_q(value, figure.value_type))
                )
    store.db.execute("PRAGMA synchronous = FULL")


def build_database(path: Path) -> Store:
    store = Store.open(path, user="Bench")
    fill(store)
    return store


EXAMPLE_YEAR = 2028  # mid-term: some targets behind, some met


def write_examples(store: Store, folder: Path) -> None:
    """A PNG per chart kind, the report PDF and the xlsx, for docs/examples."""
    from matplotlib.figure import Figure

    from dk_desktop.charts import (
        draw_field_progress,
        draw_figure_history,
        draw_status_overview,
        draw_villages,
        save_chart,
    )
    from dk_desktop.charts.data import (
        chart_source,
        data_date,
        field_progress_rows,
        store_status_summaries,
        village_values,
    )
    from dk_desktop.charts.style import ChartNote
    from dk_desktop.core.model import Field
    from dk_desktop.reports.pdf_report import write_pdf_report
    from dk_desktop.reports.xlsx_report import write_xlsx_report

    folder.mkdir(parents=True, exist_ok=True)
    year = EXAMPLE_YEAR
    note = ChartNote(data_date(store, year), chart_source(store))
    assessments = store.assessments(year)
    figure = Figure(figsize=(8.27, 9.5))
    draw_field_progress(
        figure,
        field_progress_rows(store, Field.ECONOMY, year),
        title=f"Kinh tế: kết quả so với Nghị quyết, năm {year}",
        subtitle=store.summary(Field.ECONOMY, year).sentence(),
        note=note,
    )
    save_chart(figure, folder / "bieu-do-linh-vuc-kinh-te.png")
    figure = Figure(figsize=(8, 4.5))
    draw_status_overview(figure, store_status_summaries(store, year), note=note)
    save_chart(figure, folder / "bieu-do-tong-quan.png")
    for code, name in (
        ("CT11a", "ho-ngheo"),
        ("CT20a", "ket-nap-dang-vien"),
        ("CT02a", "tang-thu-ngan-sach"),
        ("CT21c", "chi-bo-hoan-thanh-tot"),
    ):
        record = store.figure_by_code(code)
        figure = Figure(figsize=(7, 4.5))
        draw_figure_history(
            figure,
            record,
            store.commune_series(record),
            assessments[record.id],
            note=note,
            year=year,
        )
        save_chart(figure, folder / f"bieu-do-qua-cac-nam-{name}.png")
    record = store.figure_by_code("CT11a")
    figure = Figure(figsize=(7, 8))
    draw_villages(
        figure,
        record,
        village_values(store, record, year),
        year=year,
        note=note,
        commune_value=store.commune_series(record).get(year),
    )
    save_chart(figure, folder / "bieu-do-theo-ban-ho-ngheo.png")
    write_pdf_report(store, folder / f"bao-cao-nam-{year}.pdf", year)
    write_xlsx_report(store, folder / f"bao-cao-nam-{year}.xlsx", year)


def _timed(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--examples", type=Path, help="also write example outputs here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        start = time.perf_counter()
        store = build_database(folder / "bench.sqlite")
        print(f"generated data: {time.perf_counter() - start:.1f} s")

        start = time.perf_counter()
        from matplotlib.figure import Figure

        from dk_desktop.charts import draw_field_progress
        from dk_desktop.charts.data import chart_source, data_date, field_progress_rows
        from dk_desktop.charts.style import ChartNote
        from dk_desktop.core.model import Field
        from dk_desktop.reports.pdf_report import write_pdf_report
        from dk_desktop.reports.xlsx_report import write_xlsx_report

        print(f"import matplotlib + charts + reports: {time.perf_counter() - start:.2f} s")

        note = ChartNote(data_date(store), chart_source(store))
        figure = Figure(figsize=(8.27, 6.5), dpi=100)

        def one_chart() -> None:
            rows = field_progress_rows(store, Field.ECONOMY)
            draw_field_progress(figure, rows, title="Kinh tế", note=note)
            figure.canvas.draw()

        one_chart()  # warm-up: font cache, first-use imports
        median, best = _timed(one_chart, args.repeat * 4)
        print(
            f"one chart (Kinh tế, 28 bars, data + draw + render): {median * 1000:.0f} ms median, "
            f"{best * 1000:.0f} ms best"
        )
        median, best = _timed(lambda: write_pdf_report(store, folder / "r.pdf"), args.repeat)
        print(f"whole PDF report: {median:.2f} s median, {best:.2f} s best")
        median, best = _timed(lambda: write_xlsx_report(store, folder / "r.xlsx"), args.repeat)
        print(f"xlsx report: {median:.2f} s median, {best:.2f} s best")
        print(f"python {sys.version.split()[0]}, {platform.platform()}")

        if args.examples:
            write_examples(store, args.examples)
            print(f"examples written to {args.examples}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
