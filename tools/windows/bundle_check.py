"""What the Windows .exe holds, checked from its bytes (run by tools/windows/check.sh with
the Windows Python under Wine, which has PyInstaller's archive reader and pefile):

- the Wine stand-ins are NOT in it (icuuc.dll, the ucrtbase.dll shim, Wine's ucrtwine.dll),
  nor any Windows system DLL (api-ms-win-*, ucrtbase): every DLL and .pyd in it is
  byte for byte the file that the wheels or the Python installer put on disk, so numpy's
  .pyd are the unchanged ones;
- Qt's Windows platform plugin and its native style are in it;
- the spec's Windows branches took effect: DoanKetNghiQuyet.exe a windowed program (no
  console), DoanKetNghiQuyet-dong-lenh.exe a console one; the icon, the version
  information in Vietnamese under the file's own name, UTF-8 mode on.

    python bundle_check.py DoanKetNghiQuyet.exe C:\\python311 0.1.0
    python bundle_check.py DoanKetNghiQuyet-dong-lenh.exe C:\\python311 0.1.0

Prints one line per check and "N passed, N failed"; exit code 1 if any failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pefile
from PyInstaller.archive.readers import CArchiveReader

STAND_INS = {"icuuc.dll", "ucrtbase.dll", "ucrtwine.dll"}
BINARY_SUFFIXES = (".dll", ".pyd")

results: list[tuple[bool, str]] = []


def check(ok: bool, text: str) -> None:
    results.append((ok, text))
    print(f"bundle: {'ok    ' if ok else 'FAILED'} {text}", flush=True)


def installed_file(name: str, python_dir: Path) -> Path | None:
    """Where the Windows Python holds the file the bundle holds as ``name``."""
    for base in (python_dir / "Lib" / "site-packages", python_dir):
        candidate = base / name
        if candidate.is_file():
            return candidate
    return None


def main(exe: Path, python_dir: Path, version: str) -> int:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]  # a pipe: cp1252
    archive = CArchiveReader(str(exe))
    names = list(archive.toc)
    binaries = [name for name in names if name.lower().endswith(BINARY_SUFFIXES)]
    lowered = {Path(name).name.lower() for name in binaries}
    check(not (lowered & STAND_INS), f"no Wine stand-in in the bundle ({len(binaries)} DLL/.pyd)")
    system = sorted(n for n in lowered if n.startswith("api-ms-win-") or n == "ucrtbase.dll")
    check(not system, f"no Windows system DLL in the bundle {system or ''}".rstrip())

    differing, unknown, same = [], [], 0
    for name in binaries:
        original = installed_file(name, python_dir)
        if original is None:
            unknown.append(name)
        elif original.read_bytes() == archive.extract(name):
            same += 1
        else:
            differing.append(name)
    check(not differing, f"{same} DLL/.pyd identical to the installed ones; differing: {differing}")
    numpy = [name for name in binaries if name.startswith("numpy")]
    check(
        bool(numpy) and not set(numpy) & set(differing + unknown),
        f"numpy's {len(numpy)} binaries are the wheel's own (unpatched)",
    )
    print(f"bundle: binaries not found installed (made by the build): {unknown}")

    plugins = {name.replace("\\", "/") for name in names}
    check("PySide6/plugins/platforms/qwindows.dll" in plugins, "Qt's Windows platform plugin")
    styles = sorted(n for n in plugins if n.startswith("PySide6/plugins/styles/"))
    check(bool(styles), f"Qt's Windows styles: {[Path(n).name for n in styles]}")
    check("X utf8_mode=1" in archive.options, f"UTF-8 mode on (options: {archive.options})")

    pe = pefile.PE(str(exe))
    if exe.stem.endswith("-dong-lenh"):
        cui = pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_CUI"]
        check(pe.OPTIONAL_HEADER.Subsystem == cui, "a console program, for the command line")
    else:
        gui = pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]
        check(pe.OPTIONAL_HEADER.Subsystem == gui, "a windowed program: no console window")
    directory = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
    resources = {entry.id for entry in directory.entries} if directory else set()
    check(
        pefile.RESOURCE_TYPE["RT_GROUP_ICON"] in resources,
        "the icon (resources/icons/app.ico) is in the .exe",
    )
    strings: dict[str, str] = {}
    for info in getattr(pe, "FileInfo", []):
        for block in info:
            for table in getattr(block, "StringTable", []):
                for key, value in table.entries.items():
                    strings[key.decode()] = value.decode()
    check(
        strings.get("ProductName") == "Theo dõi Nghị quyết xã Đoàn Kết"
        and strings.get("FileVersion") == version
        and strings.get("OriginalFilename") == exe.name,
        f"version information: {strings.get('ProductName')} {strings.get('FileVersion')}",
    )
    failed = sum(1 for ok, _ in results if not ok)
    print(f"bundle: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
