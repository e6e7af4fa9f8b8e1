"""The files the benchmarks read, written into a folder (seeded random numbers: the same every run).

  mnist.csv    2,000 rows x 785 columns: 784 pixels in [0, 1] with 4 decimals, then a label 0-9
               (about 11 MB): files-bench reads it, and the 784-128-64-10 training case trains on it.
  small.csv    its first 10 rows.
  net.toml     a 784-128-64-10 network (relu, softmax, cross-entropy, Adam η 0.001, batches of 32,
               in order) with its 109,386 weights and biases written out as the playground's `s`
               writes them (shortest round-trip decimals, about 2.4 MB), on small.csv: files-bench
               times reading it.
  train.toml   the same network, the same weights, on mnist.csv, 3 epochs: both sides of the
               training benchmark start from these weights (the NumPy side reads them with tomllib).
"""
import os

import numpy as np

SIZES = [784, 128, 64, 10]


def csv_lines(pixels, labels):
    return "".join(",".join("%.4f" % v for v in row) + ",%d\n" % label for row, label in zip(pixels, labels))


def network_toml(rng, data_file):
    lines = ["title = \"784-128-64-10 with its weights\"", "", "[network]", "layers = [784, 128, 64, 10]",
             "activation = \"relu\"", "output_activation = \"softmax\"", "seed = 1", "weights = ["]
    for l in range(3):
        w = rng.normal(0, (2 / SIZES[l]) ** 0.5, (SIZES[l + 1], SIZES[l]))
        lines.append(f"  # layer {l + 1}: {SIZES[l + 1]} x {SIZES[l]}, weights[l][to][from]")
        lines.append("  [")
        lines += ["    [" + ", ".join(repr(float(x)) for x in r) + "]," for r in w]
        lines.append("  ],")
    lines.append("]")
    lines.append("biases = [")
    lines += ["  [" + ", ".join(repr(float(x)) for x in rng.normal(0, 0.01, n)) + "]," for n in SIZES[1:]]
    lines += ["]", "", "[training]", "loss = \"cross-entropy\"", "optimizer = \"adam\"", "learning_rate = 0.001",
              "batch_size = 32", "shuffle = false", "epochs = 3", "", "[data]", f"file = \"{data_file}\"",
              "classes = 10", ""]
    return "\n".join(lines)


def write(folder):
    """Writes the four files into folder (made if missing)."""
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(7)
    pixels = np.round(rng.random((2000, 784)), 4)
    labels = rng.integers(0, 10, 2000)
    with open(os.path.join(folder, "mnist.csv"), "w") as f:
        f.write(csv_lines(pixels, labels))
    with open(os.path.join(folder, "small.csv"), "w") as f:
        f.write(csv_lines(pixels[:10], labels[:10]))
    network = network_toml(rng, "small.csv")
    with open(os.path.join(folder, "net.toml"), "w") as f:
        f.write(network)
    with open(os.path.join(folder, "train.toml"), "w") as f:
        f.write(network.replace("file = \"small.csv\"", "file = \"mnist.csv\""))
