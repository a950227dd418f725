"""The Ising sampler: exact enumeration, Onsager's results, reproducibility, input checks, autocorrelation.

Every random test uses a fixed seed, so it is deterministic; the tolerances are nevertheless several
standard errors computed from the samples themselves (stated at each check), so that the tests would
pass for almost every seed and do not merely record one run.
"""

import numpy as np
import pytest
from scipy import stats

import feedforward as ff
from feedforward import ising

SQRT2 = np.sqrt(2.0)


# ------------------------------------------------------------------------------ exact enumeration

def all_states(L: int = 4) -> np.ndarray:
    """Every configuration of an L x L lattice, shape (2**(L*L), L, L), int8."""
    codes = np.arange(2 ** (L * L))[:, None] >> np.arange(L * L) & 1
    return (2 * codes - 1).astype(np.int8).reshape(-1, L, L)


STATES = all_states(4)
E_STATES = ising.energy(STATES)            # energy per spin of all 65,536 states
M_STATES = ising.magnetization(STATES)


def exact_distribution(T: float) -> tuple[np.ndarray, np.ndarray]:
    """Energy levels per spin of the 4 x 4 lattice and their Boltzmann probabilities at T."""
    levels, inverse = np.unique(np.round(E_STATES * 16).astype(int), return_inverse=True)
    weights = np.exp(-(E_STATES - E_STATES.min()) * 16 / T)
    return levels / 16, np.bincount(inverse, weights=weights) / weights.sum()


def exact_mean_abs_m(T: float) -> float:
    weights = np.exp(-(E_STATES - E_STATES.min()) * 16 / T)
    return float(np.sum(np.abs(M_STATES) * weights) / weights.sum())


def test_energy_and_magnetization_of_simple_states():
    up = np.ones((1, 4, 4), dtype=np.int8)
    checker = np.where(np.indices((4, 4)).sum(axis=0) % 2 == 0, 1, -1).astype(np.int8)
    stripes = np.repeat(np.array([1, 1, -1, -1], dtype=np.int8)[:, None], 4, axis=1)
    np.testing.assert_array_equal(ising.energy(up), [-2.0])
    assert ising.energy(checker) == 2.0 and ising.magnetization(checker) == 0.0
    assert ising.energy(stripes) == -1.0  # 32 bonds, 8 of them broken: -(24 - 8) / 16
    assert ising.magnetization(-up)[0] == -1.0
    # any real dtype with values +-1, e.g. the float rows of a design matrix
    assert ising.energy(stripes.astype(float).reshape(1, 4, 4))[0] == -1.0
    # the enumeration's levels: -2 (two ground states) up to +2 (the two checkerboards)
    assert E_STATES.min() == -2.0 and E_STATES.max() == 2.0
    assert np.sum(E_STATES == -2.0) == 2 and np.sum(E_STATES == 2.0) == 2


def chi_square_pvalue(observed_e: np.ndarray, T: float) -> float:
    """Pearson chi-square p-value of the observed energies against the exact distribution, levels
    with an expected count below 5 pooled into one bin."""
    levels, probs = exact_distribution(T)
    counts = np.array([np.sum(np.isclose(observed_e, e)) for e in levels])
    assert counts.sum() == observed_e.size  # every sampled energy is a level of the enumeration
    expected = probs * observed_e.size
    big = expected >= 5
    obs = np.append(counts[big], counts[~big].sum())
    exp = np.append(expected[big], expected[~big].sum())
    return float(stats.chisquare(obs, exp).pvalue)


