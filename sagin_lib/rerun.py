"""``python -m sagin_lib.rerun``: rerun a chapter with new parameters.

The command lives in :mod:`sagin_lib.study.rerun`; this module keeps the short
name that the README, the book and the figures' regeneration commands use.
"""

from __future__ import annotations

import sys

from sagin_lib.study.rerun import main

if __name__ == "__main__":
    sys.exit(main())
