"""Nodes on domes: area-uniform and Poisson samplers, block streams, hard-core and
cluster processes, the scenes of Fig. 4 and the Monte Carlo checks against theory.

Builds on :mod:`sagin_lib.model`.
"""
