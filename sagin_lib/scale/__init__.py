"""Populations and sweeps on Dask (the optional ``dask`` extra): node arrays from the
seeded block stream, exact block reductions, sweeps and the cluster helper.

Builds on :mod:`sagin_lib.sampling`; importing :mod:`sagin_lib` never imports Dask.
"""
