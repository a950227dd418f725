r"""A feed-forward network of any depth, trained by backpropagation.

Notation (the lecture's, with samples as rows)
----------------------------------------------
For layers :math:`l = 1, \dots, L` with :math:`a^0 = X`:

.. math::
    z^l = a^{l-1} W^l + b^l, \qquad a^l = f^l(z^l),

where :math:`W^l` has shape ``(n_{l-1}, n_l)`` and :math:`z^l, a^l` have shape ``(n_samples, n_l)``.
Backpropagation is the lecture's four equations in matrix form (:math:`\circ` is the Hadamard
product, :math:`n` the number of samples in the batch):

.. math::
    \delta^L &= \partial\mathcal{C}/\partial z^L \quad (= (a^L - t)/n \text{ for softmax + cross-entropy}) \\
    \delta^l &= \big(\delta^{l+1} (W^{l+1})^T\big) \circ f'(z^l) \\
    \nabla_{W^l}\mathcal{C} &= (a^{l-1})^T \delta^l + \lambda W^l \\
    \nabla_{b^l}\mathcal{C} &= \textstyle\sum_i \delta^l_i

In the code, Python lists are 0-based: ``weights[l - 1]`` is :math:`W^l`.

L2 regularisation
-----------------
The cost is :math:`\mathcal{C} = \frac1n\sum_i \mathcal{L}_i + \frac{\lambda}{2}\sum_l \lVert W^l\rVert_F^2`
(biases are not penalised), so the weight gradient gains :math:`\lambda W^l`.  The same
penalty is ``alpha = lambda * batch_size`` in scikit-learn's ``MLPClassifier`` (which divides its
penalty by the batch size) and ``keras.regularizers.l2(lambda / 2)`` in Keras (which has no
factor one half); see :func:`lambda_to_sklearn_alpha` and :func:`lambda_to_keras_l2`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .activations import Activation, Array, get_activation
from .initializers import initialize_weights
from .losses import Loss, get_loss
from .optimizers import Optimizer, get_optimizer
from .validation import (
    check_inputs,
    check_labels,
    check_positive,
    check_positive_int,
    check_same_length,
)

__all__ = [
    "FeedForwardNetwork",
    "ForwardPass",
    "History",
    "TrainingDiverged",
    "lambda_to_sklearn_alpha",
    "lambda_to_keras_l2",
]


class TrainingDiverged(ArithmeticError):
    """Raised when the cost becomes NaN or infinite during training."""


@dataclass
class ForwardPass:
    """What the forward pass keeps for backpropagation.

    Attributes
    ----------
    z : list of ndarray
        ``z[l - 1]`` is :math:`z^l` of shape ``(n_samples, n_l)``, for ``l = 1..L``.
    a : list of ndarray
        ``a[l]`` is :math:`a^l`; ``a[0]`` is the input ``X`` and ``a[-1]`` the output.
    """

    z: list[Array]
    a: list[Array]

    @property
    def output(self) -> Array:
        return self.a[-1]


@dataclass
class History:
    """Per-epoch record of training.

    ``loss`` and ``accuracy`` are averages over the epoch's minibatches (computed on the fly, as
    Keras does); ``val_loss`` and ``val_accuracy`` are computed on the validation data after each
    epoch when it is given.  Accuracy lists stay empty for regression.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.loss)


def lambda_to_sklearn_alpha(lmbd: float, batch_size: int) -> float:
    """scikit-learn's ``alpha`` for the same L2 penalty as this package's ``lmbd``.

    ``MLPClassifier`` adds ``alpha * W / batch_size`` to the mean gradient of a minibatch;
    this package adds ``lmbd * W``.
    """
    return float(lmbd) * int(batch_size)


