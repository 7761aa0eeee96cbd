"""Start the app: `python main.py [--db PATH] [--portable]` opens the window;
`python main.py init|export|import|check|package …` is the command line (the same as
`python -m dk_desktop …`), so that the single executable built from this file does both.
The choice is made before anything of Qt is imported.
"""

import sys


def main() -> int:
    from dk_desktop.console import use_utf8_output

    use_utf8_output()  # first: Windows writes pipes and files in a code page without Vietnamese
    from dk_desktop.cli import COMMANDS

    if len(sys.argv) > 1 and sys.argv[1] in (*COMMANDS, "--version", "-h", "--help"):
        from dk_desktop.cli import main as command_line

        return command_line(sys.argv[1:])
    from dk_desktop.ui.app import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
