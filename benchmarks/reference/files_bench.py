"""Writes the files of benchmarks/files-bench into a folder and times NumPy/Python reading them.

  python3 files_bench.py DIR REPEAT    -> lines "csv SECONDS" and "toml SECONDS" (medians)

mnist.csv: 2,000 rows x 785 columns (784 pixels scaled to [0, 1] with 4 decimals, then a label),
about 11 MB. net.toml: a 784-128-64-10 network with its 109,386 weights and biases written out as
the playground's `s` writes them (shortest round-trip decimals), about 2.4 MB, and a 10-row CSV.
"""
import os
import statistics
import sys
import time
import tomllib

import numpy as np

folder, repeat = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
rng = np.random.default_rng(7)

pixels = np.round(rng.random((2000, 784)), 4)
labels = rng.integers(0, 10, 2000)
with open(os.path.join(folder, "mnist.csv"), "w") as f:
    for row, label in zip(pixels, labels):
        f.write(",".join("%.4f" % v for v in row) + ",%d\n" % label)
with open(os.path.join(folder, "small.csv"), "w") as f:
    for row, label in zip(pixels[:10], labels[:10]):
        f.write(",".join("%.4f" % v for v in row) + ",%d\n" % label)

sizes = [784, 128, 64, 10]
lines = ["title = \"784-128-64-10 with its weights\"", "", "[network]", "layers = [784, 128, 64, 10]",
         "activation = \"relu\"", "output_activation = \"softmax\"", "seed = 1", "weights = ["]
for l in range(3):
    w = rng.normal(0, (2 / sizes[l]) ** 0.5, (sizes[l + 1], sizes[l]))
    lines.append(f"  # layer {l + 1}: {sizes[l + 1]} x {sizes[l]}, weights[l][to][from]")
    lines.append("  [")
    lines += ["    [" + ", ".join(repr(float(x)) for x in r) + "]," for r in w]
    lines.append("  ],")
lines.append("]")
lines.append("biases = [")
lines += ["  [" + ", ".join(repr(float(x)) for x in rng.normal(0, 0.01, n)) + "]," for n in sizes[1:]]
lines += ["]", "", "[training]", "loss = \"cross-entropy\"", "optimizer = \"adam\"", "learning_rate = 0.001",
          "batch_size = 32", "epochs = 3", "", "[data]", "file = \"small.csv\"", "classes = 10", ""]
with open(os.path.join(folder, "net.toml"), "w") as f:
    f.write("\n".join(lines))


def median(f):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


csv = os.path.join(folder, "mnist.csv")
print("csv", median(lambda: np.loadtxt(csv, delimiter=",")))
toml = os.path.join(folder, "net.toml")
print("toml", median(lambda: tomllib.load(open(toml, "rb"))))
