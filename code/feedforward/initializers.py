r"""Weight initialisers.

Each returns a weight matrix :math:`W^l` of shape ``(n_in, n_out)`` drawn with the given
``numpy.random.Generator`` (no global random state).

=================  ==========================================================  ==================
name               distribution                                                 reference
=================  ==========================================================  ==================
``normal``         :math:`\mathcal{N}(0, 1)`, the lecture's ``np.random.randn``
``glorot_uniform`` :math:`U(-r, r)`, :math:`r = \sqrt{6/(n_{in}+n_{out})}`       Glorot & Bengio
``glorot_normal``  :math:`\mathcal{N}(0, 2/(n_{in}+n_{out}))`                    Glorot & Bengio
``he_normal``      :math:`\mathcal{N}(0, 2/n_{in})`                              He et al.
``he_uniform``     :math:`U(-r, r)`, :math:`r = \sqrt{6/n_{in}}`                 He et al.
=================  ==========================================================  ==================
"""

from __future__ import annotations

from typing import Callable

import numpy as np

__all__ = ["INITIALIZERS", "initialize_weights"]

Initializer = Callable[[np.random.Generator, int, int], np.ndarray]

INITIALIZERS: dict[str, Initializer] = {
    "normal": lambda rng, n_in, n_out: rng.standard_normal((n_in, n_out)),
    "glorot_uniform": lambda rng, n_in, n_out: rng.uniform(
        -np.sqrt(6.0 / (n_in + n_out)), np.sqrt(6.0 / (n_in + n_out)), (n_in, n_out)
    ),
    "glorot_normal": lambda rng, n_in, n_out: rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), (n_in, n_out)),
    "he_normal": lambda rng, n_in, n_out: rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)),
    "he_uniform": lambda rng, n_in, n_out: rng.uniform(-np.sqrt(6.0 / n_in), np.sqrt(6.0 / n_in), (n_in, n_out)),
}


def initialize_weights(
    name: str, rng: np.random.Generator, n_in: int, n_out: int, dtype: type = np.float64
) -> np.ndarray:
    """Draw a weight matrix of shape ``(n_in, n_out)`` with the named scheme.

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`INITIALIZERS`.
    """
    if name not in INITIALIZERS:
        raise ValueError(f"init must be one of {sorted(INITIALIZERS)}, got {name!r}")
    return INITIALIZERS[name](rng, n_in, n_out).astype(dtype, copy=False)
