# Runs in every kernel of the book. Inert unless BOOK_PERTURB_LAST_BIT is set (to "up" or "down"),
# which only `make test-portable` does: then every training run starts one ulp away (tests/last_bit.py).
import os as _os

if _os.environ.get("BOOK_PERTURB_LAST_BIT"):
    import pathlib as _pathlib
    import sys as _sys

    _sys.path.insert(0, str(_pathlib.Path(__file__).resolve().parents[3] / "tests"))
    import last_bit as _last_bit

    _last_bit.install(_os.environ["BOOK_PERTURB_LAST_BIT"])
    del _sys.path[0], _pathlib, _sys, _last_bit
del _os
