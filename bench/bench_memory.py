"""Memory: the app's resident memory (RSS) after opening every tab, on a database of real
size (31 villages, 2025–2030), against the bare windows. Aim (issue 6): under 150 MB.

    .venv/bin/python bench/bench_memory.py [--exe dist/DoanKetNghiQuyet]

From source, app_driver.py runs the real app (on Xvfb with the xcb platform, as a clerk
would see it; offscreen when Xvfb is missing), opens each tab in turn and reads
/proc/self/status after each. The frozen file cannot be driven from inside, so for it
the RSS of its process tree (the one-file bootloader and the app) is read 3 s after its
window appeared, when its first tab is drawn.

Before and after a change, in the same run: ``--before DIR`` measures the app of another
checkout as well (``git worktree add --detach build/bench/before REF``), ``--before-exe
PATH`` a frozen build of it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import common  # noqa: E402
import data  # noqa: E402
from bench_scale import run_app  # noqa: E402
from bench_startup import APP_EXE, BARE_EXE, BARE_MPL_EXE  # noqa: E402
from common import ROOT  # noqa: E402

AIM_MB = 150


def idle_rss(command: list[str], display: str, env: dict[str, str], wait: float = 3.0) -> float:
    _seconds, _rss, process = common.time_to_window(command, display, env=env)
    try:
        time.sleep(wait)
        return common.rss_mb(common.descendants(process.pid))
    finally:
        common.stop(process)


def frozen_all_tabs(
    command: list[str], display: str, env: dict[str, str], centers: list[list[int]]
) -> dict[str, float]:
    """The frozen app: click each tab (xdotool, at the places the source run reported),
    then read the RSS of the app process and of the whole tree (with the bootloader)."""
    _seconds, _rss, process = common.time_to_window(command, display, env=env)
    try:
        time.sleep(3)
        click_env = dict(env, DISPLAY=display)
        for x, y in [*centers[1:], centers[0]]:
            subprocess.run(
                ["xdotool", "mousemove", str(x), str(y), "click", "1"], env=click_env, check=True
            )
            time.sleep(1.5)
        tree = common.descendants(process.pid)
        largest = max(common.rss_mb([pid]) for pid in tree)
        return {"tree": common.rss_mb(tree), "app": largest}
    finally:
        common.stop(process)


def measure(
    app_exe: Path = APP_EXE, before: Path | None = None, before_exe: Path | None = None
) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = folder / "bench.sqlite"
        data.build(database, data.REAL)
        results: dict = {}
        if common.have("Xvfb"):
            results["platform"] = "offscreen"
            results["app"] = run_app(database, folder / "home", None)
            if before is not None:
                results["app before"] = run_app(database, folder / "home-b", None, before)
            return results
        results["platform"] = "xcb (Xvfb)"
        with common.virtual_screen(93) as display:
            results["app"] = run_app(database, folder / "home", display)
            if before is not None:
                results["app before"] = run_app(database, folder / "home-b", display, before)
            env = common.app_environment(folder / "home2")
            python = common.python()
            idle = {
                "bare window, source": [python, str(ROOT / "bench" / "bare_window.py")],
                "bare + matplotlib, source": [python, str(ROOT / "bench" / "bare_mpl_window.py")],
                "app, source (first tab)": [python, str(ROOT / "main.py"), "--db", str(database)],
            }
            if before is not None:
                idle["app before, source (first tab)"] = [
                    python,
                    str(before / "main.py"),
                    "--db",
                    str(database),
                ]
            for name, path, args in (
                ("bare window, frozen", BARE_EXE, []),
                ("bare + matplotlib, frozen", BARE_MPL_EXE, []),
                ("app, frozen (first tab)", app_exe, ["--db", str(database)]),
                ("app before, frozen (first tab)", before_exe, ["--db", str(database)]),
            ):
                if path is not None and path.exists():
                    idle[name] = [str(path), *args]
            results["idle"] = {}
            for name, cmd in idle.items():
                results["idle"][name] = idle_rss(cmd, display, env)
                problem = common.app_errors(env)
                if problem and "app" in name:
                    results.setdefault("warnings", []).append(f"{name}: {problem}")
                    (Path(env["XDG_DATA_HOME"]) / "DoanKetNghiQuyet" / "nhat-ky-loi.log").unlink()
            for key, name in (
                ("frozen_all_tabs", "app, frozen (first tab)"),
                ("frozen_all_tabs_before", "app before, frozen (first tab)"),
            ):
                if name in idle and not common.have("xdotool"):
                    results[key] = frozen_all_tabs(
                        idle[name], display, env, results["app"]["tab_centers"]
                    )
                    problem = common.app_errors(env)
                    if problem:
                        results.setdefault("warnings", []).append(f"{name}, every tab: {problem}")
        return results


def report(results: dict) -> str:
    lines: list[str] = []
    for key in ("app", "app before"):
        if key not in results:
            continue
        app = results[key]
        rows = [[t["tab"], f"{t['open_ms']:.0f} ms", f"{t['rss_mb']:.0f} MB"] for t in app["tabs"]]
        lines += [
            f"{key} from source on {results['platform']}: window {app['window_shown_s']:.2f} s, "
            f"data shown {app['data_shown_s']:.2f} s after the process started",
            common.table(rows, ["tab opened (in turn)", "to open", "RSS after"]),
            "",
            f"RSS after every tab: {app['rss_all_tabs_mb']:.0f} MB "
            f"(peak {app['rss_peak_mb']:.0f} MB); aim < {AIM_MB} MB: "
            f"{'met' if app['rss_peak_mb'] < AIM_MB else 'MISSED'}",
            "",
        ]
    if "idle" in results:
        lines += [
            "",
            common.table(
                [[name, f"{mb:.0f} MB"] for name, mb in results["idle"].items()],
                ["3 s after the window appeared", "RSS (process tree)"],
            ),
        ]
    for key, name in (("frozen_all_tabs", "app"), ("frozen_all_tabs_before", "app before")):
        if key in results:
            frozen = results[key]
            lines += [
                "",
                f"{name}, frozen, every tab clicked in turn: {frozen['app']:.0f} MB (app "
                f"process), {frozen['tree']:.0f} MB with the one-file bootloader; "
                f"aim < {AIM_MB} MB: {'met' if frozen['tree'] < AIM_MB else 'MISSED'}",
            ]
    for warning in results.get("warnings", []):
        lines += ["", f"WARNING, figure not valid: {warning}"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exe", type=Path, default=APP_EXE)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--before", type=Path, help="a checkout of the app before a change")
    parser.add_argument("--before-exe", type=Path, help="a frozen build of that checkout")
    args = parser.parse_args()
    results = measure(args.exe, args.before, args.before_exe)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
