"""NumPy side of the training benchmarks: the program a student would write for a relu network
with a softmax output, cross-entropy (mean over the batch), SGD or Adam, batches in order, doing
the engine's arithmetic (the same formulas in the same order, up to the order BLAS adds in), so
that both sides end at the same loss.

  python3 train_numpy.py FILE.toml EPOCHS REPEAT [WEIGHTS.json]
      seconds S          median of REPEAT runs of the training loop alone, each from the start
      cpu_seconds C      their median processor time (which a loaded machine changes less)
      last_loss L        the last epoch's loss as `backprop-tutor train` reports it: the mean
                         of the epoch's batch losses, each measured before its update
      final_loss L       the loss of all the data after training

The network, its weights, the settings and the data come from FILE (tomllib, numpy.loadtxt). A
file without weights (a seeded random start) takes them from WEIGHTS.json, the output of
`backprop-tutor train FILE --epochs 0 --json`. With REPEAT 1 it is also the whole NumPy process
of the benchmark (start, imports, reading, training once).
"""
import json
import os
import sys
import tomllib

import numpy as np

from numpy_bench import timed_both


def load(path, weights_json=None):
    """(W, b, X, Y, training): W[l] is to x from, as in the file; X and Y sample-major."""
    with open(path, "rb") as f:
        spec = tomllib.load(f)
    net, training, data = spec["network"], spec["training"], spec["data"]
    # what this program implements; anything else would be compared with a different network
    assert (net["activation"], net["output_activation"], net.get("bias", "trainable")) == ("relu", "softmax", "trainable")
    assert (training["loss"], training.get("reduction", "mean"), training.get("shuffle", False)) == ("cross-entropy", "mean", False)
    params = net if "weights" in net else json.load(open(weights_json))
    W = [np.array(w, dtype=float) for w in params["weights"]]
    b = [np.array(v, dtype=float) for v in params["biases"]]
    table = np.loadtxt(os.path.join(os.path.dirname(path), data["file"]), delimiter=",", ndmin=2)
    X = table[:, :-1]
    if data.get("scale", "none") == "minmax":  # per column onto [0, 1]; a constant column becomes 0
        low, spread = X.min(axis=0), X.max(axis=0) - X.min(axis=0)
        X = (X - low) / np.where(spread > 0, spread, 1)
    Y = np.eye(data["classes"])[table[:, -1].astype(int)]
    return W, b, X, Y, training


def forward(W, b, x):
    """Each layer's inputs and weighted sums; relu between, the last z left for the softmax."""
    inputs, zs = [x], []
    for l in range(len(W)):
        zs.append(inputs[-1] @ W[l].T + b[l])
        if l + 1 < len(W):
            inputs.append(np.maximum(zs[-1], 0))
    return inputs, zs


def sample_losses(z, y):
    """Softmax probabilities and −Σ y·log ŷ per sample, with log ŷ = z − log Σ e^z."""
    shift = z.max(axis=1, keepdims=True)
    e = np.exp(z - shift)
    total = e.sum(axis=1, keepdims=True)
    return e / total, np.sum(y * (shift + np.log(total) - z), axis=1)


def train(W, b, X, Y, training, epochs):
    W, b = [w.copy() for w in W], [v.copy() for v in b]
    params = W + b
    eta, batch = training["learning_rate"], training["batch_size"]
    adam = training["optimizer"] == "adam"
    assert adam or training["optimizer"] == "sgd"
    beta1, beta2, eps = training.get("beta1", 0.9), training.get("beta2", 0.999), training.get("epsilon", 1e-8)
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    power1 = power2 = 1.0
    losses = []
    for _ in range(epochs):
        total, batches = 0.0, 0
        for start in range(0, len(X), batch):
            x, y = X[start:start + batch], Y[start:start + batch]
            n = len(x)
            inputs, zs = forward(W, b, x)
            p, loss = sample_losses(zs[-1], y)
            total += loss.sum() / n
            batches += 1
            d = p - y
            gW, gb = [None] * len(W), [None] * len(W)
            for l in reversed(range(len(W))):
                gW[l] = d.T @ inputs[l] / n
                gb[l] = d.sum(axis=0) / n
                if l:
                    d = (d @ W[l]) * (zs[l - 1] > 0)
            power1, power2 = power1 * beta1, power2 * beta2
            for k, g in enumerate(gW + gb):
                if adam:
                    m[k] = beta1 * m[k] + (1 - beta1) * g
                    v[k] = beta2 * v[k] + (1 - beta2) * (g * g)
                    params[k] -= eta * (m[k] / (1 - power1)) / (np.sqrt(v[k] / (1 - power2)) + eps)
                else:
                    params[k] -= eta * g
        losses.append(total / batches)
    return W, b, losses


if __name__ == "__main__":
    path, epochs, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    W, b, X, Y, training = load(path, sys.argv[4] if len(sys.argv) > 4 else None)
    result = []
    seconds, cpu = timed_both(lambda: result.append(train(W, b, X, Y, training, epochs)), repeat)
    W, b, losses = result[-1]
    print(f"seconds {seconds:.6f}")
    print(f"cpu_seconds {cpu:.6f}")
    print(f"last_loss {float(losses[-1])!r}")
    print(f"final_loss {float(sample_losses(forward(W, b, X)[1][-1], Y)[1].mean())!r}")
