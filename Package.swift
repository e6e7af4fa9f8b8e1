// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "backprop-tutor",
    products: [
        .executable(name: "backprop-tutor", targets: ["backprop-tutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The maths: standard library only, so every number has one source.
        .target(name: "CMath"),
        // Built for the machine that builds it (AVX2 where there is AVX2): the kernels' SIMD4<Double>
        // are then one vector register, not two. No multiply-add contraction either way, so the
        // numbers are the same bits on every machine.
        .target(name: "BackpropEngine", dependencies: ["CMath"], swiftSettings: [.unsafeFlags(["-target-cpu", "native"])]),
        // The names of neurons and parameters (x₁, h₁, ŷ₀, w₅, W²₃,₇, z(h₁)) for every part that shows them.
        .target(name: "NetworkNaming", dependencies: ["BackpropEngine"]),
        // Words for recorded events (English and Japanese), shared by the screen and `trace`.
        .target(name: "EventWords", dependencies: ["BackpropEngine", "NetworkNaming"]),
        // zlib, to read gzip-compressed MNIST files (Foundation on Linux has no gzip).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Network/lesson files (TOML), CSV and IDX data, validation with file:line errors.
        .target(
            name: "TutorFiles",
            dependencies: ["BackpropEngine", "NetworkNaming", "CZlib", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Pure screen: cell grid, layout, widgets, the Elm-style app. No ncurses here.
        .target(name: "TerminalUI", dependencies: ["BackpropEngine", "NetworkNaming", "EventWords", "TutorFiles"]),
        // The only code that calls ncurses.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Signal handlers that give the terminal back (plain C: handlers must be async-signal-safe).
        .target(name: "CTerminalSignals"),
        .target(name: "TerminalBackend", dependencies: ["CNcursesw", "CTerminalSignals", "TerminalUI"]),
        .executableTarget(
            name: "backprop-tutor",
            dependencies: [
                "BackpropEngine", "NetworkNaming", "EventWords", "TutorFiles", "TerminalUI", "TerminalBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation into the binary, not position-
            // independent: no shared Swift libraries to find, map and bind and almost no relocations
            // at start (a bare start 10 → 5 ms of processor time; the binary is 90 MB, ICU's data
            // included). Compiled with -static-stdlib too, so that Foundation's static parts are
            // named to the linker. Debug builds (`swift test`, `swift run`) stay dynamic.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "engine-bench",
            dependencies: ["BackpropEngine", "TutorFiles", "TerminalUI"],
            path: "benchmarks/engine-bench"
        ),
        .executableTarget(name: "files-bench", dependencies: ["TutorFiles"], path: "benchmarks/files-bench-swift"),
        .executableTarget(
            name: "timeline-bench",
            dependencies: ["BackpropEngine", "TutorFiles", "TerminalUI"],
            path: "benchmarks/timeline-bench"
        ),
        // Test helpers (text snapshots of buffers), kept out of the shipped targets.
        .target(name: "TestSupport", dependencies: ["TerminalUI"], path: "Tests/TestSupport"),
        .testTarget(name: "BackpropEngineTests", dependencies: ["BackpropEngine"]),
        .testTarget(name: "NetworkNamingTests", dependencies: ["NetworkNaming"]),
        .testTarget(name: "EventWordsTests", dependencies: ["EventWords"]),
        .testTarget(name: "TutorFilesTests", dependencies: ["TutorFiles", "CZlib"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend"]),
        .testTarget(name: "EndToEndTests", dependencies: ["backprop-tutor", "BackpropEngine", "NetworkNaming", "TutorFiles", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v6]
)
