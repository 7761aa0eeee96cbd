"""Where the time before the first window goes: what main.py imports and does before
window.show(), profiled (pyinstrument, if installed) and listed by import time.

    .venv/bin/python bench/profile_startup.py            # pyinstrument + import list
    .venv/bin/python -X importtime main.py 2> imports.txt   # the raw list

It repeats the part of dk_desktop.ui.app.run() that comes before show(): importing the
app module, QApplication, the fonts, importing and building MainWindow, show(). Which
heavy packages are already loaded at show() is printed too: none of matplotlib, numpy,
sqlite_utils, openpyxl should be (they belong after the window is on screen).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "numpy", "sqlite_utils", "openpyxl", "PIL", "dateutil", "fontTools")

STEPS = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from dk_desktop.ui import app as app_module
t1 = time.perf_counter()
qapp = QApplication([sys.argv[0]])
app_module.register_fonts()
t2 = time.perf_counter()
from dk_desktop.ui.main_window import MainWindow
t3 = time.perf_counter()
from dk_desktop.ui.settings import AppSettings
window = MainWindow(AppSettings(__import__("pathlib").Path(sys.argv[1])))
window.show()
t4 = time.perf_counter()
"""


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = Path(tempfile.mkdtemp()) / "cai-dat.ini"
    sys.argv = [sys.argv[0], str(settings)]
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None  # noqa: N806
    namespace: dict[str, object] = {}
    start = time.perf_counter()
    if Profiler is not None:
        profiler = Profiler(interval=0.0005)
        profiler.start()
    exec(compile(STEPS, "startup-steps", "exec"), namespace)
    if Profiler is not None:
        profiler.stop()
    total = time.perf_counter() - start
    t = namespace
    print(
        f"import Qt + dk_desktop.ui.app: {(t['t1'] - t['t0']) * 1000:.0f} ms; "
        f"QApplication + fonts: {(t['t2'] - t['t1']) * 1000:.0f} ms; "
        f"import main_window: {(t['t3'] - t['t2']) * 1000:.0f} ms; "
        f"MainWindow() + show(): {(t['t4'] - t['t3']) * 1000:.0f} ms; total {total * 1000:.0f} ms"
    )
    loaded = [name for name in HEAVY if name in sys.modules]
    print(f"heavy packages loaded before the window is shown: {', '.join(loaded) or 'none'}")
    if Profiler is not None:
        print(profiler.output_text(unicode=True, color=False, show_all=False))

    # the import list, in a fresh interpreter, sorted by cumulative time
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = "import dk_desktop.ui.app; import dk_desktop.ui.main_window"
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            own, cumulative, name = line.split("|")
            rows.append((int(cumulative), int(own.split(":")[-1]), name.rstrip()))
    print("largest imports before the window (cumulative ms, own ms, module):")
    for cumulative, own, name in sorted(rows, reverse=True)[:25]:
        print(f"  {cumulative / 1000:7.1f} {own / 1000:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
