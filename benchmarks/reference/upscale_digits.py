"""Writes benchmarks/data/digits-28x28.csv: the first 64 of the 8x8 digits (lessons/data/digits.csv)
enlarged to 28x28 by bilinear interpolation, values 0..255, then the label. It gives the article's
784-128-64-10 shape (benchmarks/digits-784-128-64-10.toml) real-looking images to open on screen,
without shipping MNIST.

    python3 benchmarks/reference/upscale_digits.py
"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
rows = np.loadtxt(os.path.join(here, "../../lessons/data/digits.csv"), delimiter=",")[:64]
pixels, labels = rows[:, :64].reshape(-1, 8, 8) / 16.0, rows[:, 64].astype(int)
# pixel centres of the 28x28 grid in 8x8 coordinates
t = (np.arange(28) + 0.5) * 8 / 28 - 0.5
i0 = np.clip(np.floor(t).astype(int), 0, 7)
i1 = np.clip(i0 + 1, 0, 7)
f = np.clip(t - i0, 0, 1)
out = []
for img, label in zip(pixels, labels):
    v = img[i0] * (1 - f)[:, None] + img[i1] * f[:, None]           # rows
    big = v[:, i0] * (1 - f)[None, :] + v[:, i1] * f[None, :]       # columns
    out.append(",".join(str(int(round(x))) for x in (big * 255).ravel()) + f",{label}")
path = os.path.join(here, "../data/digits-28x28.csv")
with open(path, "w") as fh:
    fh.write("\n".join(out) + "\n")
print(f"wrote {path}: {len(out)} rows of 784 pixels and a label")
