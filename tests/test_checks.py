"""sagin_lib._checks: argument checks that name the argument and the allowed range."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sagin_lib._checks import (
    check_count,
    check_finite,
    check_interval,
    check_nonnegative,
    check_positive,
    check_scalar_finite,
    scalar_or_array,
)

anything = arrays(
    np.float64,
    st.integers(0, 40),
    elements=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0])
    ),
)


@settings(max_examples=300, deadline=None)
@given(values=anything)
def test_the_fast_paths_accept_exactly_what_the_definitions_accept(values: np.ndarray) -> None:
    finite = np.isfinite(values).all()
    cases = [
        (check_nonnegative, finite and (values >= 0).all()),
        (check_positive, finite and (values > 0).all()),
        (
            lambda n, v: check_interval(n, v, 0.0, 1.0),
            finite and ((values >= 0) & (values <= 1)).all(),
        ),
        (
            lambda n, v: check_interval(n, v, 0.0, 1.0, low_closed=False, high_closed=False),
            finite and ((values > 0) & (values < 1)).all(),
        ),
        (lambda n, v: check_interval(n, v, -math.inf, math.inf), finite),
    ]
    for check, ok in cases:
        if ok:
            assert np.array_equal(check("x", values), values)
        else:
            with pytest.raises(ValueError, match="^x must"):
                check("x", values)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: check_finite("rx_alt_km", [1.0, np.inf]), "rx_alt_km must be finite; got inf"),
        (
            lambda: check_nonnegative("tx_alt_km", [0.0, -2.0], " km"),
            "tx_alt_km must be >= 0 km; got -2.0",
        ),
        (lambda: check_positive("freq_hz", 0.0, " Hz"), "freq_hz must be > 0 Hz; got 0.0"),
        (lambda: check_positive("freq_hz", np.nan), "freq_hz must not contain NaN"),
        (lambda: check_positive("freq_hz", "fast"), "freq_hz must be a real number"),
        (
            lambda: check_interval(
                "e", 2.0, 0.0, 1.0, high_closed=False, description="[0, 90) deg"
            ),
            r"e must lie in \[0, 90\) deg; got 2.0",
        ),
        (
            lambda: check_interval("e", 0.0, 0.0, 1.0, low_closed=False),
            r"e must lie in \(0.0, 1.0\]",
        ),
        (lambda: check_count("n", -1), "n must be a non-negative integer; got -1"),
        (lambda: check_count("n", 2.0), "n must be a non-negative integer; got 2.0"),
        (lambda: check_count("n", True), "n must be a non-negative integer; got True"),
        (lambda: check_scalar_finite("a", "x"), "a must be a finite real number"),
        (lambda: check_scalar_finite("a", math.nan), "a must be a finite real number"),
    ],
)
def test_messages_name_the_argument_and_the_range(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_small_helpers() -> None:
    assert check_count("n", np.int64(3)) == 3 and isinstance(check_count("n", 3), int)
    assert check_scalar_finite("a", "2.5") == 2.5
    assert isinstance(scalar_or_array(np.asarray(2.0)), np.float64)
    assert scalar_or_array(np.arange(3.0)).shape == (3,)
    assert check_positive("x", np.array([])).size == 0
