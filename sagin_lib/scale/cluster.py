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

The local workers start with the malloc settings of :data:`LOCAL_WORKER_ENV`:
with Dask's own, each worker of the scaling chapter runs about a third slower
(measured with ``benchmarks/bench_dask.py --malloc``).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

__all__ = [
    "LOCAL_WORKER_ENV",
    "SCHEDULER_ENV_VAR",
    "check_scheduler_reachable",
    "get_client",
    "parse_scheduler_address",
    "scheduler_address",
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


def parse_scheduler_address(address: str) -> tuple[str, str, int]:
    """Split a scheduler address into ``(protocol, host, port)``; ValueError if malformed.

    Accepts ``tcp://host:port`` and ``tls://host:port`` (IPv6 hosts in
    brackets), and ``host:port`` for TCP.

    Examples
    --------
    >>> parse_scheduler_address("tcp://10.0.0.5:8786")
    ('tcp', '10.0.0.5', 8786)
    """
    text = address.strip()
    protocol, sep, rest = text.partition("://")
    if not sep:
        protocol, rest = "tcp", text
    if protocol not in ("tcp", "tls"):
        raise ValueError(f"scheduler_address {address!r}: the protocol must be tcp:// or tls://")
    host, colon, port_text = rest.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(
            f"scheduler_address {address!r} is not of the form tcp://host:port "
            "(a port between 1 and 65535)"
        )
    return protocol, host, int(port_text)


def check_scheduler_reachable(address: str, timeout_s: float = 3.0) -> None:
    """Open and close a TCP connection to a scheduler; ValueError if it cannot be reached.

    Run before a chapter starts, so that a wrong address is named at once
    rather than after the scheduler's own, much longer, timeout.
    """
    import socket

    _, host, port = parse_scheduler_address(address)
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ValueError(
            f"scheduler_address {address!r}: nothing answers at {host}:{port} "
            f"within {timeout_s:g} s ({reason})"
        ) from None


def _check_positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value!r}")
    return value


def _quiet_loggers(level: int) -> None:
    for name in _DASK_LOGGERS:
        logging.getLogger(name).setLevel(level)


def _quiet_for_shutdown() -> None:
    # Run on every local worker as its cluster closes: on a busy machine a worker's
    # heartbeat can meet the scheduler already closing, which Dask logs as an error
    # although the run has ended and lost nothing.
    for name in (*_DASK_LOGGERS, "distributed.worker", "distributed.core", "distributed.comm"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


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
            with contextlib.suppress(Exception):  # a worker already gone has nothing to say
                client.run(_quiet_for_shutdown)
            client.close()
    finally:
        cluster.close()
