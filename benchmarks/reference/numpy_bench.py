"""NumPy side of the XOR benchmark: the seed article's program (3-4-1, sigmoid, full batch, no
biases), its loop timed alone, and `timed`, which the other NumPy benchmarks share.

  python3 numpy_bench.py EPOCHS REPEAT
      seconds S      median of REPEAT runs of the loop, each from the program's start
      cpu_seconds C  their median processor time (which a loaded machine changes less)
      last_loss L    ½ Σ (y − ŷ)² of the last epoch's forward pass (before its update), the
                     loss `backprop-tutor train` reports for the last epoch

Run with OPENBLAS_NUM_THREADS=1 so that both sides use one thread.
"""
import statistics
import sys
import time

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def xor(epochs):
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
    return 0.5 * np.sum((y - output) ** 2)


def timed(fn, repeat):
    """The median wall time of `repeat` calls of fn."""
    return timed_both(fn, repeat)[0]


def timed_both(fn, repeat):
    """The median wall time and the median processor time of `repeat` calls of fn."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    return statistics.median(wall), statistics.median(cpu)


if __name__ == "__main__":
    epochs, repeat = int(sys.argv[1]), int(sys.argv[2])
    loss = []
    seconds, cpu = timed_both(lambda: loss.append(xor(epochs)), repeat)
    print(f"seconds {seconds:.6f}")
    print(f"cpu_seconds {cpu:.6f}")
    print(f"last_loss {float(loss[-1])!r}")
