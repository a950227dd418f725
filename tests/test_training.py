"""Learning: logic gates, the digits, determinism, float32, divergence, optimizers."""

import copy
import pickle

import numpy as np
import pytest
from sklearn.model_selection import train_test_split

import feedforward as ff

X_GATES = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {"XOR": [0, 1, 1, 0], "OR": [0, 1, 1, 1], "AND": [0, 0, 0, 1]}


@pytest.mark.parametrize("gate", list(GATES))
@pytest.mark.parametrize("n_out,output", [(1, "sigmoid"), (2, "softmax")])
def test_logic_gates_learned_exactly(gate, n_out, output):
    y = np.array(GATES[gate])
    net = ff.FeedForwardNetwork([2, 2, n_out], "sigmoid", output, rng=3)
    net.fit(X_GATES, y, epochs=3000, batch_size=4, eta=2.0, rng=0)
    assert np.array_equal(net.predict(X_GATES), y)
    assert net.cost(X_GATES, y) < 0.1


def test_xor_is_not_learned_without_a_hidden_layer():
    y = np.array(GATES["XOR"])
    net = ff.FeedForwardNetwork([2, 1], output_activation="sigmoid", rng=0)
    net.fit(X_GATES, y, epochs=2000, batch_size=4, eta=1.0, rng=0)
    assert net.score(X_GATES, y) <= 0.75


@pytest.fixture(scope="module")
def digits_split():
    X, y, _ = ff.load_digits_scaled()
    return train_test_split(X, y, train_size=0.8, random_state=0)


def test_digits_test_accuracy_at_least_097(digits_split):
    X_train, X_test, y_train, y_test = digits_split
    net = ff.FeedForwardNetwork([64, 100, 10], "relu", init="he_normal", lmbd=1e-4, rng=0)
    history = net.fit(X_train, y_train, epochs=100, batch_size=100, eta=0.5, rng=100, validation_data=(X_test, y_test))
    assert net.score(X_test, y_test) >= 0.97
    assert history.epochs == 100 and len(history.val_accuracy) == 100
    assert history.loss[-1] < history.loss[0]
    assert history.val_accuracy[-1] == net.score(X_test, y_test)


def test_same_seed_same_result_bit_for_bit(digits_split):
    X_train, _, y_train, _ = digits_split

    def run():
        net = ff.FeedForwardNetwork([64, 20, 10], "relu", init="he_normal", lmbd=1e-4, rng=5)
        history = net.fit(X_train, y_train, epochs=3, batch_size=32, eta=0.1, optimizer="momentum", rng=9)
        return net, history

    (a, ha), (b, hb) = run(), run()
    for p, q in zip(a.parameters(), b.parameters()):
        assert np.array_equal(p, q)
    assert ha.loss == hb.loss and ha.accuracy == hb.accuracy


def test_every_sample_is_used_once_per_epoch():
    # with eta tiny and lmbd 0, one epoch of batch updates applied to a linear model is the
    # sum of per-batch mean gradients; check the batch sizes add up via a counting optimizer
    seen = []

    class Counting(ff.SGD):
        def step(self, params, grads):
            seen.append([g.shape for g in grads])
            super().step(params, grads)

    X = np.random.default_rng(0).normal(size=(23, 3))
    y = np.arange(23) % 2
    net = ff.FeedForwardNetwork([3, 2], rng=0)
    calls = []
    original = net.feed_forward
    net.feed_forward = lambda A: calls.append(len(A)) or original(A)
    net.fit(X, y, epochs=2, batch_size=5, optimizer=Counting(0.1), rng=0)
    assert calls == [5, 5, 5, 5, 3] * 2
    # one update per batch, of all parameters at once: W^1 (3 x 2) and b^1 (2) in one flat vector
    assert seen == [[(8,)]] * 10


def test_training_updates_the_parameter_arrays_in_place(digits_split):
    X_train, _, y_train, _ = digits_split
    net = ff.FeedForwardNetwork([64, 10, 10], rng=0)
    W1, b2 = net.weights[0], net.biases[1]
    before = W1.copy()
    net.fit(X_train, y_train, epochs=1, batch_size=100, eta=0.5, rng=0)
    assert net.weights[0] is W1 and net.biases[1] is b2
    assert not np.array_equal(W1, before)


@pytest.mark.parametrize("duplicate", [copy.deepcopy, lambda net: pickle.loads(pickle.dumps(net))])
def test_copied_networks_train_like_the_original(digits_split, duplicate):
    # a copy holds its own arrays, no longer views of one vector: training must still update them
    X_train, _, y_train, _ = digits_split
    net = ff.FeedForwardNetwork([64, 10, 10], rng=0)
    twin = duplicate(net)
    net.fit(X_train, y_train, epochs=2, batch_size=100, eta=0.5, rng=3)
    twin.fit(X_train, y_train, epochs=2, batch_size=100, eta=0.5, rng=3)
    assert all(np.array_equal(p, q) for p, q in zip(net.parameters(), twin.parameters()))
    assert twin.cost(X_train, y_train) == net.cost(X_train, y_train)


