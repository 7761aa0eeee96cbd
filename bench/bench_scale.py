"""How the cost grows: the same work on a database of real size and on one ten times as
large, side by side, with the ratio; and receiving 31 village packages (gói số liệu).

    .venv/bin/python bench/bench_scale.py [--skip-packages] [--skip-reports]

Sizes (bench/data.py): real = 31 villages, 2025–2030, each entry typed once;
10× = 300 villages, 2025–2030, each entry typed then corrected twice (full history).
For each: generating it through the Store API, the file size, Store.open, every
figure's assessment (what the overview shows), the JSON export, the PDF and xlsx
reports (dk_desktop.reports), and the app itself on it (app_driver.py: window shown,
data shown, every tab opened, memory).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import common  # noqa: E402
import data  # noqa: E402
from common import ROOT  # noqa: E402

from dk_desktop.store.repository import Store  # noqa: E402


def timed(function, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_app(database: Path, home: Path, display: str | None, root: Path = ROOT) -> dict:
    """The app of the checkout at ``root`` (this one by default), driven by its
    bench/app_driver.py."""
    env = common.app_environment(home, platform_name=None if display else "offscreen")
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    run = subprocess.run(
        [common.python(), str(root / "bench" / "app_driver.py"), "--db", str(database)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    for line in run.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise RuntimeError(f"app_driver failed ({run.returncode}):\n{run.stderr[-3000:]}")


def measure_size(size: data.Size, folder: Path, display: str | None, reports: bool) -> dict:
    database = folder / f"{size.name}.sqlite"
    built = data.build(database, size)
    result: dict[str, float | str] = {
        "generate (Store API)": built["fill_s"],
        "entries / history rows": f"{built['results']:,} / {built['history']:,}",
        "file": built["bytes"] / 1e6,
    }
    result["Store.open"] = timed(lambda: Store.open(database, create=False).close())
    store = Store.open(database, create=False)
    try:
        result["assess every figure"] = timed(lambda: store.assessments())
        from dk_desktop.exchange.json_format import export_json

        result["JSON export"] = timed(lambda: export_json(store, folder / "x.json"), 1)
        result["JSON file"] = (folder / "x.json").stat().st_size / 1e6
        if reports:
            from dk_desktop.reports.pdf_report import write_pdf_report
            from dk_desktop.reports.xlsx_report import write_xlsx_report

            result["PDF report"] = timed(lambda: write_pdf_report(store, folder / "r.pdf"), 1)
            result["xlsx report"] = timed(lambda: write_xlsx_report(store, folder / "r.xlsx"), 1)
    finally:
        store.close()
    app = run_app(database, folder / f"home-{size.name}", display)
    result["app: window shown"] = app["window_shown_s"]
    result["app: data shown"] = app["data_shown_s"]
    result["app: slowest tab to open"] = max(t["open_ms"] for t in app["tabs"]) / 1000
    result["app: RSS, all tabs opened"] = app["rss_all_tabs_mb"]
    return result


UNITS = {"file": "MB", "JSON file": "MB", "app: RSS, all tabs opened": "MB"}


def receive_packages(folder: Path, villages: int = 31) -> dict[str, float]:
    """31 village laptops each get the commune's gói cấu hình, type a year of their
    village's figures, and send a gói số liệu; the commune receives the 31 packages."""
    import random

    from dk_desktop.exchange import package as packages

    rng = random.Random(7)
    commune = Store.open(folder / "xa.sqlite", user="Văn phòng")
    with commune.transaction():
        for n in range(1, villages + 1):
            commune.add_village(f"Bản {n}")
    config = folder / "cau-hinh.dkgoi"
    packages.export_config_package(commune, config)
    commune.close()
    files = []
    start = time.perf_counter()
    for n in range(1, villages + 1):
        laptop = Store.open(folder / f"ban-{n}.sqlite", user=f"Bí thư bản {n}")
        laptop.db.execute("PRAGMA synchronous = OFF")
        packages.receive_package(laptop, config)
        village = packages.find_village(laptop, f"Bản {n}")
        with laptop.transaction():
            for figure, place, year, entry in data.entries(laptop, data.REAL, rng):
                if place.id == village.id and year in (2025, 2026):
                    laptop.set_result(figure.id, place.id, year, entry)
        path = folder / f"ban-{n}.dkgoi"
        packages.export_data_package(laptop, f"Bản {n}", path)
        laptop.close()
        files.append(path)
    prepared = time.perf_counter() - start
    commune = Store.open(folder / "xa.sqlite", create=False, user="Văn phòng")
    each = []
    changes = 0
    start = time.perf_counter()
    for path in files:
        begin = time.perf_counter()
        preview = packages.receive_package(commune, path)
        each.append(time.perf_counter() - begin)
        changes += len(preview.new) + len(preview.changed) + len(preview.conflicts)
    total = time.perf_counter() - start
    commune.close()
    return {
        "prepare 31 laptops (not timed as import)": prepared,
        "receive 31 packages": total,
        "one package, median": statistics.median(each),
        "one package, slowest": max(each),
        "entries received (new + changed + conflicts)": changes,
        "package size, median (KB)": statistics.median(p.stat().st_size for p in files) / 1e3,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-packages", action="store_true")
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    reports = not args.skip_reports and (ROOT / "dk_desktop" / "reports" / "pdf_report.py").exists()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        use_x = not common.have("Xvfb")
        screen = common.virtual_screen(92) if use_x else None
        display = screen.__enter__() if screen else None
        try:
            for size in (data.REAL, data.TEN_TIMES):
                results[size.name] = measure_size(size, folder, display, reports)
        finally:
            if screen:
                screen.__exit__(None, None, None)
        real, big = results[data.REAL.name], results[data.TEN_TIMES.name]
        rows = []
        for key, value in real.items():
            other = big[key]
            if isinstance(value, str):
                rows.append([key, value, other, ""])
                continue
            unit = UNITS.get(key, "s")
            ratio = f"{other / value:.1f}×" if value else "—"
            rows.append([key, f"{value:.3f} {unit}", f"{other:.3f} {unit}", ratio])
        print(f"real: {data.REAL.describe()}; 10×: {data.TEN_TIMES.describe()}")
        print(common.table(rows, ["measure", "real size", "10×", "10× ÷ real"]))
        if not args.skip_packages:
            package_module = ROOT / "dk_desktop" / "exchange" / "package.py"
            if package_module.exists():
                (folder / "goi").mkdir()
                received = receive_packages(folder / "goi")
                results["packages"] = received
                print()
                print(
                    common.table(
                        [
                            [k, f"{v:.3f} s" if isinstance(v, float) and "KB" not in k else v]
                            for k, v in received.items()
                        ],
                        ["31 village packages (gói số liệu)", "measured"],
                    )
                )
            else:
                print("\n31 village packages: skipped (dk_desktop/exchange/package.py missing)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
