import Foundation
import KubeTypes
import Testing
@testable import BallastDecision

/// The committed corpus (scenarios/) is complete and self-consistent, and the rules' score on
/// it is what the README records.
@Suite struct ScenarioCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios").path

    @Test func theCorpusCoversEveryCategoryWithAtLeastFortyScenarios() throws {
        let corpus = try ScenarioLoader.load(directory: Self.directory)
        #expect(corpus.count >= 40)
        #expect(Set(corpus.map(\.category)) == Set(ScenarioCategory.allCases.map(\.rawValue)))
    }

    @Test func everyAcceptableActionIsInTheCatalogAndAllowed() throws {
        let catalog = CoreDecisionCatalog()
        for scenario in try ScenarioLoader.load(directory: Self.directory) {
            for acceptable in scenario.expect.acceptable {
                #expect(catalog.action(named: acceptable.action) != nil, "\(scenario.name): \(acceptable.action) not in the catalog")
                #expect(scenario.allowedActions.contains { $0.name == acceptable.action }, "\(scenario.name): \(acceptable.action) not allowed")
            }
            if scenario.expect.escalationAcceptable {
                #expect(scenario.allowedActions.contains { $0.name == "escalate" }, "\(scenario.name): escalate not allowed")
            }
        }
    }

    @Test func scenariosBecomeFaithfulContexts() throws {
        let scenario = try ScenarioLoader.load(file: Self.directory + "/memory/oom-single-container.yaml")
        let context = scenario.decisionContext()
        #expect(context.alert.name == "KubePodOOMKilled")
        #expect(context.alert.labels["container"] == "app")
        #expect(context.target.displayName == "Deployment shop/web")
        #expect(context.target.containers.first?.limits == ["memory": "512Mi", "cpu": "500m"])
        #expect(context.target.containers.first?.restartCount == 4)
        #expect(context.target.containers.first?.lastTerminationReason == "OOMKilled")
        let node = try ScenarioLoader.load(file: Self.directory + "/node/node-not-ready.yaml").decisionContext()
        #expect(node.target.namespace == nil)
        #expect(node.target.facts["condition.Ready"] == "Unknown")
    }

    @Test func aMissingDirectoryIsReported() {
        #expect(throws: ScenarioLoadError(path: "/nonexistent/scenarios", message: "not a readable directory")) {
            try ScenarioLoader.load(directory: "/nonexistent/scenarios")
        }
    }

    @Test func badFilesAreReportedByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try String(contentsOfFile: Self.directory + "/memory/oom-single-container.yaml", encoding: .utf8)
        let bad = directory.appendingPathComponent("bad.yaml")
        try source.replacingOccurrences(of: "category: memory", with: "category: weather").write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioLoadError(path: bad.path, message: "category weather is not one of memory, crashloop, rollout, scaling, node, storage, noise, security, oscillation")) {
            try ScenarioLoader.load(directory: directory.path)
        }
    }
}
