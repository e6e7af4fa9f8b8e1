import Foundation
import TutorFiles

// files-bench DIR REPEAT: medians of reading DIR/mnist.csv (CSVData.load) and DIR/net.toml
// (NetworkFile.load: TOMLKit, the conversion, the source map and every check), in seconds.
let args = CommandLine.arguments
let folder = args.count > 1 ? args[1] : "."
let repeatCount = args.count > 2 ? Int(args[2]) ?? 5 : 5

func median(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repeatCount {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

do {
    print("csv", try median { _ = try CSVData.load(path: folder + "/mnist.csv") })
    print("toml", try median { _ = try NetworkFile.load(path: folder + "/net.toml") })
} catch {
    FileHandle.standardError.write("files-bench: \(error)\n".data(using: .utf8)!)
    exit(1)
}
