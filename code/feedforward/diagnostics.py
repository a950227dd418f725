"""Diagnostics used by the chapters: a numerical gradient check, per-layer gradient norms and
activation statistics (for the vanishing/exploding-gradient discussion)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["numerical_gradients", "gradient_check", "GradientCheck", "layer_gradient_norms", "activation_statistics"]


def numerical_gradients(network, X, y, epsilon: float = 1e-5) -> tuple[list[np.ndarray], list[np.ndarray]]:
    r"""Central finite differences of ``network.cost(X, y)`` for every weight and bias.

    .. math:: \frac{\partial\mathcal{C}}{\partial\theta} \approx
              \frac{\mathcal{C}(\theta + \epsilon) - \mathcal{C}(\theta - \epsilon)}{2\epsilon}

    The truncation error is :math:`O(\epsilon^2)` and the round-off error about
    :math:`u\,\mathcal{C}/\epsilon` (:math:`u \approx 10^{-16}` in float64); the default
    :math:`\epsilon = 10^{-5}` balances the two.  Costs two cost evaluations per parameter: use
    small networks.  The parameters are restored exactly afterwards.
    """
    grads = []
    for p in network.parameters():
        g = np.zeros_like(p, dtype=np.float64)
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + epsilon
            c_plus = network.cost(X, y)
            flat[i] = old - epsilon
            c_minus = network.cost(X, y)
            flat[i] = old
            gflat[i] = (c_plus - c_minus) / (2 * epsilon)
        grads.append(g)
    return grads[0::2], grads[1::2]


@dataclass
class GradientCheck:
    """Result of :func:`gradient_check`: relative errors per parameter array and overall."""

    relative_errors: list[float]
    names: list[str]

    @property
    def max_relative_error(self) -> float:
        return max(self.relative_errors)

    def __str__(self) -> str:
        rows = [f"{n:>4}: relative error {e:.1e}" for n, e in zip(self.names, self.relative_errors)]
        return "\n".join(rows)


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    denom = max(np.linalg.norm(a), np.linalg.norm(b), 1e-300)
    return float(np.linalg.norm(a - b) / denom)


def gradient_check(network, X, y, epsilon: float = 1e-5) -> GradientCheck:
    r"""Compare backpropagation with central differences.

    Returns, per array, :math:`\lVert g_{bp} - g_{fd}\rVert / \max(\lVert g_{bp}\rVert, \lVert g_{fd}\rVert)`.
    In float64 agreement to about :math:`10^{-8}` or better means backpropagation is right.
    """
    grad_W, grad_b = network.gradients(X, y)
    num_W, num_b = numerical_gradients(network, X, y, epsilon)
    errors, names = [], []
    for l in range(network.n_layers):
        errors += [_relative_error(grad_W[l], num_W[l]), _relative_error(grad_b[l], num_b[l])]
        names += [f"W{l + 1}", f"b{l + 1}"]
    return GradientCheck(errors, names)


def layer_gradient_norms(network, X, y) -> np.ndarray:
    r"""Frobenius norm :math:`\lVert\nabla_{W^l}\mathcal{C}\rVert` for each layer ``l = 1..L``, shape ``(L,)``.

    Without the L2 term, so that it shows how much error signal reaches each layer.
    """
    lmbd, network.lmbd = network.lmbd, 0.0
    try:
        grad_W, _ = network.gradients(X, y)
    finally:
        network.lmbd = lmbd
    return np.array([np.linalg.norm(g) for g in grad_W])


_SATURATING = ("sigmoid", "tanh")


def activation_statistics(network, X, saturation: float = 0.02) -> dict[str, np.ndarray]:
    """Per hidden and output layer: mean and variance of :math:`z^l` and :math:`a^l`, the fraction
    of saturated sigmoid/tanh units and the fraction of dead (never active) ReLU-like units.

    Returns
    -------
    dict of name -> ndarray of shape (L,)
        ``z_var``, ``a_mean``, ``a_var``, ``saturated`` (for sigmoid and tanh layers, the fraction
        of entries where :math:`f'(z) <` ``saturation`` times its maximum; NaN for other
        activations), ``dead`` (fraction of units whose :math:`z \\le 0` for every sample).
    """
    fwd = network.feed_forward(network._check_X(X))
    stats: dict[str, list[float]] = {k: [] for k in ("z_var", "a_mean", "a_var", "saturated", "dead")}
    for f, z, a in zip(network.activations, fwd.z, fwd.a[1:]):
        stats["z_var"].append(float(z.var()))
        stats["a_mean"].append(float(a.mean()))
        stats["a_var"].append(float(a.var()))
        if f.name in _SATURATING:
            # f' is largest at z = 0 for these functions
            d = f.derivative(z)
            top = float(f.derivative(np.zeros(1, dtype=z.dtype))[0])
            stats["saturated"].append(float(np.mean(d < saturation * top)))
        else:
            stats["saturated"].append(float("nan"))
        stats["dead"].append(float(np.mean(np.all(z <= 0, axis=0))))
    return {k: np.array(v) for k, v in stats.items()}
