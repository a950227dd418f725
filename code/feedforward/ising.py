r"""Monte Carlo samples of the two-dimensional Ising model, for the phase-classification chapter.

The model: spins :math:`s_i = \pm 1` on an :math:`L \times L` square lattice with periodic
boundaries, :math:`J = 1`, :math:`k_B = 1`, energy

.. math:: E = -\sum_{\langle ij \rangle} s_i s_j ,

the sum over the :math:`2L^2` nearest-neighbour bonds, each once.  The infinite lattice orders
below Onsager's critical temperature :math:`T_c = 2 / \ln(1 + \sqrt 2) \approx 2.269185`.

Spins are ``np.int8`` arrays of shape ``(n, L, L)``: ``n`` independent lattices, each at its own
temperature, updated together by whole-array NumPy operations (no Python loop over sites or
lattices):

- :func:`metropolis_sweep`: one checkerboard sweep of single-spin Metropolis updates;
- :func:`swendsen_wang_step`: one Swendsen-Wang cluster update of all lattices, clusters found by
  :func:`scipy.sparse.csgraph.connected_components` on one graph holding every lattice;
- :func:`sample`: independent equilibrium configurations, one per chain, many chains in parallel;
- :func:`onsager_magnetization`, :func:`onsager_energy`: the exact results of the infinite lattice;
- :func:`autocorrelation_time`: integrated autocorrelation time with Sokal's automatic window;
- :func:`random_spins`, :func:`energy`, :func:`magnetization`: configurations and their observables.

Every random number comes from an explicit :class:`numpy.random.Generator` (or an int seed), so the
same seed gives the same spins.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "T_C", "onsager_magnetization", "onsager_energy", "random_spins", "energy", "magnetization",
    "metropolis_sweep", "swendsen_wang_step", "sample", "IsingSamples", "autocorrelation_time",
    "DEFAULT_SWEEPS",
]

T_C: float = float(2.0 / np.log1p(np.sqrt(2.0)))
r"""Onsager's critical temperature of the square lattice, :math:`2/\ln(1+\sqrt2) = 2.269185\ldots`"""

DEFAULT_SWEEPS: dict[str, int] = {"swendsen_wang": 25, "metropolis": 1000}
r"""Equilibration updates :func:`sample` makes when ``sweeps`` is not given, per algorithm.

``"swendsen_wang"``: 25 rounds of one Swendsen-Wang step and one Metropolis sweep.  The slowest
case measured is 32 x 32 at :math:`T_c` from a random start: the bias of :math:`\langle|m|\rangle`
and :math:`\langle e\rangle` decays like :math:`e^{-k/3.3}` over rounds :math:`k`, from over 100
standard errors of 1000 chains at :math:`k = 2` to about 2 at :math:`k = 15`; at 25 it is about
0.1 of them, 0.05 of the standard error of 200 samples.  Ordered and random starts agree after the
default rounds (tests/test_ising.py).  Larger lattices relax more slowly (:math:`\tau \sim L^{0.2..0.3}`).
``"metropolis"``: 1000 checkerboard sweeps, 25 autocorrelation times of :math:`|m|` at :math:`T_c`
on 32 x 32 (41 sweeps; critical slowing down, :math:`\tau \sim L^{2.17}`); ordered and random
starts agree within 0.4 standard errors of 400 chains after 500.  For comparison only: about 10 times
the cost of the Swendsen-Wang default."""

# Lattices updated together inside sample(): chunks of about this many spins keep the arrays of one
# update (random numbers, the Swendsen-Wang graph) within a few tens of MB for any data-set size.
_CHUNK_SPINS = 1 << 21


# --------------------------------------------------------------------------------------- checks

def _as_rng(rng) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be a numpy.random.Generator or an int seed, got {type(rng).__name__}")


def _check_L(L, *, even: bool) -> int:
    if isinstance(L, bool) or not isinstance(L, numbers.Integral):
        raise TypeError(f"L must be an int (the linear lattice size), got {L!r} of type {type(L).__name__}")
    L = int(L)
    if L < 2:
        raise ValueError(f"L must be >= 2, got {L}")
    if even and L % 2:
        raise ValueError(f"L must be even for the checkerboard Metropolis update, got L={L}")
    return L


