"""The geometry: constants, the six scenarios, the sphere, the coverage dome and links.

Everything here is deterministic and depends on nothing else in ``sagin_lib``
(only on the private argument checks).
"""
