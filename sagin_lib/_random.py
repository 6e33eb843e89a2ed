"""One randomness convention for the whole library.

Every random function takes ``rng``: an int seed (the reproducible choice), a
:class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator` (or a bare
BitGenerator) or None (fresh entropy from the operating system), as NumPy and
SciPy functions do (SciPy's SPEC 7). It is normalised here, in one place:

* :func:`as_generator` for a function that draws from one stream;
* :func:`as_seed_sequence` for a function that splits its work into independent
  streams (blocks, tasks, sweep points), whose children derive from the root.

An int ``s`` and ``SeedSequence(s)`` give the same results. A Generator is
advanced by one draw of 128 bits when a root ``SeedSequence`` is taken from it,
so the same Generator state gives the same root.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

#: What ``rng`` may be.
RngLike = (
    int | np.integer | np.random.SeedSequence | np.random.BitGenerator | np.random.Generator | None
)

_WHAT = "a non-negative int seed, a SeedSequence, a numpy Generator or None"

_F = TypeVar("_F", bound=Callable[..., Any])


_BAD_RNG_RAISES = """

    Raises
    ------
    ValueError
        If ``rng`` is of another type or a negative int.
    """


def _raises_for_bad_rng(func: _F) -> _F:
    """Close the docstring of a function that normalises ``rng`` with the error they share."""
    if func.__doc__:  # absent under ``python -OO``
        func.__doc__ = func.__doc__.rstrip() + _BAD_RNG_RAISES
    return func


def _check_int_seed(rng: Any) -> int:
    if isinstance(rng, bool) or not isinstance(rng, (int, np.integer)) or rng < 0:
        raise ValueError(f"rng must be {_WHAT}; got {rng!r}")
    return int(rng)


@_raises_for_bad_rng
def as_generator(rng: RngLike) -> np.random.Generator:
    """The Generator that a random function draws from."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (np.random.SeedSequence, np.random.BitGenerator)):
        return np.random.default_rng(rng)
    return np.random.default_rng(_check_int_seed(rng))


@_raises_for_bad_rng
def as_seed_sequence(rng: RngLike) -> np.random.SeedSequence:
    """The root SeedSequence from which a function's independent streams derive.

    A Generator (or BitGenerator) contributes 128 bits drawn from it.
    """
    if isinstance(rng, np.random.SeedSequence):
        return rng
    if isinstance(rng, np.random.BitGenerator):
        rng = np.random.Generator(rng)
    if isinstance(rng, np.random.Generator):
        return np.random.SeedSequence(rng.integers(0, 2**32, size=4, dtype=np.uint64).tolist())
    if rng is None:
        return np.random.SeedSequence()
    return np.random.SeedSequence(_check_int_seed(rng))


def child_seed_sequence(root: np.random.SeedSequence, *key: int) -> np.random.SeedSequence:
    """The child of ``root`` at ``key``, as ``root.spawn`` would give on a fresh root.

    ``SeedSequence(root.entropy, spawn_key=root.spawn_key + key)``: computed
    without mutating the root, so that any process can derive any child.
    """
    return np.random.SeedSequence(
        root.entropy, spawn_key=(*root.spawn_key, *key), pool_size=root.pool_size
    )
