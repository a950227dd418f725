"""Data helpers: one-hot encoding, a train/test split that keeps inputs and labels together,
accuracy, and the digits data of the lecture."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .validation import check_same_length

__all__ = ["one_hot", "from_one_hot", "train_test_split", "accuracy", "load_digits_scaled", "DigitsSplit",
           "load_digits_split"]


def one_hot(labels, n_classes: int | None = None) -> np.ndarray:
    """Encode integer labels as one-hot rows: ``5 -> (0,0,0,0,0,1,0,0,0,0)``.

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
    n_classes : int, optional
        Number of classes ``C``; defaults to ``max(labels) + 1``.  Pass it explicitly when a
        split may miss the highest class.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D array, got shape {labels.shape}")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be integers, got dtype {labels.dtype}")
    if labels.min() < 0:
        raise ValueError(f"labels must be >= 0, got {labels.min()}")
    n_classes = int(labels.max()) + 1 if n_classes is None else int(n_classes)
    if labels.max() >= n_classes:
        raise ValueError(f"labels go up to {labels.max()}, too large for n_classes={n_classes}")
    encoded = np.zeros((labels.size, n_classes))
    encoded[np.arange(labels.size), labels] = 1.0
    return encoded


def from_one_hot(encoded) -> np.ndarray:
    """Integer labels from one-hot rows (or from probabilities: the most probable class)."""
    encoded = np.asarray(encoded)
    if encoded.ndim != 2:
        raise ValueError(f"encoded must be 2-D (n_samples, n_classes), got shape {encoded.shape}")
    return np.argmax(encoded, axis=1)


def train_test_split(X, y, train_size: float = 0.8, *, rng: np.random.Generator):
    """Shuffle samples and split them, keeping every input with its own label.

    One permutation indexes both arrays.  (Shuffling ``X`` and ``y`` separately, as the lecture's
    NumPy version does, pairs each image with a random label.)

    Returns
    -------
    X_train, X_test, y_train, y_test
    """
    X, y = np.asarray(X), np.asarray(y)
    check_same_length(X, y)
    if not 0.0 < train_size < 1.0:
        raise ValueError(f"train_size must be in (0, 1), got {train_size!r}")
    n_train = int(round(len(X) * train_size))
    if n_train in (0, len(X)):
        raise ValueError(f"train_size={train_size} leaves an empty split of {len(X)} samples")
    order = rng.permutation(len(X))
    train, test = order[:n_train], order[n_train:]
    return X[train], X[test], y[train], y[test]


def accuracy(y_true, y_pred) -> float:
    r"""Fraction of correct labels, :math:`\frac1n\sum_i I(\tilde y_i = y_i)`."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    check_same_length(y_true, y_pred, ("y_true", "y_pred"))
    return float(np.mean(y_true == y_pred))


def load_digits_scaled():
    """The scikit-learn digits (1797 images of 8x8) as a design matrix scaled to [0, 1].

    Pixels in ``load_digits`` are integers 0..16; dividing by 16 keeps the weighted sums
    :math:`z = xW + b` of order one, where the sigmoid is not saturated.

    Returns
    -------
    X : ndarray of shape (1797, 64), float64 in [0, 1]
    y : ndarray of shape (1797,), int labels 0..9
    images : ndarray of shape (1797, 8, 8), the raw images
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    return digits.data / 16.0, digits.target, digits.images


@dataclass(frozen=True)
class DigitsSplit:
    """The book's split of the digits, the same in every chapter (pixels divided by 16).

    Attributes
    ----------
    X_train, y_train : ndarray of shape (1437, 64), (1437,)
        Four fifths of the images, ``sklearn.model_selection.train_test_split(train_size=0.8,
        random_state=0)``: what a final model is trained on.
    X_test, y_test : ndarray of shape (360, 64), (360,)
        The other fifth, for the one final measurement of a chapter's chosen models.
    X_fit, y_fit : ndarray of shape (1149, 64), (1149,)
    X_val, y_val : ndarray of shape (288, 64), (288,)
        The training images split again, four fifths to fit and one fifth to validate
        (``random_state=1``): hyperparameters are chosen on ``X_val``, never on ``X_test``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    X_fit: np.ndarray
    y_fit: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray


def load_digits_split() -> DigitsSplit:
    """The digits as :func:`load_digits_scaled`, split into fit, validation and test sets.

    Returns
    -------
    DigitsSplit
    """
    from sklearn.model_selection import train_test_split as sklearn_split

    X, y, _ = load_digits_scaled()
    X_train, X_test, y_train, y_test = sklearn_split(X, y, train_size=0.8, random_state=0)
    X_fit, X_val, y_fit, y_val = sklearn_split(X_train, y_train, test_size=0.2, random_state=1)
    return DigitsSplit(X_train, y_train, X_test, y_test, X_fit, y_fit, X_val, y_val)
