"""Start the app (GUI): python main.py [--db PATH] [--portable].

The command line (python -m dk_desktop) is separate; this file only opens the window.
"""

import sys

from dk_desktop.ui.app import run

if __name__ == "__main__":
    sys.exit(run())
