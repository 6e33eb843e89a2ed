"""Monte Carlo parameter sweeps mapped over Dask workers, with the serial run's numbers.

A sweep of the study is a list of self-contained tasks, each carrying its own
seed (for example the :class:`~sagin_lib.platforms.haps_coverage.SweepPoint` objects of
:func:`~sagin_lib.platforms.haps_coverage.sweep_points`, seeded from the root seed and
the point's own counts). :func:`dask_map` returns a ``map``-like callable
that runs such tasks on a Dask client (or, without one, on Dask's local
scheduler) and returns the results in input order, so

``coverage_sweep(..., map_function=dask_map(client))``

gives the same table as ``coverage_sweep(...)``, value for value: the task
function is pure and each task's randomness is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import dask

__all__ = ["dask_map"]

_SCHEDULERS = ("threads", "processes", "sync", "synchronous", "single-threaded")


def dask_map(
    client: Any = None,
    *,
    scheduler: str | None = None,
    batch_size: int | None = None,
) -> Callable[..., list[Any]]:
    """A ``map``-like function that runs its calls as Dask tasks.

    Parameters
    ----------
    client : distributed.Client, optional
        Where to run the tasks (for example from
        :func:`~sagin_lib.scale.cluster.get_client`). Without one, the tasks
        run through :func:`dask.compute` on ``scheduler``.
    scheduler : str, optional
        Local scheduler when there is no client: ``"threads"``,
        ``"processes"`` or ``"sync"``. Default: Dask's default (the active
        client if any, else threads).
    batch_size : int, optional
        With a client, submit the tasks in batches of this many (>= 1);
        default all at once.

    Returns
    -------
    callable
        ``f(func, *iterables) -> list``: ``[func(*args) for args in
        zip(*iterables)]``, computed on Dask, in input order. ``func`` and the
        arguments must be picklable, and importable on the workers.

    Raises
    ------
    ValueError
        For both a client and a scheduler, an unknown scheduler, a client
        without ``map``/``gather``, or a bad batch size.

    Examples
    --------
    >>> dask_map(scheduler="sync")(pow, [2, 3], [3, 2])
    [8, 9]
    """
    if client is not None and scheduler is not None:
        raise ValueError("scheduler must be None when a client is given")
    if scheduler is not None and scheduler not in _SCHEDULERS:
        raise ValueError(f"scheduler must be one of {', '.join(_SCHEDULERS)}; got {scheduler!r}")
    if client is not None and not (
        callable(getattr(client, "map", None)) and callable(getattr(client, "gather", None))
    ):
        raise ValueError(f"client must be a distributed.Client; got {client!r}")
    if batch_size is not None and (
        isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1
    ):
        raise ValueError(f"batch_size must be a positive integer or None; got {batch_size!r}")

    def _map(func: Callable[..., Any], *iterables: Iterable[Any]) -> list[Any]:
        if not callable(func):
            raise ValueError(f"func must be callable; got {func!r}")
        if not iterables:
            raise ValueError("dask_map needs at least one iterable")
        calls = list(zip(*iterables, strict=False))
        if not calls:
            return []
        if client is None:
            kwargs = {} if scheduler is None else {"scheduler": scheduler}
            tasks = [dask.delayed(func, pure=False)(*args) for args in calls]
            return list(dask.compute(*tasks, **kwargs))
        step = batch_size or len(calls)
        results: list[Any] = []
        for start in range(0, len(calls), step):
            batch = calls[start : start + step]
            # pure=False: every call is its own task, even with equal arguments.
            futures = client.map(func, *zip(*batch, strict=True), pure=False)
            results.extend(client.gather(futures))
        return results

    return _map
