"""Residual connections and batch normalization in vectorized NumPy, written from the textbook
formulas (He et al. 2016; Ioffe & Szegedy 2015), not from the engine.

Reads one JSON object (or a list of them) on stdin and prints one JSON object (or a list): every
number of `steps` Adam updates on consecutive mini-batches taken in order (no shuffling).

Input: layers, activations, leaky_slope, weights[l][j][i], biases[l][j], bias ("trainable" |
"frozen" | "none"), residual [[from, to], ...] (neuron layers, 0 = the inputs), batch_norm
[neuron layers], gamma[l] and beta[l] (per weight layer l; [] where not normalized), bn_epsilon,
bn_momentum, X, Y, loss ("mse" | "half-sse" | "bce" | "cross-entropy"), reduction ("mean" |
"sum"), learning_rate, beta1, beta2, epsilon (Adam), batch_size, steps.

Formulas, per neuron layer l = 1 … L (rows are the samples of the batch, B of them):
  Z_l = A_(l-1) @ W_l.T + b_l                (no b_l where l is normalized: β takes its place)
  normalized l:  mu = mean_s Z, var = mean_s (Z - mu)^2, Zhat = (Z - mu) / sqrt(var + eps),
                 U = gamma * Zhat + beta     (running mean/var <- m * running + (1 - m) * batch)
  otherwise      U = Z
  F_l = f(U_l);  A_l = F_l + A_from where a skip [from, l] leads in, else F_l
backward, with G_l = dL/dA_l summed over the batch's sample losses:
  D_L (output): A - Y (cross-entropy), (A - Y)/K (bce), dL/dA * f'(Z) (mse, half-sse)
  G_l = D_(l+1) @ W_(l+1) + G_to where a skip [l, to] leads out
  DU_l = G_l * f'(U_l)     (f' written with F: sigmoid F(1-F), tanh 1 - F^2)
  normalized: dgamma = sum_s DU * Zhat, dbeta = sum_s DU, dZhat = DU * gamma,
              D_l = (1/B) / sqrt(var + eps) * (B dZhat - sum_s dZhat - Zhat * sum_s dZhat * Zhat)
  otherwise   D_l = DU_l
  dW_l = D_l.T @ A_(l-1), db_l = sum_s D_l   (all gradients / B for the mean)
Adam on every trained parameter (weights, trainable biases of layers that are not normalized, gamma, beta).

    echo '{...}' | python3 benchmarks/reference/deep_reference.py
"""
import json
import sys

import numpy as np

from layer_view import activate, derivative  # the same folder: one copy of the activations and their slopes


def sample_losses(loss, A, Y, Z):
    k = Y.shape[1]
    if loss == "mse":
        return ((A - Y) ** 2).sum(axis=1) / k
    if loss == "half-sse":
        return 0.5 * ((A - Y) ** 2).sum(axis=1)
    if loss == "bce":
        return (np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))).sum(axis=1) / k
    if loss == "cross-entropy":
        lse = Z.max(axis=1) + np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1))
        return (Y * (lse[:, None] - Z)).sum(axis=1)
    raise ValueError(loss)


