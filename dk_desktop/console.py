"""The app's standard output and error speak UTF-8, on every system, whatever the console.

On Windows, a program whose output goes to a pipe or a file (``> nhat-ky.txt``, a
script, a scheduled task, the window started by another program) writes in the ANSI
code page (cp1252, cp1258, …), and no Windows code page holds all of Vietnamese:
``print("Đã tạo …")`` raised ``UnicodeEncodeError: 'charmap' codec can't encode
character '\\u0110'`` after the work was done, and the messages on stderr came out as
``L\\u1ed7i``. The frozen .exe ignores PYTHONUTF8 and PYTHONIOENCODING, so this is done
in code, first thing at start (main.py, ``python -m dk_desktop``).
"""

from __future__ import annotations

import sys

ENCODING = "utf-8"


def use_utf8_output() -> None:
    """Re-open stdout and stderr as UTF-8. A character that still cannot be written (a
    file name with undecodable bytes) is written as an escape, never an error.

    Left alone: a stream that is missing (the windowed .exe started without a console
    has none: print() then writes nothing) or that cannot be re-opened (a test's
    capture object)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding=ENCODING, errors="backslashreplace")