def _check_temperatures(T, name: str = "T") -> np.ndarray:
    """``T`` as a float64 array (any shape), every entry finite and > 0."""
    if isinstance(T, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers, got {T!r}")
    try:
        arr = np.asarray(T, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be a number or an array of numbers, got {T!r}") from err
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name} must be finite and > 0 (temperatures in units of J/k_B), got {T!r}")
    return arr


def _per_lattice_T(T, n: int) -> np.ndarray:
    """``T`` (scalar or shape ``(n,)``) as shape ``(n, 1, 1)``, to broadcast over lattices."""
    arr = _check_temperatures(T)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    elif arr.shape != (n,):
        raise ValueError(f"T must be a scalar or have one temperature per lattice, shape ({n},), got shape {arr.shape}")
    return arr.reshape(n, 1, 1)


def _check_spin_values(arr: np.ndarray, name: str = "spins") -> None:
    if not np.all(np.abs(arr) == 1):
        bad = np.unique(arr[np.abs(arr) != 1])[:5]
        raise ValueError(f"{name} must hold only +1 and -1, found {bad.tolist()}")


def _check_spins_inplace(spins, *, even: bool) -> np.ndarray:
    """The spins a step function updates: a writeable int8 ndarray of shape ``(n, L, L)``."""
    if not isinstance(spins, np.ndarray):
        raise TypeError(f"spins must be a numpy int8 array of shape (n, L, L), updated in place; got {type(spins).__name__}")
    if spins.dtype != np.int8:
        raise TypeError(f"spins must have dtype int8 (updated in place), got {spins.dtype}; use spins.astype(np.int8)")
    if spins.ndim != 3 or spins.shape[1] != spins.shape[2] or spins.shape[0] == 0:
        raise ValueError(f"spins must have shape (n, L, L) with n >= 1, got {spins.shape}"
                         + (" (one lattice? use spins[None])" if spins.ndim == 2 else ""))
    L = spins.shape[1]
    if L < 2 or (even and L % 2):
        raise ValueError(f"spins must have an even L >= 2 for the checkerboard update, got L={L}" if even
                         else f"spins must have L >= 2, got L={L}")
    if not spins.flags.writeable:
        raise ValueError("spins is read-only: the update is made in place")
    _check_spin_values(spins)
    return spins


def _check_spins_measure(spins) -> np.ndarray:
    """Spins of shape ``(..., L, L)`` with values +-1 of any real dtype, for a measurement."""
    arr = np.asarray(spins)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(f"spins must hold the numbers +1 and -1, got dtype {arr.dtype}")
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2] or arr.shape[-1] < 2:
        raise ValueError(f"spins must have shape (..., L, L) with L >= 2, got {arr.shape}")
    _check_spin_values(arr)
    return arr


# ---------------------------------------------------------------------------------- exact results

def _onsager_parts(T) -> tuple[np.ndarray, np.ndarray]:
    """``(T, q)`` with :math:`q = e^{-4/T}`: every hyperbolic function of :math:`2\\beta` written in
    ``q`` so that nothing overflows as :math:`T \\to 0`."""
    T = _check_temperatures(T)
    return T, np.exp(-4.0 / T)


def onsager_magnetization(T: float | np.ndarray) -> np.ndarray:
    r"""Spontaneous magnetisation per spin of the infinite square lattice (Onsager, Yang).

    .. math:: m(T) = \left(1 - \sinh^{-4}(2/T)\right)^{1/8} \quad (T < T_c), \qquad m(T) = 0 \quad (T \ge T_c).

    Parameters
    ----------
    T : float or array-like
        Temperatures, finite and > 0.

    Returns
    -------
    ndarray of the shape of ``T``, float64 in [0, 1]
    """
    T, q = _onsager_parts(T)
    # sinh(2/T)^-4 = 16 q^2 / (1 - q)^4, q = exp(-4/T)
    inv_sinh4 = 16.0 * q**2 / (1.0 - q) ** 4
    return np.where(T < T_C, np.clip(1.0 - inv_sinh4, 0.0, None) ** 0.125, 0.0)