def run(q):
    sizes, fs, slope = q["layers"], q["activations"], q.get("leaky_slope", 0.01)
    top = len(sizes) - 1
    W = [np.array(w, dtype=float) for w in q["weights"]]
    b = [np.array(v, dtype=float) for v in q["biases"]]
    bias = q["bias"]
    into = {t: f for f, t in q.get("residual", [])}
    out_of = {f: t for f, t in q.get("residual", [])}
    bn = set(q.get("batch_norm", []))
    gamma = [np.array(g, dtype=float) for g in q["gamma"]]
    beta = [np.array(v, dtype=float) for v in q["beta"]]
    rmean = [np.zeros(sizes[l + 1]) for l in range(top)]
    rvar = [np.ones(sizes[l + 1]) for l in range(top)]
    eps, mom = q.get("bn_epsilon", 1e-5), q.get("bn_momentum", 0.9)
    X, Y = np.array(q["X"], dtype=float), np.array(q["Y"], dtype=float)
    loss, mean, lr = q["loss"], q["reduction"] == "mean", q["learning_rate"]
    b1, b2, aeps = q["beta1"], q["beta2"], q["epsilon"]
    size = q["batch_size"]

    def trained(l):
        """the parameter arrays of weight layer l that Adam updates, by name"""
        names = ["W"]
        if bias == "trainable" and (l + 1) not in bn:
            names.append("b")
        if (l + 1) in bn:
            names += ["gamma", "beta"]
        return names

    params = {"W": W, "b": b, "gamma": gamma, "beta": beta}
    m = {k: [np.zeros_like(v) for v in vs] for k, vs in params.items()}
    v = {k: [np.zeros_like(x) for x in vs] for k, vs in params.items()}
    steps = []
    for t in range(1, q["steps"] + 1):
        start = ((t - 1) * size) % len(X)
        xb, yb = X[start:start + size], Y[start:start + size]
        B = len(xb)
        A, Z, U, F, Zhat, MU, VAR, INV = [xb], [None], [None], [xb], [None], [None], [None], [None]
        for l in range(1, top + 1):
            z = A[l - 1] @ W[l - 1].T
            if bias != "none" and l not in bn:
                z = z + b[l - 1]
            Z.append(z)
            if l in bn:
                mu = z.mean(axis=0)
                var = ((z - mu) ** 2).mean(axis=0)
                inv = 1 / np.sqrt(var + eps)
                zh = (z - mu) * inv
                u = gamma[l - 1] * zh + beta[l - 1]
                rmean[l - 1] = mom * rmean[l - 1] + (1 - mom) * mu
                rvar[l - 1] = mom * rvar[l - 1] + (1 - mom) * var
                MU.append(mu); VAR.append(var); INV.append(inv); Zhat.append(zh)
            else:
                u = z
                MU.append(None); VAR.append(None); INV.append(None); Zhat.append(None)
            U.append(u)
            f = activate(fs[l - 1], u, slope)
            F.append(f)
            A.append(f + A[into[l]] if l in into else f)
        L = sample_losses(loss, A[top], yb, Z[top])
        E = L.mean() if mean else L.sum()
        k = yb.shape[1]
        if loss == "cross-entropy":
            D_top = A[top] - yb
        elif loss == "bce":
            D_top = (A[top] - yb) / k
        elif loss == "half-sse":
            D_top = (A[top] - yb) * derivative(fs[top - 1], Z[top], A[top], slope)
        else:
            D_top = 2 * (A[top] - yb) / k * derivative(fs[top - 1], Z[top], A[top], slope)
        D = [None] * (top + 1)
        G = [None] * (top + 1)
        DU = [None] * (top + 1)
        D[top] = D_top
        grads = {"W": [None] * top, "b": [np.zeros(sizes[l + 1]) for l in range(top)],
                 "gamma": [np.zeros(0) for _ in range(top)], "beta": [np.zeros(0) for _ in range(top)]}
        div = B if mean else 1
        for l in range(top, 0, -1):
            grads["W"][l - 1] = D[l].T @ A[l - 1] / div
            if bias != "none" and l not in bn:
                grads["b"][l - 1] = D[l].sum(axis=0) / div
            if l == 1:
                break
            h = l - 1
            g = D[l] @ W[l - 1]
            if h in out_of:
                g = g + G[out_of[h]]
            G[h] = g
            du = g * derivative(fs[h - 1], U[h], F[h], slope)
            DU[h] = du
            if h in bn:
                grads["gamma"][h - 1] = (du * Zhat[h]).sum(axis=0) / div
                grads["beta"][h - 1] = du.sum(axis=0) / div
                dzh = du * gamma[h - 1]
                D[h] = INV[h] / B * (B * dzh - dzh.sum(axis=0) - Zhat[h] * (dzh * Zhat[h]).sum(axis=0))
            else:
                D[h] = du
        for l in range(top):
            for name in trained(l):
                gr = grads[name][l]
                m[name][l] = b1 * m[name][l] + (1 - b1) * gr
                v[name][l] = b2 * v[name][l] + (1 - b2) * gr * gr
                mhat = m[name][l] / (1 - b1 ** t)
                vhat = v[name][l] / (1 - b2 ** t)
                params[name][l] = params[name][l] - lr * mhat / (np.sqrt(vhat) + aeps)
        W, b, gamma, beta = params["W"], params["b"], params["gamma"], params["beta"]

        def lst(xs):
            return [None if x is None else np.asarray(x).tolist() for x in xs]
        steps.append({"Z": lst(Z), "U": lst(U), "F": lst(F), "A": lst(A), "mean": lst(MU), "var": lst(VAR),
                      "Zhat": lst(Zhat), "L": L.tolist(), "E": float(E), "D": lst(D), "G": lst(G), "DU": lst(DU),
                      "dW": lst(grads["W"]), "db": lst(grads["b"]), "dgamma": lst(grads["gamma"]),
                      "dbeta": lst(grads["beta"]), "W": lst(W), "b": lst(b), "gamma": lst(gamma), "beta": lst(beta),
                      "running_mean": lst(rmean), "running_var": lst(rvar)})
    return steps


def main():
    q = json.load(sys.stdin)
    out = [run(x) for x in q] if isinstance(q, list) else run(q)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
