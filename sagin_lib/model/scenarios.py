"""The six cross-layer scenarios of a space-air-ground integrated network.

Transmitters of one layer lie on a sphere concentric with the Earth; the
receiver sits on another layer. Three scenarios are uplinks (the receiver is
above its transmitters and points a beam at the Earth's centre) and three are
downlinks (the receiver is below its transmitters and tracks them down to a
minimum elevation angle).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Layer(StrEnum):
    """A spatial layer of the network."""

    GROUND = "ground"
    AIR = "air"
    SPACE = "space"

    @property
    def rank(self) -> int:
        """0 for ground, 1 for air, 2 for space: higher is farther out."""
        return {"ground": 0, "air": 1, "space": 2}[self.value]


class Direction(StrEnum):
    """Link direction, seen from the receiver."""

    UPLINK = "uplink"
    DOWNLINK = "downlink"


@dataclass(frozen=True)
class Scenario:
    """One cross-layer scenario.

    Attributes
    ----------
    key : str
        Short name used throughout the study ("G2A", ...).
    symbol : str
        The coverage paper's symbol (``S1,u`` ... ``S3,d``).
    direction : Direction
        ``UPLINK`` when the receiver is above its transmitters.
    tx_layer, rx_layer : Layer
        Layers of the transmitters and of the receiver.
    """

    key: str
    symbol: str
    direction: Direction
    tx_layer: Layer
    rx_layer: Layer

    @property
    def is_uplink(self) -> bool:
        """True for G2A, A2S and G2S."""
        return self.direction is Direction.UPLINK

    @property
    def description(self) -> str:
        """Plain-words name, e.g. ``"ground-to-air uplink"``."""
        return f"{self.tx_layer.value}-to-{self.rx_layer.value} {self.direction.value}"


def _make(key: str, symbol: str, tx: Layer, rx: Layer) -> Scenario:
    direction = Direction.UPLINK if rx.rank > tx.rank else Direction.DOWNLINK
    return Scenario(key, symbol, direction, tx, rx)


#: The six scenarios, keyed by their short names, in the paper's order.
SCENARIOS: Mapping[str, Scenario] = MappingProxyType(
    {
        "G2A": _make("G2A", "S1,u", Layer.GROUND, Layer.AIR),
        "A2S": _make("A2S", "S2,u", Layer.AIR, Layer.SPACE),
        "G2S": _make("G2S", "S3,u", Layer.GROUND, Layer.SPACE),
        "A2G": _make("A2G", "S1,d", Layer.AIR, Layer.GROUND),
        "S2A": _make("S2A", "S2,d", Layer.SPACE, Layer.AIR),
        "S2G": _make("S2G", "S3,d", Layer.SPACE, Layer.GROUND),
    }
)

UPLINKS: tuple[str, ...] = ("G2A", "A2S", "G2S")
DOWNLINKS: tuple[str, ...] = ("A2G", "S2A", "S2G")


def get_scenario(scenario: str | Scenario) -> Scenario:
    """Look a scenario up by key (case-insensitive) or pass one through."""
    if isinstance(scenario, Scenario):
        return scenario
    key = str(scenario).upper()
    if key not in SCENARIOS:
        raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)}; got {scenario!r}")
    return SCENARIOS[key]
