"""Peak resident memory of this process and of Dask workers, for the benchmarks.

:func:`peak_rss_mib` reads the high-water mark of the resident set of the
calling process (``VmHWM`` of ``/proc/self/status`` on Linux: unlike
``ru_maxrss`` it is not inherited from the parent across fork and exec; else
``ru_maxrss``); :func:`reset_peak_rss` resets it where Linux allows
(``/proc/self/clear_refs``); :func:`worker_peak_rss_mib` runs them on every
worker of a Dask client.
"""

from __future__ import annotations

import resource
import sys
from typing import Any


def peak_rss_mib() -> float:
    """Peak resident memory of this process, MiB (Linux ``VmHWM``, else ``ru_maxrss``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def reset_peak_rss() -> bool:
    """Reset this process's peak-RSS mark to its current RSS where possible (Linux).

    Returns
    -------
    bool
        True if the mark was reset (``/proc/self/clear_refs`` accepted
        ``5``), False otherwise (the peak then covers the process's life).
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def worker_peak_rss_mib(client: Any, *, reset: bool = False) -> dict[str, float]:
    """Peak resident memory of each worker of a ``distributed.Client``, MiB, by address.

    With ``reset``, each worker's mark is reset first (see :func:`reset_peak_rss`)
    and the values returned are the current RSS.
    """
    if reset:
        client.run(reset_peak_rss)
    values = client.run(peak_rss_mib)
    return {address: float(values[address]) for address in sorted(values)}
