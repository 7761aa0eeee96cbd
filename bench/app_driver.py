"""Run the real app (dk_desktop.ui.app.run, as main.py does) and measure it from inside:
when the window was shown, when the database was open and the first tab drawn, then
each tab opened in turn, with the process's memory (RSS) after each. Prints one line
"BENCH {json}" and quits. Used by bench_memory.py and bench_scale.py.

    .venv/bin/python bench/app_driver.py --db PATH [--settle 0.4]

The app itself is not changed: its QApplication is replaced by a subclass whose exec()
first schedules this driver. Times are from the process's start (the kernel's start
time of the process), so they include Python's own start-up and every import.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def seconds_since_start() -> float:
    """Seconds since this process started (from /proc: includes interpreter start-up)."""
    with open("/proc/self/stat") as stat:
        started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as uptime:
        now = float(uptime.read().split()[0])
    return now - started_ticks / CLOCK_TICKS


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    return 0.0


def rss_by_mapping(top: int = 15) -> list[tuple[str, float]]:
    """Where the resident memory is: shared libraries by file, the rest as [heap]/[anon]."""
    sizes: dict[str, int] = {}
    name = "[anon]"
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            first = line.split(maxsplit=1)[0]
            if "-" in first and not first.endswith(":"):  # a mapping's header line
                parts = line.split(maxsplit=5)
                name = parts[5].strip() if len(parts) > 5 else "[anon]"
                name = name.rsplit("/", 1)[-1] or name
            elif first == "Rss:":
                sizes[name] = sizes.get(name, 0) + int(line.split()[1]) * 1024
    ranked = sorted(sizes.items(), key=lambda item: -item[1])[:top]
    return [(key, round(value / 1e6, 1)) for key, value in ranked]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--settle", type=float, default=0.4, help="seconds per tab for redraws")
    parser.add_argument("--mappings", action="store_true", help="also: RSS by mapped file")
    args = parser.parse_args()
    t_imported = None

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from dk_desktop.ui import app as app_module

    t_imported = seconds_since_start()
    result: dict[str, object] = {"python_and_qt_imported_s": round(t_imported, 3)}

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            QApplication.processEvents()
            time.sleep(0.005)

    def drive() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "tabs"))
        result["window_shown_s"] = round(shown.get("at", 0.0), 3)
        deadline = time.perf_counter() + 120
        while getattr(window, "session", None) is None and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.002)
        QApplication.processEvents()
        result["data_shown_s"] = round(seconds_since_start(), 3)
        result["rss_data_shown_mb"] = round(rss_mb(), 1)
        tabs = window.tabs
        per_tab = []
        for index in range(tabs.count()):
            start = time.perf_counter()
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            opened = time.perf_counter() - start
            settle(args.settle)  # charts drawn later (timers) get their turn
            per_tab.append(
                {
                    "tab": tabs.tabText(index),
                    "open_ms": round(opened * 1000, 1),
                    "rss_mb": round(rss_mb(), 1),
                }
            )
        result["tabs"] = per_tab
        bar = tabs.tabBar()
        result["tab_centers"] = [  # screen positions, for clicking the frozen app's tabs
            [
                bar.mapToGlobal(bar.tabRect(i).center()).x(),
                bar.mapToGlobal(bar.tabRect(i).center()).y(),
            ]
            for i in range(tabs.count())
        ]
        result["rss_all_tabs_mb"] = per_tab[-1]["rss_mb"] if per_tab else rss_mb()
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    result["rss_peak_mb"] = round(int(line.split()[1]) * 1024 / 1e6, 1)
        if args.mappings:
            result["rss_by_mapping_mb"] = rss_by_mapping()
        print("BENCH " + json.dumps(result, ensure_ascii=False), flush=True)
        window.close()
        QApplication.quit()

    shown: dict[str, float] = {}

    class BenchApplication(QApplication):
        def exec(self) -> int:  # type: ignore[override]
            shown["at"] = seconds_since_start()  # window.show() was just called
            QTimer.singleShot(0, drive)
            return super().exec()

    app_module.QApplication = BenchApplication  # the app's run() creates this one
    return app_module.run([sys.argv[0], "--db", str(args.db)])


if __name__ == "__main__":
    sys.exit(main())
