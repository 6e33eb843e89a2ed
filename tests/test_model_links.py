"""sagin_lib.model.links against the textbook formulas evaluated independently in 50 digits."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from sagin_lib.model.links import (
    BOLTZMANN_J_K,
    REFERENCE_TEMPERATURE_K,
    free_space_path_loss_db,
    propagation_delay_s,
    received_power_dbw,
    thermal_noise_power_dbw,
)

#: Speed of light and Boltzmann constant (exact SI values), written here, not imported.
C = mp.mpf(299_792_458)
K_B = "1.380649e-23"


@pytest.fixture(autouse=True)
def _fifty_digits():
    with mp.workdps(50):
        yield


def _fspl_linear(distance_km: float, freq_hz: float) -> mp.mpf:
    """Friis attenuation (lambda / (4 pi d))^-2 as a power ratio."""
    wavelength = C / mp.mpf(freq_hz)
    return (4 * mp.pi * mp.mpf(distance_km) * 1000 / wavelength) ** 2


def test_constants_are_the_si_values() -> None:
    assert BOLTZMANN_J_K == float(K_B)
    assert REFERENCE_TEMPERATURE_K == 290.0


@pytest.mark.parametrize("distance_km", [0.0, 1e-3, 20.0, 600.0, 35_786.0, 384_400.0])
def test_delay_is_distance_over_c(distance_km: float) -> None:
    want = mp.mpf(distance_km) * 1000 / C
    assert float(propagation_delay_s(distance_km)) == pytest.approx(float(want), rel=1e-15)


def test_geo_nadir_delay_is_119_ms() -> None:
    assert 1e3 * float(propagation_delay_s(35_786.0)) == pytest.approx(119.369, abs=5e-4)


@pytest.mark.parametrize(
    ("distance_km", "freq_hz"),
    [(1.0, 1e9), (0.03, 2e9), (20.0, 2e9), (1200.0, 12e9), (35_786.0, 28e9), (5e-4, 1e8)],
)
def test_fspl_against_friis_in_linear_units(distance_km: float, freq_hz: float) -> None:
    want = 10 * mp.log10(_fspl_linear(distance_km, freq_hz))
    assert float(free_space_path_loss_db(distance_km, freq_hz)) == pytest.approx(
        float(want), abs=1e-11
    )


def test_fspl_textbook_constant() -> None:
    # FSPL = 32.4478 dB + 20 log10(d / km) + 20 log10(f / MHz), the engineering form.
    d, f_mhz = 123.0, 2400.0
    want = 32.44778 + 20 * math.log10(d) + 20 * math.log10(f_mhz)
    assert float(free_space_path_loss_db(d, f_mhz * 1e6)) == pytest.approx(want, abs=1e-4)


def test_fspl_broadcasts() -> None:
    got = free_space_path_loss_db(np.array([[1.0], [10.0]]), np.array([1e9, 2e9, 4e9]))
    assert got.shape == (2, 3)
    # 20 dB per decade of distance, 6.02 dB per octave of frequency.
    np.testing.assert_allclose(got[1] - got[0], 20.0, atol=1e-12)
    np.testing.assert_allclose(np.diff(got[0]), 20 * math.log10(2.0), atol=1e-12)


@pytest.mark.parametrize(
    ("bandwidth_hz", "noise_figure_db", "temperature_k"),
    [(1.0, 0.0, 290.0), (1e7, 7.0, 290.0), (3.6e8, 1.2, 150.0), (2e4, 0.0, 2.7)],
)
def test_noise_power_is_k_t_b_f(
    bandwidth_hz: float, noise_figure_db: float, temperature_k: float
) -> None:
    # Product of the linear quantities, not the library's sum of decibels.
    f_linear = mp.power(10, mp.mpf(noise_figure_db) / 10)
    want = 10 * mp.log10(mp.mpf(K_B) * mp.mpf(temperature_k) * mp.mpf(bandwidth_hz) * f_linear)
    got = float(thermal_noise_power_dbw(bandwidth_hz, noise_figure_db, temperature_k))
    assert got == pytest.approx(float(want), abs=1e-12)


def test_noise_floor_is_minus_174_dbm_per_hz() -> None:
    assert float(thermal_noise_power_dbw(1.0)) + 30.0 == pytest.approx(-173.98, abs=5e-3)


@pytest.mark.parametrize(
    ("p_dbw", "gt_dbi", "gr_dbi", "d_km", "f_hz"),
    [(10.0, 20.0, 0.0, 1.0, 1e9), (0.0, 20.0, 0.0, 25.0, 2e9), (-3.0, 30.0, 5.5, 900.0, 12e9)],
)
def test_received_power_against_linear_friis(
    p_dbw: float, gt_dbi: float, gr_dbi: float, d_km: float, f_hz: float
) -> None:
    watts = mp.power(10, (mp.mpf(p_dbw) + gt_dbi + gr_dbi) / 10) / _fspl_linear(d_km, f_hz)
    got = float(received_power_dbw(p_dbw, gt_dbi, gr_dbi, d_km, f_hz))
    assert got == pytest.approx(float(10 * mp.log10(watts)), abs=1e-11)


def test_scalars_in_scalars_out() -> None:
    for value in (
        propagation_delay_s(1.0),
        free_space_path_loss_db(1.0, 1e9),
        thermal_noise_power_dbw(1.0),
        received_power_dbw(0.0, 0.0, 0.0, 1.0, 1e9),
    ):
        assert isinstance(value, np.float64)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: free_space_path_loss_db(0.0, 1e9), "distance_km"),
        (lambda: free_space_path_loss_db(1.0, -1.0), "freq_hz"),
        (lambda: free_space_path_loss_db(1.0, float("inf")), "freq_hz"),
        (lambda: propagation_delay_s(-1.0), "distance_km"),
        (lambda: propagation_delay_s(float("nan")), "distance_km"),
        (lambda: thermal_noise_power_dbw(0.0), "bandwidth_hz"),
        (lambda: thermal_noise_power_dbw(1.0, -1.0), "noise_figure_db"),
        (lambda: thermal_noise_power_dbw(1.0, 0.0, 0.0), "temperature_k"),
        (lambda: received_power_dbw(float("inf"), 0, 0, 1, 1e9), "tx_power_dbw"),
        (lambda: received_power_dbw(0, float("nan"), 0, 1, 1e9), "tx_gain_dbi"),
        (lambda: received_power_dbw(0, 0, float("-inf"), 1, 1e9), "rx_gain_dbi"),
        (lambda: received_power_dbw(0, 0, 0, -1, 1e9), "distance_km"),
    ],
)
def test_bad_input_names_the_argument(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()