@pytest.mark.parametrize("update", ["metropolis", "swendsen_wang"])
def test_energy_histogram_and_abs_m_match_exact_enumeration_on_4x4(update):
    # 20,000 independent chains, half at T = 2.0 and half at T = 3.0 (one T per lattice), from
    # random starts; 4 x 4 equilibrates within a few updates, 60 are made.
    rng = np.random.default_rng(2024)
    n = 20_000
    T = np.repeat([2.0, 3.0], n // 2)
    spins = ising.random_spins(n, 4, rng)
    step = ising.metropolis_sweep if update == "metropolis" else ising.swendsen_wang_step
    for _ in range(60):
        step(spins, T, rng)
    e, m = ising.energy(spins), np.abs(ising.magnetization(spins))
    for temperature in (2.0, 3.0):
        at = T == temperature
        # chi-square over the energy levels: a correct sampler fails p > 1e-4 once in 10,000 seeds
        assert chi_square_pvalue(e[at], temperature) > 1e-4
        # <|m|> within 5 standard errors of the exact value
        se = m[at].std(ddof=1) / np.sqrt(at.sum())
        assert abs(m[at].mean() - exact_mean_abs_m(temperature)) < 5 * se


def test_a_wrong_acceptance_rule_would_be_detected():
    """The chi-square check has power: Metropolis samples at T = 2.0 fail against T = 2.2."""
    rng = np.random.default_rng(7)
    spins = ising.random_spins(10_000, 4, rng)
    for _ in range(60):
        ising.metropolis_sweep(spins, 2.0, rng)
    e = ising.energy(spins)
    assert chi_square_pvalue(e, 2.0) > 1e-4
    assert chi_square_pvalue(e, 2.2) < 1e-6


# ------------------------------------------------------------------------------- Onsager's results

def test_critical_temperature():
    assert ising.T_C == pytest.approx(2.269185314213022, abs=1e-14)
    assert np.sinh(2 / ising.T_C) == pytest.approx(1.0, abs=1e-14)  # the self-dual point


def test_onsager_energy_exact_values_and_limits():
    assert abs(ising.onsager_energy(ising.T_C) + SQRT2) < 1e-10
    assert ising.onsager_energy([ising.T_C]).shape == (1,)
    # just off T_C the logarithmic divergence of K(k) is multiplied by a vanishing factor
    near = ising.onsager_energy(ising.T_C * (1 + np.array([-1e-9, 1e-9])))
    np.testing.assert_allclose(near, -SQRT2, atol=1e-7)
    # low-temperature series, y = exp(-2/T), from ln Z / N = 2/T + y^4 + 2y^6 + 9/2 y^8 + 12 y^10 + ...:
    # u = -2 + 8y^4 + 24y^6 + 72y^8 + 240y^10 + O(y^12)  (checks K's parameter convention, m = k^2)
    for T in (0.5, 0.7):
        y = np.exp(-2 / T)
        assert ising.onsager_energy(T) == pytest.approx(-2 + 8 * y**4 + 24 * y**6 + 72 * y**8 + 240 * y**10, abs=1e-11)
    assert ising.onsager_energy(0.01) == -2.0  # no overflow as T -> 0
    # high-temperature series, t = tanh(1/T), the same coefficients (duality):
    # u = -2t - (4t^3 + 12t^5 + 36t^7 + 120t^9)(1 - t^2) + O(t^11)
    t = np.tanh(1 / 10)
    series = -2 * t - (4 * t**3 + 12 * t**5 + 36 * t**7 + 120 * t**9) * (1 - t**2)
    assert ising.onsager_energy(10.0) == pytest.approx(series, abs=1e-8)
    u = ising.onsager_energy(np.linspace(0.5, 5, 200))
    assert np.all(np.diff(u) > 0) and np.all(u > -2) and np.all(u < 0)  # rises with T (C_V > 0)


def test_onsager_magnetization():
    assert ising.onsager_magnetization(2.0) == pytest.approx(0.911319, abs=1e-6)
    np.testing.assert_array_equal(ising.onsager_magnetization([ising.T_C, 2.3, 3.0, 100.0]), 0.0)
    assert ising.onsager_magnetization(0.01) == 1.0
    below = ising.onsager_magnetization(ising.T_C * (1 - np.logspace(-6, -2, 5)))
    assert np.all(below > 0) and np.all(np.diff(below) > 0)  # further below T_C, larger
    # critical exponent beta = 1/8: m ~ (T_C - T)^(1/8) close to T_C
    d = np.array([1e-6, 1e-5])
    m = ising.onsager_magnetization(ising.T_C - d)
    assert np.log(m[1] / m[0]) / np.log(10) == pytest.approx(1 / 8, abs=1e-3)


@pytest.fixture(scope="module")
def samples_32():
    """500 independent configurations of 32 x 32 at each of four temperatures, default sweeps."""
    return ising.sample(32, [1.5, 2.0, 3.0, 3.5], 500, rng=12345)


def test_samples_agree_with_onsager_away_from_T_C(samples_32):
    # Tolerance: 5 standard errors of the sample mean (std / sqrt(500)), computed from the samples.
    # Finite-size corrections at L = 32 are exponentially small in L / xi this far from T_C
    # (measured with 4000 samples: below 0.0006 for |m| at T = 2.0, below 1.5 standard errors).
    m, e = np.abs(samples_32.magnetization), samples_32.energy
    n = samples_32.n_samples
    for k, T in enumerate(samples_32.temperatures):
        se_e = e[k].std(ddof=1) / np.sqrt(n)
        assert abs(e[k].mean() - ising.onsager_energy(T)) < 5 * se_e, T
        if T < ising.T_C:
            se_m = m[k].std(ddof=1) / np.sqrt(n)
            assert abs(m[k].mean() - ising.onsager_magnetization(T)) < 5 * se_m, T


def test_magnetization_above_T_C_is_a_finite_size_effect(samples_32):
    # above T_C, <|m|> ~ sqrt(chi T / L^2): small on 32 x 32, and twice as large on 16 x 16
    m32 = np.abs(samples_32.magnetization[2:]).mean(axis=1)  # T = 3.0, 3.5
    assert np.all(m32 < 0.12)
    m16 = np.abs(ising.sample(16, [3.0, 3.5], 1000, rng=1).magnetization).mean(axis=1)
    np.testing.assert_allclose(m16 / m32, 2.0, rtol=0.1)


def test_below_T_C_both_signs_of_m_appear(samples_32):
    # chains start all +1 below T_C; the Swendsen-Wang update flips the spanning cluster
    m = samples_32.magnetization[0]  # T = 1.5
    assert 0.4 < np.mean(m > 0) < 0.6


def test_default_sweeps_equilibrate_from_both_starts_at_T_C():
    # The slowest case: at T_C, ordered and random starts after the default sweeps must agree
    # within 4 standard errors of their difference (400 chains each, L = 32).
    T = [ising.T_C]
    ordered = ising.sample(32, T, 400, rng=1, start="ordered")
    random = ising.sample(32, T, 400, rng=2, start="random")
    assert ordered.sweeps == random.sweeps == ising.DEFAULT_SWEEPS["swendsen_wang"]
    for a, b in ((np.abs(ordered.magnetization), np.abs(random.magnetization)), (ordered.energy, random.energy)):
        se = np.hypot(a.std(ddof=1), b.std(ddof=1)) / np.sqrt(400)
        assert abs(a.mean() - b.mean()) < 4 * se


# ---------------------------------------------------------------------------------------- sample

def test_sample_shapes_and_views():
    s = ising.sample(8, [1.5, 2.5, 3.0], 4, rng=0)
    assert isinstance(s, ising.IsingSamples)
    assert s.spins.shape == (3, 4, 8, 8) and s.spins.dtype == np.int8 and s.L == 8
    assert s.temperatures.dtype == np.float64 and s.n_samples == 4
    X, T = s.flat()
    assert X.shape == (12, 64) and X.dtype == np.float64 and set(np.unique(X)) <= {-1.0, 1.0}
    np.testing.assert_array_equal(T, np.repeat([1.5, 2.5, 3.0], 4))
    np.testing.assert_array_equal(s.X, X)
    np.testing.assert_array_equal(s.T, T)
    np.testing.assert_array_equal(s.phase, [1] * 4 + [0] * 8)
    np.testing.assert_array_equal(X[5].reshape(8, 8), s.spins[1, 1])  # row order: temperature-major
    assert s.magnetization.shape == s.energy.shape == (3, 4)
    np.testing.assert_allclose(s.energy.ravel(), ising.energy(X.reshape(-1, 8, 8)))
    np.testing.assert_allclose(s.magnetization.ravel(), X.mean(axis=1))
    one = ising.sample(4, 2.0, 1, rng=0, sweeps=1, algorithm="metropolis")
    assert one.spins.shape == (1, 1, 4, 4) and one.algorithm == "metropolis" and one.sweeps == 1


def test_ff_ising_is_reachable_from_the_package():
    assert ff.ising is ising
    assert "ising" not in ff.__all__ and not hasattr(ff, "sample")  # only the module at top level


# ------------------------------------------------------------------------------ reproducibility

def test_same_seed_same_spins_and_different_seeds_differ():
    a = ising.sample(16, [1.8, 2.3, 3.1], 6, rng=42)
    b = ising.sample(16, [1.8, 2.3, 3.1], 6, rng=42)
    c = ising.sample(16, [1.8, 2.3, 3.1], 6, rng=np.random.default_rng(42))
    d = ising.sample(16, [1.8, 2.3, 3.1], 6, rng=43)
    np.testing.assert_array_equal(a.spins, b.spins)
    np.testing.assert_array_equal(a.spins, c.spins)
    assert not np.array_equal(a.spins, d.spins)
    m = ising.sample(16, [2.3], 6, rng=42, algorithm="metropolis", sweeps=20)
    np.testing.assert_array_equal(m.spins, ising.sample(16, [2.3], 6, rng=42, algorithm="metropolis", sweeps=20).spins)


@pytest.mark.parametrize("step", [ising.metropolis_sweep, ising.swendsen_wang_step])
def test_steps_are_reproducible_and_keep_spins_valid(step):
    start = ising.random_spins(5, 8, 0)
    a, b, c = start.copy(), start.copy(), start.copy()
    step(a, 2.3, 1)
    step(b, np.full(5, 2.3), np.random.default_rng(1))
    step(c, 2.3, 2)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.dtype == np.int8 and set(np.unique(a)) <= {-1, 1}


def test_random_spins():
    s = ising.random_spins(3, 6, 0)
    assert s.shape == (3, 6, 6) and s.dtype == np.int8 and set(np.unique(s)) == {-1, 1}
    np.testing.assert_array_equal(s, ising.random_spins(3, 6, np.random.default_rng(0)))
    np.testing.assert_array_equal(ising.random_spins(2, 4, 0, ordered=True), np.ones((2, 4, 4), dtype=np.int8))


def test_step_updates_a_view_in_place():
    spins = ising.random_spins(4, 8, 0)
    view = spins[::2]  # not contiguous
    before = spins.copy()
    ising.swendsen_wang_step(view, 1.0, 0)
    ising.metropolis_sweep(view, 1.0, 0)
    np.testing.assert_array_equal(spins[1::2], before[1::2])
    assert not np.array_equal(spins[::2], before[::2])


# ----------------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(("L", "error", "match"), [
    (15, ValueError, "L must be even"),
    (1, ValueError, "L must be >= 2"),
    (0, ValueError, "L must be >= 2"),
    (16.5, TypeError, "L must be an int"),
    ("16", TypeError, "L must be an int"),
    (True, TypeError, "L must be an int"),
])
def test_sample_rejects_bad_L(L, error, match):
    with pytest.raises(error, match=match):
        ising.sample(L, [2.0], 2, rng=0)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    (dict(temperatures=[2.0, 0.0]), ValueError, "temperatures must be finite and > 0"),
    (dict(temperatures=[-1.0]), ValueError, "temperatures must be finite and > 0"),
    (dict(temperatures=[np.nan]), ValueError, "temperatures must be finite and > 0"),
    (dict(temperatures=[np.inf]), ValueError, "temperatures must be finite and > 0"),
    (dict(temperatures=[]), ValueError, "temperatures is empty"),
    (dict(temperatures=[[2.0, 3.0]]), ValueError, "temperatures must be a scalar or 1-D"),
    (dict(temperatures="2.0"), TypeError, "temperatures must be a number"),
    (dict(n_samples=0), ValueError, "n_samples must be a positive integer"),
    (dict(n_samples=2.5), ValueError, "n_samples must be a positive integer"),
    (dict(sweeps=0), ValueError, "sweeps must be a positive integer"),
    (dict(algorithm="wolff"), ValueError, "algorithm must be one of"),
    (dict(start="cold"), ValueError, "start must be"),
    (dict(rng=None), TypeError, "rng must be a numpy.random.Generator or an int"),
    (dict(rng=1.5), TypeError, "rng must be a numpy.random.Generator or an int"),
])
def test_sample_rejects_bad_arguments(kwargs, error, match):
    args = dict(L=4, temperatures=[2.0], n_samples=2, rng=0) | kwargs
    temperatures = args["temperatures"]
    saved = np.array(temperatures, copy=True) if isinstance(temperatures, list) else None
    with pytest.raises(error, match=match):
        ising.sample(args.pop("L"), args.pop("temperatures"), args.pop("n_samples"), **args)
    if saved is not None:
        np.testing.assert_array_equal(np.array(temperatures), saved)


