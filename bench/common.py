"""Shared pieces of the benchmarks: a virtual screen, "when did a window of this process
appear", memory of a process tree, the machine line, and tables with ratios.

The window watch asks the X server directly (libX11 through ctypes) every 2 ms for a
top-level window that is *viewable* (mapped) and whose _NET_WM_PID belongs to the process
we started or to one of its children (a PyInstaller one-file executable runs the program
in a child process). That is what `xdotool search --sync --onlyvisible --pid PID` checks,
but xdotool polls only every half second, far too coarse for a 0,15 s window.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_BUILD = ROOT / "build" / "bench"  # baseline executables (git-ignored)

# --- the virtual screen --------------------------------------------------------------


def have(*commands: str) -> list[str]:
    """The commands that are missing."""
    return [c for c in commands if shutil.which(c) is None]


@contextlib.contextmanager
def virtual_screen(number: int = 91, size: str = "1366x768x24") -> Iterator[str]:
    """Start Xvfb on the first free display from :number (1366×768, an old office
    laptop's screen) for the block. A display in use (its lock file exists) is left
    alone: it may be another run's, or a colleague's."""
    while Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", size, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while X11.open(display) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"Xvfb {display} did not start")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


class _XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("c_class", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


IS_VIEWABLE = 2
XA_CARDINAL = 6


class X11:
    """Just enough of libX11 to find the viewable top-level windows and their pids."""

    _lib: ctypes.CDLL | None = None

    @classmethod
    def lib(cls) -> ctypes.CDLL:
        if cls._lib is None:
            name = ctypes.util.find_library("X11") or "libX11.so.6"
            lib = ctypes.CDLL(name)
            lib.XOpenDisplay.restype = ctypes.c_void_p
            lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
            lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
            lib.XDefaultRootWindow.restype = ctypes.c_ulong
            lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            lib.XInternAtom.restype = ctypes.c_ulong
            lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
            lib.XQueryTree.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                ctypes.POINTER(ctypes.c_uint),
            ]
            lib.XGetWindowAttributes.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(_XWindowAttributes),
            ]
            lib.XGetWindowProperty.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.c_ulong,
                ctypes.c_long,
                ctypes.c_long,
                ctypes.c_int,
                ctypes.c_ulong,
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_ulong),
                ctypes.POINTER(ctypes.c_void_p),
            ]
            lib.XFree.argtypes = [ctypes.c_void_p]
            lib.XSetErrorHandler.restype = ctypes.c_void_p
            cls._handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
                lambda display, event: 0  # a window that vanished while we looked: ignore
            )
            lib.XSetErrorHandler(cls._handler)
            cls._lib = lib
        return cls._lib

    @classmethod
    def open(cls, display: str) -> X11 | None:
        handle = cls.lib().XOpenDisplay(display.encode())
        return cls(handle) if handle else None

    def __init__(self, handle: int):
        lib = self.lib()
        self.handle = handle
        self.root = lib.XDefaultRootWindow(handle)
        self.pid_atom = lib.XInternAtom(handle, b"_NET_WM_PID", 0)

    def close(self) -> None:
        self.lib().XCloseDisplay(self.handle)

    def visible_windows(self) -> list[tuple[int, int | None, int, int]]:
        """(window, pid, width, height) of each viewable child of the root window."""
        lib = self.lib()
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        if not lib.XQueryTree(
            self.handle,
            self.root,
            ctypes.byref(root),
            ctypes.byref(parent),
            ctypes.byref(children),
            ctypes.byref(count),
        ):
            return []
        windows = [children[i] for i in range(count.value)]
        if children:
            lib.XFree(children)
        found = []
        attributes = _XWindowAttributes()
        for window in windows:
            if not lib.XGetWindowAttributes(self.handle, window, ctypes.byref(attributes)):
                continue
            if attributes.map_state != IS_VIEWABLE:
                continue
            found.append((window, self._pid(window), attributes.width, attributes.height))
        return found

    def _pid(self, window: int) -> int | None:
        lib = self.lib()
        kind, form = ctypes.c_ulong(), ctypes.c_int()
        items, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = lib.XGetWindowProperty(
            self.handle,
            window,
            self.pid_atom,
            0,
            1,
            0,
            XA_CARDINAL,
            ctypes.byref(kind),
            ctypes.byref(form),
            ctypes.byref(items),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return None
        try:
            if items.value < 1:
                return None
            return ctypes.cast(data, ctypes.POINTER(ctypes.c_long))[0]
        finally:
            lib.XFree(data)


# --- processes -----------------------------------------------------------------------


def descendants(pid: int) -> set[int]:
    """pid and every process below it (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = {pid}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def rss_mb(pids: Sequence[int] | set[int]) -> float:
    """Resident memory of these processes (MB = 10⁶ bytes), from /proc/PID/status."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total / 1e6


def cpu_seconds(pids: Sequence[int] | set[int]) -> float:
    """User + system CPU time these processes have used so far (from /proc/PID/stat)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def stop(process: subprocess.Popen) -> None:
    """End a process we started (in its own session) and everything it started."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError):  # a one-file child left behind
        os.killpg(process.pid, signal.SIGKILL)


def time_to_window(
    command: Sequence[str], display: str, *, env: dict[str, str] | None = None, timeout=60.0
) -> tuple[float, float, subprocess.Popen]:
    """Seconds from starting ``command`` to its first viewable top-level window, and the
    RSS (MB) of its process tree at that moment. The process is left running; the CPU
    time its tree had used by then is in ``process.cpu_to_window`` (seconds): unlike the
    wall-clock time, it hardly moves when other work loads the machine."""
    screen = X11.open(display)
    if screen is None:
        raise RuntimeError(f"no X display {display}")
    run_env = dict(os.environ if env is None else env)
    run_env["DISPLAY"] = display
    run_env["QT_QPA_PLATFORM"] = "xcb"
    try:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            env=run_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        tree: set[int] = {process.pid}
        checks = 0
        while True:
            for _window, pid, width, height in screen.visible_windows():
                if width > 1 and height > 1 and (pid is None or pid in tree):
                    elapsed = time.perf_counter() - start
                    tree = descendants(process.pid)
                    process.cpu_to_window = cpu_seconds(tree)  # type: ignore[attr-defined]
                    return elapsed, rss_mb(tree), process
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise RuntimeError(
                    f"{command[0]} ended ({process.returncode}) before showing a window:\n"
                    + error[-2000:]
                )
            if time.perf_counter() - start > timeout:
                stop(process)
                raise RuntimeError(f"{command[0]} showed no window within {timeout:.0f} s")
            checks += 1
            if checks % 25 == 0:  # a one-file executable starts its child a bit later
                tree = descendants(process.pid)
            time.sleep(0.002)
    finally:
        screen.close()


# --- reporting -----------------------------------------------------------------------


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError), open("/proc/meminfo") as info:
        memory = f", {int(info.readline().split()[1]) / 2**20:.0f} GiB"
    return (
        f"{datetime.date.today():%d/%m/%Y}; {os.cpu_count()} × {cpu}{memory}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f} at the start (other work on the machine "
        "slows every program alike; the ratios are what to compare)"
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """A Markdown table (reads well in a terminal too)."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    return "\n".join(
        [line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        + [line(r) for r in cells[1:]]
    )


def python() -> str:
    """The interpreter that runs the benchmarks (the project's .venv under `make bench`)."""
    return sys.executable


def app_environment(home: Path, *, platform_name: str | None = None) -> dict[str, str]:
    """Environment for running the app in a throwaway home: its data folder there, and
    the first-start questions (who is using it) already answered, as on a used laptop."""
    data = home / ".local" / "share"
    settings = data / "DoanKetNghiQuyet" / "cai-dat.ini"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[user]\nname=Bench\nrole=commune\n", encoding="utf-8")
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_DATA_HOME=str(data), TMPDIR=str(home / "tmp"))
    (home / "tmp").mkdir(exist_ok=True)
    env.pop("MPLBACKEND", None)
    # Python keeps the compiled modules (__pycache__) as any installation does, so the
    # warm-up round leaves them for the timed rounds; with PYTHONDONTWRITEBYTECODE set
    # (as in some sandboxes and CI images) every start would compile the app's own ~60
    # modules again (about 30 ms), which no clerk's start pays (the frozen file holds
    # compiled modules), while the bare windows' site-packages are compiled already.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if platform_name:
        env["QT_QPA_PLATFORM"] = platform_name
    return env


def app_errors(env: dict[str, str]) -> str:
    """The errors the app logged in this throwaway home (empty when none): a run whose
    app failed after showing its window must not pass for a fast or lean one."""
    log = Path(env["XDG_DATA_HOME"]) / "DoanKetNghiQuyet" / "nhat-ky-loi.log"
    if not log.exists():
        return ""
    errors = [line for line in log.read_text(encoding="utf-8").splitlines() if " ERROR " in line]
    lines = log.read_text(encoding="utf-8").splitlines()
    detail = next((line for line in reversed(lines) if "Error" in line), "")
    return f"{len(errors)} error(s) in {log.name}, e.g. {detail.strip()[:200]}" if errors else ""
