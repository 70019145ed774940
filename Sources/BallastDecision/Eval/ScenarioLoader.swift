import Foundation
import Yams

/// Why a scenario could not be loaded; names the file.
public struct ScenarioLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What was wrong.
    public var message: String
    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// Reads scenario YAML files from a directory tree.
public enum ScenarioLoader {
    /// Every `*.yaml`/`*.yml` file under `directory` (recursively), sorted by path, parsed and
    /// checked (known category, at least one acceptable answer or escalation, unique names).
    /// - Throws: ``ScenarioLoadError`` naming the first bad file.
    public static func load(directory: String) throws(ScenarioLoadError) -> [Scenario] {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        else {
            throw ScenarioLoadError(path: directory, message: "not a readable directory")
        }
        let files = enumerator.compactMap { $0 as? URL }
            .filter { ["yaml", "yml"].contains($0.pathExtension) && $0.lastPathComponent != "README.yaml" }
            .sorted { $0.path < $1.path }
        var scenarios: [Scenario] = []
        var names: Set<String> = []
        for file in files {
            let scenario = try load(file: file.path)
            guard names.insert(scenario.name).inserted else {
                throw ScenarioLoadError(path: file.path, message: "duplicate scenario name \(scenario.name)")
            }
            scenarios.append(scenario)
        }
        guard !scenarios.isEmpty else { throw ScenarioLoadError(path: directory, message: "no scenario files (*.yaml) found") }
        return scenarios
    }

    /// One scenario file.
    public static func load(file path: String) throws(ScenarioLoadError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioLoadError(path: path, message: "cannot be read")
        }
        let scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: data)
        } catch {
            throw ScenarioLoadError(path: path, message: "invalid scenario: \(error)")
        }
        guard ScenarioCategory(rawValue: scenario.category) != nil else {
            throw ScenarioLoadError(
                path: path, message: "category \(scenario.category) is not one of \(ScenarioCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !scenario.expect.acceptable.isEmpty || scenario.expect.escalationAcceptable else {
            throw ScenarioLoadError(path: path, message: "expect lists no acceptable action and escalation is not acceptable")
        }
        return scenario
    }
}
