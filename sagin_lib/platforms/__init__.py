"""Platforms: the survey's near-space projects as data, satellites, HAPS, UAVs and
terrestrial towers side by side, HAPS coverage probability, the standard atmosphere,
covering the Earth with caps, cellular and cell-free HAPS networks, platform sway and
handover, the solar energy budget and end-to-end latency.

Builds on :mod:`sagin_lib.model`.
"""
