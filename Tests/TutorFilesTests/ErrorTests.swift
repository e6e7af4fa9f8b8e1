import XCTest
@testable import TutorFiles

/// Malformed files: each error's exact message and the line it points at.
final class ErrorTests: XCTestCase {
    func testTOMLSyntaxErrorHasLineAndColumn() {
        do {
            _ = try parse("[network]\nlayers = [2, 2\nseed = 1\n")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.path, "test.toml")
            // the array opened on line 2 is the place to fix; the parser noticed at 3:1
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 10)
            XCTAssertEqual(error.description, "test.toml:2:10: TOML syntax error: this array is not closed\n"
                + "note: test.toml:3:1: noticed here: Error while parsing array: expected comma or closing ']', saw 's'")
        }
        // an error on the line where it is made keeps the parser's place
        do {
            _ = try parse("[network]\nlayers = [2, 2, 1] x\n")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "test.toml:2:20: TOML syntax error: Error while parsing key-value pair: "
                + "expected a comment or whitespace, saw 'x'")
        }
    }

    func testUnknownKeyWithSuggestion() {
        assertError(minimalNetwork + "\n[training]\nlearning_rte = 0.5\n", line: 9,
                    "unknown key \"learning_rte\" in [training]; did you mean \"learning_rate\"?")
    }

    func testKeyInTheWrongTable() {
        assertError(minimalNetwork + "\n[training]\nseed = 3\n", line: 9,
                    "unknown key \"seed\" in [training]; it belongs in [network]")
    }

    func testUnknownTableAndTopLevelKey() {
        assertError(minimalNetwork + "\n[trainig]\nepochs = 3\n", line: 8,
                    "unknown table [trainig]; did you mean [training]?")
        assertError("titel = \"x\"\n" + minimalNetwork, line: 1,
                    "unknown key \"titel\" at the top of the file; did you mean \"title\"?")
        assertError("[lessons]\nname = \"x\"\n" + minimalNetwork, line: 1,
                    "unknown table [lessons]; did you mean [lesson]?")
        assertError("[quiz]\nname = \"x\"\n" + minimalNetwork, line: 1,
                    "unknown table [quiz]; expected [network], [training], [data], [lesson], [[scene]]")
    }

    func testUnknownActivation() {
        assertError(minimalNetwork.replacingOccurrences(of: "[network]\n", with: "[network]\nactivation = \"sigmod\"\n"),
                    line: 2, "unknown activation \"sigmod\"; did you mean \"sigmoid\"?")
    }

    func testUnknownLossListsChoices() {
        assertError(minimalNetwork + "\n[training]\nloss = \"hinge\"\n", line: 9,
                    "unknown loss \"hinge\"; expected one of: \"mse\", \"half-sse\", \"bce\", \"cross-entropy\"")
    }

    func testWeightsShape() {
        assertError("""
            [network]
            layers = [2, 2, 2]
            weights = [
              [[0.1, 0.2], [0.3, 0.4]],
              [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
            ]
            [data]
            inputs = [[1, 2]]
            targets = [[1, 0]]
            """, line: 5, "network.weights[1] must be 2x2 (2 outputs × 2 inputs), got 2x3")
        assertError("[network]\nlayers = [2, 2, 2]\nweights = [[[1, 2], [3, 4]]]\n", line: 3,
                    "network.weights must have 2 matrices (one per layer after the input), got 1")
    }

    func testBiasesShape() {
        assertError("[network]\nlayers = [2, 2, 2]\nbiases = [[0.35, 0.35], [0.6]]\n", line: 3,
                    "network.biases[1] must have 2 values (one per neuron of layer 2), got 1")
        assertError("[network]\nlayers = [2, 2]\nbias = \"none\"\nbiases = [[1, 1]]\n", line: 4,
                    "network.biases are given but bias = \"none\"; remove them, or set bias = \"trainable\" or \"frozen\"")
    }

    func testLayers() {
        assertError("[network]\nlayers = [2]\n", line: 2,
                    "network.layers needs at least 2 sizes (the input and the output layer), got 1")
        assertError("[network]\n\nlayers = [2, 0, 1]\n", line: 3, "network.layers[1] must be at least 1, got 0")
    }

    func testWrongType() {
        assertError("[network]\nlayers = \"2, 2\"\n", line: 2, "network.layers must be an array of integers")
        assertError("[network]\nlayers = [2, 1.5]\n", line: 2, "network.layers must be an array of integers")
        assertError(minimalNetwork + "\n[training]\nepochs = \"many\"\n", line: 9,
                    "training.epochs must be an integer, got a string")
        assertError(minimalNetwork + "\n[training]\nshuffle = 1\n", line: 9,
                    "training.shuffle must be true or false, got an integer")
        assertError("network = 3\n", line: 1, "network must be a table ([network]), got an integer")
    }

    func testInputWidthPointsAtTheRow() {
        assertError("""
            [network]
            layers = [3, 1]
            [data]
            inputs = [
              [1, 2, 3],
              [1, 2, 3],
              [1, 2, 3],
              [1, 2],
            ]
            targets = [0, 1, 0, 1]
            """, line: 8, "data.inputs[3] has 2 values, the input layer has 3")
    }

    func testTargetsDoNotFit() {
        assertError(minimalNetwork.replacingOccurrences(of: "[[0], [1], [1], [0]]", with: "[[0], [1], [1, 0], [0]]"),
                    line: 6, "data.targets[2] has 2 values, the output layer has 1")
        assertError(minimalNetwork.replacingOccurrences(of: "[[0], [1], [1], [0]]", with: "[[0], [1], [1]]"),
                    line: 6, "data.targets has 3 samples, data.inputs has 4")
        assertError("[network]\nlayers = [1, 2]\n[data]\ninputs = [[1]]\ntargets = [1]\n", line: 5,
                    "data.targets[0] is a single number, but the output layer has 2 neurons; "
                        + "give 2 values per sample, or class indices with classes = 2")
    }

    func testClassIndexOutOfRange() {
        let text = """
            [network]
            layers = [2, 3]
            activation = "softmax"
            [data]
            inputs = [[0, 0], [1, 0], [0, 1]]
            targets = [0, 3, 1]
            classes = 3
            """
        assertError(text, line: 6, "data.targets[1] is class 3, but classes = 3 (valid: 0...2)")
        assertError(text.replacingOccurrences(of: "[0, 3, 1]", with: "[0, 1.5, 1]"), line: 6,
                    "data.targets[1] must be a class index (an integer), got 1.5")
        assertError(text.replacingOccurrences(of: "classes = 3", with: "classes = 4"), line: 7,
                    "there are 4 classes, but the output layer has 3 neurons")
    }

    func testSoftmaxOnlyOnTheOutputLayer() {
        assertError("[network]\nlayers = [2, 3, 2]\nactivation = \"softmax\"\n", line: 3,
                    "softmax can only be the activation of the output layer: set output_activation = \"softmax\" "
                        + "and choose another activation for the hidden layers")
    }

    func testCrossEntropyNeedsSoftmax() {
        assertError(minimalNetwork + "\n[training]\nloss = \"cross-entropy\"\n", line: 9,
                    "loss = \"cross-entropy\" needs output_activation = \"softmax\", got \"sigmoid\"")
    }

    func testSoftmaxNeedsCrossEntropy() {
        assertError("""
            [network]
            layers = [2, 2]
            output_activation = "softmax"
            [training]
            loss = "mse"
            [data]
            inputs = [[0, 0]]
            targets = [[1, 0]]
            """, line: 5, "output_activation = \"softmax\" is trained with loss = \"cross-entropy\" in this tutor, got loss = \"mse\"")
    }

    func testBCENeedsSigmoidAndTargetsInRange() {
        assertError(minimalNetwork.replacingOccurrences(of: "layers = [2, 2, 1]",
                                                         with: "layers = [2, 2, 1]\noutput_activation = \"identity\"")
                        + "\n[training]\nloss = \"bce\"\n", line: 10,
                    "loss = \"bce\" needs output_activation = \"sigmoid\", got \"identity\"")
        assertError(minimalNetwork.replacingOccurrences(of: "[[0], [1], [1], [0]]", with: "[0, 1, 2, 0]")
                        + "\n[training]\nloss = \"bce\"\n", line: 6,
                    "loss = \"bce\" needs targets between 0 and 1, data.targets[2] is [2]")
    }

    func testNegativeLearningRate() {
        assertError(minimalNetwork + "\n[training]\nlearning_rate = -0.5\n", line: 9,
                    "training.learning_rate must be greater than 0, got -0.5")
    }

    func testOptionForAnotherOptimizer() {
        assertError(minimalNetwork + "\n[training]\nbeta1 = 0.8\n", line: 9,
                    "training.beta1 is only used with optimizer = \"adam\"")
    }

    func testEmptyFile() {
        assertError("", line: nil, "the file is empty; a network file needs a [network] and a [data] table")
        assertError("\n  # only a comment\n", line: nil, "missing [network] table")
        assertError("[network]\nlayers = [1, 1]\n", line: nil, "missing [data] table")
    }

    func testMissingKey() {
        assertError("title = \"x\"\n[network]\nactivation = \"tanh\"\n", line: 2, "missing key \"layers\" in [network]")
    }

    func testBothInputsAndFile() {
        assertError(minimalNetwork + "\nfile = \"data/iris.csv\"\n", line: 8,
                    "data.file and data.inputs cannot both be given; use one of them")
        assertError("[network]\nlayers = [1, 1]\n[data]\nclasses = 2\n", line: 3, "[data] needs inputs and targets, a file, or images and labels (IDX files)")
    }

    func testMissingDataFile() {
        assertError("[network]\nlayers = [4, 3]\n[data]\nfile = \"data/nothere.csv\"\n", line: 4,
                    "data file \"data/nothere.csv\" not found (looked for lessons/data/nothere.csv)", base: "lessons")
    }

    func testMissingNetworkFile() {
        XCTAssertThrowsError(try NetworkFile.load(path: "/nonexistent/x.toml")) { error in
            XCTAssertEqual((error as? FileError)?.description, "/nonexistent/x.toml: file not found")
        }
    }

    func testTestFraction() {
        assertError(minimalNetwork + "\ntest_fraction = 1\n", line: 8,
                    "data.test_fraction must be at least 0 and less than 1, got 1")
        assertError(minimalNetwork + "\ntest_fraction = 0.9\n", line: 8,
                    "data.test_fraction = 0.9 leaves no training samples (4 samples)")
    }
}
