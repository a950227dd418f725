"""Test-session set-up shared by the unit tests and nbval.

Notebook kernels started by nbval inherit this environment, so the stored outputs (made by
`make execute` with the same variables) and the checked outputs see the same quiet, deterministic
set-up even when pytest is run directly, e.g. `python -m pytest chapters/03_digits_mlp.ipynb`.
"""

import os
import pathlib

os.environ.setdefault("FEEDFORWARD_PROGRESS", "0")  # no tqdm bars in outputs
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # no TensorFlow C++ log lines
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # oneDNN reorders float sums: not bit-reproducible
os.environ.setdefault("PYTHONHASHSEED", "0")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's frozen-modules note on stderr
# the kernel configuration used for every execution of the notebooks (see .ipython/profile_default)
os.environ.setdefault("IPYTHONDIR", str(pathlib.Path(__file__).parent / ".ipython"))
