"""The hook of `make test-portable` really moves every initial weight by one ulp, in every library.

A portability check that silently ran unperturbed would pass whatever the notebooks print, so each
patch is checked here, in a fresh interpreter (the patches change imported modules).
"""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]

PROBE = r"""
import sys
import numpy as np
sys.path.insert(0, {tests!r})
direction = sys.argv[1]
towards = np.inf if direction == "up" else -np.inf
if direction != "none":
    import last_bit
    last_bit.install(direction)

import feedforward as ff
from feedforward.reference import LectureNeuralNetwork
from sklearn.neural_network import MLPClassifier

package = ff.FeedForwardNetwork([64, 50, 10], init="normal", rng=0).weights[0]
lecture = LectureNeuralNetwork(np.zeros((3, 64)), np.zeros((3, 10)), rng=np.random.default_rng(0)).hidden_weights
plain = np.random.default_rng(0).standard_normal((64, 50))
expected = plain if direction == "none" else np.nextafter(plain, towards)
assert np.array_equal(package, expected), "package initial weights"
assert np.array_equal(lecture, expected), "lecture's class initial weights"

mlp = MLPClassifier(hidden_layer_sizes=(3,), max_iter=1, random_state=0)
mlp._random_state = np.random.RandomState(0)
coef, _ = mlp._init_coef(4, 3, np.float64)
bound = np.sqrt(6.0 / 7)
plain = np.random.RandomState(0).uniform(-bound, bound, (4, 3))
assert np.array_equal(coef, plain if direction == "none" else np.nextafter(plain, towards)), "scikit-learn initial weights"

import keras
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
before = [w.copy() for w in model.get_weights()]
model.fit(np.zeros((2, 2), np.float32), np.zeros((2, 2), np.float32), epochs=1, verbose=0)
after = model.get_weights()
(kernel, bias), (kernel_after, bias_after) = before, after
assert np.all(kernel != 0) and np.all(bias == 0)
expected = kernel if direction == "none" else np.nextafter(kernel, np.float32(towards))
assert kernel_after.dtype == np.float32 and np.array_equal(kernel_after, expected), "Keras weights at the first fit"
assert np.array_equal(bias_after, bias), "zero biases stay zero"
print("ok")
"""


@pytest.mark.parametrize("direction", ["none", "up", "down"])
def test_every_library_starts_one_ulp_away(direction):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TF_ENABLE_ONEDNN_OPTS="0")
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(tests=str(ROOT / "tests")), direction],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-3000:]


WORKERS = r"""
import numpy as np
from joblib import Parallel, delayed


def first_weight(seed):
    import feedforward as ff
    return ff.FeedForwardNetwork([3, 2], init="normal", rng=seed).weights[0][0, 0]


here, there = first_weight(0), Parallel(n_jobs=2)(delayed(first_weight)(0) for _ in range(2))
plain = np.random.default_rng(0).standard_normal((3, 2))[0, 0]
print(here == plain, all(w == here for w in there))
"""


@pytest.mark.parametrize("value, expected", [("", "True True"), ("down", "False True")])
def test_every_process_of_the_check_gets_the_hook_through_sitecustomize(value, expected):
    # the Makefile's PYTHONPATH for make test-portable: the kernel and joblib's worker processes alike
    env = dict(os.environ, BOOK_PERTURB_LAST_BIT=value, PYTHONPATH=str(ROOT / "tests" / "portable_site"))
    result = subprocess.run([sys.executable, "-c", WORKERS], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.strip() == expected, result.stderr[-2000:]


def test_an_unknown_direction_is_an_error():
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import last_bit
    finally:
        sys.path.remove(str(ROOT / "tests"))
    with pytest.raises(ValueError, match="up"):
        last_bit.install("sideways")
