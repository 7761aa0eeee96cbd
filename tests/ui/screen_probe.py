"""Run by tests/ui/test_screen_sizes.py in a child process whose offscreen screen has a given
size (a test process has one 800×800 screen for all its tests): open the window as the app
does, and print, as JSON, where it lies and how its tables share their width, at the normal
and at the larger text.

    python tests/ui/screen_probe.py SETTINGS_FILE DATABASE [--move X Y W H]

With --move the window is moved and resized as a person would, then closed (its geometry
is saved in the settings, for the next start)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from dk_desktop.core.model import Field
from dk_desktop.ui.app import register_fonts
from dk_desktop.ui.main_window import FIELD_TABS, MainWindow
from dk_desktop.ui.models import figure_table as columns
from dk_desktop.ui.settings import AppSettings


def rect(r) -> list[int]:  # type: ignore[no-untyped-def]
    return [r.x(), r.y(), r.width(), r.height()]


def table(view: QTableView) -> dict:
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not view.isColumnHidden(c)]
    return {
        "viewport": view.viewport().width(),
        "widths": {c: view.columnWidth(c) for c in shown},
        # the width each title asks for: less than it has, and the title is cut
        "titles": {c: header.sectionSizeFromContents(c).width() for c in shown},
        "stretch": [c for c in shown if header.sectionResizeMode(c) == QHeaderView.Stretch],
    }


def measure(app: QApplication, window: MainWindow) -> dict:
    for _ in range(5):
        app.processEvents()
    tab = window.field_tabs[Field.ECONOMY]
    return {
        "figures": table(tab.table),
        "years": table(tab.detail.year_table),
        "name": columns.NAME,
        "pace": columns.PACE,
    }


def main(argv: list[str]) -> int:
    app = QApplication(argv[:1])
    register_fonts()
    settings = AppSettings(Path(argv[1]))
    settings.user_name = "Lò Thị Hương"
    window = MainWindow(settings)
    window.show()
    assert window.open_path(Path(argv[2]), create=True)
    window.tabs.setCurrentIndex(FIELD_TABS[Field.ECONOMY])
    app.processEvents()
    if len(argv) > 3 and argv[3] == "--move":
        window.setGeometry(*(int(n) for n in argv[4:8]))
        app.processEvents()
        window.close()
        return 0
    screen = window.screen()
    report = {
        "screen": rect(screen.geometry()),
        "available": rect(screen.availableGeometry()),
        "frame": rect(window.frameGeometry()),
        "normal": measure(app, window),
    }
    window.set_larger_text(True)
    report["larger"] = measure(app, window)
    report["frame_larger"] = rect(window.frameGeometry())
    print(json.dumps(report))
    window.set_larger_text(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
