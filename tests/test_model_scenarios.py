"""sagin_lib.model.scenarios: the six cross-layer scenarios."""

from __future__ import annotations

import pytest

from sagin_lib.model.scenarios import DOWNLINKS, SCENARIOS, UPLINKS, Layer, get_scenario


def test_the_six_scenarios_in_the_papers_order() -> None:
    assert list(SCENARIOS) == ["G2A", "A2S", "G2S", "A2G", "S2A", "S2G"]
    assert [s.symbol for s in SCENARIOS.values()] == [
        "S1,u",
        "S2,u",
        "S3,u",
        "S1,d",
        "S2,d",
        "S3,d",
    ]
    assert UPLINKS == ("G2A", "A2S", "G2S") and DOWNLINKS == ("A2G", "S2A", "S2G")
    for key in UPLINKS:
        assert (
            SCENARIOS[key].is_uplink and SCENARIOS[key].rx_layer.rank > SCENARIOS[key].tx_layer.rank
        )
    for key in DOWNLINKS:
        assert not SCENARIOS[key].is_uplink
        assert SCENARIOS[key].rx_layer.rank < SCENARIOS[key].tx_layer.rank


def test_layers_and_descriptions() -> None:
    assert [Layer.GROUND.rank, Layer.AIR.rank, Layer.SPACE.rank] == [0, 1, 2]
    assert get_scenario("s2g").description == "space-to-ground downlink"
    assert get_scenario(SCENARIOS["A2S"]) is SCENARIOS["A2S"]


def test_unknown_scenarios_and_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="scenario must be one of G2A, A2S, G2S, A2G, S2A, S2G"):
        get_scenario("G2G")
    with pytest.raises(TypeError):
        SCENARIOS["G2A"] = SCENARIOS["A2G"]  # type: ignore[index]