def test_sample_does_not_modify_the_temperatures():
    T = np.array([2.5, 1.5])
    s = ising.sample(4, T, 2, rng=0, sweeps=1)
    np.testing.assert_array_equal(T, [2.5, 1.5])
    s.temperatures[0] = 9.0
    np.testing.assert_array_equal(T, [2.5, 1.5])


def bad_spins_cases():
    good = ising.random_spins(3, 4, 0)
    with_zero, with_two = good.copy(), good.copy()
    with_zero[1, 2, 3], with_two[0, 0, 0] = 0, 2
    return [
        (good.astype(np.int64), 2.0, TypeError, "spins must have dtype int8"),
        (good.astype(float), 2.0, TypeError, "spins must have dtype int8"),
        (good.tolist(), 2.0, TypeError, "spins must be a numpy int8 array"),
        (good[0], 2.0, ValueError, r"spins must have shape \(n, L, L\).*spins\[None\]"),
        (good[:, :, :2], 2.0, ValueError, r"spins must have shape \(n, L, L\)"),
        (good[:0], 2.0, ValueError, r"spins must have shape \(n, L, L\)"),
        (with_zero, 2.0, ValueError, r"spins must hold only \+1 and -1, found \[0\]"),
        (with_two, 2.0, ValueError, r"spins must hold only \+1 and -1, found \[2\]"),
        (good, 0.0, ValueError, "T must be finite and > 0"),
        (good, -2.0, ValueError, "T must be finite and > 0"),
        (good, np.nan, ValueError, "T must be finite and > 0"),
        (good, [2.0, 3.0], ValueError, r"T must be a scalar or have one temperature per lattice, shape \(3,\)"),
        (good, np.full((3, 1), 2.0), ValueError, "T must be a scalar or have one temperature per lattice"),
        (good, [2.0, np.nan, 3.0], ValueError, "T must be finite and > 0"),
    ]


