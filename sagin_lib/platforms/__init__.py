"""Platforms compared: the survey's near-space projects as data, satellites, HAPS,
UAVs and terrestrial towers side by side, and HAPS coverage probability.

Builds on :mod:`sagin_lib.model`.
"""
