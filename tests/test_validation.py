"""Bad input raises a clear ValueError before anything changes."""

import numpy as np
import pytest

import feedforward as ff


@pytest.fixture
def net():
    return ff.FeedForwardNetwork([4, 3, 3], "sigmoid", rng=0)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(10, 4)), rng.integers(0, 3, size=10)


BAD_FIT = [
    ("X 1-D", lambda X, y: (X[:, 0], y, {}), r"X must be 2-D"),
    ("X 3-D", lambda X, y: (X.reshape(10, 2, 2), y, {}), r"flatten"),
    ("wrong features", lambda X, y: (X[:, :3], y, {}), r"X has 3 features.*expects 4"),
    ("mismatched samples", lambda X, y: (X, y[:9], {}), r"X has 10 samples but y has 9"),
    ("NaN", lambda X, y: (np.where(np.arange(40).reshape(10, 4) == 13, np.nan, X), y, {}), r"NaN or inf \(first at row 3, column 1\)"),
    ("inf", lambda X, y: (np.where(np.arange(40).reshape(10, 4) == 0, np.inf, X), y, {}), r"NaN or inf"),
    ("empty", lambda X, y: (X[:0], y[:0], {}), r"X is empty"),
    ("strings", lambda X, y: (X.astype(str), y, {}), r"X must hold numbers"),
    ("label too large", lambda X, y: (X, np.where(np.arange(10) == 2, 3, y), {}), r"labels in \[0, 3\], expected 0 .. 2"),
    ("negative label", lambda X, y: (X, np.where(np.arange(10) == 2, -1, y), {}), r"labels in \[-1"),
    ("fractional label", lambda X, y: (X, y + 0.5, {}), r"integer class labels"),
    ("one-hot labels", lambda X, y: (X, ff.one_hot(y, 3), {}), r"one-hot\? pass integer labels"),
    ("zero eta", lambda X, y: (X, y, {"eta": 0.0}), r"eta must be a positive finite number"),
    ("negative eta", lambda X, y: (X, y, {"eta": -1.0}), r"eta must be a positive"),
    ("nan eta", lambda X, y: (X, y, {"eta": float("nan")}), r"eta must be a positive"),
    ("zero batch", lambda X, y: (X, y, {"batch_size": 0}), r"batch_size must be a positive integer"),
    ("float batch", lambda X, y: (X, y, {"batch_size": 2.5}), r"batch_size must be a positive integer"),
    ("zero epochs", lambda X, y: (X, y, {"epochs": 0}), r"epochs must be a positive integer"),
    ("bad optimizer", lambda X, y: (X, y, {"optimizer": "rmsprop"}), r"optimizer must be"),
    ("bad validation", lambda X, y: (X, y, {"validation_data": (X[:, :2], y)}), r"X_val has 2 features"),
]


@pytest.mark.parametrize("case,make,message", BAD_FIT, ids=[c[0] for c in BAD_FIT])
def test_bad_fit_input_raises_and_changes_nothing(net, data, case, make, message):
    X, y, overrides = make(*data)
    kwargs = {"epochs": 2, "batch_size": 4, "eta": 0.1, "rng": 0} | overrides
    before = [p.copy() for p in net.parameters()]
    with pytest.raises(ValueError, match=message):
        net.fit(X, y, **kwargs)
    for p, q in zip(net.parameters(), before):
        assert np.array_equal(p, q)
    assert net.history is None


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"layer_sizes": [4]}, "at least an input and an output"),
        ({"layer_sizes": [4, 0, 3]}, "positive integer"),
        ({"hidden_activation": "softmax"}, "softmax is an output activation"),
        ({"hidden_activation": ["relu", "relu"]}, "2 activations for 1 hidden layers"),
        ({"output_activation": "relu", "loss": "cross_entropy"}, "needs a 'softmax' output layer"),
        ({"loss": "hinge"}, "loss must be one of"),
        ({"init": "zeros"}, "init must be one of"),
        ({"lmbd": -1.0}, "lmbd must be"),
        ({"dtype": np.int32}, "dtype must be float64 or float32"),
    ],
)
def test_bad_construction_raises(kwargs, message):
    args = {"layer_sizes": [4, 3, 3], "rng": 0} | kwargs
    with pytest.raises(ValueError, match=message):
        ff.FeedForwardNetwork(**args)


def test_predict_checks_its_input(net):
    with pytest.raises(ValueError, match="X has 5 features"):
        net.predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="NaN"):
        net.predict_proba(np.full((2, 4), np.nan))


def test_data_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="integers"):
        ff.one_hot(np.array([0.5, 1.0]))
    with pytest.raises(ValueError, match="too large for n_classes=2"):
        ff.one_hot(np.array([0, 2]), 2)
    with pytest.raises(ValueError, match="X has 3 samples but y has 2"):
        ff.train_test_split(np.zeros((3, 1)), np.zeros(2), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="train_size must be in"):
        ff.train_test_split(np.zeros((3, 1)), np.zeros(3), 1.5, rng=np.random.default_rng(0))