def onsager_energy(T: float | np.ndarray) -> np.ndarray:
    r"""Internal energy per spin of the infinite square lattice (Onsager).

    .. math::
        u(T) = -\coth(2\beta)\left[1 + \frac{2}{\pi}\left(2\tanh^2(2\beta) - 1\right) K(k)\right],
        \qquad k = \frac{2\sinh(2\beta)}{\cosh^2(2\beta)}, \quad \beta = 1/T,

    with the complete elliptic integral of the first kind
    :math:`K(k) = \int_0^{\pi/2} d\theta\, (1 - k^2\sin^2\theta)^{-1/2}`.  SciPy's ``ellipk(m)``
    takes the parameter :math:`m = k^2`; here ``ellipkm1(1 - k^2)`` is used, exact near
    :math:`T_c` where :math:`1 - k^2 = (1 - \sinh^2 2\beta)^2/\cosh^4 2\beta \to 0`.  At
    :math:`T_c` the bracket's second term vanishes (:math:`K` diverges only logarithmically) and
    :math:`u(T_c) = -\sqrt 2`; :math:`u \to -2` as :math:`T \to 0` and :math:`u \to 0` as
    :math:`T \to \infty`.

    Parameters
    ----------
    T : float or array-like
        Temperatures, finite and > 0.

    Returns
    -------
    ndarray of the shape of ``T``, float64 in [-2, 0)
    """
    from scipy.special import ellipkm1

    T, q = _onsager_parts(T)
    tanh = (1.0 - q) / (1.0 + q)              # tanh(2 beta)
    sech2 = 4.0 * q / (1.0 + q) ** 2          # 1 / cosh^2(2 beta)
    factor = 2.0 * tanh**2 - 1.0              # 0 at T_c
    one_minus_k2 = (sech2 - tanh**2) ** 2     # (1 - sinh^2)^2 / cosh^4
    with np.errstate(divide="ignore", invalid="ignore"):
        second = np.where(factor == 0.0, 0.0, factor * ellipkm1(one_minus_k2))
    return -(1.0 / tanh) * (1.0 + (2.0 / np.pi) * second)


# -------------------------------------------------------------------------------- configurations

