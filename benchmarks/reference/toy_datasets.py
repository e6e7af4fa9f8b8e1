#!/usr/bin/env python3
"""Independent re-implementation of Sources/BackpropEngine/ToyDatasets.swift.

Written from the documented contract (SplitMix64, draw order, formulas), not from the Swift
code, to produce the literal values in Tests/BackpropEngineTests/ToyDatasetTests.swift.

    python3 benchmarks/reference/toy_datasets.py            # the values the tests pin
    python3 benchmarks/reference/toy_datasets.py spiral 10 0.1 7 0.2
"""
import math
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53

    def int_below(self, bound):
        return (self.next() * bound) >> 64

    def shuffle(self, values):
        for i in range(len(values) - 1, 0, -1):
            j = self.int_below(i + 1)
            values[i], values[j] = values[j], values[i]


def normal(rng):
    u1 = 1 - rng.unit()
    u2 = rng.unit()
    return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def clean_point(kind, c, rng):
    if kind == "xor":
        s = 1.0 if rng.unit() < 0.5 else -1.0
        ax = 0.1 + 0.9 * rng.unit()
        ay = 0.1 + 0.9 * rng.unit()
        return s * ax, (s if c == 1 else -s) * ay
    if kind == "circle":
        r = 0.5 * rng.unit() if c == 1 else 0.7 + 0.3 * rng.unit()
        theta = 2 * math.pi * rng.unit()
        return r * math.cos(theta), r * math.sin(theta)
    if kind == "gaussians":
        centre = 0.5 if c == 1 else -0.5
        gx = normal(rng)
        gy = normal(rng)
        return centre + 0.25 * gx, centre + 0.25 * gy
    if kind == "spiral":
        t = rng.unit()
        theta = 3.5 * math.pi * t + math.pi * c
        return t * math.cos(theta), t * math.sin(theta)
    if kind == "moons":
        theta = math.pi * rng.unit()
        if c == 0:
            x, y = math.cos(theta), math.sin(theta)
        else:
            x, y = 1 - math.cos(theta), 0.5 - math.sin(theta)
        return (x - 0.5) / 1.5, (y - 0.25) / 1.5
    raise ValueError(kind)


def round_half_away(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def generate(kind, count, noise, seed, test_fraction):
    rng = SplitMix64(seed)
    n0 = count // 2
    points = []
    for i in range(count):
        c = 0 if i < n0 else 1
        x, y = clean_point(kind, c, rng)
        dx = normal(rng)
        dy = normal(rng)
        points.append((x + noise * dx, y + noise * dy, c))
    f = min(1.0, max(0.0, test_fraction))
    quota = [round_half_away(n0 * f), round_half_away((count - n0) * f)]
    order = list(range(count))
    rng.shuffle(order)
    train, test = [], []
    for i in order:
        c = points[i][2]
        if quota[c] > 0:
            quota[c] -= 1
            test.append(points[i])
        else:
            train.append(points[i])
    return train, test


def main(argv):
    if len(argv) == 6:
        kind, count, noise, seed, frac = argv[1], int(argv[2]), float(argv[3]), int(argv[4]), float(argv[5])
        train, test = generate(kind, count, noise, seed, frac)
        for name, rows in (("train", train), ("test", test)):
            for x, y, c in rows:
                print(f"{name} {x!r} {y!r} {c}")
        return
    # The values pinned by ToyDatasetTests.testFirstPointsMatchTheReference:
    # every kind, count 10, noise 0.1, seed 42, test fraction 0.2; the first two training
    # points and the first test point, shortest round-trip repr.
    for kind in ("xor", "circle", "gaussians", "spiral", "moons"):
        train, test = generate(kind, 10, 0.1, 42, 0.2)
        print(f"{kind}: train[0]={train[0]!r} train[1]={train[1]!r} test[0]={test[0]!r} "
              f"sizes={len(train)},{len(test)}")


if __name__ == "__main__":
    main(sys.argv)
