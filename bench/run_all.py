"""`make bench`: every benchmark side by side in one run, with times and ratios.

    .venv/bin/python bench/run_all.py [--rounds 7] [--quick] [--out build/bench/results.md]
        [--before DIR [--before-exe PATH]]   # also a checkout before a change, side by side

Runs, in order: size (building the yardstick executables if needed), start-up, memory,
growth (real size against ten times) with the 31 village packages, the charts /
reports benchmark (bench/bench_reports.py) and the drafting benchmark
(bench/bench_drafting.py). Needs Xvfb for start-up and memory (see docs/benchmarks.md);
`make build` must have made dist/DoanKetNghiQuyet first (the make target does). The
results are printed and written, as Markdown, to --out.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_memory  # noqa: E402
import bench_size  # noqa: E402
import bench_startup  # noqa: E402
import common  # noqa: E402
from common import BENCH_BUILD, ROOT  # noqa: E402


def section(title: str, body: str) -> str:
    text = f"### {title}\n\n{body.rstrip()}\n"
    print(text, flush=True)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="start-up rounds per program")
    parser.add_argument("--quick", action="store_true", help="3 rounds, no 10× database")
    parser.add_argument("--out", type=Path, default=BENCH_BUILD / "results.md")
    parser.add_argument(
        "--before", type=Path, help="also start-up and memory of this checkout (before a change)"
    )
    parser.add_argument("--before-exe", type=Path, help="and of this frozen build of it")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    started = time.perf_counter()
    missing = common.have("Xvfb")
    parts = [
        f"Machine: {common.machine_line()}\n\nCommand: `make bench` "
        f"(bench/run_all.py{' --quick' if args.quick else ''}), {rounds} rounds\n"
    ]
    print(parts[0])

    built = bench_size.build_baselines()
    notes = "".join(f"(built {name} in {s:.0f} s)\n\n" for name, s in built.items())
    exe = bench_startup.APP_EXE
    if exe.exists():
        age = time.time() - exe.stat().st_mtime
        notes += f"App executable: {exe.relative_to(ROOT)}, built {age / 60:.0f} min before.\n\n"
    parts.append(section("Size of the executable", notes + bench_size.report(bench_size.measure())))

    if missing:
        parts.append(section("Start-up", f"skipped: {missing} missing (apt-get install xvfb)"))
    else:
        startup = bench_startup.measure(rounds, exe, args.before, args.before_exe)
        parts.append(section("Start-up", bench_startup.report(startup)))
    memory = bench_memory.measure(exe, args.before, args.before_exe)
    parts.append(section("Memory", bench_memory.report(memory)))

    if args.quick:
        parts.append(section("Growth", "skipped (--quick)"))
    else:
        run = subprocess.run(
            [common.python(), str(ROOT / "bench" / "bench_scale.py")],
            capture_output=True,
            text=True,
            check=False,
        )
        parts.append(
            section("Growth: real size against ten times", run.stdout + run.stderr[-2000:])
        )

    reports = ROOT / "bench" / "bench_reports.py"
    if reports.exists():
        run = subprocess.run(
            [common.python(), str(reports), "--repeat", "3"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
        parts.append(
            section("Charts and reports (bench/bench_reports.py)", run.stdout + run.stderr[-2000:])
        )

    # how well the drafter reads real resolutions (issue 13 §4): shares, not times
    run = subprocess.run(
        [common.python(), str(ROOT / "bench" / "bench_drafting.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    parts.append(section("Drafting (bench/bench_drafting.py)", run.stdout + run.stderr[-2000:]))

    total = time.perf_counter() - started
    parts.append(f"\n(all benchmarks: {total / 60:.1f} min)\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"written to {args.out} ({total / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
