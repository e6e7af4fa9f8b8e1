"""The NumPy XOR program of the seed article (3-4-1, sigmoid, no biases, eta 0.5).

Run as `python3 article_xor.py [epochs]`. With --init it prints the initial weights that
np.random.seed(1) draws, transposed to the network file's weights[l][j][i] layout; otherwise it
trains and prints the final weights (same layout) and outputs with full precision, as JSON.
"""
import json
import sys

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    return x * (1 - x)


def initial_weights():
    np.random.seed(1)
    w_ih = 2 * np.random.random((3, 4)) - 1
    w_ho = 2 * np.random.random((4, 1)) - 1
    return w_ih, w_ho


def train(epochs):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0], [1], [1], [0]])
    w_ih, w_ho = initial_weights()
    learning_rate = 0.5
    losses = []
    for _ in range(epochs):
        hidden_layer = sigmoid(np.dot(X, w_ih))
        output_layer = sigmoid(np.dot(hidden_layer, w_ho))
        output_error = y - output_layer
        losses.append(float(0.5 * np.sum(output_error ** 2)))
        output_delta = output_error * sigmoid_derivative(output_layer)
        hidden_error = output_delta.dot(w_ho.T)
        hidden_delta = hidden_error * sigmoid_derivative(hidden_layer)
        w_ho += hidden_layer.T.dot(output_delta) * learning_rate
        w_ih += X.T.dot(hidden_delta) * learning_rate
    # outputs of the trained network (the article prints the last forward pass instead)
    outputs = sigmoid(np.dot(sigmoid(np.dot(X, w_ih)), w_ho))
    return w_ih, w_ho, losses, outputs


if __name__ == "__main__":
    if "--init" in sys.argv:
        w_ih, w_ho = initial_weights()
        print(json.dumps([w_ih.T.tolist(), w_ho.T.tolist()]))
    else:
        epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
        w_ih, w_ho, losses, outputs = train(epochs)
        print(json.dumps({"weights": [w_ih.T.tolist(), w_ho.T.tolist()],
                          "outputs": outputs.tolist(), "loss_first": losses[:3],
                          "loss_last": losses[-1]}))