def random_spins(n: int, L: int, rng: np.random.Generator | int, *, ordered: bool = False) -> np.ndarray:
    """``n`` lattices of ``L x L`` spins, each +1 or -1 with probability 1/2 (infinite temperature).

    Parameters
    ----------
    n : int
        Number of lattices, >= 1.
    L : int
        Linear size, >= 2.
    rng : numpy.random.Generator or int
    ordered : bool
        All spins +1 instead (the ground state; ``rng`` is then not used).

    Returns
    -------
    ndarray of shape (n, L, L), int8
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive integer (the number of lattices), got {n!r}")
    L = _check_L(L, even=False)
    rng = _as_rng(rng)
    if ordered:
        return np.ones((int(n), L, L), dtype=np.int8)
    bits = rng.integers(0, 2, size=(int(n), L, L), dtype=np.int8)
    return (2 * bits - 1).astype(np.int8, copy=False)


def energy(spins: np.ndarray) -> np.ndarray:
    r"""Energy per spin :math:`E/N = -\frac{1}{L^2}\sum_{\langle ij\rangle} s_i s_j`.

    Each bond counted once: every site with its right and its lower neighbour (periodic).

    Parameters
    ----------
    spins : array-like of shape (..., L, L)
        Values +1 and -1, any integer or float dtype (so ``X.reshape(-1, L, L)`` works too).

    Returns
    -------
    ndarray of shape (...), float64 in [-2, 2]
    """
    s = _check_spins_measure(spins)
    bonds = s * (np.roll(s, -1, axis=-1) + np.roll(s, -1, axis=-2))
    return -bonds.sum(axis=(-2, -1), dtype=np.int64 if s.dtype.kind in "iu" else np.float64) / s.shape[-1] ** 2


def magnetization(spins: np.ndarray) -> np.ndarray:
    r"""Signed magnetisation per spin :math:`m = \frac{1}{L^2}\sum_i s_i`.

    Parameters
    ----------
    spins : array-like of shape (..., L, L)
        Values +1 and -1, any integer or float dtype.

    Returns
    -------
    ndarray of shape (...), float64 in [-1, 1]
    """
    s = _check_spins_measure(spins)
    return s.sum(axis=(-2, -1), dtype=np.int64 if s.dtype.kind in "iu" else np.float64) / s.shape[-1] ** 2


# ------------------------------------------------------------------------------------- updates

def _metropolis(spins: np.ndarray, T: np.ndarray, rng: np.random.Generator) -> None:
    """Checked inputs: spins (n, L, L) int8 with L even, T (n, 1, 1) float64."""
    # only dE = 4 and dE = 8 can be rejected: their acceptance probabilities, one pair per lattice
    p4 = np.exp(-4.0 / T).astype(np.float32)
    p8 = np.exp(-8.0 / T).astype(np.float32)
    h = np.empty_like(spins)
    for colour in (0, 1):
        # neighbour sum h_i = sum_j s_j (periodic), in int8: |h| <= 4
        h[:, 1:] = spins[:, :-1]
        h[:, 0] = spins[:, -1]
        h[:, :-1] += spins[:, 1:]
        h[:, -1] += spins[:, 0]
        h[:, :, 1:] += spins[:, :, :-1]
        h[:, :, 0] += spins[:, :, -1]
        h[:, :, :-1] += spins[:, :, 1:]
        h[:, :, -1] += spins[:, :, 0]
        # the sites of this colour, (i + j) % 2 == colour, as two strided views: even rows, odd rows
        for row in (0, 1):
            col = (row + colour) % 2
            s = spins[:, row::2, col::2]
            x = s * h[:, row::2, col::2]               # dE / 2 in {-4, -2, 0, 2, 4}
            u = rng.random(s.shape, dtype=np.float32)
            # flip if dE <= 0, or dE = 4 and u < p4, or dE = 8 and u < p8 (p8 < p4):
            # flip iff dE/4 <= level with level = [u < p4] + [u < p8]
            level = (u < p4).view(np.int8) + (u < p8).view(np.int8)
            np.right_shift(x, 1, out=x)
            np.negative(s, out=s, where=x <= level)


def metropolis_sweep(spins: np.ndarray, T: float | np.ndarray, rng: np.random.Generator | int) -> None:
    r"""One checkerboard Metropolis sweep of every lattice, in place.

    All sites of one colour, :math:`(i + j)` even, are updated at once (their neighbours are all of
    the other colour, so the updates are independent), then all sites of the other colour.  A flip
    of :math:`s_i` changes the energy by :math:`\Delta E = 2 s_i h_i \in \{-8, -4, 0, 4, 8\}`,
    :math:`h_i` the sum of the four neighbours, and is accepted with probability
    :math:`\min(1, e^{-\Delta E/T})`: only the two values :math:`e^{-4/T}` and :math:`e^{-8/T}`
    are computed per lattice.  Each site is visited once per sweep; the update satisfies detailed
    balance for :math:`e^{-E/T}`.

    Parameters
    ----------
    spins : ndarray of shape (n, L, L), int8
        Values +-1, ``L`` even; updated in place.
    T : float or array-like of shape (n,)
        Temperature, one for all lattices or one per lattice; finite, > 0.
    rng : numpy.random.Generator or int
        An int seeds a new generator on every call: pass a Generator when calling repeatedly.
    """
    _check_spins_inplace(spins, even=True)
    T = _per_lattice_T(T, spins.shape[0])
    _metropolis(spins, T, _as_rng(rng))


def _neighbours(n: int, L: int) -> np.ndarray:
    """Graph node of the right and the lower neighbour of every site, shape (n * L * L * 2,), int32
    (node ``lattice * L**2 + i * L + j``, periodic within each lattice)."""
    site = np.arange(n * L * L, dtype=np.int32).reshape(n, L, L)
    neighbour = np.empty((n, L, L, 2), dtype=np.int32)
    neighbour[..., 0] = np.roll(site, -1, axis=2)
    neighbour[..., 1] = np.roll(site, -1, axis=1)
    return neighbour.reshape(-1)


def _swendsen_wang(spins: np.ndarray, T: np.ndarray, rng: np.random.Generator,
                   neighbours: np.ndarray | None = None) -> None:
    """Checked inputs: spins (n, L, L) int8, T (n, 1, 1) float64; ``neighbours`` from
    :func:`_neighbours` (computed here if not given)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n, L, _ = spins.shape
    N = n * L * L
    if neighbours is None:
        neighbours = _neighbours(n, L)
    p = (-np.expm1(-2.0 / T)).astype(np.float32)      # bond probability 1 - exp(-2/T), per lattice
    # bonds to the right and the lower neighbour (each bond once), active between equal spins with
    # probability p; layout (n, L, L, 2): the two bonds of a site next to each other
    active = np.empty((n, L, L, 2), dtype=bool)
    right, down = active[..., 0], active[..., 1]
    np.equal(spins[:, :, :-1], spins[:, :, 1:], out=right[:, :, :-1])
    np.equal(spins[:, :, -1], spins[:, :, 0], out=right[:, :, -1])
    np.equal(spins[:, :-1], spins[:, 1:], out=down[:, :-1])
    np.equal(spins[:, -1], spins[:, 0], out=down[:, -1])
    active &= rng.random((n, L, L, 2), dtype=np.float32) < p[..., None]
    # one graph for all lattices, built directly in CSR with only the active bonds: row = node, at
    # most two entries (right, down), so the flat order of `active` is already row-sorted
    indices = neighbours.take(np.flatnonzero(active))
    indptr = np.zeros(N + 1, dtype=np.int32)
    np.cumsum((right.view(np.int8) + down.view(np.int8)).reshape(-1), dtype=np.int32, out=indptr[1:])
    graph = csr_matrix((np.ones(indices.size), indices, indptr), shape=(N, N))
    n_clusters, labels = connected_components(graph, directed=False)
    # flip every cluster with probability 1/2
    sign = 1 - 2 * rng.integers(0, 2, size=n_clusters, dtype=np.int8)
    spins *= sign[labels].reshape(n, L, L)


