/// The names the format knows, in one place.
///
/// To add a top-level table: list it in `tables` (or `arrayTables` for `[[name]]`) with its keys,
/// write a reader for it like `TrainingSection`, and call that reader in `NetworkFile.parse`.
enum FileSchema {
    /// Keys written above the first table.
    static let topLevelKeys = ["title", "numpy_names"]

    /// Top-level tables and their keys, in the order they are read.
    static let tables: [(name: String, keys: [String])] = [
        ("network", NetworkSection.keys),
        ("training", TrainingSection.keys),
        ("data", DataSection.keys),
        ("lesson", LessonSection.keys),
    ]

    /// Arrays of tables (`[[scene]]`) and their keys.
    static let arrayTables: [(name: String, keys: [String])] = [
        ("scene", SceneSection.keys),
    ]

    static var tableNames: [String] { tables.map(\.name) }

    /// The table a key belongs in, for `unknown key "seed" in [training]; it belongs in [network]`.
    static func tableOwning(_ key: String) -> String? {
        if topLevelKeys.contains(key) { return nil }
        return (tables + arrayTables).first { $0.keys.contains(key) }?.name
    }
}
