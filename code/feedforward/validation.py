"""Input checks shared by the package: each raises ``ValueError`` naming the argument and what was
expected, before anything is modified."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["check_inputs", "check_labels", "check_positive", "check_positive_int", "check_same_length"]


def check_inputs(X, name: str = "X", n_features: int | None = None, dtype=np.float64) -> np.ndarray:
    """Return ``X`` as a C-contiguous 2-D float array of ``dtype`` after checking it.

    Raises
    ------
    ValueError
        If ``X`` is not numeric, not 2-D, empty, contains NaN or inf, or has the wrong number of
        columns.
    """
    arr = np.asarray(X)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise ValueError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D of shape (n_samples, n_features), got shape {arr.shape}"
            + (" (flatten images first, e.g. X.reshape(len(X), -1))" if arr.ndim > 2 else "")
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty: shape {arr.shape}")
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(f"{name} has {arr.shape[1]} features (columns), the network expects {n_features}")
    arr = np.ascontiguousarray(arr, dtype=dtype)
    # one fast reduction first: the sum of finite numbers is finite unless it overflows, and only
    # then (NaN, inf or a huge sum) is every entry inspected
    with np.errstate(over="ignore", invalid="ignore"):
        suspicious = not np.isfinite(np.sum(arr))
    if suspicious and not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        raise ValueError(f"{name} contains NaN or inf (first at row {bad[0]}, column {bad[1]})")
    return arr


def check_labels(y, n_classes: int, name: str = "y") -> np.ndarray:
    """Return integer class labels of shape ``(n_samples,)`` after checking them.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D, not integer-valued, or has labels outside ``0 .. n_classes - 1``.
    """
    arr = np.asarray(y)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D integer class labels of shape (n_samples,), got shape {arr.shape}"
            + (" (one-hot? pass integer labels, see from_one_hot)" if arr.ndim == 2 else "")
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.bool_)):
        if not np.issubdtype(arr.dtype, np.floating) or not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
            raise ValueError(f"{name} must hold integer class labels, got dtype {arr.dtype} with non-integer values")
    arr = arr.astype(np.intp)
    lo, hi = int(arr.min()), int(arr.max())
    if lo < 0 or hi >= n_classes:
        raise ValueError(f"{name} has labels in [{lo}, {hi}], expected 0 .. {n_classes - 1} for {n_classes} classes")
    return arr


def check_same_length(X: np.ndarray, y: np.ndarray, names: tuple[str, str] = ("X", "y")) -> None:
    """Raise ``ValueError`` if ``X`` and ``y`` hold different numbers of samples."""
    if len(X) != len(y):
        raise ValueError(f"{names[0]} has {len(X)} samples but {names[1]} has {len(y)}")


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float, raising ``ValueError`` unless it is finite and > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as an int, raising ``ValueError`` unless it is an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)
