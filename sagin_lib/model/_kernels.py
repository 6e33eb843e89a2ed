"""The vectorised closed forms of Proposition 1 and Lemma 1, block by block.

The public functions of :mod:`sagin_lib.model.coverage` check their arguments
and hand the arrays to :func:`blockwise`, which runs a kernel on blocks of
:data:`BLOCK` elements. Two things make a million-point sweep fast:

* **No sine or cosine.** NumPy's float64 ``tan``, ``arctan2`` and ``sqrt`` are
  vectorised and accurate to about an ulp; ``sin`` and ``cos`` are not
  vectorised. ``sin x = 2t / (1 + t^2)`` with ``t = tan(x / 2)`` loses nothing
  for ``x`` in ``[0, pi/2]``, and the cosine of an angle is taken as the sine
  of its complement ``pi/2 - x``, formed with ``pi/2`` split in two parts.
* **No allocation per operation.** Each kernel writes every intermediate
  into rows of a scratch array made once per call: on blocks that fit in the
  processor's cache, allocating a fresh temporary per operation would cost
  more than the arithmetic (the allocator hands freed memory back to the
  system and takes it again, page by page).

Numerics as in the module docstring of :mod:`sagin_lib.model.coverage`: the
altitude difference is formed from the altitudes, the slant range from the
rationalised root of the ray-sphere quadratic, the vertex angle from
``arctan2`` of the rim point, and areas from ``y^2 / (R_t + x)``, never from
``1 - cos``. Near the boundary between the two uplink cases, the clearance of
the beam edge is redone in ``numpy.longdouble``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal, localcontext

import numpy as np

from sagin_lib._checks import FloatArray
from sagin_lib.model.constants import EARTH_RADIUS_KM

#: Elements per block: the kernels' scratch rows stay in the processor's cache.
BLOCK = 1 << 14

#: Clearances below this fraction of the altitude gap are redone in extended precision.
NEAR_BOUNDARY = 1e-3

# pi/2 as an unevaluated sum hi + lo, so that pi/2 - b keeps its digits when
# b is close to pi/2.
PIO2_HI = 1.5707963267948966
PIO2_LO = 6.123233995736766e-17


def _split_half_pi_longdouble() -> tuple[np.longdouble, np.longdouble]:
    """pi/2 as hi + lo in ``numpy.longdouble``, whatever its width on this platform."""
    half_pi = Decimal("1.57079632679489661923132169163975144209858469968755291048747")
    hi = np.longdouble(str(half_pi))
    num, den = (int(x) for x in hi.as_integer_ratio())
    with localcontext() as ctx:
        ctx.prec = 80
        lo = half_pi - Decimal(num) / Decimal(den)
    return hi, np.longdouble(str(lo))


_PIO2_LD_HI, _PIO2_LD_LO = _split_half_pi_longdouble()

Kernel = Callable[..., None]


def blockwise(
    kernel: Kernel, n_out: int, n_scratch: int, *arrays: FloatArray
) -> tuple[FloatArray, ...]:
    """Run ``kernel(*inputs, *outputs, scratch)`` over the broadcast inputs, block by block.

    Parameters
    ----------
    kernel : callable
        Writes its ``n_out`` results into the output slices it is given, using
        the rows of ``scratch`` (``n_scratch`` rows of the block's length) for
        its intermediates.
    n_out, n_scratch : int
        Number of results, and of scratch rows the kernel uses.
    *arrays : numpy.ndarray
        The checked inputs; they broadcast against each other.

    Returns
    -------
    tuple of numpy.ndarray
        The results, in the broadcast shape of the inputs.
    """
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    n = math.prod(shape)
    outs = tuple(np.empty(n) for _ in range(n_out))
    # Single values go to every block as they are; the others are flattened.
    flat = [a.reshape(()) if a.size == 1 else np.broadcast_to(a, shape).ravel() for a in arrays]
    scratch = np.empty((n_scratch, min(n, BLOCK)))
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        kernel(
            *(f if f.ndim == 0 else f[start:stop] for f in flat),
            *(out[start:stop] for out in outs),
            scratch[:, : stop - start],
        )
    return tuple(out.reshape(shape) for out in outs)


def _sine_from_half_tangent(angle: FloatArray, out: FloatArray, tmp: FloatArray) -> None:
    """``out = sin(angle)`` as ``2t / (1 + t^2)``, ``t = tan(angle / 2)``, for angles in [0, pi/2]."""
    np.multiply(angle, 0.5, out=out)
    np.tan(out, out=out)
    np.multiply(out, out, out=tmp)
    tmp += 1.0
    np.divide(out, tmp, out=out)
    out *= 2.0


def _complement(angle: FloatArray, out: FloatArray) -> None:
    """``out = pi/2 - angle`` with pi/2 in two parts (keeps the digits of a small result)."""
    np.subtract(PIO2_HI, angle, out=out)
    out += PIO2_LO


def beam_edge_clearance_km(rx: FloatArray, tx: FloatArray, half: FloatArray) -> FloatArray:
    """``R_t - R_r sin(b)`` in extended precision: how far inside the sphere the beam edge passes.

    Positive when the beam edge meets the transmitters' sphere (case 2). Near
    the case boundary this is a small difference of two terms of the size of
    the altitude gap, and the vertex angle depends on its square root, so it
    is formed in ``numpy.longdouble`` (64 mantissa bits on x86-64) as
    ``2 R_r sin^2(beta / 2) - (H_r - H_t)`` with ``beta = pi/2 - b``.
    """
    ld = np.longdouble
    beta = (_PIO2_LD_HI - half.astype(ld)) + _PIO2_LD_LO
    r_r = ld(EARTH_RADIUS_KM) + rx.astype(ld)
    gap = rx.astype(ld) - tx.astype(ld)
    return (2 * r_r * np.sin(beta / 2) ** 2 - gap).astype(np.float64)


#: Scratch rows used by :func:`uplink_rim` and :func:`downlink_rim` (and the area after them).
RIM_SCRATCH = 12


def uplink_rim(
    rx: FloatArray, tx: FloatArray, width: FloatArray, w: FloatArray
) -> tuple[FloatArray, ...]:
    """Proposition 1, uplink: the rim point ``(y, x)`` and ``R_t``, in rows of ``w``.

    The receiver at ``(0, R_r)`` looks down its axis; the rim point is where
    the beam edge (half beamwidth ``b``) meets the sphere of radius ``R_t``
    (case 2), or the tangent point when the beam sees the whole visible cap
    (case 1). Both lie on that sphere, and ``phi = atan2(y, x)``.
    """
    gap, r_t, r_r, half, beta, sin_b, cos_b, clr, a, b = w[:10]
    np.subtract(rx, tx, out=gap)
    np.add(tx, EARTH_RADIUS_KM, out=r_t)
    np.add(rx, EARTH_RADIUS_KM, out=r_r)
    np.multiply(width, 0.5, out=half)
    _complement(half, beta)
    _sine_from_half_tangent(half, sin_b, a)
    _sine_from_half_tangent(beta, cos_b, a)  # cos(b) = sin(pi/2 - b)
    # R_t - R_r sin(b), with 1 - sin(b) = cos^2(b) / (1 + sin(b)) (no cancellation).
    np.multiply(cos_b, cos_b, out=clr)
    clr *= r_r
    np.add(sin_b, 1.0, out=a)
    clr /= a
    clr -= gap
    # Near the case boundary the clearance is a small difference of two terms of
    # the size of the gap: redo those few elements in extended precision.
    np.abs(clr, out=a)
    np.multiply(gap, NEAR_BOUNDARY, out=b)
    near = a < b
    if near.any():
        idx = np.flatnonzero(near)
        rx_n, tx_n, half_n = (np.broadcast_to(v, clr.shape)[idx] for v in (rx, tx, half))
        clr[idx] = beam_edge_clearance_km(rx_n, tx_n, half_n)
    # Case 2 (b < g) is exactly the case where the beam edge still meets the
    # sphere: R_t - R_r sin(b) > 0 with b below pi/2. The rim point of case 2
    # is computed for every element (with the clearance floored at 0), then the
    # few elements of case 1 are replaced by their tangent point.
    case1 = clr <= 0.0
    case1 |= beta <= 0.0
    np.multiply(clr, ~case1, out=clr)
    gap_sum = a
    np.add(r_r, r_t, out=gap_sum)
    gap_sum *= gap  # R_r^2 - R_t^2
    # Rationalised root of the ray-sphere quadratic: the slant range to the rim.
    root = b
    np.multiply(r_r, sin_b, out=root)
    root += r_t
    root *= clr
    np.sqrt(root, out=root)
    slant = clr
    np.multiply(r_r, cos_b, out=slant)
    slant += root
    slant += case1  # keeps the denominator positive where case 1 replaces the result
    np.divide(gap_sum, slant, out=slant)
    y = sin_b
    y *= slant
    x = cos_b
    x *= slant
    np.subtract(r_r, x, out=x)
    if case1.any():
        # The tangent point (sqrt(R_r^2 - R_t^2), R_t) * R_t / R_r.
        idx = np.flatnonzero(case1)
        r_t1, r_r1 = r_t[idx], r_r[idx]
        scale = r_t1 / r_r1
        y[idx] = np.sqrt(gap_sum[idx]) * scale
        x[idx] = r_t1 * scale
    return y, x, r_t


def downlink_rim(
    rx: FloatArray, tx: FloatArray, alpha: FloatArray, w: FloatArray
) -> tuple[FloatArray, ...]:
    """Proposition 1, downlink: the rim point ``(y, x)`` and ``R_t``, in rows of ``w``.

    The lowest ray the receiver at ``(0, R_r)`` tracks leaves it at elevation
    ``alpha`` and meets the sphere of radius ``R_t`` at the rim point.
    """
    gap, r_t, r_r, gamma, sin_a, cos_a, slant, a = w[:8]
    np.subtract(tx, rx, out=gap)
    np.add(tx, EARTH_RADIUS_KM, out=r_t)
    np.add(rx, EARTH_RADIUS_KM, out=r_r)
    _complement(alpha, gamma)
    _sine_from_half_tangent(alpha, sin_a, a)
    _sine_from_half_tangent(gamma, cos_a, a)  # cos(alpha) = sin(pi/2 - alpha)
    # Rationalised positive root of s^2 + 2 R_r sin(a) s - (R_t^2 - R_r^2) = 0.
    r_sin = gamma
    np.multiply(r_r, sin_a, out=r_sin)
    gap_sum = gap
    np.add(r_t, r_r, out=a)
    gap_sum *= a
    np.multiply(r_sin, r_sin, out=a)
    a += gap_sum
    np.sqrt(a, out=a)
    a += r_sin
    np.divide(gap_sum, a, out=slant)
    y = cos_a
    y *= slant
    x = sin_a
    x *= slant
    x += r_r
    return y, x, r_t


def angle_and_area(
    y: FloatArray,
    x: FloatArray,
    r_t: FloatArray,
    phi: FloatArray,
    area: FloatArray | None,
    w: FloatArray,
) -> None:
    """The vertex angle (into ``phi``) and the dome's area (into ``area``) from the rim point.

    ``(y, x)`` lies on the sphere of radius ``r_t``, so
    ``sin^2(phi / 2) = (r_t - x) / (2 r_t) = y^2 / (2 r_t (r_t + x))``: the last
    form has no cancellation for small domes, and the area is
    ``4 pi r_t^2 sin^2(phi / 2) = 2 pi r_t y^2 / (r_t + x)``.
    """
    np.arctan2(y, x, out=phi)
    if area is not None:
        a, b = w[10], w[11]  # rows the rims leave free
        np.multiply(y, y, out=a)
        np.add(r_t, x, out=b)
        a /= b
        a *= r_t
        np.multiply(a, 2.0 * np.pi, out=area)


def uplink_angle(
    rx: FloatArray, tx: FloatArray, width: FloatArray, phi: FloatArray, w: FloatArray
) -> None:
    """Kernel: the uplink vertex angle."""
    angle_and_area(*uplink_rim(rx, tx, width, w), phi, None, w)


def downlink_angle(
    rx: FloatArray, tx: FloatArray, alpha: FloatArray, phi: FloatArray, w: FloatArray
) -> None:
    """Kernel: the downlink vertex angle."""
    angle_and_area(*downlink_rim(rx, tx, alpha, w), phi, None, w)


def uplink_dome(
    rx: FloatArray,
    tx: FloatArray,
    freq_hz: FloatArray,
    diameter_m: FloatArray,
    kappa_c: FloatArray,
    phi: FloatArray,
    area: FloatArray,
    w: FloatArray,
) -> None:
    """Kernel: the uplink vertex angle and area, the beamwidth ``kappa c / (f D)`` inside the block."""
    width = w[RIM_SCRATCH]
    np.multiply(freq_hz, diameter_m, out=width)
    np.divide(kappa_c, width, out=width)
    angle_and_area(*uplink_rim(rx, tx, width, w), phi, area, w)


def downlink_dome(
    rx: FloatArray,
    tx: FloatArray,
    alpha: FloatArray,
    phi: FloatArray,
    area: FloatArray,
    w: FloatArray,
) -> None:
    """Kernel: the downlink vertex angle and area."""
    angle_and_area(*downlink_rim(rx, tx, alpha, w), phi, area, w)


def dome_area(tx: FloatArray, phi: FloatArray, area: FloatArray, w: FloatArray) -> None:
    """Kernel: ``4 pi R_t^2 sin^2(phi / 2)`` for ``phi`` in ``[0, pi]``.

    ``sin^2(phi / 2) = t^2 / (1 + t^2)`` with ``t = tan(phi / 2)`` while
    ``phi <= pi/2``, and ``1 / (1 + t^2)`` with ``t = tan((pi - phi) / 2)`` above.
    """
    rest, low, t, a = w[:4]
    np.subtract(np.pi, phi, out=rest)
    np.less_equal(phi, rest, out=low)
    np.minimum(phi, rest, out=t)
    t *= 0.5
    np.tan(t, out=t)
    t *= t
    np.add(t, 1.0, out=a)
    # low: t^2 / (1 + t^2); high: 1 / (1 + t^2).
    t *= low
    np.subtract(1.0, low, out=rest)
    t += rest
    t /= a
    np.add(tx, EARTH_RADIUS_KM, out=a)
    a *= a
    a *= 4.0 * np.pi
    np.multiply(a, t, out=area)