@pytest.mark.parametrize("step", [ising.metropolis_sweep, ising.swendsen_wang_step])
@pytest.mark.parametrize(("spins", "T", "error", "match"), bad_spins_cases())
def test_steps_reject_bad_spins_and_T_and_leave_them_unchanged(step, spins, T, error, match):
    saved_spins, saved_T = np.array(spins, copy=True), np.array(T, copy=True)
    with pytest.raises(error, match=match):
        step(spins, T, 0)
    np.testing.assert_array_equal(np.array(spins), saved_spins)
    np.testing.assert_array_equal(np.array(T), saved_T)


def test_checkerboard_needs_even_L_and_read_only_spins_are_rejected():
    odd = ising.random_spins(2, 5, 0)
    saved = odd.copy()
    with pytest.raises(ValueError, match="spins must have an even L"):
        ising.metropolis_sweep(odd, 2.0, 0)
    np.testing.assert_array_equal(odd, saved)
    ising.swendsen_wang_step(odd, 2.0, 0)  # clusters need no checkerboard
    frozen = ising.random_spins(2, 4, 0)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match="spins is read-only"):
        ising.metropolis_sweep(frozen, 2.0, 0)
    with pytest.raises(TypeError, match="rng must be"):
        ising.metropolis_sweep(ising.random_spins(2, 4, 0), 2.0, "0")


