import sys

from .cli import main as command_line
from .console import use_utf8_output


def main(argv: list[str] | None = None) -> int:
    """`python -m dk_desktop …` and the `dk-desktop` script: the command line, in UTF-8."""
    use_utf8_output()
    return command_line(argv)


if __name__ == "__main__":
    sys.exit(main())
