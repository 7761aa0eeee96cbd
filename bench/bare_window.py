"""The yardstick for start-up: a bare PySide6 window with one tab, nothing else.

python bench/bare_window.py            # shows the window until closed
"""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QLabel("Tổng quan"), "Tổng quan")
    window.setCentralWidget(tabs)
    window.setWindowTitle("Cửa sổ trống")
    window.resize(1000, 650)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
