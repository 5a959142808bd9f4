"""Read the POSIX locks a process holds on a file from ``/proc/locks`` (Linux).

SQLite in WAL mode keeps a shared lock on the database file for as long as a connection
is open; if it is gone while the connection is open, another process may delete the
write-ahead log under it. Tests use this to prove the app keeps its locks.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")


def held_locks(path: str | os.PathLike[str], pid: int | None = None) -> list[str]:
    """The lines of /proc/locks for ``pid`` (default: this process) on ``path``'s inode."""
    pid = os.getpid() if pid is None else pid
    st = os.stat(path)
    found = []
    for line in PROC_LOCKS.read_text().splitlines():
        fields = line.split()
        # "1: POSIX  ADVISORY  READ 1234 fe:00:5678 1073741826 1073742335"; a blocked
        # waiter has "->" after the number.
        if "->" in fields:
            fields.remove("->")
        if len(fields) < 6 or fields[1] != "POSIX":
            continue
        lock_pid, device_inode = fields[4], fields[5]
        major, minor, inode = device_inode.split(":")
        if (
            int(lock_pid) == pid
            and int(inode) == st.st_ino
            and os.makedev(int(major, 16), int(minor, 16)) == st.st_dev
        ):
            found.append(line)
    return found
