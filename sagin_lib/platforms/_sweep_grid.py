"""Monte Carlo inputs shared by the HAPS network models.

:mod:`sagin_lib.platforms.haps_coverage` and :mod:`sagin_lib.platforms.cell_free`
both estimate coverage over a grid of HAPS and satellite counts, drawing the
platforms in one of the same two ways; their grids, the randomness of each
point and the checks of their inputs are defined here once, so that the two
models stay comparable point by point.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from sagin_lib._checks import check_count
from sagin_lib._random import RngLike, as_seed_sequence, child_seed_sequence

#: Ways of drawing the platforms: only those in the user's visibility cap
#: (exact thinning of the binomial point process), or all of them.
SAMPLING_MODES: tuple[str, ...] = ("visible_cap", "full")


def check_users_and_sampling(n_users: Any, sampling: Any) -> int:
    """The number of users (>= 1), after checking it and the sampling mode."""
    users = check_count("n_users", n_users)
    if users < 1:
        raise ValueError(f"n_users must be at least 1; got {n_users!r}")
    if sampling not in SAMPLING_MODES:
        raise ValueError(f"sampling must be one of {', '.join(SAMPLING_MODES)}; got {sampling!r}")
    return users


def check_point(n_haps: Any, n_sats: Any, n_users: Any, sampling: Any) -> tuple[int, int, int]:
    """The counts of HAPS, satellites and users of one Monte Carlo point, checked."""
    nh, ns = check_count("n_haps", n_haps), check_count("n_sats", n_sats)
    return nh, ns, check_users_and_sampling(n_users, sampling)


def count_grid(
    n_haps_values: Iterable[int], n_sats_values: Iterable[int], rng: RngLike
) -> list[tuple[int, int, np.random.SeedSequence]]:
    """The points ``(n_haps, n_sats, randomness)`` of a sweep, ``n_sats`` outer, ``n_haps`` inner.

    A point's randomness is the child of the root
    :func:`~sagin_lib._random.as_seed_sequence` of ``rng`` at its own counts
    ``(n_sats, n_haps)``, so that it does not depend on the other points.

    Raises
    ------
    ValueError
        For a negative or non-integer count, or an empty or repeating list.
    """
    haps = [check_count("n_haps_values", v) for v in n_haps_values]
    sats = [check_count("n_sats_values", v) for v in n_sats_values]
    if not haps or not sats:
        raise ValueError("n_haps_values and n_sats_values must not be empty")
    if len(set(haps)) != len(haps) or len(set(sats)) != len(sats):
        raise ValueError("n_haps_values and n_sats_values must not repeat a value")
    root = as_seed_sequence(rng)
    return [(nh, ns, child_seed_sequence(root, ns, nh)) for ns in sats for nh in haps]
