"""Size: the app's one-file executable against a bare PySide6 + matplotlib window (and a
bare PySide6 window) frozen with PyInstaller's defaults. Aim (issue 6): not larger.

    .venv/bin/python bench/bench_size.py [--rebuild]

The yardsticks are built here into build/bench/dist/ with the plain command anyone
would type, `pyinstaller --onefile bench/bare_mpl_window.py` (no spec, no exclusions),
by the same PyInstaller in the same environment as the app. They are rebuilt when their
script is newer than the executable, or with --rebuild.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from common import BENCH_BUILD, ROOT  # noqa: E402

APP_EXE = ROOT / "dist" / "DoanKetNghiQuyet"
BASELINES = ("bare_window", "bare_mpl_window")


def build_baselines(force: bool = False) -> dict[str, float]:
    """Build the yardstick executables when needed; return build seconds per built one."""
    times = {}
    for name in BASELINES:
        script = ROOT / "bench" / f"{name}.py"
        exe = BENCH_BUILD / "dist" / name
        if not force and exe.exists() and exe.stat().st_mtime > script.stat().st_mtime:
            continue
        start = time.perf_counter()
        subprocess.run(
            [
                common.python(),
                "-m",
                "PyInstaller",
                "--onefile",
                "--noconfirm",
                "--log-level",
                "ERROR",
                "--distpath",
                str(BENCH_BUILD / "dist"),
                "--workpath",
                str(BENCH_BUILD / "work"),
                "--specpath",
                str(BENCH_BUILD / "spec"),
                str(script),
            ],
            check=True,
        )
        times[name] = time.perf_counter() - start
    return times


def measure(app_exe: Path = APP_EXE) -> dict[str, float]:
    sizes = {}
    if app_exe.exists():
        sizes["app (build.spec)"] = app_exe.stat().st_size / 1e6
    for name in BASELINES:
        exe = BENCH_BUILD / "dist" / name
        if exe.exists():
            sizes[name.replace("_", " ") + " (pyinstaller --onefile)"] = exe.stat().st_size / 1e6
    return sizes


def report(sizes: dict[str, float]) -> str:
    rows = [[name, f"{mb:.1f} MB"] for name, mb in sizes.items()]
    app = sizes.get("app (build.spec)")
    yardstick = sizes.get("bare mpl window (pyinstaller --onefile)")
    text = common.table(rows, ["executable", "size"])
    if app and yardstick:
        verdict = "met" if app <= yardstick else "MISSED"
        text += f"\n\napp ÷ bare PySide6 + matplotlib: {app / yardstick:.2f}× (aim ≤ 1×: {verdict})"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--exe", type=Path, default=APP_EXE)
    args = parser.parse_args()
    for name, seconds in build_baselines(args.rebuild).items():
        print(f"built {name} in {seconds:.0f} s")
    print(report(measure(args.exe)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
