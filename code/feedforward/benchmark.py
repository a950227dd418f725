"""Benchmark: the package against the lecture's class, scikit-learn and Keras, side by side.

Run with ``python -m feedforward.benchmark`` (or ``make benchmark``).  Prints

1. the lecture workload: digits, 64-50-10, sigmoid + softmax, batch 100, 100 epochs, plain SGD:
   time per epoch, time per 1000 samples and test accuracy for each implementation (including a
   lean in-place NumPy loop, the floor of a NumPy implementation), with ratios to the package and
   whether each speed goal is met;
2. a larger workload: 70,000 x 784 synthetic data, 784-128-10, batch 128: time per epoch,
   achieved GFLOP/s against the machine's measured matrix-multiply rate (for the same shapes and
   for large square matrices), float64 and float32;
3. accuracy: chapter 3's configuration, chosen on validation data, on the book's test set over 5
   seeds, next to a support vector machine;
4. the Ising sampler (:mod:`feedforward.ising`): spin updates per second of a checkerboard
   Metropolis sweep and of a Swendsen-Wang step on 1000 lattices of 32 x 32 at T_c, and the wall
   time of a data set like the Ising chapter's.

Timings are the best of several repeats (the least disturbed by other work on the machine).
Nothing here is a test: the figures are printed for people to read.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
import warnings

import numpy as np

from .activations import sigmoid
from .data import load_digits_scaled, one_hot
from .network import FeedForwardNetwork
from .reference import LectureNeuralNetwork

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def _best_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _digits_split():
    from sklearn.model_selection import train_test_split

    X, y, _ = load_digits_scaled()
    return train_test_split(X, y, train_size=0.8, random_state=0)


def _import_keras():
    """Import Keras with TensorFlow's C-level start-up notes (printed to fd 2 before any log
    level applies) sent to /dev/null."""
    import contextlib
    import sys

    if "keras" in sys.modules:
        return sys.modules["keras"]
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull, contextlib.ExitStack() as stack:
        os.dup2(devnull.fileno(), 2)
        stack.callback(os.close, saved)  # callbacks run last-in first-out: restore, then close
        stack.callback(os.dup2, saved, 2)
        import keras  # noqa: F401
        import tensorflow as tf

        tf.constant(0.0)  # the CUDA probe runs on first use
    return sys.modules["keras"]


def _keras_model(sizes, eta, dtype="float32"):
    keras = _import_keras()

    keras.utils.set_random_seed(0)
    layers = [keras.Input(shape=(sizes[0],), dtype=dtype)]
    layers += [keras.layers.Dense(n, activation="sigmoid", dtype=dtype) for n in sizes[1:-1]]
    layers += [keras.layers.Dense(sizes[-1], activation="softmax", dtype=dtype)]
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=eta), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _sklearn_model(n_hidden, eta, batch_size, epochs):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(n_hidden,), activation="logistic", solver="sgd", alpha=0.0, batch_size=batch_size,
        learning_rate="constant", learning_rate_init=eta, momentum=0.0, nesterovs_momentum=False,
        max_iter=epochs, tol=0.0, n_iter_no_change=epochs + 1, shuffle=True, random_state=0,
    )


def lean_numpy_loop(X, Y, epochs: int, batch_size: int = 100, eta: float = 1.0, n_hidden: int = 50, seed: int = 0):
    """The same training as the package (sigmoid hidden layer, softmax output, mean gradients,
    a fresh permutation per epoch) written as one flat loop with the fewest NumPy calls, every
    operation in place: no classes, no checks, no history.  It measures the floor of a NumPy
    implementation on this machine, against which the package's generality is priced.

    Returns the parameters ``(W1, b1, W2, b2)``.
    """
    rng = np.random.default_rng(seed)
    n, n_in = X.shape
    W1 = rng.uniform(-1, 1, (n_in, n_hidden)) * np.sqrt(6 / (n_in + n_hidden))
    W2 = rng.uniform(-1, 1, (n_hidden, Y.shape[1])) * np.sqrt(6 / (n_hidden + Y.shape[1]))
    b1, b2 = np.full(n_hidden, 0.01), np.full(Y.shape[1], 0.01)
    for _ in range(epochs):
        order = rng.permutation(n)
        X_epoch, Y_epoch = X[order], Y[order]
        for start in range(0, n, batch_size):
            x, t = X_epoch[start : start + batch_size], Y_epoch[start : start + batch_size]
            a1 = x @ W1
            a1 += b1
            np.negative(a1, out=a1)
            np.exp(a1, out=a1)
            a1 += 1.0
            np.divide(1.0, a1, out=a1)  # sigmoid
            d2 = a1 @ W2
            d2 += b2
            d2 -= d2.max(axis=1, keepdims=True)
            np.exp(d2, out=d2)
            d2 /= d2.sum(axis=1, keepdims=True)  # softmax
            d2 -= t
            d2 /= len(x)  # delta^2 = (a^2 - t) / n
            d1 = d2 @ W2.T
            W2 -= eta * (a1.T @ d2)
            b2 -= eta * d2.sum(axis=0)
            d1 *= a1
            a1 -= 1.0
            d1 *= a1
            d1 *= -1.0  # delta^1 = (delta^2 W2^T) a1 (1 - a1)
            W1 -= eta * (x.T @ d1)
            b1 -= eta * d1.sum(axis=0)
    return W1, b1, W2, b2


def lecture_workload(epochs: int = 100, repeats: int = 3) -> list[tuple[str, float, float, int]]:
    """Rows ``(name, seconds per epoch, test accuracy, samples per epoch)`` for the digits workload."""
    X_train, X_test, y_train, y_test = _digits_split()
    n = len(X_train)
    rows = []

    def package():
        net = FeedForwardNetwork([64, 50, 10], "sigmoid", rng=0)
        net.fit(X_train, y_train, epochs=epochs, batch_size=100, eta=1.0, rng=1)
        return net

    t = _best_time(package, repeats)
    rows.append(("feedforward (this package)", t / epochs, package().score(X_test, y_test), n))

    Y_train = one_hot(y_train, 10)
    t = _best_time(lambda: lean_numpy_loop(X_train, Y_train, epochs), repeats)
    W1, b1, W2, b2 = lean_numpy_loop(X_train, Y_train, epochs)
    acc = float(np.mean(np.argmax(sigmoid(X_test @ W1 + b1) @ W2 + b2, axis=1) == y_test))  # argmax of z^2 = of softmax
    rows.append(("lean NumPy loop (the floor)", t / epochs, acc, n))

    def lecture():
        # summed gradients: eta = 0.01 here is eta = 1.0 for mean gradients with batches of 100
        net = LectureNeuralNetwork(X_train, Y_train, epochs=epochs, batch_size=100, eta=0.01, rng=np.random.default_rng(0))
        net.train()
        return net

    t = _best_time(lecture, repeats)
    acc = float(np.mean(lecture().predict(X_test) == y_test))
    rows.append(("lecture's NeuralNetwork class", t / epochs, acc, (n // 100) * 100))

    def sklearn():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: max_iter is the epoch budget here
            return _sklearn_model(50, 1.0, 100, epochs).fit(X_train, y_train)

    t = _best_time(sklearn, repeats)
    rows.append(("scikit-learn MLPClassifier", t / epochs, sklearn().score(X_test, y_test), n))

    model = _keras_model([64, 50, 10], 1.0)
    model.fit(X_train, y_train, epochs=2, batch_size=100, verbose=0)  # build and trace first
    t = _best_time(lambda: model.fit(X_train, y_train, epochs=epochs // 5, batch_size=100, verbose=0), repeats) / (epochs // 5)
    model = _keras_model([64, 50, 10], 1.0)
    model.fit(X_train, y_train, epochs=epochs, batch_size=100, verbose=0)
    rows.append(("Keras (TensorFlow)", t, float(model.evaluate(X_test, y_test, verbose=0)[1]), n))
    return rows


def _mlp_flops(n: int, sizes: tuple[int, ...]) -> float:
    """Multiply-add flops of one epoch: forward (2nd_{l-1}d_l per layer), weight gradients
    (the same again) and back-propagated errors (all layers but the first)."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    forward = sum(2 * n * a * b for a, b in pairs)
    return 2 * forward + sum(2 * n * a * b for a, b in pairs[1:])


