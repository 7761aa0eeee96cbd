"""The window on the screens of the village laptops (1366×768, 1024×768): it opens inside the
screen with its ✕ reachable, a geometry saved on a bigger screen is brought back inside, and
the tables share their width so that a figure's name and every column title stay readable,
at the normal and at the larger text («Chữ to hơn»).

Each screen is a child process on Qt's offscreen platform given that screen size
(``offscreen:configfile=…``, with window frames); tests/ui/screen_probe.py opens the window
there as the app does and reports what it measured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dk_desktop.ui.field_tab import NAME_SHARE

PROBE = Path(__file__).with_name("screen_probe.py")
ROOT = PROBE.parents[2]


def run_on_screen(tmp_path: Path, width: int, height: int, *extra: str) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(
        json.dumps(
            {
                "windowFrameMargins": True,
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", MPLBACKEND="Agg")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [
            sys.executable,
            str(PROBE),
            str(tmp_path / "cai-dat.ini"),
            str(tmp_path / "db.sqlite"),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def inside(frame: list[int], available: list[int]) -> bool:
    x, y, w, h = frame
    ax, ay, aw, ah = available
    return x >= ax and y >= ay and x + w <= ax + aw and y + h <= ay + ah


def check_tables(measured: dict) -> None:
    figures, years = measured["figures"], measured["years"]
    name, pace = str(measured["name"]), str(measured["pace"])
    widths = figures["widths"]
    # the name column takes the spare width: never squeezed by the long text columns
    assert widths[name] >= NAME_SHARE * figures["viewport"] - 1, widths
    if pace in widths:
        assert widths[pace] <= widths[name], widths
    # the name never shares the width left over with a column off the table's right edge
    if name in map(str, figures["stretch"]):
        assert sum(widths.values()) <= figures["viewport"] + 1, figures
    # the year table: every title whole, every column inside the table
    for column, width in years["widths"].items():
        if column not in map(str, years["stretch"]):
            assert width >= years["titles"][column], years
    assert sum(years["widths"].values()) <= years["viewport"] + 1, years


@pytest.mark.parametrize("width, height", [(1024, 768), (1366, 768)])
def test_the_window_fits_the_laptop_screen_at_both_text_sizes(tmp_path: Path, width, height):
    report = run_on_screen(tmp_path, width, height)
    assert inside(report["frame"], report["available"]), report
    assert inside(report["frame_larger"], report["available"]), report
    check_tables(report["normal"])
    check_tables(report["larger"])


def test_a_geometry_saved_on_a_bigger_screen_opens_inside_a_small_one(tmp_path: Path):
    # moved and resized by the person on a 1920×1080 screen, then closed: saved
    run_on_screen(tmp_path, 1920, 1080, "--move", "600", "250", "1300", "800")
    report = run_on_screen(tmp_path, 1024, 768)
    assert inside(report["frame"], report["available"]), report
    check_tables(report["normal"])