@pytest.mark.parametrize(("spins", "error", "match"), [
    (np.ones((4, 4), dtype=bool), TypeError, "spins must hold the numbers"),
    (np.ones(4, dtype=np.int8), ValueError, r"spins must have shape \(\.\.\., L, L\)"),
    (np.ones((2, 4, 3)), ValueError, r"spins must have shape \(\.\.\., L, L\)"),
    (np.zeros((4, 4)), ValueError, r"spins must hold only \+1 and -1"),
])
def test_measurements_reject_bad_spins(spins, error, match):
    for measure in (ising.energy, ising.magnetization):
        with pytest.raises(error, match=match):
            measure(spins)


@pytest.mark.parametrize(("args", "error", "match"), [
    ((0, 4, 0), ValueError, "n must be a positive integer"),
    ((2, 1, 0), ValueError, "L must be >= 2"),
    ((2, 4.0, 0), TypeError, "L must be an int"),
])
def test_random_spins_rejects_bad_sizes(args, error, match):
    with pytest.raises(error, match=match):
        ising.random_spins(*args)


@pytest.mark.parametrize("T", [0.0, -1.0, np.nan, np.inf, [2.0, 0.0]])
def test_onsager_rejects_bad_temperatures(T):
    for exact in (ising.onsager_energy, ising.onsager_magnetization):
        with pytest.raises(ValueError, match="T must be finite and > 0"):
            exact(T)


