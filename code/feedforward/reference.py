"""The lecture's ``NeuralNetwork`` class, kept as a baseline with its bugs fixed and nothing else.

Fixed: the stray ``.`` for ``,`` in the signature, the missing ``)`` in the minibatch draw,
``feed forward out`` for ``feed_forward_out``, the overflowing softmax (now max-shifted) and the
global ``np.random`` state (now a ``Generator``).  Kept as in the lecture: one sigmoid hidden
layer, N(0, 1) weights, **summed** (not averaged) gradients, L2 added as ``lmbd * W``, and
minibatches drawn at random for each iteration (a sample can appear in several batches of an
epoch, or in none).  The chapters compare it with :class:`feedforward.FeedForwardNetwork`;
the benchmark times it.
"""

from __future__ import annotations

import numpy as np


def sigmoid(x):
    """The lecture's sigmoid, as written (fine for the scaled inputs it is used with here)."""
    return 1 / (1 + np.exp(-x))


def softmax(z):
    """The lecture's softmax with the one fix it needs: subtract the row maximum before ``exp``."""
    exp_term = np.exp(z - np.max(z, axis=1, keepdims=True))
    return exp_term / np.sum(exp_term, axis=1, keepdims=True)

__all__ = ["LectureNeuralNetwork"]


class LectureNeuralNetwork:
    """Two-layer sigmoid/softmax network as written in the lecture (bugs fixed only).

    Parameters
    ----------
    X_data : ndarray of shape (n_inputs, n_features)
    Y_data : ndarray of shape (n_inputs, n_categories), one-hot
    rng : numpy.random.Generator
    """

    def __init__(
        self,
        X_data,
        Y_data,
        n_hidden_neurons: int = 50,
        n_categories: int = 10,
        epochs: int = 10,
        batch_size: int = 100,
        eta: float = 0.1,
        lmbd: float = 0.0,
        *,
        rng: np.random.Generator,
    ) -> None:
        self.X_data_full = X_data
        self.Y_data_full = Y_data
        self.n_inputs = X_data.shape[0]
        self.n_features = X_data.shape[1]
        self.n_hidden_neurons = n_hidden_neurons
        self.n_categories = n_categories
        self.epochs = epochs
        self.batch_size = batch_size
        self.iterations = self.n_inputs // self.batch_size
        self.eta = eta
        self.lmbd = lmbd
        self.rng = rng
        self.create_biases_and_weights()

    def create_biases_and_weights(self) -> None:
        self.hidden_weights = self.rng.standard_normal((self.n_features, self.n_hidden_neurons))
        self.hidden_bias = np.zeros(self.n_hidden_neurons) + 0.01
        self.output_weights = self.rng.standard_normal((self.n_hidden_neurons, self.n_categories))
        self.output_bias = np.zeros(self.n_categories) + 0.01

    def feed_forward(self) -> None:
        self.z_h = np.matmul(self.X_data, self.hidden_weights) + self.hidden_bias
        self.a_h = sigmoid(self.z_h)
        self.z_o = np.matmul(self.a_h, self.output_weights) + self.output_bias
        self.probabilities = softmax(self.z_o)

    def feed_forward_out(self, X):
        z_h = np.matmul(X, self.hidden_weights) + self.hidden_bias
        a_h = sigmoid(z_h)
        z_o = np.matmul(a_h, self.output_weights) + self.output_bias
        return softmax(z_o)

    def backpropagation(self) -> None:
        error_output = self.probabilities - self.Y_data
        error_hidden = np.matmul(error_output, self.output_weights.T) * self.a_h * (1 - self.a_h)
        self.output_weights_gradient = np.matmul(self.a_h.T, error_output)
        self.output_bias_gradient = np.sum(error_output, axis=0)
        self.hidden_weights_gradient = np.matmul(self.X_data.T, error_hidden)
        self.hidden_bias_gradient = np.sum(error_hidden, axis=0)
        if self.lmbd > 0.0:
            self.output_weights_gradient += self.lmbd * self.output_weights
            self.hidden_weights_gradient += self.lmbd * self.hidden_weights
        self.output_weights -= self.eta * self.output_weights_gradient
        self.output_bias -= self.eta * self.output_bias_gradient
        self.hidden_weights -= self.eta * self.hidden_weights_gradient
        self.hidden_bias -= self.eta * self.hidden_bias_gradient

    def predict(self, X):
        return np.argmax(self.feed_forward_out(X), axis=1)

    def predict_probabilities(self, X):
        return self.feed_forward_out(X)

    def train(self) -> None:
        data_indices = np.arange(self.n_inputs)
        for _ in range(self.epochs):
            for _ in range(self.iterations):
                # the lecture's comment here says "pick datapoints with replacement", but replace=False draws
                # without: no image twice in a batch (across the batches of an epoch, some twice, some never)
                chosen_datapoints = self.rng.choice(data_indices, size=self.batch_size, replace=False)
                self.X_data = self.X_data_full[chosen_datapoints]
                self.Y_data = self.Y_data_full[chosen_datapoints]
                self.feed_forward()
                self.backpropagation()
