"""Seed spreads and the book's digits split."""

import numpy as np
import pytest

import feedforward as ff


def test_over_seeds_calls_the_run_once_per_seed_in_order():
    calls = []

    def run(seed):
        calls.append(seed)
        return seed / 10

    spread = ff.over_seeds(run, [3, 1, 2])
    assert calls == [3, 1, 2]
    assert spread.seeds == (3, 1, 2)
    np.testing.assert_array_equal(spread.values, [0.3, 0.1, 0.2])
    assert spread.mean == pytest.approx(0.2)
    assert spread.std == pytest.approx(0.1)  # sample standard deviation, ddof=1
    assert (spread.min, spread.max) == (0.1, 0.3)
    assert spread.format() == "0.200 ± 0.100 (3 seeds, 0.100 to 0.300)"
    assert spread.format(2, unit="repetitions") == "0.20 ± 0.10 (3 repetitions, 0.10 to 0.30)"


def test_a_diverged_run_is_counted_not_averaged():
    def run(seed):
        if seed == 1:
            raise ff.TrainingDiverged("cost overflowed")
        return 0.9

    spread = ff.over_seeds(run, range(3))
    assert spread.n_diverged == 1 and spread.n == 3
    assert spread.mean == 0.9 and np.isnan(spread.values[1])
    assert str(spread) == "0.900 ± 0.000 (2 seeds, 0.900 to 0.900); diverged for 1 of 3 seeds"
    everything = ff.over_seeds(lambda seed: run(1), range(2))
    assert str(everything) == "diverged for all 2 seeds" and np.isnan(everything.mean)
    assert spread.format(unit="draws").endswith("(2 draws, 0.900 to 0.900); diverged for 1 of 3 draws")
    assert everything.format(unit="draws") == "diverged for all 2 draws"


def test_other_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError):
        ff.over_seeds(lambda seed: 1 / 0, range(2))


def test_parallel_and_serial_give_the_same_spread():
    def run(seed):
        return float(np.random.default_rng(seed).random())

    serial, parallel = ff.over_seeds(run, range(4)), ff.over_seeds(run, range(4), n_jobs=2)
    np.testing.assert_array_equal(serial.values, parallel.values)


@pytest.mark.parametrize("seeds", [[], ()])
def test_no_seeds_is_an_error(seeds):
    with pytest.raises(ValueError, match="seeds is empty"):
        ff.over_seeds(lambda seed: 0.0, seeds)


def test_one_value_per_seed():
    with pytest.raises(ValueError, match="one value per seed"):
        ff.SeedSpread((0, 1), np.array([0.5]))


def test_the_book_split_is_the_chapters_split_and_keeps_the_test_set_apart():
    from sklearn.model_selection import train_test_split

    split = ff.load_digits_split()
    X, y, _ = ff.load_digits_scaled()
    X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.8, random_state=0)
    np.testing.assert_array_equal(split.X_test, X_test)
    np.testing.assert_array_equal(split.y_train, y_train)
    assert (len(split.X_fit), len(split.X_val), len(split.X_test)) == (1149, 288, 360)
    # fit + validation is a partition of the training set, pairs intact
    parts = [tuple(r) + (int(t),) for X_, y_ in ((split.X_fit, split.y_fit), (split.X_val, split.y_val)) for r, t in zip(X_, y_)]
    assert sorted(parts) == sorted(tuple(r) + (int(t),) for r, t in zip(split.X_train, split.y_train))
    assert 0.0 <= split.X_fit.min() and split.X_fit.max() <= 1.0
