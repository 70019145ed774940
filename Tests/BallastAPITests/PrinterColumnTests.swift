import Foundation
import KubeTypes
import Testing

/// `kubectl get rr/ah/sp` shows the columns that make the objects readable at a glance.
@Suite struct PrinterColumnTests {
    /// The header and value cells that `kubectl get` must print for `sample`.
    struct Expectation: Sendable, CustomTestStringConvertible {
        let sample: String
        let kind: BallastKind
        let headers: [String]
        let cells: [String: String]
        /// Extra columns `-o wide` shows, with their values.
        let wide: [String: String]
        /// A status to write when the sample has none.
        var status: JSONValue? = nil
        var testDescription: String { kind.shortName }
    }

    static let expectations: [Expectation] = [
        Expectation(
            sample: "config/samples/remediationrequest-oomkilled.yaml", kind: .remediationRequest,
            headers: ["NAME", "PHASE", "ACTION", "TARGET", "CONFIDENCE", "SOURCE", "AGE"],
            cells: ["PHASE": "Completed", "ACTION": "increase_resources", "TARGET": "web", "CONFIDENCE": "0.86",
                    "SOURCE": "Rules"],
            wide: ["ALERT": "KubeContainerOOMKilled", "KIND": "Deployment"]),
        Expectation(
            sample: "config/samples/actionhistory-deployment-web.yaml", kind: .actionHistory,
            headers: ["NAME", "TARGET", "ACTIONS", "OSCILLATING", "PATTERN", "LAST ACTION", "AGE"],
            cells: ["TARGET": "web", "ACTIONS": "3", "OSCILLATING": "True", "PATTERN": "ScaleOscillation"],
            wide: ["KIND": "Deployment"]),
        Expectation(
            sample: "config/samples/safetypolicy-default.yaml", kind: .safetyPolicy,
            headers: ["NAME", "EMERGENCY STOP", "MODE", "EXECUTING", "AGE"],
            cells: ["EMERGENCY STOP": "false", "MODE": "Enforce", "EXECUTING": "2"],
            wide: ["READY": "True"],
            status: [
                "executing": 2,
                "conditions": [[
                    "type": "Ready", "status": "True", "lastTransitionTime": "2026-11-20T09:00:00Z",
                    "reason": "Valid", "message": "policy is valid and in effect",
                ]],
            ]),
    ]

    @Test(arguments: expectations)
    func kubectlGetShowsTheColumns(expected: Expectation) async throws {
        let contract = try await ContractCluster.prepared()
        var json = try #require(
            try YAMLDocuments.parse(Repository.text(expected.sample), origin: expected.sample).first)
        if let status = expected.status { json = json.setting(["status"], to: status) }
        let object = try #require(try ContractObject.parse(json.canonicalString(), origin: expected.sample).first)
        let namespace = try await contract.cluster.makeNamespace("columns")
        let name = expected.kind.resource.namespaced ? object.name : "\(object.name)-\(namespace)"
        defer {
            contract.cluster.deleteNamespace(namespace)
            if !expected.kind.resource.namespaced { contract.deleteClusterScoped(expected.kind, name: name) }
        }
        _ = try await contract.store(object, namespace: namespace)

        var arguments = ["get", expected.kind.shortName, name]
        if expected.kind.resource.namespaced { arguments += ["-n", namespace] }
        let lines = try await contract.cluster.kubectlChecked(arguments).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let header = try #require(lines.first)
        let row = try #require(lines.last)
        let table = try #require(Table(header: header, row: row))
        #expect(table.headers == expected.headers)
        #expect(table.cells["NAME"] == name)
        for (header, value) in expected.cells {
            #expect(table.cells[header] == value, "column \(header)")
        }

        let wideLines = try await contract.cluster.kubectlChecked(arguments + ["-o", "wide"]).split(separator: "\n")
        let wide = try #require(Table(header: String(wideLines[0]), row: String(wideLines[wideLines.count - 1])))
        for (header, value) in expected.wide {
            #expect(wide.cells[header] == value, "wide column \(header)")
        }
    }

    /// One row of a `kubectl get` table, cut at the header's column starts (a column starts
    /// after two or more spaces; headers such as `LAST ACTION` contain single spaces).
    struct Table {
        let headers: [String]
        let cells: [String: String]

        init?(header: String, row: String) {
            let head = Array(header)
            let line = Array(row)
            let starts = head.indices.filter { index in
                head[index] != " " && (index == 0 || (index >= 2 && head[index - 1] == " " && head[index - 2] == " "))
            }
            guard !starts.isEmpty else { return nil }
            let bounds = zip(starts, starts.dropFirst() + [Int.max]).map { $0..<$1 }
            func cut(_ characters: [Character], _ range: Range<Int>) -> String {
                guard range.lowerBound < characters.count else { return "" }
                let slice = characters[range.lowerBound..<min(range.upperBound, characters.count)]
                return String(slice).trimmingCharacters(in: .whitespaces)
            }
            headers = bounds.map { cut(head, $0) }
            cells = Dictionary(uniqueKeysWithValues: bounds.map { (cut(head, $0), cut(line, $0)) })
        }
    }
}
