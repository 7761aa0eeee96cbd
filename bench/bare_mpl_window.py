"""The yardstick for the executable's size: a bare PySide6 window with one tab holding a
matplotlib chart (QtAgg canvas), frozen with PyInstaller's defaults.

    python bench/bare_mpl_window.py
"""

import sys

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    figure = Figure(figsize=(6, 4))
    figure.add_subplot().bar(["2026", "2027", "2028"], [1, 3, 2])
    tabs.addTab(FigureCanvasQTAgg(figure), "Biểu đồ")
    window.setCentralWidget(tabs)
    window.setWindowTitle("Cửa sổ trống với matplotlib")
    window.resize(1000, 650)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
