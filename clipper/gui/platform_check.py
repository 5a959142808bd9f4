"""Before Qt starts: is there a display, and can Qt's X11 (xcb) plugin load?

Qt aborts with a cryptic "could not load the Qt platform plugin xcb" when a system
library is missing. We look first and print what to install instead. This module does
not import Qt; :func:`diagnose` is a pure function of the environment so it is testable
without a display.
"""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from collections.abc import Callable, Mapping
from functools import cache

#: Shared libraries Qt 6.11's ``libqxcb.so`` (and ``libQt6XcbQpa.so.6``) link against,
#: from ``ldd``, with the Debian/Ubuntu package that ships each one.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
)

LibraryFinder = Callable[[str], bool]


def _platform_name(env: Mapping[str, str]) -> str:
    """The first platform plugin Qt will try ("" when Qt chooses itself)."""
    value = env.get("QT_QPA_PLATFORM", "").strip()
    return value.split(";")[0].split(":")[0].strip().lower()


def _uses_xcb(env: Mapping[str, str]) -> bool:
    platform = _platform_name(env)
    if platform:
        return platform == "xcb"
    # Qt chooses Wayland on a Wayland session, X11 otherwise.
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "") == "wayland")


def diagnose(env: Mapping[str, str], system: str, has_library: LibraryFinder) -> str | None:
    """A message explaining why the window cannot open, or ``None`` when all looks fine."""
    if not system.startswith("linux"):
        return None
    platform = _platform_name(env)
    if platform and platform != "xcb":
        return None  # offscreen, wayland, vnc, eglfs …: Qt's business.
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "Clipper: no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the window "
            "cannot open (are you on SSH or a server?).\n"
            "Run it on a desktop session, forward X11 (ssh -X), or use a virtual display: "
            "xvfb-run clipper.\n"
            "The CLI still works: clipper --help"
        )
    if not _uses_xcb(env):
        return None
    missing = [(lib, pkg) for lib, pkg in XCB_LIBRARIES if not has_library(lib)]
    if not missing:
        return None
    libs = ", ".join(lib for lib, _ in missing)
    packages = " ".join(pkg for _, pkg in missing)
    return (
        "Clipper cannot open its window: Qt's X11 (xcb) platform plugin needs system "
        f"libraries that are missing: {libs}.\n"
        f"On Debian or Ubuntu install them with:\n    sudo apt install {packages}\n"
        "(Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms "
        "xcb-util-image xcb-util-renderutil libxkbcommon-x11)\n"
        "The CLI still works: clipper --help"
    )


@cache
def _ldconfig_names() -> frozenset[str] | None:
    """Every shared-library name the dynamic loader knows (one ``ldconfig -p`` call)."""
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            output = subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        names = {line.split(" (", 1)[0].strip() for line in output.splitlines()[1:]}
        if names:
            return frozenset(names)
    return None


def system_has_library(soname: str) -> bool:
    """Can the dynamic loader find ``soname`` (e.g. ``libxcb-cursor.so.0``)?"""
    names = _ldconfig_names()
    if names is not None and soname in names:
        return True
    # Not in the loader cache: perhaps on LD_LIBRARY_PATH (find_library looks there too).
    short = soname.removeprefix("lib").split(".so", 1)[0]
    found = ctypes.util.find_library(short)
    return found is not None and found.endswith(soname)


def check_platform() -> str | None:
    """Diagnose the real environment of this process."""
    import os

    return diagnose(os.environ, sys.platform, system_has_library)
