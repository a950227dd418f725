r"""Cost functions and their gradients.

All costs are the **mean** over the samples of a batch,

.. math:: \mathcal{C}(\theta) = \frac{1}{n}\sum_{i=1}^{n} \mathcal{L}_i(\theta),

as in the lecture's formula for minibatch gradients.  The lecture's *code*, however, sums the
per-sample gradients.  A summed gradient is ``n`` times the mean one, so a learning rate
:math:`\eta` with summed gradients equals :math:`n\eta` with mean gradients: with batches of 100,
the lecture's ``eta = 0.01`` corresponds to ``eta = 1.0`` here.  The mean makes :math:`\eta`
independent of the batch size.

Each loss gives the output error :math:`\delta^L = \partial \mathcal{C}/\partial z^L` directly.
For cross-entropy after softmax and binary cross-entropy after sigmoid, the chain rule collapses
to :math:`\delta^L = (a^L - t)/n` (the sigmoid/softmax derivative cancels the
:math:`1/(a(1-a))` of the loss), which is both faster and exact where :math:`a^L` saturates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Activation, Array, log_softmax

__all__ = [
    "Loss",
    "CrossEntropy",
    "BinaryCrossEntropy",
    "MeanSquaredError",
    "LOSSES",
    "get_loss",
    "cross_entropy",
    "binary_cross_entropy",
    "binary_cross_entropy_gradient",
]


def cross_entropy(z: Array, t: Array) -> float:
    r"""Mean multiclass cross-entropy from logits, :math:`-\frac1n\sum_i\sum_c t_{ic}\log f_c(z_i)`.

    Parameters
    ----------
    z : ndarray of shape (n_samples, n_classes)
        Output-layer logits :math:`z^L` (before softmax).
    t : ndarray of shape (n_samples, n_classes)
        One-hot targets.
    """
    return float(-np.sum(t * log_softmax(z)) / z.shape[0])


def _log_sigmoid(z: Array) -> Array:
    # log sigma(z) = -log(1 + e^{-z}), stable on both sides
    return -np.logaddexp(0.0, -z)


def binary_cross_entropy(z: Array, t: Array) -> float:
    r"""Mean binary cross-entropy from logits, :math:`-\frac1n\sum_i [t_i\log a_i + (1-t_i)\log(1-a_i)]`.

    ``a = sigmoid(z)``; computed as ``log sigma(z)`` and ``log sigma(-z)`` so that saturated
    outputs give a large finite cost, never ``log(0)``.
    """
    return float(-np.sum(t * _log_sigmoid(z) + (1.0 - t) * _log_sigmoid(-z)) / z.shape[0])


def binary_cross_entropy_gradient(a: Array, t: Array) -> Array:
    r"""The lecture's :math:`\partial\mathcal{C}/\partial a = (a - t)/(a(1 - a))` for one sample.

    For teaching: it blows up when ``a`` saturates at 0 or 1, which is why the network uses the
    combined :math:`\delta^L = a - t` instead.
    """
    return (a - t) / (a * (1.0 - a))


@dataclass(frozen=True)
class Loss:
    """Base class: a cost :math:`\\mathcal{C}` averaged over the batch."""

    name: str = "loss"
    #: the output activation this loss requires, or None if any is allowed
    requires_output: str | None = None

    def value(self, z: Array, a: Array, t: Array) -> float:
        """Mean cost over the batch from logits ``z``, outputs ``a`` and targets ``t``."""
        raise NotImplementedError

    def output_error(self, z: Array, a: Array, t: Array, activation: Activation) -> Array:
        r"""Output error :math:`\delta^L = \partial\mathcal{C}/\partial z^L`, shape ``(n, n_out)``."""
        raise NotImplementedError


@dataclass(frozen=True)
class _CanonicalPair(Loss):
    """A cross-entropy with its matching output activation: the activation's derivative cancels
    the loss's :math:`1/(a(1-a))`, and the output error is simply :math:`(a - t)/n`."""

    def output_error(self, z: Array, a: Array, t: Array, activation: Activation) -> Array:
        delta = np.subtract(a, t)
        delta /= z.shape[0]
        return delta


@dataclass(frozen=True)
class CrossEntropy(_CanonicalPair):
    """Multiclass cross-entropy; requires a softmax output layer and one-hot targets."""

    name: str = "cross_entropy"
    requires_output: str | None = "softmax"

    def value(self, z: Array, a: Array, t: Array) -> float:
        return cross_entropy(z, t)


@dataclass(frozen=True)
class BinaryCrossEntropy(_CanonicalPair):
    """Binary cross-entropy; requires a sigmoid output layer and 0/1 targets."""

    name: str = "binary_cross_entropy"
    requires_output: str | None = "sigmoid"

    def value(self, z: Array, a: Array, t: Array) -> float:
        return binary_cross_entropy(z, t)


@dataclass(frozen=True)
class MeanSquaredError(Loss):
    r"""Squared error :math:`\mathcal{L}_i = \tfrac12\lVert a_i - t_i\rVert^2`, averaged over samples.

    The factor one half makes :math:`\partial\mathcal{L}_i/\partial a_i = a_i - t_i`.
    Works with any output activation (``identity`` for regression).
    """

    name: str = "mse"

    def value(self, z: Array, a: Array, t: Array) -> float:
        d = a - t
        return float(0.5 * np.sum(d * d) / z.shape[0])

    def output_error(self, z: Array, a: Array, t: Array, activation: Activation) -> Array:
        return activation.backward(z, a, (a - t) / z.shape[0])


LOSSES: dict[str, Loss] = {
    loss.name: loss for loss in (CrossEntropy(), BinaryCrossEntropy(), MeanSquaredError())
}


def get_loss(loss: str | Loss) -> Loss:
    """Look up a loss by name (``"cross_entropy"``, ``"binary_cross_entropy"``, ``"mse"``)."""
    if isinstance(loss, Loss):
        return loss
    try:
        return LOSSES[loss]
    except (KeyError, TypeError):
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}") from None
