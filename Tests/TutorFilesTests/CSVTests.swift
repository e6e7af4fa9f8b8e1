import BackpropEngine
import XCTest
@testable import TutorFiles

final class CSVTests: XCTestCase {
    func testHeaderIsDetectedAndLabelsAreTheLastColumn() throws {
        let csv = try CSVData.parse("a,b,label\n1,2,0\n\n3, 4 ,1\n", path: "x.csv")
        XCTAssertEqual(csv.header, ["a", "b", "label"])
        XCTAssertEqual(csv.features, [[1, 2], [3, 4]])
        XCTAssertEqual(csv.labels, [0, 1])
        let noHeader = try CSVData.parse("1,2,0\n3,4,1", path: "x.csv", targetColumn: 0)
        XCTAssertNil(noHeader.header)
        XCTAssertEqual(noHeader.features, [[2, 0], [4, 1]])
        XCTAssertEqual(noHeader.labels, [1, 3])
    }

    func testRowWithTheWrongCount() {
        XCTAssertThrowsError(try CSVData.parse("1,2,3,4,0\n1,2,3,4,1\n1,2,0\n", path: "data/x.csv")) { error in
            XCTAssertEqual(error as? FileError, FileError(path: "data/x.csv", line: 3, message: "row has 3 values, expected 5"))
            XCTAssertEqual((error as? FileError)?.description, "data/x.csv:3: row has 3 values, expected 5")
        }
    }

    func testFieldThatIsNotANumber() {
        XCTAssertThrowsError(try CSVData.parse("h1,h2\n1,2\n10,abc\n", path: "x.csv")) { error in
            XCTAssertEqual(error as? FileError, FileError(path: "x.csv", line: 3, column: 4, message: "\"abc\" is not a number"))
        }
        // with header = false the first line is data
        XCTAssertThrowsError(try CSVData.parse("h1,h2\n1,2\n", path: "x.csv", header: false)) { error in
            XCTAssertEqual((error as? FileError)?.description, "x.csv:1:1: \"h1\" is not a number")
        }
    }

    func testEmptyAndMissingFiles() {
        XCTAssertThrowsError(try CSVData.parse("a,b\n\n", path: "x.csv")) { error in
            XCTAssertEqual((error as? FileError)?.description, "x.csv: the file has no data rows")
        }
        XCTAssertThrowsError(try CSVData.load(path: "/nonexistent/x.csv")) { error in
            XCTAssertEqual((error as? FileError)?.description, "/nonexistent/x.csv: file not found")
        }
        XCTAssertThrowsError(try CSVData.parse("1,2\n", path: "x.csv", targetColumn: 5)) { error in
            XCTAssertEqual((error as? FileError)?.description,
                           "x.csv:1: target column 5 does not exist: rows have 2 values (columns 0...1)")
        }
    }

    func testIrisFile() throws {
        let csv = try CSVData.load(path: lessonsDirectory + "/data/iris.csv")
        XCTAssertEqual(csv.header, ["150", "4", "setosa", "versicolor", "virginica"])
        XCTAssertEqual(csv.features.count, 150)
        XCTAssertEqual(csv.features[0], [5.1, 3.5, 1.4, 0.2])
        XCTAssertEqual(Set(csv.labels), [0, 1, 2])
        XCTAssertEqual(CSVData.classNames(fromHeader: csv.header!, featureCount: 4), ["setosa", "versicolor", "virginica"])
        XCTAssertNil(CSVData.classNames(fromHeader: ["a", "b", "c"], featureCount: 2))
    }

    func testIrisThroughANetworkFile() throws {
        let file = try parse("""
            [network]
            layers = [4, 8, 3]
            activation = "tanh"
            output_activation = "softmax"
            seed = 3
            [data]
            file = "data/iris.csv"
            classes = 3
            scale = "standard"
            test_fraction = 0.2
            """, base: lessonsDirectory)
        XCTAssertEqual(file.data.count, 120)
        XCTAssertEqual(file.testData?.count, 30)
        XCTAssertEqual(file.classCount, 3)
        XCTAssertEqual(file.classNames, ["setosa", "versicolor", "virginica"])
        XCTAssertEqual(file.training.loss, .crossEntropy)
        XCTAssertTrue(file.data.targets.allSatisfy { $0.count == 3 && $0.reduce(0, +) == 1 })
        // standardised on the training part: mean 0, standard deviation 1 per column
        for c in 0..<4 {
            let column = file.data.inputs.map { $0[c] }
            let mean = column.reduce(0, +) / 120
            XCTAssertEqual(mean, 0, accuracy: 1e-9)
            XCTAssertEqual((column.map { $0 * $0 }.reduce(0, +) / 120).squareRoot(), 1, accuracy: 1e-9)
        }
        // classes come from the header when the key is left out
        let inferred = try parse("[network]\nlayers = [4, 3]\nactivation = \"softmax\"\n[data]\nfile = \"data/iris.csv\"\n",
                                 base: lessonsDirectory)
        XCTAssertEqual(inferred.classCount, 3)
        XCTAssertEqual(inferred.data.count, 150)
        XCTAssertEqual(inferred.data.targets[0], [1, 0, 0])
        XCTAssertEqual(inferred.data.inputs[0], [5.1, 3.5, 1.4, 0.2])
    }

