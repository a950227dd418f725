"""Activations: derivatives against finite differences, stability, softmax properties."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import feedforward as ff
from feedforward.activations import ACTIVATIONS

ELEMENTWISE = [name for name, f in ACTIVATIONS.items() if f.derivative is not None]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_difference(name):
    f = ACTIVATIONS[name]
    # avoid the kinks of relu-like functions at 0
    z = np.array([-3.1, -1.2, -0.3, 0.2, 0.7, 2.9])
    h = 1e-6
    numeric = (f.function(z + h) - f.function(z - h)) / (2 * h)
    np.testing.assert_allclose(f.derivative(z), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_backward_is_hadamard_product_with_derivative(name):
    f = ACTIVATIONS[name]
    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 4))
    g = rng.normal(size=(5, 4))
    np.testing.assert_allclose(f.backward(z, f.function(z), g), g * f.derivative(z), rtol=1e-12)


def test_softmax_backward_is_jacobian_product():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(3, 4))
    g = rng.normal(size=(3, 4))
    a = ff.softmax(z)
    for i in range(3):
        jac = np.diag(a[i]) - np.outer(a[i], a[i])  # f_i (delta_ij - f_j)
        np.testing.assert_allclose(ACTIVATIONS["softmax"].backward(z, a, g)[i], jac.T @ g[i], rtol=1e-12)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_extreme_inputs_stay_finite_without_warnings(name):
    z = np.array([[-1e308, -745.0, -50.0, 0.0, 50.0, 745.0, 1e308]])
    f = ACTIVATIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = f.function(z)
        if f.derivative is not None:
            d = f.derivative(z)
            assert np.all(np.isfinite(d))
    if name in ("sigmoid", "tanh", "softmax"):
        assert np.all(np.isfinite(a))


def test_sigmoid_values():
    np.testing.assert_allclose(ff.sigmoid(np.array([0.0, 2.0, -2.0])), [0.5, 1 / (1 + np.exp(-2)), 1 / (1 + np.exp(2))], rtol=1e-15)
    assert ff.sigmoid(np.array([1e4]))[0] == 1.0 and ff.sigmoid(np.array([-1e4]))[0] == 0.0


finite_rows = arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 6)), elements=st.floats(-1e3, 1e3))


@settings(max_examples=60, deadline=None)
@given(z=finite_rows, c=st.floats(-1e3, 1e3))
def test_softmax_rows_sum_to_one_and_shift_invariant(z, c):
    a = ff.softmax(z)
    assert np.all(a >= 0)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(ff.softmax(z + c), a, atol=1e-12)
    np.testing.assert_allclose(np.exp(ff.log_softmax(z)), a, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(z=arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e300, 1e300)))
def test_sigmoid_large_magnitudes_finite_no_warnings(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = ff.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match="activation must be one of"):
        ff.get_activation("swish")
