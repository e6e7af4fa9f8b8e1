"""Writes the files of benchmarks/files-bench into a folder and times NumPy/Python reading them.

  python3 files_bench.py DIR REPEAT    -> lines "csv SECONDS" and "toml SECONDS" (medians)

The files (bench_files.py): DIR/mnist.csv, 2,000 rows x 785 columns (11 MB), read with
numpy.loadtxt; DIR/net.toml, a 784-128-64-10 network with its weights written out (2.4 MB), read
with tomllib.
"""
import os
import sys
import tomllib

import numpy as np

import bench_files
from numpy_bench import timed

folder, repeat = sys.argv[1], int(sys.argv[2])
bench_files.write(folder)
csv = os.path.join(folder, "mnist.csv")
print("csv", timed(lambda: np.loadtxt(csv, delimiter=","), repeat))
toml = os.path.join(folder, "net.toml")
print("toml", timed(lambda: tomllib.load(open(toml, "rb")), repeat))
