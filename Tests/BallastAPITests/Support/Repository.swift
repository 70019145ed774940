import Foundation

/// The repository files the contract tests read (`crds/`, `config/samples/`, `docs/api.md`,
/// the invalid fixtures, the generated CLI constants), located from this source file so the
/// tests work from any working directory.
enum Repository {
    /// The repository root: this file is `Tests/BallastAPITests/Support/Repository.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A file that the tests expected but could not read.
    struct Missing: Error, CustomStringConvertible {
        let path: String
        let underlying: any Error
        var description: String { "cannot read \(path) in the repository: \(underlying)" }
    }

    /// The text of the file at `path`, relative to the repository root.
    static func text(_ path: String) throws -> String {
        do {
            return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        } catch {
            throw Missing(path: path, underlying: error)
        }
    }

    /// Paths (relative to the root, sorted) of the files in `directory` whose names end in
    /// `suffix`.
    static func files(in directory: String, suffix: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(directory).path)
        } catch {
            throw Missing(path: directory, underlying: error)
        }
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { "\(directory)/\($0)" }
    }
}
