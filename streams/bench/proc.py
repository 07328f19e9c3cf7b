"""What Linux says about a live child process: its CPU time and its peak memory."""

from __future__ import annotations

import os

__all__ = ["cpu_seconds", "peak_rss_mb"]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    user, system = int(fields[11]), int(fields[12])  # utime, stime: fields 14 and 15 of stat
    return (user + system) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size of the process (``VmHWM``), in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")
