r"""Activation functions :math:`f` and their derivatives :math:`f'`.

Every function works row-wise on a batch ``z`` of shape ``(n_samples, n_units)`` and is
numerically stable and warning-free for any finite input: no ``exp`` of a large positive
number is ever evaluated.

Backpropagation needs the vector-Jacobian product of the activation, that is
:math:`\partial \mathcal{C}/\partial z^l` from :math:`\partial \mathcal{C}/\partial a^l`.  For the
element-wise functions this is the Hadamard product :math:`\partial\mathcal{C}/\partial a \circ f'(z)`;
for softmax it uses the Jacobian :math:`\partial f_i/\partial z_j = f_i(\delta_{ij} - f_j)`.
Each :class:`Activation` therefore carries ``backward(z, a, grad_a)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.floating]

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get_activation",
    "identity",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "elu",
    "elu_derivative",
    "softmax",
    "log_softmax",
]


def identity(z: Array) -> Array:
    """The identity :math:`f(z) = z` (regression outputs)."""
    return z


def sigmoid(z: Array) -> Array:
    r"""Logistic function :math:`\sigma(z) = 1/(1 + e^{-z})`, for any finite ``z``.

    For :math:`z < -709`, :math:`e^{-z}` overflows to ``inf`` and :math:`1/(1 + \infty) = 0` is
    the correctly rounded answer, so the overflow is expected and silenced rather than warned
    about.  Everywhere else the formula keeps full relative precision (``sigmoid(-40)`` is
    ``4.25e-18``, not 0).
    """
    out = np.negative(z)  # then exp, +1 and 1/x in place: one array for the result
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)
    return out


def sigmoid_derivative(z: Array) -> Array:
    r""":math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z))`."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: Array) -> Array:
    """Hyperbolic tangent."""
    return np.tanh(z)


def tanh_derivative(z: Array) -> Array:
    r""":math:`\tanh'(z) = 1 - \tanh^2(z)`."""
    t = np.tanh(z)
    return 1.0 - t * t


def relu(z: Array) -> Array:
    r"""Rectified linear unit :math:`\max(z, 0)`."""
    return np.maximum(z, 0.0)


def relu_derivative(z: Array) -> Array:
    """Step function: 1 where ``z > 0``, else 0 (the sub-gradient 0 is taken at ``z = 0``)."""
    return (np.asarray(z) > 0).astype(np.asarray(z).dtype)


def leaky_relu(z: Array, alpha: float = 0.01) -> Array:
    r"""Leaky ReLU: :math:`z` for :math:`z > 0`, :math:`\alpha z` otherwise (computed as
    :math:`\max(z, \alpha z)`, valid for :math:`0 < \alpha < 1`)."""
    return np.maximum(z, alpha * z)


def leaky_relu_derivative(z: Array, alpha: float = 0.01) -> Array:
    r""":math:`1` for :math:`z > 0`, :math:`\alpha` otherwise."""
    z = np.asarray(z)
    return np.where(z > 0, 1.0, alpha).astype(z.dtype)


def elu(z: Array, alpha: float = 1.0) -> Array:
    r"""Exponential linear unit: :math:`z` for :math:`z \ge 0`, :math:`\alpha(e^z - 1)` otherwise,
    computed as :math:`\max(z, 0) + \alpha(e^{\min(z, 0)} - 1)` (one of the two terms is 0)."""
    out = np.expm1(np.minimum(z, 0.0))
    out *= alpha
    out += np.maximum(z, 0.0)
    return out


def elu_derivative(z: Array, alpha: float = 1.0) -> Array:
    r""":math:`1` for :math:`z > 0`, :math:`\alpha e^z` otherwise."""
    z = np.asarray(z)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def softmax(z: Array) -> Array:
    r"""Row-wise softmax :math:`f_i(z) = e^{z_i} / \sum_m e^{z_m}`.

    The row maximum is subtracted first: this leaves the result unchanged and keeps every
    exponent :math:`\le 0`, so large logits cannot overflow.

    Parameters
    ----------
    z : ndarray of shape (n_samples, n_classes)

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Non-negative rows that sum to one.
    """
    with np.errstate(over="ignore"):  # z - max may be -inf when the row spans > 1.8e308: exp gives 0
        e = z - z.max(axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def log_softmax(z: Array) -> Array:
    r"""Row-wise :math:`\log f_i(z) = z_i - \log\sum_m e^{z_m}` by the log-sum-exp trick (never ``log(0)``)."""
    with np.errstate(over="ignore"):
        shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _elementwise_backward(derivative: Callable[[Array], Array]):
    def backward(z: Array, a: Array, grad_a: Array) -> Array:
        return grad_a * derivative(z)

    return backward


def _sigmoid_backward(z: Array, a: Array, grad_a: Array) -> Array:
    # sigma'(z) = a (1 - a), from the stored output
    out = np.subtract(1.0, a)
    out *= a
    out *= grad_a
    return out


def _tanh_backward(z: Array, a: Array, grad_a: Array) -> Array:
    # tanh'(z) = 1 - a^2
    out = np.multiply(a, a)
    np.subtract(1.0, out, out=out)
    out *= grad_a
    return out


def _relu_backward(z: Array, a: Array, grad_a: Array) -> Array:
    # relu'(z) = 1 where z > 0: keep grad_a there, zero elsewhere
    return grad_a * (z > 0)


def _softmax_backward(z: Array, a: Array, grad_a: Array) -> Array:
    # (grad_a J)_j = sum_i grad_a_i f_i (delta_ij - f_j) = f_j (grad_a_j - sum_i grad_a_i f_i)
    out = grad_a - np.sum(grad_a * a, axis=1, keepdims=True)
    out *= a
    return out


@dataclass(frozen=True)
class Activation:
    """An activation function with what backpropagation needs.

    Attributes
    ----------
    name : str
        Registry name, e.g. ``"sigmoid"``.
    function : callable
        ``f(z) -> a``, both of shape ``(n_samples, n_units)``.
    backward : callable
        ``backward(z, a, grad_a) -> grad_z``: the vector-Jacobian product that turns
        :math:`\\partial C/\\partial a^l` into :math:`\\partial C/\\partial z^l`.
    derivative : callable or None
        ``f'(z)`` for element-wise functions; ``None`` for softmax, whose derivative is a
        Jacobian per sample rather than a number per unit.
    """

    name: str
    function: Callable[[Array], Array]
    backward: Callable[[Array, Array, Array], Array]
    derivative: Callable[[Array], Array] | None

    def __call__(self, z: Array) -> Array:
        return self.function(z)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def _elementwise(name: str, f: Callable[[Array], Array], df: Callable[[Array], Array]) -> Activation:
    return Activation(name, f, _elementwise_backward(df), df)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        _elementwise("identity", identity, lambda z: np.ones_like(z)),
        # sigmoid and tanh reuse the stored output a = f(z)
        Activation("sigmoid", sigmoid, _sigmoid_backward, sigmoid_derivative),
        Activation("tanh", tanh, _tanh_backward, tanh_derivative),
        Activation("relu", relu, _relu_backward, relu_derivative),
        _elementwise("leaky_relu", leaky_relu, leaky_relu_derivative),
        _elementwise("elu", elu, elu_derivative),
        Activation("softmax", softmax, _softmax_backward, None),
    )
}


def get_activation(activation: str | Activation) -> Activation:
    """Look up an activation by name (``"sigmoid"``, ``"relu"``, ...) or pass one through."""
    if isinstance(activation, Activation):
        return activation
    try:
        return ACTIVATIONS[activation]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}"
        ) from None