def lambda_to_keras_l2(lmbd: float) -> float:
    """The factor of ``keras.regularizers.l2(...)`` for this package's ``lmbd``.

    Keras adds ``l2 * sum(W**2)`` to the cost (gradient ``2 * l2 * W``); this package adds
    ``lmbd / 2 * sum(W**2)`` (gradient ``lmbd * W``).
    """
    return float(lmbd) / 2.0


def _split(vector: Array, shapes: Sequence[tuple[int, ...]]) -> list[Array]:
    """Views of consecutive pieces of a flat ``vector`` with the given shapes."""
    views, start = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        views.append(vector[start : start + size].reshape(shape))
        start += size
    return views


_DEFAULT_LOSS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}


class FeedForwardNetwork:
    """A fully connected feed-forward network trained with minibatch gradient descent.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``(n_features, n_1, ..., n_L)``, e.g. ``(64, 50, 10)`` for the lecture's digits network.
    hidden_activation : str, Activation or sequence of them
        Activation of the hidden layers: one for all, or one per hidden layer.
    output_activation : str or Activation
        ``"softmax"`` (classes), ``"sigmoid"`` (two classes with one unit) or ``"identity"``.
    loss : str or Loss, optional
        Defaults to cross-entropy after softmax, binary cross-entropy after sigmoid, and mean
        squared error otherwise.
    init : str
        Weight initialiser: ``"normal"`` (the lecture's N(0, 1)), ``"glorot_uniform"``,
        ``"glorot_normal"``, ``"he_normal"``, ``"he_uniform"``.
    bias_init : float
        Initial value of every bias; the lecture uses 0.01.
    lmbd : float
        L2 regularisation strength :math:`\\lambda` (see the module docstring for its meaning).
    dtype : {numpy.float64, numpy.float32}
    rng : numpy.random.Generator or int
        Source of the initial weights (an int seeds a new ``default_rng``).

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l - 1]`` is :math:`W^l`, shape ``(n_{l-1}, n_l)``.
    biases : list of ndarray
        ``biases[l - 1]`` is :math:`b^l`, shape ``(n_l,)``.
    history : History or None
        Filled by :meth:`fit`.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        hidden_activation: str | Activation | Sequence[str | Activation] = "sigmoid",
        output_activation: str | Activation = "softmax",
        loss: str | Loss | None = None,
        *,
        init: str = "glorot_uniform",
        bias_init: float = 0.01,
        lmbd: float = 0.0,
        dtype: type = np.float64,
        rng: np.random.Generator | int,
    ) -> None:
        sizes = list(layer_sizes)
        if len(sizes) < 2:
            raise ValueError(f"layer_sizes needs at least an input and an output size, got {layer_sizes!r}")
        for s in sizes:
            check_positive_int(s, "every entry of layer_sizes")
        n_hidden = len(sizes) - 2
        if isinstance(hidden_activation, (str, Activation)):
            hidden = [get_activation(hidden_activation)] * n_hidden
        else:
            hidden = [get_activation(h) for h in hidden_activation]
            if len(hidden) != n_hidden:
                raise ValueError(f"hidden_activation lists {len(hidden)} activations for {n_hidden} hidden layers")
        if any(h.name == "softmax" for h in hidden):
            raise ValueError("softmax is an output activation; choose an element-wise hidden_activation")
        output = get_activation(output_activation)
        loss_obj = get_loss(loss if loss is not None else _DEFAULT_LOSS.get(output.name, "mse"))
        if loss_obj.requires_output is not None and loss_obj.requires_output != output.name:
            raise ValueError(
                f"loss {loss_obj.name!r} needs a {loss_obj.requires_output!r} output layer, got {output.name!r}"
            )
        if output.name == "softmax" and sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 units")
        if isinstance(lmbd, bool) or not np.isfinite(lmbd) or lmbd < 0:
            raise ValueError(f"lmbd must be a finite number >= 0, got {lmbd!r}")
        if np.dtype(dtype) not in (np.dtype(np.float64), np.dtype(np.float32)):
            raise ValueError(f"dtype must be float64 or float32, got {dtype!r}")
        if not np.isfinite(bias_init):
            raise ValueError(f"bias_init must be finite, got {bias_init!r}")
        rng = np.random.default_rng(rng) if not isinstance(rng, np.random.Generator) else rng

        self.layer_sizes: tuple[int, ...] = tuple(int(s) for s in sizes)
        self.activations: list[Activation] = hidden + [output]
        self.loss: Loss = loss_obj
        self.lmbd = float(lmbd)
        self.dtype = np.dtype(dtype)
        self.init = init
        self.weights: list[Array] = [
            initialize_weights(init, rng, n_in, n_out, self.dtype) for n_in, n_out in zip(sizes[:-1], sizes[1:])
        ]
        self.biases: list[Array] = [np.full(n_out, bias_init, dtype=self.dtype) for n_out in sizes[1:]]
        self.history: History | None = None
        self._theta: Array | None = None  # every parameter in one vector; see _flat_parameters
        self._views: list[Array] = []
        self._flat_parameters()

    # ------------------------------------------------------------------ structure
    @property
    def n_layers(self) -> int:
        """Number of weight layers :math:`L` (hidden layers + output)."""
        return len(self.weights)

    @property
    def n_parameters(self) -> int:
        """Number of weights and biases."""
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases))

    @property
    def is_classifier(self) -> bool:
        return self.loss.name in ("cross_entropy", "binary_cross_entropy")

    def parameters(self) -> list[Array]:
        """``[W^1, b^1, ..., W^L, b^L]``: the arrays themselves (updated in place by training)."""
        return [p for W, b in zip(self.weights, self.biases) for p in (W, b)]

    def _parameter_shapes(self) -> list[tuple[int, ...]]:
        """Shapes of ``[W^1, b^1, ..., W^L, b^L]``."""
        sizes = self.layer_sizes
        return [s for n_in, n_out in zip(sizes[:-1], sizes[1:]) for s in ((n_in, n_out), (n_out,))]

    def _flat_parameters(self) -> Array:
        r"""All parameters as one contiguous vector :math:`\theta = (W^1, b^1, \dots, W^L, b^L)`.

        ``weights`` and ``biases`` are views into this vector, so an optimizer updates every
        parameter with one vectorised operation instead of one per array.  When the lists were
        replaced (``net.weights = [...]``), or are no longer views of the vector (a deep copy or a
        pickled network copies every array), the arrays are checked and copied into a new vector.
        """
        params, theta = self.parameters(), self._theta
        if len(params) == len(self._views) and all(p is v and p.base is theta for p, v in zip(params, self._views)):
            return theta
        shapes = self._parameter_shapes()
        got = [np.shape(p) for p in params]
        if got != shapes:
            raise ValueError(f"weights and biases must have the shapes {shapes} for layer_sizes {self.layer_sizes}, got {got}")
        theta = np.concatenate([np.asarray(p, dtype=self.dtype).ravel() for p in params])
        self._theta, self._views = theta, _split(theta, shapes)
        self.weights, self.biases = self._views[0::2], self._views[1::2]
        return theta

    def __repr__(self) -> str:
        acts = ", ".join(a.name for a in self.activations)
        return (
            f"FeedForwardNetwork(layer_sizes={self.layer_sizes}, activations=[{acts}], "
            f"loss={self.loss.name!r}, lmbd={self.lmbd:g}, dtype={self.dtype.name})"
        )

    # ------------------------------------------------------------------ forward and backward
    def feed_forward(self, X: Array) -> ForwardPass:
        """Forward pass keeping every :math:`z^l` and :math:`a^l` (no input checks: see :meth:`predict_proba`).

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        """
        z_list: list[Array] = []
        a_list: list[Array] = [X]
        a = X
        for W, b, f in zip(self.weights, self.biases, self.activations):
            z = a @ W
            z += b
            a = f.function(z)
            z_list.append(z)
            a_list.append(a)
        return ForwardPass(z_list, a_list)

    def backpropagate(
        self, forward: ForwardPass, T: Array, out: tuple[list[Array], list[Array]] | None = None
    ) -> tuple[list[Array], list[Array]]:
        """Gradients of the mean cost (with the L2 term) by backpropagation.

        Parameters
        ----------
        forward : ForwardPass
            From :meth:`feed_forward` on a batch of ``n`` samples.
        T : ndarray of shape (n_samples, n_L)
            Targets (one-hot rows for cross-entropy).
        out : (grad_W, grad_b), optional
            Arrays of the shapes of the weights and biases to write the gradients into (training
            passes views of one flat gradient vector, see :meth:`fit`); new arrays by default.

        Returns
        -------
        grad_W, grad_b : lists of ndarray
            ``grad_W[l - 1]`` has the shape of :math:`W^l`, ``grad_b[l - 1]`` that of :math:`b^l`.
        """
        if out is None:
            out = [np.empty_like(W) for W in self.weights], [np.empty_like(b) for b in self.biases]
        grad_W, grad_b = out
        z, a = forward.z, forward.a
        # output error: delta^L = dC/dz^L
        delta = self.loss.output_error(z[-1], a[-1], T, self.activations[-1])
        for l in range(self.n_layers, 0, -1):  # l = L, L-1, ..., 1 (1-based, as in the text)
            np.matmul(a[l - 1].T, delta, out=grad_W[l - 1])  # (a^{l-1})^T delta^l
            np.sum(delta, axis=0, out=grad_b[l - 1])  # sum over the samples of delta^l
            if self.lmbd:
                grad_W[l - 1] += self.lmbd * self.weights[l - 1]
            if l > 1:
                # back-propagated error: delta^{l-1} = (delta^l (W^l)^T) o f'(z^{l-1})
                delta = self.activations[l - 2].backward(z[l - 2], a[l - 1], delta @ self.weights[l - 1].T)
        return grad_W, grad_b

    # ------------------------------------------------------------------ public evaluation
    def _check_X(self, X, name: str = "X") -> Array:
        return check_inputs(X, name, n_features=self.layer_sizes[0], dtype=self.dtype)

    def _targets(self, y, name: str = "y") -> tuple[Array, np.ndarray | None]:
        """Targets as a float matrix (n, n_L), plus integer labels for classifiers."""
        n_out = self.layer_sizes[-1]
        if self.loss.name == "cross_entropy":
            labels = check_labels(y, n_out, name)
            T = np.zeros((labels.size, n_out), dtype=self.dtype)
            T[np.arange(labels.size), labels] = 1.0
            return T, labels
        if self.loss.name == "binary_cross_entropy" and n_out == 1:
            labels = check_labels(y, 2, name)
            return labels.astype(self.dtype)[:, None], labels
        arr = np.asarray(y)
        if arr.ndim == 1 and n_out == 1:
            arr = arr[:, None]
        if arr.ndim != 2 or arr.shape[1] != n_out:
            raise ValueError(f"{name} must have shape (n_samples, {n_out}), got {np.shape(y)}")
        T = check_inputs(arr, name, dtype=self.dtype)
        if self.loss.name == "binary_cross_entropy" and np.any((T != 0) & (T != 1)):
            raise ValueError(f"{name} must hold 0/1 targets for binary cross-entropy")
        return T, None

    def predict_proba(self, X) -> Array:
        """Output activations :math:`a^L`, shape ``(n_samples, n_L)`` (class probabilities for softmax)."""
        return self.feed_forward(self._check_X(X)).output

    def predict(self, X) -> np.ndarray:
        """Predicted labels (classifiers), or outputs ``a^L`` (regression; 1-D for one output)."""
        out = self.predict_proba(X)
        if self.loss.name == "cross_entropy":
            return np.argmax(out, axis=1)
        if self.loss.name == "binary_cross_entropy" and out.shape[1] == 1:
            return (out[:, 0] > 0.5).astype(np.intp)
        if self.loss.name == "binary_cross_entropy":
            return (out > 0.5).astype(np.intp)
        return out[:, 0] if out.shape[1] == 1 else out

    def score(self, X, y) -> float:
        """Accuracy of :meth:`predict` on ``(X, y)`` (classifiers only)."""
        if not self.is_classifier:
            raise ValueError("score is accuracy and needs a classifier; use cost() for regression")
        _, labels = self._targets(y)
        pred = self.predict(X)
        check_same_length(pred, labels)
        return float(np.mean(pred == labels))

    def _penalty(self) -> float:
        return 0.5 * self.lmbd * sum(float(np.sum(W * W)) for W in self.weights) if self.lmbd else 0.0

    def cost(self, X, y) -> float:
        r"""Mean cost :math:`\frac1n\sum_i\mathcal{L}_i + \frac{\lambda}{2}\sum_l\lVert W^l\rVert^2` on ``(X, y)``."""
        X = self._check_X(X)
        T, _ = self._targets(y)
        check_same_length(X, T)
        fwd = self.feed_forward(X)
        return self.loss.value(fwd.z[-1], fwd.output, T) + self._penalty()

    def gradients(self, X, y) -> tuple[list[Array], list[Array]]:
        """Backpropagation gradients of :meth:`cost` on ``(X, y)``: ``(grad_W, grad_b)``."""
        X = self._check_X(X)
        T, _ = self._targets(y)
        check_same_length(X, T)
        return self.backpropagate(self.feed_forward(X), T)

    # ------------------------------------------------------------------ training
    def fit(
        self,
        X,
        y,
        *,
        epochs: int,
        batch_size: int,
        eta: float | None = None,
        optimizer: str | Optimizer = "sgd",
        rng: np.random.Generator | int,
        validation_data: tuple | None = None,
    ) -> History:
        """Train with minibatch gradient descent.

        Each epoch draws a fresh permutation of the training samples and walks through it in
        batches of ``batch_size`` (the last batch may be smaller), so every sample is used exactly
        once per epoch.  Training continues from the current weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like
            Integer labels ``(n_samples,)`` for classifiers; targets ``(n_samples, n_L)`` otherwise.
        epochs, batch_size : int
        eta : float
            Learning rate :math:`\\eta` (required unless ``optimizer`` is an :class:`Optimizer`).
        optimizer : {"sgd", "momentum", "adam"} or Optimizer
        rng : numpy.random.Generator or int
            Source of the shuffles.
        validation_data : (X_val, y_val), optional
            Evaluated after every epoch into ``history.val_loss`` / ``val_accuracy``.

        Returns
        -------
        History
            Also stored as ``self.history``.

        Raises
        ------
        ValueError
            For bad data or settings, before anything is changed.
        TrainingDiverged
            When the cost becomes NaN or infinite; the weights are restored to the end of the
            last finite epoch.
        """
        X = self._check_X(X)
        T, labels = self._targets(y)
        check_same_length(X, T)
        epochs = check_positive_int(epochs, "epochs")
        batch_size = check_positive_int(batch_size, "batch_size")
        if isinstance(optimizer, Optimizer):
            opt = optimizer
        else:
            if eta is None:
                raise ValueError("eta (the learning rate) is required")
            opt = get_optimizer(optimizer, check_positive(eta, "eta"))
        if validation_data is not None:
            if len(validation_data) != 2:
                raise ValueError("validation_data must be a pair (X_val, y_val)")
            X_val = self._check_X(validation_data[0], "X_val")
            T_val, labels_val = self._targets(validation_data[1], "y_val")
            check_same_length(X_val, T_val, ("X_val", "y_val"))
        rng = np.random.default_rng(rng) if not isinstance(rng, np.random.Generator) else rng

        theta = self._flat_parameters()  # weights and biases are views into theta
        gradient = np.empty_like(theta)  # and the gradients views into this vector
        gradient_views = _split(gradient, self._parameter_shapes())
        grads = (gradient_views[0::2], gradient_views[1::2])
        n = X.shape[0]
        z_L = np.empty((n, self.layer_sizes[-1]), dtype=self.dtype)  # output layer, one epoch
        a_L = np.empty_like(z_L)
        history = History()
        self.history = history
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for epoch in range(1, epochs + 1):
                saved = theta.copy()
                # one fresh permutation per epoch; the batches are consecutive pieces of it
                # (gathered batch by batch: the rows of a batch are then still in cache when used)
                order = rng.permutation(n)
                for start in range(0, n, batch_size):
                    batch = order[start : start + batch_size]
                    fwd = self.feed_forward(X[batch])
                    z_L[start : start + batch_size] = fwd.z[-1]  # kept for the epoch's cost and accuracy
                    a_L[start : start + batch_size] = fwd.output
                    self.backpropagate(fwd, T[batch], out=grads)
                    opt.step([theta], [gradient])  # every weight and bias in one update
                # cost and accuracy of the epoch from the outputs its batches computed anyway,
                # in one vectorised evaluation rather than one per batch
                labels_epoch = None if labels is None else labels[order]
                epoch_loss = self._summed_cost(z_L, a_L, T, order, labels_epoch) / n + self._penalty()
                if not np.isfinite(epoch_loss) or not np.isfinite(theta).all():
                    theta[...] = saved
                    raise TrainingDiverged(
                        f"training diverged in epoch {epoch}: the cost became {epoch_loss}. "
                        f"Try a smaller learning rate than {opt.eta:g}; the weights are those after "
                        f"epoch {epoch - 1}."
                    )
                history.loss.append(float(epoch_loss))
                if labels_epoch is not None:
                    history.accuracy.append(np.count_nonzero(self._labels_from(a_L) == labels_epoch) / n)
                if validation_data is not None:
                    fwd = self.feed_forward(X_val)
                    history.val_loss.append(self.loss.value(fwd.z[-1], fwd.output, T_val) + self._penalty())
                    if labels_val is not None:
                        history.val_accuracy.append(float(np.mean(self._labels_from(fwd.output) == labels_val)))
        return history

    def _summed_cost(self, z: Array, a: Array, T: Array, order: np.ndarray, labels: np.ndarray | None) -> float:
        """Summed loss over the samples of an epoch, whose outputs ``z``, ``a`` are in the order
        ``order`` of the targets ``T``.  For one-hot targets the cross-entropy is
        :math:`-\\sum_i \\log a^L_{i, y_i}`, read off the softmax outputs; the log-sum-exp form of
        the loss is used instead when an output underflowed to 0 (never ``log(0)``)."""
        if labels is not None and self.loss.name == "cross_entropy":
            n_out = a.shape[1]
            p = a.ravel()[np.arange(0, a.size, n_out) + labels]  # a[i, labels[i]] for every i
            if p.min() > np.finfo(a.dtype).tiny:
                return float(-np.sum(np.log(p)))
        return self.loss.value(z, a, T[order]) * len(order)

    def _labels_from(self, out: Array) -> np.ndarray:
        if out.shape[1] == 1:
            return (out[:, 0] > 0.5).astype(np.intp)
        return np.argmax(out, axis=1)

    # ------------------------------------------------------------------ persistence
    def save(self, path) -> None:
        """Save weights and configuration to ``.npz`` (plain arrays, no pickle); see :func:`feedforward.io.load`."""
        from .io import save

        save(self, path)

    @classmethod
    def load(cls, path) -> "FeedForwardNetwork":
        """Load a network saved by :meth:`save`; the round trip is exact."""
        from .io import load

        return load(path)
