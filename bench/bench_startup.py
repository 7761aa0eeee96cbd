"""Start-up: time from starting the process to its first visible window, side by side in
one run, from source and frozen, the app against a bare PySide6 window with one tab.

    .venv/bin/python bench/bench_startup.py [--rounds 7] [--exe dist/DoanKetNghiQuyet]

How: each program runs on its own under a virtual X server (Xvfb, 1366×768); a watcher
asks the X server every 2 ms for a viewable top-level window whose _NET_WM_PID is the
started process or one of its children (see common.py). The clock starts just before
the process is started and stops when the window is mapped — the moment a person sees
it. The same watcher times every program, source or frozen, so the ratios compare like
with like. The rounds are interleaved (A B C D, A B C D, …) so that a slow moment of
the machine hits all programs alike; a first round warms the disk cache and is dropped;
the median is reported. The app opens an existing database of real size (31 villages)
in a throwaway home whose first-start questions are already answered.

Aims (issue 6): app ≤ 1,5× the bare window from source; frozen app ≤ 2× the frozen bare
window.

Before and after a change, in the same run: ``--before DIR`` also times the app of
another checkout (``git worktree add --detach build/bench/before REF``; its main.py runs
with this environment and imports its own dk_desktop), and ``--before-exe PATH`` a
frozen build of it (``pyinstaller --distpath … build.spec`` in that checkout).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import common  # noqa: E402
from common import ROOT  # noqa: E402

APP_EXE = ROOT / "dist" / "DoanKetNghiQuyet"
BARE_EXE = common.BENCH_BUILD / "dist" / "bare_window"
BARE_MPL_EXE = common.BENCH_BUILD / "dist" / "bare_mpl_window"


def programs(
    database: Path,
    app_exe: Path,
    before: Path | None = None,
    before_exe: Path | None = None,
) -> dict[str, list[str]]:
    python = common.python()
    found = {
        "bare window, source": [python, str(ROOT / "bench" / "bare_window.py")],
        "bare + matplotlib, source": [python, str(ROOT / "bench" / "bare_mpl_window.py")],
        "app, source": [python, str(ROOT / "main.py"), "--db", str(database)],
    }
    if before is not None:
        found["app before, source"] = [python, str(before / "main.py"), "--db", str(database)]
    for name, path, args in (
        ("bare window, frozen", BARE_EXE, []),
        ("bare + matplotlib, frozen", BARE_MPL_EXE, []),
        ("app, frozen", app_exe, ["--db", str(database)]),
        ("app before, frozen", before_exe, ["--db", str(database)]),
    ):
        if path is not None and path.exists():
            found[name] = [str(path), *args]
    return found


def measure(
    rounds: int,
    app_exe: Path = APP_EXE,
    before: Path | None = None,
    before_exe: Path | None = None,
) -> dict[str, dict[str, float]]:
    missing = common.have("Xvfb")
    if missing:
        raise SystemExit(f"bench_startup: needs {missing} (apt-get install xvfb)")
    import data

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = folder / "bench.sqlite"
        data.build(database, data.REAL)
        env = common.app_environment(folder / "home")
        commands = programs(database, app_exe, before, before_exe)
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        with common.virtual_screen() as display:
            for round_number in range(rounds + 1):
                for name, command in commands.items():
                    seconds, rss, process = common.time_to_window(command, display, env=env)
                    common.stop(process)
                    if round_number > 0:  # round 0 warms the disk cache
                        times[name].append(seconds)
                        memory[name].append(rss)
                        cpu[name].append(process.cpu_to_window)
        problem = common.app_errors(env)
        if problem:
            print(f"WARNING: the app logged errors during the start-up runs: {problem}")
        return {
            name: {
                "median_s": common.median(values),
                "min_s": min(values),
                "max_s": max(values),
                "rss_mb": common.median(memory[name]),
                "cpu_s": common.median(cpu[name]),
            }
            for name, values in times.items()
        }


def report(results: dict[str, dict[str, float]]) -> str:
    def ratio(a: str, b: str, key: str) -> str:
        if a in results and b in results and results[b][key]:
            return f"{results[a][key] / results[b][key]:.2f}×"
        return "—"

    rows = [
        [
            name,
            f"{r['median_s']:.3f} s",
            f"{r['min_s']:.3f}–{r['max_s']:.3f} s",
            f"{r['cpu_s']:.2f} s",
            f"{r['rss_mb']:.0f} MB",
        ]
        for name, r in results.items()
    ]
    pairs = [
        ("app ÷ bare window, source", "app, source", "bare window, source", "≤ 1,5×"),
        ("app ÷ bare window, frozen", "app, frozen", "bare window, frozen", "≤ 2×"),
        ("app ÷ bare + matplotlib, source", "app, source", "bare + matplotlib, source", "—"),
        ("app ÷ bare + matplotlib, frozen", "app, frozen", "bare + matplotlib, frozen", "—"),
        ("frozen ÷ source, app (one-file unpacking)", "app, frozen", "app, source", "—"),
        ("app before ÷ bare window, source", "app before, source", "bare window, source", "≤ 1,5×"),
        ("app before ÷ bare window, frozen", "app before, frozen", "bare window, frozen", "≤ 2×"),
        ("app ÷ app before, source", "app, source", "app before, source", "—"),
        ("app ÷ app before, frozen", "app, frozen", "app before, frozen", "—"),
    ]
    pairs = [pair for pair in pairs if pair[1] in results and pair[2] in results]
    header = ["program", "to first window (median)", "range", "CPU used by then", "RSS then"]
    return "\n".join(
        [
            common.table(rows, header),
            "",
            common.table(
                [
                    [label, ratio(a, b, "median_s"), ratio(a, b, "cpu_s"), aim]
                    for label, a, b, aim in pairs
                ],
                ["ratio", "wall clock", "CPU time", "aim (wall clock)"],
            ),
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--exe", type=Path, default=APP_EXE)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--before", type=Path, help="a checkout of the app before a change")
    parser.add_argument("--before-exe", type=Path, help="a frozen build of that checkout")
    args = parser.parse_args()
    results = measure(args.rounds, args.exe, args.before, args.before_exe)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
