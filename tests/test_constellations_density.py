"""The uniform-sphere and inclined-shell models: closed forms and invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from sagin_lib.constellations.density import (
    binomial_pmf,
    bpp_cap_probability,
    cap_longitude_halfwidth_rad,
    effective_number,
    latitude_pdf,
    nonhomogeneous_cap_probability,
    p_none,
    total_variation,
)


def test_bpp_mean_is_n_one_minus_cos_psi_over_two() -> None:
    psi = np.linspace(0.0, math.pi, 7)
    np.testing.assert_allclose(
        1584 * bpp_cap_probability(psi), 1584 * (1 - np.cos(psi)) / 2, rtol=1e-13, atol=1e-12
    )
    np.testing.assert_allclose(effective_number(1584 * bpp_cap_probability(0.3), 0.3), 1584.0)


@pytest.mark.parametrize("inc_deg", [20.0, 53.0, 87.9, 120.0])
def test_latitude_density_integrates_to_one(inc_deg: float) -> None:
    i = math.radians(min(inc_deg, 180.0 - inc_deg))
    total, _ = integrate.quad(
        lambda x: float(latitude_pdf(x, math.radians(inc_deg))), -i, i, limit=200
    )
    assert total == pytest.approx(1.0, abs=1e-6)
    assert float(latitude_pdf(i + 0.01, math.radians(inc_deg))) == 0.0


@settings(max_examples=25, deadline=None, derandomize=True)
@given(inc=st.floats(0.0, math.pi), psi=st.floats(0.02, 1.2))
def test_inclined_shell_averages_to_the_uniform_sphere(inc: float, psi: float) -> None:
    """Over users uniform on the sphere, a satellite is in the cap with probability sin^2(psi/2)."""
    # Midpoint rule in sin(latitude): users uniform by area.
    z = (np.arange(400) + 0.5) / 400 * 2 - 1
    p = nonhomogeneous_cap_probability(np.arcsin(z), psi, inc, nodes=2048)
    assert np.all((p >= 0) & (p <= 1))
    assert p.mean() == pytest.approx(math.sin(psi / 2) ** 2, rel=2e-3, abs=1e-5)
    # Mirror symmetry between the hemispheres.
    np.testing.assert_allclose(p, p[::-1], atol=1e-12)


def test_a_polar_orbit_and_an_equatorial_one() -> None:
    # Inclination 0: every satellite on the equator; a user beyond psi sees none.
    assert float(nonhomogeneous_cap_probability(math.radians(20.0), math.radians(8.0), 0.0)) == 0.0
    on = float(nonhomogeneous_cap_probability(0.0, math.radians(8.0), 0.0))
    assert on == pytest.approx(8.0 / 180.0, rel=1e-9)


def test_halfwidth_of_a_parallel() -> None:
    assert float(cap_longitude_halfwidth_rad(0.0, 0.0, 0.1)) == pytest.approx(0.1)
    assert float(cap_longitude_halfwidth_rad(0.0, 0.2, 0.1)) == -1.0
    assert float(cap_longitude_halfwidth_rad(math.pi / 2, 1.5, 0.1)) == pytest.approx(math.pi)


def test_binomial_counts_and_distances() -> None:
    pmf = binomial_pmf(100, np.array([0.05, 0.2]), 100)
    np.testing.assert_allclose(pmf.sum(axis=-1), 1.0)
    assert float(p_none(100, 0.05)) == pytest.approx(0.95**100)
    assert float(p_none(0, 0.5)) == 1.0 and float(p_none(3, 1.0)) == 0.0
    assert float(total_variation(pmf[0], pmf[0])) == 0.0
    assert float(total_variation([1.0], [0.0, 1.0])) == 1.0
    assert float(total_variation(pmf[0], pmf[1])) == pytest.approx(
        float(total_variation(pmf[1], pmf[0]))
    )
    with pytest.raises(ValueError, match="cap_angle_rad must lie in"):
        bpp_cap_probability(-0.1)
