"""The layer view's formulas in vectorized NumPy, written from the textbook, not from the engine.

Reads one JSON object (or a list of them) on stdin: the network (layer sizes, activations, weights[l][j][i], biases,
bias mode, leaky slope), the batch (X, Y), the loss, the reduction and the learning rate (plain
gradient descent). Prints one JSON object (or a list) with every matrix of one training step, named as the
layer view names them (layers count from 1, W_l is n_l x n_(l-1) as in the network file):

  Z1 A1 ... ZL AL          forward:   Z_l = A_(l-1) @ W_l.T + b_l,  A_l = f(Z_l)
  L E                      loss:      L per sample (a column), E its mean or sum
  dL_dA  fp_L              dL/dA_L and f'(Z_L) (when the loss is not fused with the output)
  D_L                      output delta: A_L - Y (cross-entropy), (A_L - Y)/k (bce), dL/dA * f'
  back_l fp_l D_l          hidden delta: (D_(l+1) @ W_(l+1)), f'(Z_l), their product
  dW_l db_l                gradient: D_l.T @ A_(l-1) (/ B for the mean), column sums of D_l
  W_l_new b_l_new          update:  W_l - lr * dW_l

    echo '{...}' | python3 benchmarks/reference/layer_view.py
"""
import json
import sys

import numpy as np


def activate(name, z, slope):
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(0, z)
    if name == "leaky-relu":
        return np.where(z > 0, z, slope * z)
    if name == "identity":
        return z
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(name)


def derivative(name, z, a, slope):
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a ** 2
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leaky-relu":
        return np.where(z > 0, 1.0, slope)
    if name == "identity":
        return np.ones_like(z)
    raise ValueError(name)


def step(q):
    sizes, fs, slope = q["layers"], q["activations"], q.get("leaky_slope", 0.01)
    W = [np.array(w, dtype=float) for w in q["weights"]]
    b = [np.array(v, dtype=float) for v in q["biases"]]
    X, Y = np.array(q["X"], dtype=float), np.array(q["Y"], dtype=float)
    loss, mean, lr = q["loss"], q["reduction"] == "mean", q["learning_rate"]
    trains_bias = q["bias"] == "trainable"
    B, top, k = X.shape[0], len(sizes) - 1, sizes[-1]
    out = {}

    A, Z = [X], [None]
    for l in range(1, top + 1):
        Z.append(A[l - 1] @ W[l - 1].T + b[l - 1])
        A.append(activate(fs[l - 1], Z[l], slope))
        out[f"Z{l}"], out[f"A{l}"] = Z[l], A[l]

    P = A[top]
    if loss == "mse":
        L = np.mean((P - Y) ** 2, axis=1)
        dL_dA = 2 * (P - Y) / k
    elif loss == "half-sse":
        L = 0.5 * np.sum((P - Y) ** 2, axis=1)
        dL_dA = P - Y
    elif loss == "bce":
        L = -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P), axis=1)
        dL_dA = (P - Y) / (P * (1 - P) * k)
    elif loss == "cross-entropy":
        L = -np.sum(Y * np.log(P), axis=1)
        dL_dA = -Y / P
    else:
        raise ValueError(loss)
    out["L"] = L.reshape(B, 1)
    out["E"] = float(L.mean() if mean else L.sum())

    D = [None] * (top + 1)
    if loss == "cross-entropy":
        D[top] = P * Y.sum(axis=1, keepdims=True) - Y
    elif loss == "bce":
        D[top] = (P - Y) / k
    else:
        fp = derivative(fs[top - 1], Z[top], P, slope)
        out["dL_dA"], out[f"fp{top}"] = dL_dA, fp
        D[top] = dL_dA * fp
    out[f"D{top}"] = D[top]
    for l in range(top - 1, 0, -1):
        back = D[l + 1] @ W[l]
        fp = derivative(fs[l - 1], Z[l], A[l], slope)
        D[l] = back * fp
        out[f"back{l}"], out[f"fp{l}"], out[f"D{l}"] = back, fp, D[l]

    for l in range(1, top + 1):
        dW = D[l].T @ A[l - 1]
        db = D[l].sum(axis=0)
        if mean:
            dW, db = dW / B, db / B
        out[f"dW{l}"], out[f"db{l}"] = dW, db.reshape(1, -1)
        out[f"W{l}_new"] = W[l - 1] - lr * dW
        out[f"b{l}_new"] = (b[l - 1] - lr * db if trains_bias else b[l - 1]).reshape(1, -1)

    return {key: (v.tolist() if isinstance(v, np.ndarray) else v) for key, v in out.items()}


if __name__ == "__main__":
    query = json.load(sys.stdin)
    # one network, or a list of them (one process for a whole test)
    json.dump([step(q) for q in query] if isinstance(query, list) else step(query), sys.stdout)