def swendsen_wang_step(spins: np.ndarray, T: float | np.ndarray, rng: np.random.Generator | int) -> None:
    r"""One Swendsen-Wang cluster update of every lattice, in place.

    Each bond between equal neighbours is activated with probability :math:`p = 1 - e^{-2/T}`;
    the clusters of sites joined by active bonds (Fortuin-Kasteleyn clusters) are found by
    :func:`scipy.sparse.csgraph.connected_components` on one sparse graph holding all ``n``
    lattices (node ``lattice * L**2 + i * L + j``, only the active bonds stored), and every cluster
    is flipped with probability 1/2.  Near :math:`T_c` this decorrelates the magnetisation in a few
    steps where single-spin updates need thousands of sweeps (critical slowing down).

    Parameters
    ----------
    spins : ndarray of shape (n, L, L), int8
        Values +-1, ``L >= 2``; updated in place.
    T : float or array-like of shape (n,)
        Temperature, one for all lattices or one per lattice; finite, > 0.
    rng : numpy.random.Generator or int
        An int seeds a new generator on every call: pass a Generator when calling repeatedly.
    """
    _check_spins_inplace(spins, even=False)
    T = _per_lattice_T(T, spins.shape[0])
    _swendsen_wang(spins, T, _as_rng(rng))


# ------------------------------------------------------------------------------------- samples

