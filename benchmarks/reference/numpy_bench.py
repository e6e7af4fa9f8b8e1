"""NumPy side of the engine benchmark: prints one line `name seconds` per workload.

(a) xor:    the seed article's XOR program, 10,000 epochs (3-4-1, sigmoid, full batch).
(b) digits: one epoch of a 64-32-10 network (relu, softmax, cross-entropy, mean, SGD η 0.1)
            on lessons/data/digits.csv, mini-batches of 32 in order, inputs scaled by 1/16.
Each is timed several times in this one process; the median is printed. Run with
OPENBLAS_NUM_THREADS=1 so both sides use one thread.
"""
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def xor(epochs=10000):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0], [1], [1], [0]])
    np.random.seed(1)
    w_ih = 2 * np.random.random((3, 4)) - 1
    w_ho = 2 * np.random.random((4, 1)) - 1
    for _ in range(epochs):
        hidden = sigmoid(np.dot(X, w_ih))
        output = sigmoid(np.dot(hidden, w_ho))
        output_delta = (y - output) * (output * (1 - output))
        hidden_delta = output_delta.dot(w_ho.T) * (hidden * (1 - hidden))
        w_ho += hidden.T.dot(output_delta) * 0.5
        w_ih += X.T.dot(hidden_delta) * 0.5
    return output


def load_digits():
    data = np.loadtxt(os.path.join(HERE, "..", "..", "lessons", "data", "digits.csv"), delimiter=",")
    X = data[:, :64] / 16.0
    Y = np.eye(10)[data[:, 64].astype(int)]
    return X, Y


def digits_epoch(X, Y, batch=32, eta=0.1):
    rng = np.random.default_rng(1)
    limit1, limit2 = np.sqrt(6 / (64 + 32)), np.sqrt(6 / (32 + 10))
    W1 = rng.uniform(-limit1, limit1, (64, 32)); b1 = np.zeros(32)
    W2 = rng.uniform(-limit2, limit2, (32, 10)); b2 = np.zeros(10)
    total = 0.0
    for start in range(0, len(X), batch):
        x, y = X[start:start + batch], Y[start:start + batch]
        n = len(x)
        z1 = x @ W1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W2 + b2
        z2 -= z2.max(axis=1, keepdims=True)
        e = np.exp(z2)
        p = e / e.sum(axis=1, keepdims=True)
        total += -np.sum(y * np.log(p + 1e-300)) / n
        d2 = (p - y) / n
        gW2 = a1.T @ d2; gb2 = d2.sum(axis=0)
        d1 = (d2 @ W2.T) * (z1 > 0)
        gW1 = x.T @ d1; gb1 = d1.sum(axis=0)
        W2 -= eta * gW2; b2 -= eta * gb2
        W1 -= eta * gW1; b1 -= eta * gb1
    return total


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"xor {timed(xor, repeat):.6f}")
    X, Y = load_digits()
    print(f"digits {timed(lambda: digits_epoch(X, Y), repeat * 4):.6f}")
