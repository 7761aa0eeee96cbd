#!/usr/bin/env bash
# make windows-check: test dist/windows/DoanKetNghiQuyet.exe and the Windows Python under
# Wine, in the prefix that make windows prepared (docs/building.md says what this proves
# and what only a real Windows machine can).
#
#   1. what the two .exe hold (tools/windows/bundle_check.py): no Wine stand-in, numpy's
#      files unchanged, Qt's Windows plugin and styles, windowed (DoanKetNghiQuyet.exe) or
#      console (DoanKetNghiQuyet-dong-lenh.exe), icon, version, UTF-8 mode
#   2. its command line, with the output through a pipe AND into a file (cmd's «>»):
#      init with and without --db, portable mode, check, JSON/PDF/xlsx export, refusals
#      (exit code and Vietnamese message), C:\ paths with Vietnamese names, a long path
#   3. the window started as Explorer starts it (start /wait) on a virtual screen: opened,
#      a tab switched (Ctrl+3), closed (Ctrl+Q) with exit code 0, nothing in the error
#      log, no _MEI folder left in %TEMP%
#   4. tests/core, tests/store, tests/exchange, tests/test_cli.py, tests/test_paths.py
#      and tests/test_windows.py with the Windows Python
#
# Ends with "windows-check: N passed, N failed"; exit code 1 if anything failed.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
for built in "$EXE" "$CONSOLE_EXE"; do [ -s "$built" ] || die "no $built: run make windows first"; done
[ -f "$PYDIR/python.exe" ] || die "no Windows Python in $PYDIR: run make windows first"
started=$(seconds)

work="$WINEPREFIX/drive_c/dk-check" # C:\dk-check
WORK='C:\dk-check'
user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
app_data="$user_dir/AppData/Local/DoanKetNghiQuyet" # %LOCALAPPDATA%\DoanKetNghiQuyet
temp_dir="$user_dir/AppData/Local/Temp"            # %TEMP%: PyInstaller unpacks here
xvfb_pid=""
window_pid=""
cleanup() {
  [ -n "$window_pid" ] && kill "$window_pid" 2>/dev/null
  end_wine
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
}
trap cleanup EXIT

