"""Backpropagation against central finite differences and against TensorFlow's GradientTape."""

import os

import numpy as np
import pytest

import feedforward as ff

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu"]
OUTPUTS = [("softmax", "cross_entropy", 3), ("sigmoid", "binary_cross_entropy", 1), ("identity", "mse", 2), ("tanh", "mse", 2)]


def _data(loss, n_out, n=7, n_features=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    if loss == "cross_entropy":
        y = rng.integers(0, n_out, size=n)
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, size=n)
    else:
        y = rng.normal(size=(n, n_out))
    return X, y


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output,loss,n_out", OUTPUTS)
@pytest.mark.parametrize("depth", [0, 1, 3])
@pytest.mark.parametrize("lmbd", [0.0, 0.3])
def test_backprop_matches_finite_differences(hidden, output, loss, n_out, depth, lmbd):
    sizes = [4] + [5, 3, 4][:depth] + [n_out]
    net = ff.FeedForwardNetwork(sizes, hidden, output, loss, init="glorot_normal", bias_init=0.1, lmbd=lmbd, rng=42)
    X, y = _data(loss, n_out)
    if hidden in ("relu", "leaky_relu", "elu"):
        # keep every z away from the kink at 0, where the one-sided derivatives differ
        fwd = net.feed_forward(X)
        assert min(np.min(np.abs(z)) for z in fwd.z[:-1] or [np.ones(1)]) > 1e-4
    check = ff.gradient_check(net, X, y)
    assert check.max_relative_error < 1e-7, str(check)


def test_gradient_check_catches_a_wrong_backprop():
    net = ff.FeedForwardNetwork([4, 5, 3], "sigmoid", rng=0)
    X, y = _data("cross_entropy", 3)
    original = net.backpropagate

    def wrong(forward, T):
        grad_W, grad_b = original(forward, T)
        grad_W[0] = grad_W[0] * 1.01
        return grad_W, grad_b

    net.backpropagate = wrong
    assert ff.gradient_check(net, X, y).max_relative_error > 1e-3


@pytest.fixture(scope="module")
def tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    return pytest.importorskip("tensorflow")


TF_ACTIVATIONS = {
    "sigmoid": lambda tf, z: tf.math.sigmoid(z),
    "tanh": lambda tf, z: tf.math.tanh(z),
    "relu": lambda tf, z: tf.nn.relu(z),
    "leaky_relu": lambda tf, z: tf.where(z > 0, z, 0.01 * z),  # tf.nn.leaky_relu rounds alpha to float32
    "elu": lambda tf, z: tf.nn.elu(z),
    "identity": lambda tf, z: z,
}


@pytest.mark.parametrize("hidden", list(TF_ACTIVATIONS))
@pytest.mark.parametrize("output,loss,n_out", OUTPUTS[:3])
def test_backprop_matches_tensorflow_autodiff(tf, hidden, output, loss, n_out):
    lmbd = 0.05
    net = ff.FeedForwardNetwork([4, 6, 5, n_out], hidden, output, loss, bias_init=0.1, lmbd=lmbd, rng=7)
    X, y = _data(loss, n_out, n=9)
    Ws = [tf.Variable(W) for W in net.weights]
    bs = [tf.Variable(b) for b in net.biases]
    with tf.GradientTape() as tape:
        a = tf.constant(X)
        for l in range(2):
            a = TF_ACTIVATIONS[hidden](tf, a @ Ws[l] + bs[l])
        z = a @ Ws[2] + bs[2]
        if loss == "cross_entropy":
            t = tf.one_hot(y, n_out, dtype=tf.float64)
            data_cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(t, z))
        elif loss == "binary_cross_entropy":
            t = tf.constant(y[:, None], dtype=tf.float64)
            data_cost = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(t, z))
        else:
            data_cost = 0.5 * tf.reduce_sum((z - y) ** 2) / len(X)
        cost = data_cost + 0.5 * lmbd * tf.add_n([tf.reduce_sum(W * W) for W in Ws])
    tf_grads = tape.gradient(cost, Ws + bs)
    grad_W, grad_b = net.gradients(X, y)
    assert abs(float(cost) - net.cost(X, y)) < 1e-12
    for ours, theirs in zip(grad_W + grad_b, tf_grads):
        np.testing.assert_allclose(ours, theirs.numpy(), rtol=0, atol=1e-10)