# ---------------------------------------------------------------------------- autocorrelation

def ar1(phi: float, n_chains: int, n_steps: int, seed: int) -> np.ndarray:
    """AR(1) chains x_{t+1} = phi x_t + noise, started in their stationary distribution."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n_chains, n_steps))
    x = np.empty_like(noise)
    x[:, 0] = noise[:, 0] / np.sqrt(1 - phi**2)
    for t in range(1, n_steps):
        x[:, t] = phi * x[:, t - 1] + noise[:, t]
    return x


@pytest.mark.parametrize("phi", [0.0, 0.5, 0.9])
def test_autocorrelation_time_of_an_ar1_process(phi):
    tau = (1 + phi) / (2 * (1 - phi))  # 1/2 + sum_t phi^t
    chains = ar1(phi, 20, 10_000, seed=3)
    assert ising.autocorrelation_time(chains) == pytest.approx(tau, rel=0.1)
    assert ising.autocorrelation_time(chains[0]) == pytest.approx(tau, rel=0.1)


def test_autocorrelation_time_rejects_bad_series():
    with pytest.raises(ValueError, match="series is constant"):
        ising.autocorrelation_time(np.ones(100))
    with pytest.raises(ValueError, match="series must have shape"):
        ising.autocorrelation_time(np.zeros((2, 2, 10)))
    with pytest.raises(ValueError, match="at least 4 steps"):
        ising.autocorrelation_time([1.0, 2.0])
    with pytest.raises(ValueError, match="series contains NaN"):
        ising.autocorrelation_time([1.0, np.nan, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="c must be a positive"):
        ising.autocorrelation_time(np.arange(10.0), c=0)


def test_swendsen_wang_beats_critical_slowing_down():
    # At T_C on 32 x 32: 50 equilibrated chains, the autocorrelation time of |m| per update.
    # Measured: SW about 3 steps; Metropolis about 35 sweeps from these 2000 sweeps (41 from
    # 100 chains of 20,000 sweeps).  Asserted: a factor of more than 5.
    rng = np.random.default_rng(0)
    start = ising.sample(32, ising.T_C, 50, rng=rng).spins[0]
    series = {}
    for name, step, n_steps in (("sw", ising.swendsen_wang_step, 300), ("metropolis", ising.metropolis_sweep, 2000)):
        spins = start.copy()
        m = np.empty((n_steps, len(spins)))
        for t in range(n_steps):
            step(spins, ising.T_C, rng)
            m[t] = ising.magnetization(spins)
        series[name] = ising.autocorrelation_time(np.abs(m).T)
    assert series["sw"] < 5
    assert series["metropolis"] > 5 * series["sw"]
