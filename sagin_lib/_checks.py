"""Argument checks shared by the public functions.

Every check raises :class:`ValueError` naming the offending argument and the
allowed range, so that bad input never turns into a silent NaN downstream.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def _first_bad(arr: FloatArray, bad: NDArray[np.bool_]) -> float:
    return float(arr[bad].flat[0])


def _as_array(name: str, value: ArrayLike) -> FloatArray:
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{name} must be a real number or an array of them; got {value!r}"
        ) from exc


def _all_within(
    arr: FloatArray, low: float, high: float, low_closed: bool, high_closed: bool
) -> bool:
    """True when every element is finite and inside the bounds, from two reductions.

    NaN fails every comparison, and an infinite bound is taken as open, so the
    fast path also rejects NaN and infinities; the caller then finds out which
    element failed and why.
    """
    if arr.size == 0:
        return True
    # min and max propagate NaN, which then fails both comparisons.
    smallest, largest = float(arr.min()), float(arr.max())
    above = smallest >= low if low_closed and math.isfinite(low) else smallest > low
    below = largest <= high if high_closed and math.isfinite(high) else largest < high
    return above and below


def as_float_array(name: str, value: ArrayLike) -> FloatArray:
    """Convert ``value`` to a float64 array, rejecting NaN and non-numbers."""
    arr = _as_array(name, value)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN")
    return arr


def check_finite(name: str, value: ArrayLike) -> FloatArray:
    """Return ``value`` as a float64 array after checking that it is finite."""
    arr = as_float_array(name, value)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} must be finite; got {_first_bad(arr, bad)!r}")
    return arr


def _check_above_zero(name: str, value: ArrayLike, unit: str, zero_allowed: bool) -> FloatArray:
    """Finite and above zero (``zero_allowed``: or at zero), with the message of that bound."""
    arr = _as_array(name, value)
    if _all_within(arr, 0.0, math.inf, zero_allowed, False):
        return arr
    arr = check_finite(name, arr)
    bad = arr < 0 if zero_allowed else arr <= 0
    if bad.any():
        bound = ">=" if zero_allowed else ">"
        raise ValueError(f"{name} must be {bound} 0{unit}; got {_first_bad(arr, bad)!r}")
    return arr


def check_nonnegative(name: str, value: ArrayLike, unit: str = "") -> FloatArray:
    """Finite and >= 0."""
    return _check_above_zero(name, value, unit, zero_allowed=True)


def check_positive(name: str, value: ArrayLike, unit: str = "") -> FloatArray:
    """Finite and > 0."""
    return _check_above_zero(name, value, unit, zero_allowed=False)


def check_interval(
    name: str,
    value: ArrayLike,
    low: float,
    high: float,
    *,
    low_closed: bool = True,
    high_closed: bool = True,
    description: str | None = None,
) -> FloatArray:
    """Finite and inside the interval from ``low`` to ``high``.

    ``description`` replaces the numeric interval in the message, for example
    ``"[0, 90) degrees"`` for an angle checked in radians.
    """
    arr = _as_array(name, value)
    if _all_within(arr, low, high, low_closed, high_closed):
        return arr
    arr = check_finite(name, arr)
    too_low = arr < low if low_closed else arr <= low
    too_high = arr > high if high_closed else arr >= high
    bad = too_low | too_high
    if bad.any():
        interval = description or (
            f"{'[' if low_closed else '('}{low!r}, {high!r}{']' if high_closed else ')'}"
        )
        raise ValueError(f"{name} must lie in {interval}; got {_first_bad(arr, bad)!r}")
    return arr


def check_elevation(name: str, value: ArrayLike) -> FloatArray:
    """An elevation angle above the horizon in ``[0, pi/2)`` rad (0 to 90 degrees, 90 excluded).

    The one check of every minimum elevation (a ground user's, a receiver's,
    a backhaul link's): a transmitter straight overhead is the limit no dome
    reaches, so ``pi/2`` itself is refused.
    """
    return check_interval(
        name,
        value,
        0.0,
        math.pi / 2,
        high_closed=False,
        description="[0, pi/2) rad, i.e. [0, 90) degrees",
    )


def check_count(name: str, value: Any) -> int:
    """A non-negative Python or NumPy integer."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a non-negative integer; got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer; got {value!r}")
    return int(value)


def check_scalar_finite(name: str, value: Any) -> float:
    """A single finite real number."""
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a finite real number; got {value!r}") from exc
    if not math.isfinite(out):
        raise ValueError(f"{name} must be a finite real number; got {value!r}")
    return out


def check_choice(name: str, value: Any, choices: Sequence[str]) -> str:
    """One of the named ``choices`` (exactly as spelled)."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return str(value)


def check_flag(name: str, value: Any) -> bool:
    """``True`` or ``False`` (a Python or NumPy boolean, not a number or a string)."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def check_fields(
    obj: Any,
    *,
    positive: Iterable[tuple[str, str]] = (),
    nonnegative: Iterable[tuple[str, str]] = (),
    finite: Iterable[str] = (),
    elevation: Iterable[str] = (),
) -> None:
    """Check the named fields of a frozen dataclass and store them as Python floats.

    For the ``__post_init__`` of a parameter record: each ``(name, unit)`` of
    ``positive`` and ``nonnegative`` goes through :func:`check_positive` or
    :func:`check_nonnegative`, each name of ``finite`` through
    :func:`check_scalar_finite` and of ``elevation`` through
    :func:`check_elevation`, in that order.
    """
    checks = [
        *((name, lambda n, v, u=unit: check_positive(n, v, u)) for name, unit in positive),
        *((name, lambda n, v, u=unit: check_nonnegative(n, v, u)) for name, unit in nonnegative),
        *((name, check_scalar_finite) for name in finite),
        *((name, check_elevation) for name in elevation),
    ]
    for name, check in checks:
        object.__setattr__(obj, name, float(check(name, getattr(obj, name))))


def scalar_or_array(arr: FloatArray) -> FloatArray | np.float64:
    """Return a NumPy scalar for 0-d results, as NumPy ufuncs do."""
    return arr[()] if arr.ndim == 0 else arr
