import XCTest
@testable import BackpropEngine

/// The 2-D toy sets. Literal values come from `benchmarks/reference/toy_datasets.py`, a Python
/// re-implementation written from the documented contract in ToyDatasets.swift.
final class ToyDatasetTests: XCTestCase {
    private func assertPoint(_ actual: [Double], _ target: [Double], _ expected: (Double, Double, Int),
                             _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual[0], expected.0, accuracy: 1e-12, message, file: file, line: line)
        XCTAssertEqual(actual[1], expected.1, accuracy: 1e-12, message, file: file, line: line)
        XCTAssertEqual(target, [Double(expected.2)], message, file: file, line: line)
    }

    func testFirstPointsMatchTheReference() {
        // python3 benchmarks/reference/toy_datasets.py  (count 10, noise 0.1, seed 42, test 0.2)
        let expected: [ToyDataset: [(Double, Double, Int)]] = [
            .xor: [(-0.18569707744917077, 0.3405819338891388, 0), (-0.154672314320145, 0.3904461997548227, 0),
                   (-0.45605238299130724, -0.25953383396436414, 1)],
            .circle: [(0.2416710291808136, -0.43664868487663344, 1), (0.1385914317989992, 0.09783556972105889, 1),
                      (-0.13671014666803452, 0.18810281666803, 1)],
            .gaussians: [(0.6017815314557764, 0.5572346479100173, 1), (0.5289217964522253, 0.13642829374471246, 1),
                         (0.5931885036687201, 0.5947862588315752, 1)],
            .spiral: [(0.32324670423522284, 0.2392500948468847, 1), (0.189731867217949, 0.4689147738576602, 1),
                      (0.3128655259903997, -0.10680675852209694, 1)],
            .moons: [(0.004848645932689046, -0.2813938810247148, 1), (0.08432824299024635, -0.3114374669363828, 1),
                     (-0.059118128828545925, -0.42572180836570794, 1)],
        ]
        for kind in ToyDataset.allCases {
            let (train, test) = ToyDataset.generate(kind, count: 10, noise: 0.1, seed: 42, testFraction: 0.2)
            XCTAssertEqual(train.count, 8, "\(kind)")
            XCTAssertEqual(test.count, 2, "\(kind)")
            let e = expected[kind]!
            assertPoint(train.inputs[0], train.targets[0], e[0], "\(kind) train[0]")
            assertPoint(train.inputs[1], train.targets[1], e[1], "\(kind) train[1]")
            assertPoint(test.inputs[0], test.targets[0], e[2], "\(kind) test[0]")
        }
    }

    func testSameSeedSamePointsOtherSeedOtherPoints() {
        for kind in ToyDataset.allCases {
            let a = kind.generate(count: 60, noise: 0.2, seed: 7, testFraction: 0.25)
            let b = ToyDataset.generate(kind, count: 60, noise: 0.2, seed: 7, testFraction: 0.25)
            XCTAssertEqual(a.train, b.train, "\(kind)")
            XCTAssertEqual(a.test, b.test, "\(kind)")
            let c = kind.generate(count: 60, noise: 0.2, seed: 8, testFraction: 0.25)
            XCTAssertNotEqual(a.train.inputs, c.train.inputs, "\(kind)")
        }
    }

    func testCountsSplitSizesAndClassBalance() {
        for kind in ToyDataset.allCases {
            for (count, fraction, expectedTest) in [(200, 0.2, 40), (101, 0.5, 51), (30, 0.0, 0), (30, 1.0, 30), (9, 0.3, 3)] {
                let (train, test) = kind.generate(count: count, noise: 0.1, seed: 3, testFraction: fraction)
                let label = "\(kind) \(count) \(fraction)"
                XCTAssertEqual(train.count + test.count, count, label)
                XCTAssertEqual(test.count, expectedTest, label)
                let ones = (train.targets + test.targets).filter { $0 == [1] }.count
                let zeros = (train.targets + test.targets).filter { $0 == [0] }.count
                XCTAssertEqual(zeros, count / 2, label)
                XCTAssertEqual(ones, count - count / 2, label)
                // each class contributes round(n_class · fraction) test points
                let testOnes = test.targets.filter { $0 == [1] }.count
                XCTAssertEqual(testOnes, Int((Double(count - count / 2) * fraction).rounded()), label)
                XCTAssertTrue((train.inputs + test.inputs).allSatisfy { $0.count == 2 }, label)
            }
        }
    }

    func testSplitsAreMixedNotSortedByClass() {
        let (train, _) = ToyDataset.circle.generate(count: 100, noise: 0, seed: 1, testFraction: 0.2)
        let firstHalf = train.targets.prefix(40).filter { $0 == [1] }.count
        XCTAssertTrue((8...32).contains(firstHalf), "\(firstHalf)")
    }

    func testNoiseOnlyJittersTheSamePoints() {
        // the clean points do not depend on the noise level: the difference is noise·(dx, dy)
        let clean = ToyDataset.points(.spiral, count: 50, noise: 0, seed: 11).inputs
        let noisy = ToyDataset.points(.spiral, count: 50, noise: 0.3, seed: 11).inputs
        let noisier = ToyDataset.points(.spiral, count: 50, noise: 0.6, seed: 11).inputs
        for i in clean.indices {
            for k in 0..<2 {
                XCTAssertEqual(noisier[i][k] - clean[i][k], 2 * (noisy[i][k] - clean[i][k]), accuracy: 1e-12)
            }
        }
        XCTAssertNotEqual(clean, noisy)
    }

    private func allPoints(_ kind: ToyDataset, count: Int = 400, seed: UInt64 = 5) -> [(x: Double, y: Double, c: Int)] {
        let (train, test) = kind.generate(count: count, noise: 0, seed: seed, testFraction: 0.3)
        return zip(train.inputs + test.inputs, train.targets + test.targets).map { ($0[0], $0[1], Int($1[0])) }
    }

    func testNoiseZeroXorIsInTheQuadrants() {
        for p in allPoints(.xor) {
            XCTAssertTrue((0.1...1).contains(abs(p.x)) && (0.1...1).contains(abs(p.y)), "\(p)")
            XCTAssertEqual(p.x * p.y > 0 ? 1 : 0, p.c, "\(p)")
        }
    }

    func testNoiseZeroCircleIsADiscAndARing() {
        for p in allPoints(.circle) {
            let r = (p.x * p.x + p.y * p.y).squareRoot()
            if p.c == 1 { XCTAssertLessThanOrEqual(r, 0.5 + 1e-12, "\(p)") } else {
                XCTAssertTrue((0.7 - 1e-12)...(1 + 1e-12) ~= r, "\(p)")
            }
        }
    }

    func testNoiseZeroSpiralIsOnItsArm() {
        for p in allPoints(.spiral) {
            let r = (p.x * p.x + p.y * p.y).squareRoot()
            let theta = 3.5 * Double.pi * r + Double.pi * Double(p.c)
            XCTAssertEqual(p.x, r * cos(theta), accuracy: 1e-9, "\(p)")
            XCTAssertEqual(p.y, r * sin(theta), accuracy: 1e-9, "\(p)")
        }
    }

    func testNoiseZeroMoonsAreOnTheTwoArcs() {
        for p in allPoints(.moons) {
            let x = p.x * 1.5 + 0.5, y = p.y * 1.5 + 0.25
            if p.c == 0 {
                XCTAssertEqual(x * x + y * y, 1, accuracy: 1e-12, "\(p)")
                XCTAssertGreaterThanOrEqual(y, -1e-12)
            } else {
                XCTAssertEqual((1 - x) * (1 - x) + (0.5 - y) * (0.5 - y), 1, accuracy: 1e-12, "\(p)")
                XCTAssertLessThanOrEqual(y, 0.5 + 1e-12)
            }
            XCTAssertTrue(-1.0000001...1.0000001 ~= p.x && -0.5000001...0.5000001 ~= p.y, "\(p)")
        }
    }

    func testGaussiansAreTwoBlobsAroundTheirCentres() {
        let points = allPoints(.gaussians, count: 2000)
        for c in 0...1 {
            let mine = points.filter { $0.c == c }
            let mx = mine.map(\.x).reduce(0, +) / Double(mine.count)
            let my = mine.map(\.y).reduce(0, +) / Double(mine.count)
            let centre = c == 1 ? 0.5 : -0.5
            XCTAssertEqual(mx, centre, accuracy: 0.03)
            XCTAssertEqual(my, centre, accuracy: 0.03)
            let sd = (mine.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +) / Double(mine.count)).squareRoot()
            XCTAssertEqual(sd, 0.25, accuracy: 0.03)
        }
    }

    func testNoiseHasTheRequestedSpread() {
        let clean = ToyDataset.points(.moons, count: 4000, noise: 0, seed: 2).inputs
        let noisy = ToyDataset.points(.moons, count: 4000, noise: 0.2, seed: 2).inputs
        let d = zip(clean, noisy).map { $1[0] - $0[0] }
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(sd, 0.2, accuracy: 0.01)
    }

    func testOneHotAndEmptySets() {
        let (train, test) = ToyDataset.xor.generate(count: 0, noise: 0.1, seed: 1, testFraction: 0.5)
        XCTAssertEqual(train.count + test.count, 0)
        let small = ToyDataset.xor.generate(count: 4, noise: 0, seed: 1, testFraction: 0).train
        let hot = ToyDataset.oneHot(small)
        XCTAssertEqual(hot.inputs, small.inputs)
        XCTAssertEqual(hot.targets, small.targets.map { $0 == [1] ? [0, 1] : [1, 0] })
        XCTAssertEqual(ToyDataset(rawValue: "spiral"), .spiral)
        XCTAssertEqual(ToyDataset.allCases.map(\.rawValue), ["xor", "circle", "gaussians", "spiral", "moons"])
    }
}