def matmul_rate(shapes: list[tuple[int, int, int]], dtype, repeats: int = 20) -> float:
    """GFLOP/s of ``A @ B`` summed over ``(m, k, n)`` shapes, best of ``repeats``."""
    rng = np.random.default_rng(0)
    mats = [(rng.random((m, k)).astype(dtype), rng.random((k, n)).astype(dtype)) for m, k, n in shapes]
    flops = sum(2 * m * k * n for m, k, n in shapes)
    t = _best_time(lambda: [a @ b for a, b in mats], repeats)
    return flops / t / 1e9


def machine_rates(batch_size: int = 128, sizes: tuple[int, int, int] = (784, 128, 10)) -> dict[str, float]:
    """The machine's matrix-multiply rates (GFLOP/s): the shapes of the large workload's products,
    and large square matrices.  Measured before TensorFlow is imported, whose idle worker threads
    would otherwise compete for the cores."""
    b, (d0, d1, d2) = batch_size, sizes
    same_shapes = [(b, d0, d1), (b, d1, d2), (d1, b, d2), (b, d2, d1), (d0, b, d1)]
    return {
        "same shapes, float64": matmul_rate(same_shapes, np.float64, 200),
        "same shapes, float32": matmul_rate(same_shapes, np.float32, 200),
        "2048^3, float64": matmul_rate([(2048, 2048, 2048)], np.float64, 10),
        "2048^3, float32": matmul_rate([(2048, 2048, 2048)], np.float32, 10),
    }


