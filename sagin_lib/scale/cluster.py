"""Where the Dask computations run: a scheduler address, or a local cluster on loopback.

:func:`get_client` is a context manager that yields a
:class:`distributed.Client`:

* connected to the scheduler at ``address`` if one is given, else at the
  address in the environment variable ``SAGIN_DASK_SCHEDULER`` (for
  example ``tcp://10.0.0.5:8786``, a scheduler started by ``dask scheduler``,
  dask-jobqueue, a Kubernetes operator or a cloud service);
* otherwise connected to a :class:`distributed.LocalCluster` that it starts
  on ``127.0.0.1`` (worker processes, no dashboard, logs below ERROR
  silenced) and shuts down on exit.

On exit it closes what it started: always the client, and the local cluster
if it made one (never a remote cluster).

Peak memory: :func:`peak_rss_mib` reads the high-water mark of the resident
set of the calling process (``VmHWM`` of ``/proc/self/status`` on Linux,
else ``ru_maxrss``); :func:`reset_peak_rss` resets it where Linux allows
(``/proc/self/clear_refs``); :func:`worker_peak_rss_mib` runs them on every
worker of a client.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

__all__ = [
    "LOCAL_WORKER_ENV",
    "SCHEDULER_ENV_VAR",
    "get_client",
    "peak_rss_mib",
    "reset_peak_rss",
    "scheduler_address",
    "worker_peak_rss_mib",
]

#: Environment variable holding a scheduler address (``tcp://host:port``).
SCHEDULER_ENV_VAR: str = "SAGIN_DASK_SCHEDULER"

_DASK_LOGGERS = ("distributed", "dask", "tornado", "bokeh")

#: Environment of the local worker processes, set before they start (glibc's
#: malloc reads it only then). Dask's default ``MALLOC_TRIM_THRESHOLD_=65536``
#: hands every freed block back to the system, so each chunk-sized array is
#: page-faulted in again; measured on the sampler and reductions here, that
#: costs about a third of a worker's time. Serving arrays up to 64 MiB from
#: the heap and keeping up to 256 MiB of freed heap gives the speed of a plain
#: process back, for a worker footprint that stays flat (the arrays are reused).
LOCAL_WORKER_ENV: Mapping[str, str] = MappingProxyType(
    {"MALLOC_MMAP_THRESHOLD_": str(64 << 20), "MALLOC_TRIM_THRESHOLD_": str(256 << 20)}
)


def scheduler_address(address: str | None = None) -> str | None:
    """The scheduler to use: ``address`` if non-empty, else ``$SAGIN_DASK_SCHEDULER``, else None.

    Parameters
    ----------
    address : str or None, optional
        An explicit address (``tcp://host:port``, ``tls://...``,
        ``inproc://...``); an empty string means "not given".

    Returns
    -------
    str or None
        None means: start a local cluster.

    Raises
    ------
    ValueError
        If ``address`` is not a string or None.
    """
    if address is not None and not isinstance(address, str):
        raise ValueError(f"address must be a string or None; got {address!r}")
    chosen = (address or "").strip() or os.environ.get(SCHEDULER_ENV_VAR, "").strip()
    return chosen or None


def _check_positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return value


def _quiet_loggers(level: int) -> None:
    for name in _DASK_LOGGERS:
        logging.getLogger(name).setLevel(level)


@contextmanager
def get_client(
    address: str | None = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    *,
    memory_limit: str | int | None = "auto",
    worker_env: Mapping[str, str] | None = None,
    log_level: int = logging.ERROR,
    timeout: float = 120.0,
) -> Iterator[Any]:
    """A Dask client on the given scheduler, or on a local cluster started for the occasion.

    Parameters
    ----------
    address : str or None, optional
        Scheduler address; empty or None falls back to the environment
        variable ``SAGIN_DASK_SCHEDULER``, and without it a
        :class:`distributed.LocalCluster` is started.
    n_workers : int, optional
        Worker processes of a local cluster, >= 1. Default 2.
    threads_per_worker : int, optional
        Threads per local worker, >= 1. Default 1 (the NumPy kernels of the
        study hold the GIL part of the time; processes scale better).
    memory_limit : str, int or None, optional
        Per-worker memory limit of a local cluster (Dask's syntax). Default
        ``"auto"`` (the machine's memory shared among the workers).
    worker_env : mapping of str to str, optional
        Environment variables of the local worker processes, set before they
        start (on top of Dask's ``distributed.nanny.pre-spawn-environ``).
        They take precedence over this process's environment, which is left
        as it was found. Default :data:`LOCAL_WORKER_ENV`; ``{}`` keeps Dask's
        rules (this process's environment, else Dask's defaults).
    log_level : int, optional
        Level below which the ``distributed`` loggers of this process and of
        the local workers stay silent. Default ``logging.ERROR``: nothing on
        stderr in a normal run.
    timeout : float, optional
        Seconds to wait for the scheduler or the workers, > 0. Default 120.

    Yields
    ------
    distributed.Client
        Also the default scheduler of ``dask.compute`` inside the block.

    Raises
    ------
    ValueError
        For a non-positive worker or thread count or timeout, or a
        non-string address.
    """
    import dask
    from distributed import Client, LocalCluster

    target = scheduler_address(address)
    workers = _check_positive_int("n_workers", n_workers)
    threads = _check_positive_int("threads_per_worker", threads_per_worker)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds; got {timeout!r}")
    if worker_env is None:
        worker_env = LOCAL_WORKER_ENV
    if not isinstance(worker_env, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in worker_env.items()
    ):
        raise ValueError(f"worker_env must map strings to strings; got {worker_env!r}")
    _quiet_loggers(log_level)
    if target is not None:
        client = Client(target, timeout=timeout)
        try:
            yield client
        finally:
            client.close()
        return
    spawn_env = {**dask.config.get("distributed.nanny.pre-spawn-environ", {}), **worker_env}
    # Dask lets this process's environment override its spawn settings, and the
    # nannies write the spawn environment into os.environ before starting a
    # worker: set worker_env here for the start, then put every value back.
    saved = {key: os.environ.get(key) for key in spawn_env}
    try:
        os.environ.update(worker_env)
        with dask.config.set({"distributed.nanny.pre-spawn-environ": spawn_env}):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=threads,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # The scheduler serves its HTTP endpoints even without a
                # dashboard, by default on port 8787 of every interface: an
                # ephemeral loopback port instead (no clash, nothing exposed).
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                memory_limit=memory_limit,
                silence_logs=log_level,
            )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    try:
        client = Client(cluster, timeout=timeout)
        try:
            client.wait_for_workers(workers, timeout=timeout)
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


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
    """Peak resident memory of each worker of ``client``, MiB.

    Parameters
    ----------
    client : distributed.Client
        The client.
    reset : bool, optional
        Reset each worker's mark (see :func:`reset_peak_rss`) instead of
        reading it; the returned values are then the current RSS.

    Returns
    -------
    dict
        Worker address to MiB, sorted by address.

    Raises
    ------
    ValueError
        If ``client`` has no ``run`` method.
    """
    if not callable(getattr(client, "run", None)):
        raise ValueError(f"client must be a distributed.Client; got {client!r}")
    if reset:
        client.run(reset_peak_rss)
    values = client.run(peak_rss_mib)
    return {address: float(values[address]) for address in sorted(values)}
