"""Independent reference numbers for the BackpropEngine unit tests.

Written from the issue's formulas with NumPy and plain Python, without reading the engine's
output. Each section prints JSON with full precision (repr); the numbers were printed once and
pasted into Tests/BackpropEngineTests as literals, so the tests never recompute them.

    python3 engine_reference.py splitmix     # SplitMix64 outputs, unit doubles, shuffles, xavier/he init
    python3 engine_reference.py values       # activations and losses at a few points
    python3 engine_reference.py adam         # adam on a 1-1 identity net (g = w), 3 updates
    python3 engine_reference.py softmax453   # 4-5-3 tanh/softmax, cross-entropy, momentum, batches of 2
"""
import json
import math
import sys

import numpy as np

MASK = (1 << 64) - 1


# --- SplitMix64 (Steele, Lea & Flood 2014), with explicit 64-bit masking ---------------------
class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):  # top 53 bits
        return (self.next() >> 11) * 2.0 ** -53

    def below(self, bound):  # Lemire multiply-high
        return (self.next() * bound) >> 64

    def shuffle(self, values):  # Fisher-Yates, i from the end down to 1
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]


def init_weights(sizes, kind, seed):
    """weights[l][j][i], drawn row by row (j, then i) from one generator, low + (high-low)*u."""
    rng = SplitMix64(seed)
    out = []
    for l in range(len(sizes) - 1):
        fan_in, fan_out = sizes[l], sizes[l + 1]
        r = math.sqrt(6.0 / (fan_in + fan_out)) if kind == "xavier" else math.sqrt(6.0 / fan_in)
        out.append([[-r + (r - -r) * rng.unit() for _ in range(fan_in)] for _ in range(fan_out)])
    return out


def splitmix():
    res = {}
    for seed in (0, 1):
        g = SplitMix64(seed)
        res["seed%d" % seed] = [hex(g.next()) for _ in range(3)]
    g = SplitMix64(42)
    res["unit42"] = [g.unit() for _ in range(3)]
    shuffles = {}
    for seed in (7, 8):
        g = SplitMix64(seed)
        epochs = []
        for _ in range(2):  # the order is drawn anew each epoch from the running generator
            order = list(range(5))
            g.shuffle(order)
            epochs.append(order)
        shuffles[str(seed)] = epochs
    res["shuffle5"] = shuffles
    res["xavier_2_3_1_seed42"] = init_weights([2, 3, 1], "xavier", 42)
    res["he_2_3_1_seed42"] = init_weights([2, 3, 1], "he", 42)
    print(json.dumps(res, indent=1))


def values():
    sig = lambda z: 1 / (1 + math.exp(-z))
    a2 = sig(2.0)
    t = math.tanh(0.5)
    z = np.array([1.0, 2.0, 3.0])
    e = np.exp(z - z.max())
    sm = e / e.sum()
    lse = z.max() + math.log(e.sum())
    res = {
        "sigmoid2": a2, "sigmoid2_deriv": a2 * (1 - a2),
        "sigmoid_m3": sig(-3.0),
        "tanh05": t, "tanh05_deriv": 1 - t * t,
        "softmax123": sm.tolist(),
        "ce_z123_y2": lse - 3.0,
        # bce = -[y log s + (1-y) log(1-s)], s = sigmoid(z)
        "bce_z2_y1": -math.log(sig(2.0)),
        "bce_z2_y0": -math.log(1 - sig(2.0)),
        "bce_zm1_y03": -(0.3 * math.log(sig(-1.0)) + 0.7 * math.log(1 - sig(-1.0))),
        "sigmoid_m1": sig(-1.0),
        # two sigmoid outputs z = (2, -1), targets (0, 0.3): bce is the mean of the two,
        # and dL/dz_k = (s_k - y_k) / 2
        "bce2_loss": (-math.log(1 - sig(2.0)) - (0.3 * math.log(sig(-1.0)) + 0.7 * math.log(1 - sig(-1.0)))) / 2,
        "bce2_delta": [(sig(2.0) - 0) / 2, (sig(-1.0) - 0.3) / 2],
    }
    print(json.dumps(res, indent=1))


def adam():
    # 1-1 identity network, no bias, half-sse, x = 1, y = 0: L = w^2/2, g = w.
    w, m, v = 1.0, 0.0, 0.0
    b1, b2, eps, eta = 0.9, 0.999, 1e-8, 0.1
    ws = []
    for t in range(1, 4):
        g = w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat = m / (1 - b1 ** t)
        vhat = v / (1 - b2 ** t)
        w = w - eta * mhat / (math.sqrt(vhat) + eps)
        ws.append(w)
    print(json.dumps({"adam_w": ws}, indent=1))


def softmax453():
    rng = np.random.default_rng(2024)
    W1 = rng.uniform(-1, 1, (5, 4))  # W[j][i]
    b1 = rng.uniform(-0.5, 0.5, 5)
    W2 = rng.uniform(-1, 1, (3, 5))
    b2 = rng.uniform(-0.5, 0.5, 3)
    X = rng.uniform(-1, 1, (5, 4))
    labels = [0, 2, 1, 2, 0]
    Y = np.eye(3)[labels]
    init = {"W1": W1.tolist(), "b1": b1.tolist(), "W2": W2.tolist(), "b2": b2.tolist(),
            "X": X.tolist(), "Y": Y.tolist()}
    eta, mu = 0.1, 0.9
    params = [W1.copy(), b1.copy(), W2.copy(), b2.copy()]
    vel = [np.zeros_like(p) for p in params]
    epoch_losses = []
    snapshots = []
    for epoch in range(3):
        batch_losses = []
        for start in range(0, 5, 2):  # batches [0,1], [2,3], [4]: in order, last one smaller
            xb, yb = X[start:start + 2], Y[start:start + 2]
            B = len(xb)
            W1c, b1c, W2c, b2c = params
            z1 = xb @ W1c.T + b1c
            a1 = np.tanh(z1)
            z2 = a1 @ W2c.T + b2c
            sh = z2.max(axis=1, keepdims=True)
            ex = np.exp(z2 - sh)
            p = ex / ex.sum(axis=1, keepdims=True)
            lse = sh[:, 0] + np.log(ex.sum(axis=1))
            sample_loss = -(yb * (z2 - lse[:, None])).sum(axis=1)
            batch_losses.append(sample_loss.mean())
            d2 = (p - yb) / B  # gradient of the mean loss
            gW2 = d2.T @ a1
            gb2 = d2.sum(axis=0)
            d1 = (d2 @ W2c) * (1 - a1 * a1)
            gW1 = d1.T @ xb
            gb1 = d1.sum(axis=0)
            grads = [gW1, gb1, gW2, gb2]
            for k in range(4):
                vel[k] = mu * vel[k] + grads[k]
                params[k] = params[k] - eta * vel[k]
        epoch_losses.append(float(np.mean(batch_losses)))
        if epoch == 0 or epoch == 2:
            snapshots.append({"epoch": epoch + 1, "W1": params[0].tolist(), "b1": params[1].tolist(),
                              "W2": params[2].tolist(), "b2": params[3].tolist()})
    print(json.dumps({"init": init, "epoch_losses": epoch_losses, "snapshots": snapshots}, indent=1))


if __name__ == "__main__":
    {"splitmix": splitmix, "values": values, "adam": adam, "softmax453": softmax453}[sys.argv[1]]()
