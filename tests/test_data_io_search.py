"""Data helpers, save/load and grid search."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import feedforward as ff


@settings(max_examples=50, deadline=None)
@given(labels=st.lists(st.integers(0, 9), min_size=1, max_size=50))
def test_one_hot_round_trip(labels):
    labels = np.array(labels)
    encoded = ff.one_hot(labels, 10)
    assert encoded.shape == (len(labels), 10)
    assert np.all(encoded.sum(axis=1) == 1)
    assert np.array_equal(ff.from_one_hot(encoded), labels)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(4, 60), seed=st.integers(0, 2**32 - 1), train_size=st.floats(0.2, 0.8))
def test_split_keeps_pairs_together_and_partitions(n, seed, train_size):
    X = np.arange(n)[:, None] * np.array([[1.0, -1.0]])
    y = np.arange(n) * 10
    X_tr, X_te, y_tr, y_te = ff.train_test_split(X, y, train_size, rng=np.random.default_rng(seed))
    assert np.array_equal(X_tr[:, 0] * 10, y_tr) and np.array_equal(X_te[:, 0] * 10, y_te)
    assert sorted(np.concatenate([y_tr, y_te])) == list(y)


def test_accuracy():
    assert ff.accuracy([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75


def test_save_load_round_trip_is_exact(tmp_path):
    X = np.random.default_rng(0).normal(size=(6, 5))
    for dtype in (np.float64, np.float32):
        net = ff.FeedForwardNetwork([5, 7, 4, 3], ["relu", "tanh"], lmbd=0.25, dtype=dtype, rng=3)
        net.fit(X, np.arange(6) % 3, epochs=2, batch_size=3, eta=0.1, rng=0)
        path = tmp_path / f"net-{np.dtype(dtype).name}.npz"
        net.save(path)
        loaded = ff.FeedForwardNetwork.load(path)
        assert repr(loaded) == repr(net)
        for p, q in zip(loaded.parameters(), net.parameters()):
            assert p.dtype == q.dtype and np.array_equal(p, q)
        assert np.array_equal(loaded.predict_proba(X), net.predict_proba(X))
        with np.load(path, allow_pickle=False) as data:  # plain arrays, no pickle needed
            assert set(data.files) == {"header", "W1", "W2", "W3", "b1", "b2", "b3"}


def _cell(eta, lmbd):
    # linear least squares: stable for small eta, overflows for large eta
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 3))
    y = x @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=60)
    net = ff.FeedForwardNetwork([3, 1], output_activation="identity", lmbd=lmbd, rng=0)
    net.fit(x[:40], y[:40], epochs=30, batch_size=10, eta=eta, rng=0)
    return -net.cost(x[:40], y[:40]), -net.cost(x[40:], y[40:])


def test_grid_search_marks_divergence_and_is_the_same_in_parallel():
    etas, lmbds = [0.01, 0.1, 100.0], [0.0, 1e-3]
    serial = ff.grid_search(_cell, etas, lmbds, n_jobs=1, progress=False)
    parallel = ff.grid_search(_cell, etas, lmbds, n_jobs=2, progress=False)
    assert serial.train.shape == (3, 2)
    assert serial.diverged[2].all() and not serial.diverged[:2].any()
    assert np.isnan(serial.test[2]).all()
    np.testing.assert_array_equal(serial.test, parallel.test)
    eta, lmbd, score = serial.best()
    assert score == np.nanmax(serial.test) and eta in etas[:2]


def test_heatmap_labels_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = np.array([[0.5, np.nan], [0.9, 1.0]])
    ax = ff.plot_heatmap(scores, [0.1, 1.0], [0.0, 0.1], title="test")
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() == "test"
    assert "div" in [t.get_text() for t in ax.texts]
    plt.close("all")


def test_activation_statistics_saturation_and_dead_units():
    X = np.random.default_rng(0).normal(size=(50, 4))
    sig = ff.FeedForwardNetwork([4, 6, 3], "sigmoid", init="normal", rng=0)
    sig.weights[0] *= 100.0  # drive every sigmoid into saturation
    assert ff.activation_statistics(sig, X)["saturated"][0] > 0.9
    relu = ff.FeedForwardNetwork([4, 6, 3], "relu", rng=0)
    relu.biases[0][:3] = -1e3  # three of six hidden units can never activate
    stats = ff.activation_statistics(relu, X)
    assert stats["dead"][0] == 0.5 and np.isnan(stats["saturated"][0])