    func testDigitsThroughANetworkFile() throws {
        let dir = try temporaryDirectory()
        try write("""
            title = "Digits"
            [network]
            layers = [64, 16, 10]
            activation = "relu"
            output_activation = "softmax"
            [training]
            optimizer = "adam"
            learning_rate = 0.01
            batch_size = 32
            shuffle = true
            [data]
            file = "\(lessonsDirectory)/data/digits.csv"
            classes = 10
            scale = "minmax"
            test_fraction = 0.25
            """, to: dir + "/digits.toml")
        let file = try NetworkFile.load(path: dir + "/digits.toml")
        XCTAssertEqual(file.title, "Digits")
        XCTAssertEqual(file.data.count + file.testData!.count, 1797)
        XCTAssertEqual(file.testData?.count, 449)
        XCTAssertNil(file.classNames)
        XCTAssertEqual(file.classCount, 10)
        XCTAssertTrue(file.data.inputs.allSatisfy { $0.count == 64 && $0.allSatisfy { (0...1).contains($0) } })
        XCTAssertEqual(file.training.optimizer, Optimizer.defaultAdam)
    }

    func testDataFileErrorsPointAtTheCSVLine() throws {
        let dir = try temporaryDirectory()
        try write("1,2,0\n3,4,5\n", to: dir + "/bad-class.csv")
        try write("1,2,0\n3,x,1\n", to: dir + "/bad-number.csv")
        let toml = { (name: String) in
            "[network]\nlayers = [2, 3]\nactivation = \"softmax\"\n[data]\nfile = \"\(name)\"\nclasses = 3\n"
        }
        XCTAssertThrowsError(try parse(toml("bad-class.csv"), base: dir)) { error in
            XCTAssertEqual((error as? FileError)?.description,
                           "\(dir)/bad-class.csv:2: the target (column 2) is class 5, but classes = 3 (valid: 0...2)")
        }
        XCTAssertThrowsError(try parse(toml("bad-number.csv"), base: dir)) { error in
            XCTAssertEqual((error as? FileError)?.description, "\(dir)/bad-number.csv:2:3: \"x\" is not a number")
        }
        // too many features for the input layer: points at the file key
        assertError(toml("bad-class.csv").replacingOccurrences(of: "[2, 3]", with: "[3, 3]"), line: 5,
                    "bad-class.csv has 2 features per row, the input layer has 3", base: dir)
        // a single target column needs a one-neuron output layer, or classes
        assertError(toml("bad-class.csv").replacingOccurrences(of: "classes = 3\n", with: ""), line: 5,
                    "bad-class.csv gives one target value per row, but the output layer has 3 neurons; "
                        + "set classes = 3 to read the target column as class indices", base: dir)
    }
}

final class HelperTests: XCTestCase {
    func testSuggestions() {
        XCTAssertEqual(Suggestion.closest(to: "learning_rte", among: TrainingSection.keys), "learning_rate")
        XCTAssertEqual(Suggestion.closest(to: "sigmod", among: ["sigmoid", "tanh"]), "sigmoid")
        XCTAssertEqual(Suggestion.closest(to: "leaky_relu", among: ["relu", "leaky-relu"]), "leaky-relu")
        XCTAssertEqual(Suggestion.closest(to: "Adam", among: ["sgd", "adam"]), "adam")
        XCTAssertNil(Suggestion.closest(to: "banana", among: ["sgd", "adam"]))
        XCTAssertEqual(Suggestion.distance("ab", "ba"), 1)
    }

    func testSourceMap() {
        let map = SourceMap("""
            title = "a # not a comment [x]"
            [network]  # comment
            "layers" = [
              2, # comment ]
              3,
            ]
            notes = \"\"\"
            fake = 1
            [fake]
            \"\"\"
            [data]
            inputs = [[1, 2],
                      [3, 4], [5, 6]]
            training.epochs = 3
            [[scene]]
            text = "one"
            [[scene]]
            text = "two"
            """)
        XCTAssertEqual(map.line(of: "title"), 1)
        XCTAssertEqual(map.line(of: "network"), 2)
        XCTAssertEqual(map.line(of: "network.layers"), 3)
        XCTAssertEqual(map.line(of: "network.layers", element: 1), 5)
        XCTAssertEqual(map.line(of: "network.missing"), 2)
        XCTAssertNil(map.keyLines["network.fake"])
        XCTAssertNil(map.tableLines["fake"])
        XCTAssertEqual(map.line(of: "data.inputs", element: 0), 12)
        XCTAssertEqual(map.line(of: "data.inputs", element: 2), 13)
        XCTAssertEqual(map.line(of: "data.training.epochs"), 14)
        XCTAssertEqual(map.line(of: "scene[1].text"), 18)
    }

    func testFileErrorDescription() {
        XCTAssertEqual(FileError(path: "a.toml", line: 3, column: 7, message: "m").description, "a.toml:3:7: m")
        XCTAssertEqual(FileError(path: "a.toml", line: 3, message: "m").description, "a.toml:3: m")
        XCTAssertEqual(FileError(path: "a.toml", message: "m").description, "a.toml: m")
    }
}