# The virtual screen first: Wine's desktop process (explorer.exe), started by the first
# program, keeps the display it found for the whole run (none: windows go nowhere).
display=""
for n in $(seq 90 130); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { display=":$n"; break; }
done
[ -n "$display" ] || die "no free X display number for Xvfb"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X${display#:}" ] || die "Xvfb did not start on $display"
export DISPLAY="$display"

begin_wine
install_stubs
rm -rf "$work" "$app_data"
mkdir -p "$work/app" "$temp_dir"
cp "$EXE" "$CONSOLE_EXE" "$work/app/"
rm -rf "$temp_dir"/_MEI*

passes=0
failures=0
step() { printf 'windows-check: %-62s ' "$1"; }
ok() {
  echo "ok${1:+ ($1)}"
  passes=$((passes + 1))
}
fail() {
  echo "FAILED: $1"
  [ -s "$work/out" ] && sed 's/^/    /' "$work/out" | tail -20
  failures=$((failures + 1))
}
utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

# The .exe with its output through a pipe (stdout and stderr into $work/out).
app() { WINE_TIMEOUT=120 wine_piped "$WORK\\app\\DoanKetNghiQuyet.exe" "$@" >"$work/out" 2>&1; }
# The .exe as a script or «> nhat-ky.txt» runs it: cmd redirects both streams into a file.
# (ASCII arguments only: cmd reads a .cmd file in the console's code page.)
app_to_file() {
  printf '@echo off\r\n"%s\\app\\DoanKetNghiQuyet.exe" %s > "%s\\out-file.txt" 2>&1\r\nexit /b %%ERRORLEVEL%%\r\n' \
    "$WORK" "$*" "$WORK" >"$work/run.cmd"
  WINE_TIMEOUT=120 wine_piped cmd /c "$WORK\\run.cmd" >/dev/null 2>&1
  local status=$?
  cp "$work/out-file.txt" "$work/out" 2>/dev/null || : >"$work/out"
  return $status
}

# --- 1. what the .exe hold -------------------------------------------------------------
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
for built in "$EXE" "$CONSOLE_EXE"; do
  name=$(basename "$built")
  echo "windows-check: $built ($(du -m "$built" | cut -f1) MB)"
  winpython "$(winpath tools/windows/bundle_check.py)" "$WORK\\app\\$name" \
    'C:\python311' "$version" >"$work/bundle.txt" 2>&1
  bundle_status=$?
  sed 's/^/  /' "$work/bundle.txt"
  step "what $name holds (bundle_check.py)"
  if [ $bundle_status -eq 0 ]; then ok "$(tail -1 "$work/bundle.txt" | sed 's/^bundle: //')"; else
    fail "$(grep -c FAILED "$work/bundle.txt") bundle checks"; fi
done

# --- 2. the command line ---------------------------------------------------------------
db="$WORK\\Dữ liệu xã\\du-lieu.sqlite"
db_linux="$work/Dữ liệu xã/du-lieu.sqlite"
mkdir -p "$work/Dữ liệu xã"

step "init --db C:\\…\\Dữ liệu xã\\… (output through a pipe)"
t=$(seconds)
if app init --db "$db" && [ -s "$db_linux" ] && utf8 "$work/out" &&
  grep -q "^Đã tạo cơ sở dữ liệu C:\\\\dk-check\\\\Dữ liệu xã" "$work/out"; then
  ok "$(since "$t")"
else fail "init through a pipe"; fi
startup_cli=$(since "$t")

step "init --db (output into a file, as «> nhat-ky.txt»)"
if app_to_file init --db "$WORK\\thu-file.sqlite" && utf8 "$work/out" &&
  grep -q "^Đã tạo cơ sở dữ liệu" "$work/out" && [ -s "$work/thu-file.sqlite" ]; then
  ok
else fail "init into a file"; fi

step "init without --db: %LOCALAPPDATA%\\DoanKetNghiQuyet"
if app init && [ -s "$app_data/du-lieu-nghi-quyet.sqlite" ]; then ok; else
  fail "no database at $app_data"; fi

step "portable mode: portable.txt beside the .exe keeps data beside it"
mkdir -p "$work/usb"
cp "$EXE" "$work/usb/"
: >"$work/usb/portable.txt"
if WINE_TIMEOUT=120 wine_piped "$WORK\\usb\\DoanKetNghiQuyet.exe" init >"$work/out" 2>&1 &&
  [ -s "$work/usb/du-lieu/du-lieu-nghi-quyet.sqlite" ]; then ok; else
  fail "no database in $work/usb/du-lieu"; fi
rm -f "$work/usb/DoanKetNghiQuyet.exe"

step "check (pipe)"
if app check --db "$db" && grep -q "toàn vẹn" "$work/out"; then ok; else fail "check"; fi

step "the console executable: check and export (pipe)"
if WINE_TIMEOUT=120 wine_piped "$WORK\\app\\DoanKetNghiQuyet-dong-lenh.exe" check --db "$db" \
  >"$work/out" 2>&1 && grep -q "toàn vẹn" "$work/out" && utf8 "$work/out" &&
  WINE_TIMEOUT=120 wine_piped "$WORK\\app\\DoanKetNghiQuyet-dong-lenh.exe" export --db "$db" \
    --format json -o "$WORK\\dong-lenh.json" >"$work/out" 2>&1 && [ -s "$work/dong-lenh.json" ]; then
  ok
else fail "console executable"; fi

step "export --format json"
t=$(seconds)
if app export --db "$db" --format json -o "$WORK\\xuất.json" &&
  "$HOST_PY" -c 'import json, sys; assert json.load(open(sys.argv[1], encoding="utf-8"))' \
    "$work/xuất.json" 2>>"$work/out"; then ok "$(since "$t")"; else fail "json export"; fi

step "export --format pdf (Vietnamese text in it)"
t=$(seconds)
if app export --db "$db" --format pdf -o "$WORK\\bao-cao.pdf" &&
  [ "$(head -c 5 "$work/bao-cao.pdf")" = "%PDF-" ] &&
  { ! command -v pdftotext >/dev/null ||
    { pdftotext "$work/bao-cao.pdf" "$work/bao-cao.txt" && grep -q "Đoàn Kết" "$work/bao-cao.txt"; }; }; then
  ok "$(since "$t")"
else fail "pdf export"; fi

step "export --format xlsx"
if app export --db "$db" --format xlsx -o "$WORK\\bao-cao.xlsx" &&
  [ "$(head -c 2 "$work/bao-cao.xlsx")" = "PK" ]; then ok; else fail "xlsx export"; fi

if [ -f dk_desktop/reports/docx_report.py ]; then
  step "export --format docx"
  if app export --db "$db" --format docx -o "$WORK\\bao-cao.docx" &&
    [ "$(head -c 2 "$work/bao-cao.docx")" = "PK" ]; then ok; else fail "docx export"; fi
fi

# a year outside the file's own term: refused once the file is open (each commune's file
# has its term), as a refused job (exit code 1), not as a wrong command line (2)
step "refusal through a pipe: --year 2031 → exit 1, Vietnamese"
app export --db "$db" --format pdf -o "$WORK\\x.pdf" --year 2031
status=$?
if [ $status -eq 1 ] && utf8 "$work/out" && grep -q "năm 2031 nằm ngoài nhiệm kỳ" "$work/out" &&
  ! grep -q "Traceback\|\\\\u" "$work/out"; then ok; else fail "exit code $status"; fi

step "refusal into a file: --format odt → exit 2, Vietnamese"
app_to_file export --db "$WORK\\thu-file.sqlite" --format odt -o x.odt
status=$?
if [ $status -eq 2 ] && utf8 "$work/out" && grep -q "Lỗi câu lệnh: .*không có lựa chọn" "$work/out" &&
  ! grep -q "Traceback" "$work/out"; then ok; else fail "exit code $status"; fi

step "refusal: a JSON file in Windows' Vietnamese code page → exit 1"
printf '{"place": "Th\xf4n \xd0\xf4ng"}' >"$work/cp1258.json"
app import "$WORK\\cp1258.json" --dry-run
status=$?
if [ $status -eq 1 ] && utf8 "$work/out" && grep -q "^Lỗi: Tệp «cp1258.json»" "$work/out" &&
  ! grep -q "codec\|Traceback" "$work/out"; then ok; else fail "exit code $status"; fi

# Wine 8 cannot resolve such a path (GetFinalPathNameByHandleW has a MAX_PATH buffer:
# WinError 234), so opening it may be refused there: then with a message, never a traceback.
step "a path longer than 260 characters"
long="$WORK"
for _ in $(seq 1 14); do long="$long\\thư mục rất dài của xã Đoàn Kết"; done
long="$long\\du-lieu.sqlite"
long_linux="$work$(printf '%s' "${long#"$WORK"}" | tr '\\' /)"
mkdir -p "$(dirname "$long_linux")"
if app init --db "$long" && [ -s "$long_linux" ]; then
  app check --db "$long"
  status=$?
  if [ $status -eq 0 ]; then ok "${#long} characters: made and checked"
  elif [ $status -eq 1 ] && grep -q "^Lỗi: " "$work/out" && ! grep -q Traceback "$work/out"; then
    ok "${#long} characters: made; check refused: $(head -c 60 "$work/out")…"
  else fail "check of a long path: exit code $status"; fi
else fail "init of a long path (${#long} characters)"; fi

# --- 3. the window ---------------------------------------------------------------------
# A used laptop: the first-start questions answered, the default database there (above).
printf '[user]\r\nname=Kiểm tra\r\nrole=commune\r\n' >"$app_data/cai-dat.ini"
log="$app_data/nhat-ky-loi.log"
step "the window, started as Explorer starts it (start /wait)"
t=$(seconds)
(timeout 300 wine start /wait "$WORK\\app\\DoanKetNghiQuyet.exe" </dev/null 2>&1 | cat >"$work/window.txt"
  echo "${PIPESTATUS[0]}" >"$work/window.status") &
window_pid=$!
window=""
for _ in $(seq 1 360); do # 3 minutes: ample even on a loaded 2-core machine
  window=$(xdotool search --onlyvisible --class DoanKetNghiQuyet 2>/dev/null | head -1)
  [ -n "$window" ] && break
  sleep 0.5
done
shown=$(since "$t")
opened=no
for _ in $(seq 1 360); do
  grep -q "last_database=.*du-lieu-nghi-quyet.sqlite" "$app_data/cai-dat.ini" 2>/dev/null &&
    { opened=yes; break; }
  sleep 0.5
done
if [ -n "$window" ] && [ $opened = yes ]; then ok "shown after $shown, data opened after $(since "$t")"; else
  fail "window: ${window:-none}, database opened: $opened"; fi
startup_window=$shown

step "switch to the third tab (Ctrl+3), close (Ctrl+Q): exit code 0"
if [ -n "$window" ]; then
  timeout 10 xdotool windowfocus "$window"
  sleep 1
  timeout 10 xdotool key --clearmodifiers ctrl+3
  sleep 2
  timeout 10 xdotool key --clearmodifiers ctrl+q
fi
for _ in $(seq 1 120); do [ -s "$work/window.status" ] && break; sleep 0.5; done
status=$(cat "$work/window.status" 2>/dev/null || echo "still running after 60 s")
if [ "$status" = 0 ] && grep -q "last_tab=2" "$app_data/cai-dat.ini"; then ok; else
  cp "$work/window.txt" "$work/out"
  fail "exit code: $status; $(grep last_tab "$app_data/cai-dat.ini" || echo 'no last_tab')"
fi
if [ ! -s "$work/window.status" ]; then # never left: end every Windows program of the run
  wineserver -k 2>/dev/null
  wineserver -p
fi
wait "$window_pid" 2>/dev/null
window_pid=""

step "nothing in the error log"
if ! grep -qs "ERROR\|Traceback" "$log"; then ok; else cp "$log" "$work/out"; fail "$log"; fi

step "nothing left in %TEMP% (no _MEI folder)"
sleep 1
if compgen -G "$temp_dir/_MEI*" >/dev/null; then fail "$(ls "$temp_dir")"; else ok; fi

# --- 4. the test suites under the Windows Python ----------------------------------------
# The checkout on sys.path as an editable install would put it (the embeddable Python
# ignores PYTHONPATH: its python311._pth decides).
# tools/windows too, for the plugin that marks what cannot pass under Wine (and why).
{ winpath "$ROOT"; echo; winpath "$ROOT/tools/windows"; echo; } \
  >"$PYDIR/Lib/site-packages/dk-desktop-checkout.pth"
step "pytest with the Windows Python"
echo
: >"$work/out"
t=$(seconds)
QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg WINE_TIMEOUT=1500 winpython -m pytest -q -rxX -p no:cacheprovider -p pytest_windows \
  tests/core tests/store tests/exchange tests/test_cli.py tests/test_paths.py \
  tests/test_windows.py 2>&1 | tee "$work/pytest.txt" | tail -25
summary=$(grep -E "^(=+ )?[0-9]+ (passed|failed)" "$work/pytest.txt" | tail -1)
step "pytest with the Windows Python"
if grep -qE "^(=+ )?[0-9]+ passed" <<<"$summary" && ! grep -qE "[0-9]+ (failed|errors?)" <<<"$summary"; then
  ok "$(sed 's/=//g' <<<"$summary" | xargs), $(since "$t")"
else fail "${summary:-no summary}"; fi

echo "windows-check: the .exe started the command line in $startup_cli, the window in" \
  "$startup_window; all checks in $(since "$started")"
echo "windows-check: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