def large_workload(n: int = 70_000, batch_size: int = 128, repeats: int = 3):
    """Rows ``(name, seconds per epoch, GFLOP/s)`` for 784-128-10 on synthetic data."""
    sizes = (784, 128, 10)
    rng = np.random.default_rng(0)
    X = rng.random((n, sizes[0]))
    y = rng.integers(0, 10, size=n)
    flops = _mlp_flops(n, sizes)
    rows = []
    epochs = 2  # per timed call: steady-state epochs, input checks and set-up amortised
    for dtype in (np.float64, np.float32):
        Xd = X.astype(dtype)
        net = FeedForwardNetwork(sizes, "sigmoid", dtype=dtype, rng=0)
        t = _best_time(lambda: net.fit(Xd, y, epochs=epochs, batch_size=batch_size, eta=0.1, rng=0), repeats) / epochs
        rows.append((f"feedforward, {np.dtype(dtype).name}", t, flops / t / 1e9))
    Y = one_hot(y, 10)
    lec = LectureNeuralNetwork(X, Y, n_hidden_neurons=128, epochs=epochs, batch_size=batch_size, eta=0.001, rng=np.random.default_rng(0))
    t = _best_time(lec.train, repeats) / epochs
    rows.append(("lecture's class, float64", t, _mlp_flops((n // batch_size) * batch_size, sizes) / t / 1e9))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning after so few epochs is expected
        t = _best_time(lambda: _sklearn_model(128, 0.1, batch_size, epochs).fit(X, y), repeats) / epochs
    rows.append(("scikit-learn, float64", t, flops / t / 1e9))
    model = _keras_model(list(sizes), 0.1)
    X32 = X.astype(np.float32)
    model.fit(X32[:1280], y[:1280], epochs=1, batch_size=batch_size, verbose=0)
    t = _best_time(lambda: model.fit(X32, y, epochs=epochs, batch_size=batch_size, verbose=0), repeats) / epochs
    rows.append(("Keras, float32", t, flops / t / 1e9))
    return rows


# Chapter 3's choice, made on the validation images (ff.load_digits_split().X_val), never on the test set.
BEST_CONFIGURATION = dict(sizes=[64, 100, 10], activation="relu", init="he_normal", lmbd=1e-5, optimizer="momentum",
                          eta=0.1, batch_size=32, epochs=100)


def accuracy_study(seeds: int = 5):
    """Test accuracy of chapter 3's validated configuration over seeds, and the support vector machine
    with chapter 3's validated ``C``: the one measurement on the test set, as in chapter 3."""
    from sklearn.svm import SVC

    from .compare import over_seeds
    from .data import load_digits_split

    data, c = load_digits_split(), BEST_CONFIGURATION

    def run(seed):
        net = FeedForwardNetwork(c["sizes"], c["activation"], init=c["init"], lmbd=c["lmbd"], rng=seed)
        net.fit(data.X_train, data.y_train, epochs=c["epochs"], batch_size=c["batch_size"], eta=c["eta"],
                optimizer=c["optimizer"], rng=100 + seed)
        return net.score(data.X_test, data.y_test)

    svc = SVC(C=1.0).fit(data.X_train, data.y_train).score(data.X_test, data.y_test)
    return over_seeds(run, range(seeds)), svc


def ising_rates(n: int = 1000, L: int = 32, repeats: int = 5) -> dict[str, float]:
    """Spin updates per second of one update of ``n`` lattices of ``L x L`` at T_c, best of ``repeats``
    (started from equilibrated configurations, where the Swendsen-Wang clusters are critical)."""
    from . import ising

    rng = np.random.default_rng(0)
    spins = ising.sample(L, ising.T_C, n, rng=rng, sweeps=10).spins[0].copy()
    rates = {}
    for name, step in (("checkerboard Metropolis sweep", ising.metropolis_sweep), ("Swendsen-Wang step", ising.swendsen_wang_step)):
        step(spins, ising.T_C, rng)  # first call: imports (scipy.sparse) and allocations
        rates[name] = n * L * L / _best_time(lambda: step(spins, ising.T_C, rng), repeats)
    return rates


# The Ising chapter's data: 26 temperatures in [1, 3.5], 200 configurations at each, L = 16 and 32.
ISING_DATA = dict(temperatures=np.linspace(1.0, 3.5, 26), n_samples=200, sizes=(16, 32))


def ising_data_times(repeats: int = 1) -> dict[int, float]:
    """Wall time of ``ising.sample(L, ...)`` with the default sweeps for each size of :data:`ISING_DATA`."""
    from . import ising

    d = ISING_DATA
    return {L: _best_time(lambda: ising.sample(L, d["temperatures"], d["n_samples"], rng=0), repeats) for L in d["sizes"]}


def print_ising_section() -> None:
    """Section 4 of the benchmark (``python -c "from feedforward.benchmark import print_ising_section as p; p()"``
    runs it alone)."""
    from .ising import DEFAULT_SWEEPS

    print("\n4. Ising sampler: 1000 lattices of 32 x 32 at T_c (best of 5), and the Ising chapter's data set")
    for name, rate in ising_rates().items():
        print(f"   {name:32s} {rate / 1e6:9.1f} million spin updates/s")
    d = ISING_DATA
    times = ising_data_times()
    for L, t in times.items():
        print(f"   data set L = {L:<3d} {len(d['temperatures'])} temperatures x {d['n_samples']} samples:"
              f" {t:6.2f} s ({DEFAULT_SWEEPS['swendsen_wang']} Swendsen-Wang steps + Metropolis sweeps per chain)")
    print(f"   both sizes: {sum(times.values()):.2f} s")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer epochs and a smaller large workload")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_info

    blas = ", ".join(f"{i['internal_api']} {i.get('version', '')} ({i['num_threads']} threads, {i.get('architecture', '?')})" for i in threadpool_info())
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}, NumPy {np.__version__}, BLAS: {blas}")

    rates = machine_rates()  # first: before TensorFlow starts its thread pools
    print("\n1. Lecture workload: digits, 64-50-10 sigmoid/softmax, batch 100, plain SGD, 100 epochs")
    rows = lecture_workload(epochs=20 if args.quick else 100)
    base = rows[0][1]
    print(f"   {'implementation':32s} {'ms/epoch':>9s} {'us/1000 samples':>16s} {'x package':>10s} {'test acc':>9s}")
    for name, t, acc, n in rows:
        print(f"   {name:32s} {t * 1e3:9.2f} {t / n * 1e6 * 1000:16.0f} {t / base:10.2f} {acc:9.3f}")
    print("   (the lecture's class draws n // 100 = 14 random batches per epoch; the others see all 1437 samples in 15 batches)")
    times = {name: t for name, t, _, _ in rows}
    package_t, lean_t = times["feedforward (this package)"], times["lean NumPy loop (the floor)"]
    lecture_t, sklearn_t, keras_t = (times[k] for k in ("lecture's NeuralNetwork class", "scikit-learn MLPClassifier", "Keras (TensorFlow)"))
    print("   goals, per epoch:")
    print(f"   package <= lecture's class          {package_t * 1e3:.2f} vs {lecture_t * 1e3:.2f} ms: {_verdict(package_t <= lecture_t)}")
    print(f"   package <= 1/3 of scikit-learn      {package_t * 1e3:.2f} vs {sklearn_t / 3 * 1e3:.2f} ms: {_verdict(package_t <= sklearn_t / 3)}"
          f" (the lean loop's ratio: {sklearn_t / lean_t:.2f}, the package's {sklearn_t / package_t:.2f})")
    print(f"   package <= 1/20 of Keras            {package_t * 1e3:.2f} vs {keras_t / 20 * 1e3:.2f} ms: {_verdict(package_t <= keras_t / 20)}")
    print(f"   the package's generality (checks, history, any depth) over the lean loop: {(package_t - lean_t) * 1e3:.2f} ms"
          f" per epoch, {(package_t - lean_t) / package_t:.0%} of its time")

    print("\n2. Large workload: 70,000 x 784 synthetic, 784-128-10 sigmoid/softmax, batch 128 (best of 3 runs of 2 epochs)")
    rows = large_workload(n=14_000 if args.quick else 70_000)
    base = rows[0][1]
    print(f"   {'implementation':32s} {'s/epoch':>9s} {'GFLOP/s':>9s} {'x package':>10s}")
    for name, t, gflops in rows:
        print(f"   {name:32s} {t:9.3f} {gflops:9.1f} {t / base:10.2f}")
    print("   measured matrix-multiply rates (GFLOP/s):")
    for name, r in rates.items():
        print(f"   {name:32s} {r:9.1f}")
    frac = rows[0][2] / rates["2048^3, float64"]
    print(f"   goals: package float64 >= 1/2 of the large-matrix rate: {frac:.0%}, {_verdict(frac >= 0.5)};"
          f" float32 faster than float64: {_verdict(rows[1][1] < rows[0][1])}")
    print(f"   package float64 reaches {frac:.0%} of the large-matrix float64 rate"
          f" and {rows[0][2] / rates['same shapes, float64']:.0%} of the same-shape rate; float32 is"
          f" {rows[0][1] / rows[1][1]:.2f}x faster than float64")

    print("\n3. Accuracy on the book's split (train_test_split(train_size=0.8, random_state=0), pixels / 16)")
    spread, svc = accuracy_study()
    print("   package, chapter 3's validated choice: 64-100-10 ReLU, momentum SGD (eta 0.1, batch 32, lambda 1e-5, 100 epochs):")
    print(f"   test accuracy {spread}")
    print(f"   reference: support vector machine, SVC(C=1) (C chosen on validation data in chapter 3) {svc:.3f}")

    print_ising_section()


if __name__ == "__main__":
    main()
