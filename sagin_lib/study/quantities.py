"""Parameters that several chapters share, declared once.

A HAPS altitude, a minimum elevation or a carrier frequency means the same
thing in every chapter, so it has one name, one unit, one help text and one
allowed range, here. A chapter takes it with :func:`quantity`, changing the
default where its source sets another one, and narrowing the range only where
its computation must, with the reason, which ``rerun params`` then prints::

    quantity("min_elevation_deg", high=60.0, why="the solar model's sun ...")

Names that chapters used before (``hap_alt_km``) stay as aliases.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sagin_lib.study.spec import Param

__all__ = ["QUANTITIES", "quantity"]

#: Every shared quantity, by its one name: a :class:`~sagin_lib.study.spec.Param`
#: that a chapter takes as it is or with its own default, help and narrower range.
QUANTITIES: dict[str, Param] = {
    p.name: p
    for p in (
        Param("freq_ghz", 2.0, "carrier frequency", "GHz", 0.05, 300.0),
        Param("min_elevation_deg", 10.0, "minimum elevation angle of a receiver", "deg", 0.0, 89.0),
        Param("uav_alt_km", 0.3, "UAV altitude", "km", 0.01, 10.0),
        Param(
            "haps_alt_km",
            20.0,
            "HAPS altitude (near space)",
            "km",
            8.0,
            100.0,
            aliases=("hap_alt_km",),
        ),
        Param("leo_alt_km", 600.0, "LEO satellite altitude", "km", 150.0, 2000.0),
        Param("meo_alt_km", 10000.0, "MEO satellite altitude", "km", 2000.0, 35000.0),
        Param("geo_alt_km", 35786.0, "GEO altitude", "km", 20000.0, 100000.0),
        Param("seed", 0, "root seed of every random draw of the chapter", "", 0, 2**32 - 1),
    )
}


def quantity(
    name: str,
    default: Any = None,
    *,
    low: float | None = None,
    high: float | None = None,
    why: str = "",
    help: str = "",  # noqa: A002 - the name Param uses
    aliases: tuple[str, ...] = (),
    **options: Any,
) -> Param:
    """The :class:`~sagin_lib.study.spec.Param` of a shared quantity, for one chapter.

    Parameters
    ----------
    name : str
        A key of :data:`QUANTITIES`.
    default : optional
        The chapter's default, if its source sets another one.
    low, high : float, optional
        A narrower range than the shared one; ``why`` must then say why.
    why : str
        The reason for a narrower range (printed with the help text).
    help : str
        A more specific help text (the shared one otherwise).
    aliases : tuple of str
        Former names in this chapter, besides the shared ones.
    **options
        Passed to :class:`~sagin_lib.study.spec.Param` (``used_if``, ...).

    Raises
    ------
    ValueError
        For an unknown name, a range wider than the shared one, or a narrower
        range without a reason.
    """
    if name not in QUANTITIES:
        raise ValueError(f"name must be one of {sorted(QUANTITIES)}; got {name!r}")
    q = QUANTITIES[name]
    lo = q.low if low is None else low
    hi = q.high if high is None else high
    if (q.low is not None and lo < q.low) or (q.high is not None and hi > q.high):
        raise ValueError(
            f"{name}: a chapter may narrow the shared range [{q.low}, {q.high}] {q.unit}, "
            f"not widen it; got [{lo}, {hi}]"
        )
    narrowed = lo != q.low or hi != q.high
    if narrowed and not why:
        raise ValueError(f"{name}: a narrower range needs a reason (why=...)")
    if "=" in why:
        raise ValueError(f"{name}: the reason must not contain '='")
    text = help or q.help
    if narrowed:
        text += f"; narrowed here: {why}"
    # The kind follows the chapter's default, as a Param declared in full would.
    options.setdefault("kind", "")
    return replace(
        q,
        default=q.default if default is None else default,
        help=text,
        low=lo,
        high=hi,
        aliases=tuple(dict.fromkeys((*q.aliases, *aliases))),
        **options,
    )
