"""Installs the hook of `make test-portable` (tests/last_bit.py) in every Python process of that check.

The Makefile puts this folder on ``PYTHONPATH`` for `make test-portable` only, so Python imports this
module at start-up in the notebook kernels and in the worker processes that joblib starts for the grid
searches and the seed loops alike. Without ``BOOK_PERTURB_LAST_BIT`` it does nothing.
"""

import os

if os.environ.get("BOOK_PERTURB_LAST_BIT"):
    import pathlib
    import sys

    _tests = str(pathlib.Path(__file__).resolve().parents[1])
    sys.path.insert(0, _tests)
    try:
        import last_bit

        last_bit.install(os.environ["BOOK_PERTURB_LAST_BIT"])
    finally:
        sys.path.remove(_tests)