def test_replaced_parameter_lists_are_used_and_checked(digits_split):
    X_train, _, y_train, _ = digits_split
    a = ff.FeedForwardNetwork([64, 10, 10], rng=0)
    b = ff.FeedForwardNetwork([64, 10, 10], rng=1)
    b.weights = [W.copy() for W in a.weights]  # rebinding the lists, as chapter 6 does with Keras' weights
    b.biases = [v.copy() for v in a.biases]
    a.fit(X_train, y_train, epochs=2, batch_size=100, eta=0.5, rng=3)
    b.fit(X_train, y_train, epochs=2, batch_size=100, eta=0.5, rng=3)
    assert all(np.array_equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    b.weights = [np.zeros((64, 9)), b.weights[1]]
    before = [p.copy() for p in b.parameters()]
    with pytest.raises(ValueError, match=r"shapes \[\(64, 10\), \(10,\), \(10, 10\), \(10,\)\].*got \[\(64, 9\)"):
        b.fit(X_train, y_train, epochs=1, batch_size=100, eta=0.5, rng=3)
    assert all(np.array_equal(p, q) for p, q in zip(b.parameters(), before))


def test_float32_training_stays_float32(digits_split):
    X_train, X_test, y_train, y_test = digits_split
    net = ff.FeedForwardNetwork([64, 50, 10], "sigmoid", dtype=np.float32, rng=1)
    net.fit(X_train, y_train, epochs=30, batch_size=100, eta=1.0, rng=2)
    assert all(p.dtype == np.float32 for p in net.parameters())
    assert net.predict_proba(X_test).dtype == np.float32
    assert net.score(X_test, y_test) > 0.9


def test_divergence_is_reported_and_weights_restored():
    # least squares with a far too large step: the weights grow geometrically until they overflow
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3))
    y = x @ np.array([1.0, -2.0, 0.5])
    net = ff.FeedForwardNetwork([3, 1], output_activation="identity", rng=0)
    net.fit(x, y, epochs=2, batch_size=10, eta=0.01, rng=0)
    before = [p.copy() for p in net.parameters()]
    with pytest.raises(ff.TrainingDiverged, match=r"diverged in epoch (\d+).*smaller learning rate than 50.*after epoch") as info:
        net.fit(x, y, epochs=500, batch_size=10, eta=50.0, rng=0)
    assert all(np.all(np.isfinite(p)) for p in net.parameters())
    epoch = int(info.value.args[0].split("epoch ")[1].split(":")[0])
    assert epoch > 1 and net.history.epochs == epoch - 1
    assert not all(np.array_equal(p, q) for p, q in zip(net.parameters(), before))


def test_saturated_softmax_gives_a_large_finite_cost_not_nan(digits_split):
    X_train, _, y_train, _ = digits_split
    net = ff.FeedForwardNetwork([64, 50, 10], "relu", init="normal", rng=0)
    history = net.fit(X_train, y_train, epochs=3, batch_size=100, eta=1e4, rng=0)
    assert all(np.isfinite(history.loss))


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_optimizers_reduce_the_cost(digits_split, optimizer):
    X_train, _, y_train, _ = digits_split
    eta = {"sgd": 0.5, "momentum": 0.1, "adam": 1e-3}[optimizer]
    net = ff.FeedForwardNetwork([64, 30, 10], "tanh", rng=0)
    before = net.cost(X_train, y_train)
    net.fit(X_train, y_train, epochs=5, batch_size=50, eta=eta, optimizer=optimizer, rng=0)
    assert net.cost(X_train, y_train) < 0.5 * before


def test_regression_with_identity_output():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=(200, 1))
    y = np.sin(x)
    net = ff.FeedForwardNetwork([1, 20, 1], "tanh", "identity", rng=0)
    net.fit(x, y, epochs=300, batch_size=20, eta=0.1, optimizer="momentum", rng=0)
    assert net.cost(x, y) < 5e-3
    assert net.predict(x).shape == (200,)


def test_l2_shrinks_weights(digits_split):
    X_train, _, y_train, _ = digits_split
    norms = []
    for lmbd in (0.0, 0.1):
        net = ff.FeedForwardNetwork([64, 30, 10], "sigmoid", lmbd=lmbd, rng=0)
        net.fit(X_train, y_train, epochs=10, batch_size=100, eta=1.0, rng=0)
        norms.append(sum(np.linalg.norm(W) for W in net.weights))
    assert norms[1] < 0.8 * norms[0]


def test_l2_conversions_match_sklearn_and_keras_gradients():
    # sklearn: grad += alpha * W / batch_size; keras: d/dW (l2 * sum W^2) = 2 * l2 * W; ours: lmbd * W
    lmbd, batch = 0.01, 100
    assert ff.lambda_to_sklearn_alpha(lmbd, batch) / batch == pytest.approx(lmbd)
    assert 2 * ff.lambda_to_keras_l2(lmbd) == pytest.approx(lmbd)