@dataclass(frozen=True)
class IsingSamples:
    """Independent equilibrium configurations at several temperatures.

    Attributes
    ----------
    spins : ndarray of shape (n_T, n_samples, L, L), int8
        ``spins[k]`` are ``n_samples`` configurations at ``temperatures[k]``.
    temperatures : ndarray of shape (n_T,), float64
    L : int
    algorithm : str
        The update that made them, ``"swendsen_wang"`` or ``"metropolis"``.
    sweeps : int
        Equilibration updates per chain.
    """

    spins: np.ndarray
    temperatures: np.ndarray
    L: int
    algorithm: str = "swendsen_wang"
    sweeps: int = 0

    def __post_init__(self) -> None:
        spins, temps = np.asarray(self.spins), np.asarray(self.temperatures, dtype=np.float64)
        if spins.dtype != np.int8 or spins.ndim != 4 or spins.shape[2:] != (self.L, self.L):
            raise ValueError(f"spins must be int8 of shape (n_T, n_samples, {self.L}, {self.L}), "
                             f"got {spins.dtype} of shape {spins.shape}")
        if temps.shape != spins.shape[:1]:
            raise ValueError(f"temperatures must have shape ({spins.shape[0]},), one per row of spins, got {temps.shape}")
        object.__setattr__(self, "spins", spins)
        object.__setattr__(self, "temperatures", temps)

    @property
    def n_samples(self) -> int:
        """Configurations per temperature."""
        return self.spins.shape[1]

    @property
    def X(self) -> np.ndarray:
        """Design matrix of shape (n_T * n_samples, L * L), float64 +-1: one flattened configuration
        per row, ordered by temperature (all samples of ``temperatures[0]`` first)."""
        return self.spins.reshape(-1, self.L * self.L).astype(np.float64)

    @property
    def T(self) -> np.ndarray:
        """Temperature of each row of :attr:`X`, shape (n_T * n_samples,)."""
        return np.repeat(self.temperatures, self.n_samples)

    @property
    def phase(self) -> np.ndarray:
        """Label of each row of :attr:`X`, shape (n_T * n_samples,), int: 1 if ``T < T_C`` (ordered
        phase of the infinite lattice), else 0."""
        return (self.T < T_C).astype(np.intp)

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, T)``: :attr:`X` of shape (n_T * n_samples, L * L) and :attr:`T` of shape (n_T * n_samples,)."""
        return self.X, self.T

    @property
    def magnetization(self) -> np.ndarray:
        """Signed magnetisation per spin of every configuration, shape (n_T, n_samples)."""
        return self.spins.sum(axis=(2, 3), dtype=np.int64) / self.L**2

    @property
    def energy(self) -> np.ndarray:
        """Energy per spin of every configuration, shape (n_T, n_samples)."""
        return energy(self.spins)


def sample(L: int, temperatures: float | np.ndarray, n_samples: int, *, rng: np.random.Generator | int, sweeps: int | None = None,
           algorithm: Literal["swendsen_wang", "metropolis"] = "swendsen_wang",
           start: Literal["auto", "ordered", "random"] = "auto") -> IsingSamples:
    r"""Independent equilibrium configurations: one per chain, many chains in parallel.

    ``n_T * n_samples`` chains, each at its temperature, all updated together; after ``sweeps``
    updates the last configuration of every chain is kept.  Samples are therefore independent by
    construction (no autocorrelation between them to worry about), and the cost is that of
    ``sweeps`` updates of ``n_T * n_samples`` lattices.

    Starts (``start="auto"``): ordered (all +1) below :math:`T_c`, random at and above.  Each is
    close to its equilibrium: the ordered phase's configurations are mostly one sign, the disordered
    phase's are short-range correlated.  Starting random below :math:`T_c` would leave single-spin
    updates stuck in domain walls and stripes for a long time, and starting ordered is no bias for
    the Swendsen-Wang update, which flips the spanning cluster with probability 1/2 at every step
    (so both signs of :math:`m` appear).

    The chains are updated in chunks of about two million spins (every chunk in one vectorised
    update), which bounds the memory of the Swendsen-Wang graph; the result depends only on the
    seed.  On two cores, 26 temperatures x 200 samples take about 2 s at L = 16 and 8 s at L = 32
    (``python -m feedforward.benchmark``, section 4).

    Parameters
    ----------
    L : int
        Linear lattice size, even (checkerboard), >= 2.
    temperatures : float or array-like of shape (n_T,)
        Finite, > 0.
    n_samples : int
        Configurations per temperature, >= 1.
    rng : numpy.random.Generator or int
        The same seed gives identical spins.
    sweeps : int, optional
        Equilibration updates per chain, >= 1; default :data:`DEFAULT_SWEEPS` of the algorithm.
        For ``"swendsen_wang"`` one update is a Swendsen-Wang step followed by one Metropolis sweep;
        for ``"metropolis"`` one checkerboard sweep.
    algorithm : {"swendsen_wang", "metropolis"}
    start : {"auto", "ordered", "random"}
        Initial configurations; ``"auto"`` as described above.

    Returns
    -------
    IsingSamples
        ``spins`` of shape (n_T, n_samples, L, L), int8.
    """
    L = _check_L(L, even=True)
    temps = _check_temperatures(temperatures, "temperatures")
    if temps.ndim == 0:
        temps = temps.reshape(1)
    if temps.ndim != 1:
        raise ValueError(f"temperatures must be a scalar or 1-D, got shape {temps.shape}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    if algorithm not in DEFAULT_SWEEPS:
        raise ValueError(f"algorithm must be one of {sorted(DEFAULT_SWEEPS)}, got {algorithm!r}")
    if start not in ("auto", "ordered", "random"):
        raise ValueError(f"start must be 'auto', 'ordered' or 'random', got {start!r}")
    if sweeps is None:
        sweeps = DEFAULT_SWEEPS[algorithm]
    if isinstance(sweeps, bool) or not isinstance(sweeps, numbers.Integral) or sweeps < 1:
        raise ValueError(f"sweeps must be a positive integer, got {sweeps!r}")
    rng = _as_rng(rng)
    n_samples, sweeps = int(n_samples), int(sweeps)

    n_T = temps.size
    T_chain = np.repeat(temps, n_samples)                     # chain k at temps[k // n_samples]
    spins = rng.integers(0, 2, size=(n_T * n_samples, L, L), dtype=np.int8)
    spins *= 2
    spins -= 1
    ordered = np.full(T_chain.shape, start == "ordered") if start != "auto" else T_chain < T_C
    spins[ordered] = 1
    chunk = max(1, _CHUNK_SPINS // (L * L))
    for lo in range(0, len(spins), chunk):
        s, T = spins[lo : lo + chunk], T_chain[lo : lo + chunk].reshape(-1, 1, 1)
        neighbours = _neighbours(len(s), L) if algorithm == "swendsen_wang" else None
        for _ in range(sweeps):
            if algorithm == "swendsen_wang":
                _swendsen_wang(s, T, rng, neighbours)
            _metropolis(s, T, rng)
    return IsingSamples(spins.reshape(n_T, n_samples, L, L), temps.copy(), L, algorithm, sweeps)


# ------------------------------------------------------------------------------ autocorrelation

def autocorrelation_time(series: np.ndarray, *, c: float = 5.0) -> float:
    r"""Integrated autocorrelation time with Sokal's automatic window.

    .. math::
        \tau_{\rm int} = \frac12 + \sum_{t=1}^{W} \rho(t), \qquad
        \rho(t) = \frac{C(t)}{C(0)}, \quad
        C(t) = \frac{1}{n}\sum_{i=1}^{n-t} (x_i - \bar x)(x_{i+t} - \bar x),

    with the window :math:`W` the smallest :math:`W \ge c\,\tau_{\rm int}(W)` (the sum's noise grows
    with :math:`W`, its bias shrinks like :math:`e^{-W/\tau}`).  In this convention the variance of
    the mean of :math:`n` correlated values is :math:`2\tau_{\rm int}\sigma^2/n`, and an AR(1)
    process :math:`x_{t+1} = \phi x_t + \epsilon_t` has :math:`\tau_{\rm int} = (1+\phi)/(2(1-\phi))`
    (1/2 for independent values).  :math:`C(t)` for all :math:`t` at once by FFT (zero-padded).

    Parameters
    ----------
    series : array-like of shape (n_steps,) or (n_chains, n_steps)
        Several chains: each centred on its own mean, their :math:`C(t)` averaged.
    c : float
        Window constant, > 0; 5 is usual (larger for slowly decaying :math:`\rho`).

    Returns
    -------
    float
        :math:`\tau_{\rm int}` in units of steps.  If no window satisfies the condition the series is
        too short (a few tens of :math:`\tau` are needed) and the estimate at the largest window is
        returned, an underestimate.
    """
    x = np.asarray(series)
    if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise TypeError(f"series must hold numbers, got dtype {x.dtype}")
    x = x.astype(np.float64)
    if x.ndim == 1:
        x = x[None]
    if x.ndim != 2:
        raise ValueError(f"series must have shape (n_steps,) or (n_chains, n_steps), got {x.shape}")
    n_chains, n = x.shape
    if n_chains == 0 or n < 4:
        raise ValueError(f"series must have at least 4 steps and one chain, got shape {np.shape(series)}")
    if not np.all(np.isfinite(x)):
        raise ValueError("series contains NaN or inf")
    if isinstance(c, bool) or not isinstance(c, numbers.Real) or not np.isfinite(c) or c <= 0:
        raise ValueError(f"c must be a positive finite number, got {c!r}")
    x = x - x.mean(axis=1, keepdims=True)
    n_fft = 1 << int(np.ceil(np.log2(2 * n)))
    f = np.fft.rfft(x, n=n_fft, axis=1)
    acov = np.fft.irfft(f * np.conj(f), n=n_fft, axis=1)[:, :n].mean(axis=0) / n
    if acov[0] <= 0:
        raise ValueError("series is constant: its autocorrelation time is undefined")
    rho = acov / acov[0]
    taus = np.cumsum(rho) - 0.5                       # taus[W] = 1/2 + sum_{t=1}^{W} rho(t)
    ok = np.arange(n) >= c * taus
    W = int(np.argmax(ok)) if ok.any() else n - 1
    return float(taus[W])
