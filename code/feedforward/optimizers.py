r"""Gradient-descent update rules: plain SGD, momentum and Adam.

An optimizer updates a list of parameter arrays in place from a list of gradients of the same
shapes: :math:`\theta \leftarrow \theta - \eta\,\nabla\mathcal{C}` for plain SGD.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .validation import check_positive

__all__ = ["Optimizer", "SGD", "Adam", "get_optimizer"]


class Optimizer:
    """Base class. ``step(params, grads)`` updates ``params`` in place."""

    eta: float

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget accumulated state (velocities, moments)."""


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional momentum.

    .. math:: v \leftarrow \mu v - \eta \nabla\mathcal{C},\qquad \theta \leftarrow \theta + v

    With ``momentum = 0`` this is the lecture's :math:`\theta \leftarrow \theta - \eta\nabla\mathcal{C}`.
    """

    def __init__(self, eta: float = 0.1, momentum: float = 0.0) -> None:
        self.eta = check_positive(eta, "eta")
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)
        self._velocity: list[np.ndarray] | None = None

    def step(self, params, grads) -> None:
        if self.momentum == 0.0:
            for p, g in zip(params, grads):
                p -= self.eta * g
            return
        if self._velocity is None:
            self._velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self._velocity):
            v *= self.momentum
            v -= self.eta * g
            p += v

    def reset(self) -> None:
        self._velocity = None

    def __repr__(self) -> str:
        return f"SGD(eta={self.eta:g}, momentum={self.momentum:g})"


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015): per-parameter steps from running moments of the gradient.

    .. math::
        m \leftarrow \beta_1 m + (1-\beta_1) g,\quad
        s \leftarrow \beta_2 s + (1-\beta_2) g^2,\quad
        \theta \leftarrow \theta - \eta\,\hat m / (\sqrt{\hat s} + \epsilon)

    with the bias corrections :math:`\hat m = m/(1-\beta_1^k)`, :math:`\hat s = s/(1-\beta_2^k)`.
    """

    def __init__(self, eta: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8) -> None:
        self.eta = check_positive(eta, "eta")
        for value, name in ((beta1, "beta1"), (beta2, "beta2")):
            if not 0.0 <= value < 1.0:
                raise ValueError(f"{name} must be in [0, 1), got {value!r}")
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.epsilon = check_positive(epsilon, "epsilon")
        self.reset()

    def reset(self) -> None:
        self._m: list[np.ndarray] | None = None
        self._s: list[np.ndarray] | None = None
        self._k = 0

    def step(self, params, grads) -> None:
        if self._m is None:
            self._m = [np.zeros_like(p) for p in params]
            self._s = [np.zeros_like(p) for p in params]
        self._k += 1
        c1 = 1.0 - self.beta1**self._k
        c2 = 1.0 - self.beta2**self._k
        for p, g, m, s in zip(params, grads, self._m, self._s):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            s *= self.beta2
            s += (1.0 - self.beta2) * g * g
            p -= self.eta * (m / c1) / (np.sqrt(s / c2) + self.epsilon)

    def __repr__(self) -> str:
        return f"Adam(eta={self.eta:g}, beta1={self.beta1:g}, beta2={self.beta2:g})"


def get_optimizer(optimizer: str | Optimizer, eta: float) -> Optimizer:
    """``"sgd"``, ``"momentum"`` (SGD with 0.9) or ``"adam"`` with learning rate ``eta``; or pass one."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    if optimizer == "sgd":
        return SGD(eta)
    if optimizer == "momentum":
        return SGD(eta, momentum=0.9)
    if optimizer == "adam":
        return Adam(eta)
    raise ValueError(f"optimizer must be 'sgd', 'momentum', 'adam' or an Optimizer, got {optimizer!r}")
