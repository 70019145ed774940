import BallastAPI
import Foundation
import KubeTypes
import Testing

/// `status.diagnostics`: the CRD's bounds are ``DiagnosticsLimits``, and the largest object
/// those bounds allow stays under ``DiagnosticsLimits/worstCaseBytes`` as stored.
@Suite struct DiagnosticsLimitsTests {
    /// Schema path, keyword, and the limit it must equal.
    static let schemaBounds: [(String, String, Int)] = [
        ("status.diagnostics.pods", "maxItems", DiagnosticsLimits.pods),
        ("status.diagnostics.pods[].name", "maxLength", DiagnosticsLimits.nameBytes),
        ("status.diagnostics.pods[].phase", "maxLength", DiagnosticsLimits.wordBytes),
        ("status.diagnostics.pods[].node", "maxLength", DiagnosticsLimits.nameBytes),
        ("status.diagnostics.pods[].containers", "maxItems", DiagnosticsLimits.containersPerPod),
        ("status.diagnostics.pods[].containers[].name", "maxLength", DiagnosticsLimits.containerNameBytes),
        ("status.diagnostics.pods[].containers[].state", "maxLength", DiagnosticsLimits.stateBytes),
        ("status.diagnostics.pods[].containers[].lastTermination", "maxLength", DiagnosticsLimits.stateBytes),
        ("status.diagnostics.events", "maxItems", DiagnosticsLimits.events),
        ("status.diagnostics.events[].object", "maxLength", DiagnosticsLimits.objectBytes),
        ("status.diagnostics.events[].type", "maxLength", DiagnosticsLimits.wordBytes),
        ("status.diagnostics.events[].reason", "maxLength", DiagnosticsLimits.reasonBytes),
        ("status.diagnostics.events[].message", "maxLength", DiagnosticsLimits.messageBytes),
        ("status.diagnostics.logs", "maxItems", DiagnosticsLimits.logs),
        ("status.diagnostics.logs[].pod", "maxLength", DiagnosticsLimits.nameBytes),
        ("status.diagnostics.logs[].container", "maxLength", DiagnosticsLimits.containerNameBytes),
        ("status.diagnostics.logs[].lines", "maxItems", DiagnosticsLimits.linesPerLog),
        ("status.diagnostics.logs[].lines[]", "maxLength", DiagnosticsLimits.bytesPerLog),
        ("status.diagnostics.notes", "maxItems", DiagnosticsLimits.notes),
        ("status.diagnostics.notes[]", "maxLength", DiagnosticsLimits.noteBytes),
    ]

    @Test(arguments: schemaBounds.map { "\($0.0) \($0.1)" })
    func theCRDDeclaresTheOperatorsBound(field: String) throws {
        let (path, keyword, limit) = try #require(Self.schemaBounds.first { "\($0.0) \($0.1)" == field })
        let node = try #require(try CRDSchema.load(.remediationRequest).nodes.first { $0.path == path }, "no \(path) in the CRD")
        #expect(node.schema[keyword]?.intValue == Int64(limit))
    }

    @Test func everyBoundedDiagnosticsFieldIsInTheTable() throws {
        let bounded = try CRDSchema.load(.remediationRequest).nodes
            .filter { $0.path.hasPrefix("status.diagnostics") && ($0.schema["maxItems"] != nil || $0.schema["maxLength"] != nil) }
            .map(\.path)
        #expect(Set(bounded) == Set(Self.schemaBounds.map(\.0)))
    }

    /// Every list full, every text at its bound, every number and time at its widest.
    static func worstCase() -> DiagnosticsStatus {
        func text(_ bytes: Int) -> String { String(repeating: "x", count: bytes) }
        let widest = Date(timeIntervalSince1970: 1_795_000_000.123457)
        let container = DiagnosticsContainer(
            name: text(DiagnosticsLimits.containerNameBytes), ready: false, restartCount: .max,
            state: text(DiagnosticsLimits.stateBytes), lastTermination: text(DiagnosticsLimits.stateBytes))
        let pod = DiagnosticsPod(
            name: text(DiagnosticsLimits.nameBytes), phase: text(DiagnosticsLimits.wordBytes), node: text(DiagnosticsLimits.nameBytes),
            containers: Array(repeating: container, count: DiagnosticsLimits.containersPerPod))
        let event = DiagnosticsEvent(
            object: text(DiagnosticsLimits.objectBytes), type: text(DiagnosticsLimits.wordBytes),
            reason: text(DiagnosticsLimits.reasonBytes), message: text(DiagnosticsLimits.messageBytes), count: .max, lastSeen: widest)
        // The most lines the excerpt's bytes allow cost the most separators.
        let lineBytes = DiagnosticsLimits.bytesPerLog / DiagnosticsLimits.linesPerLog
        let log = DiagnosticsLog(
            pod: text(DiagnosticsLimits.nameBytes), container: text(DiagnosticsLimits.containerNameBytes),
            lines: Array(repeating: text(lineBytes), count: DiagnosticsLimits.linesPerLog))
        return DiagnosticsStatus(
            collectedAt: widest, pods: Array(repeating: pod, count: DiagnosticsLimits.pods),
            events: Array(repeating: event, count: DiagnosticsLimits.events),
            logs: Array(repeating: log, count: DiagnosticsLimits.logs),
            notes: Array(repeating: text(DiagnosticsLimits.noteBytes), count: DiagnosticsLimits.notes))
    }

    @Test func theWorstCaseStaysUnderTheDocumentedBytes() throws {
        let json = try JSONDecoder.kubernetes().decode(JSONValue.self, from: JSONEncoder.kubernetes().encode(Self.worstCase()))
        let bytes = StoredText.bytes(ofJSON: json)
        print("status.diagnostics worst case: \(bytes) bytes (\(bytes / 1024) KiB)")
        #expect(bytes <= DiagnosticsLimits.worstCaseBytes)
        #expect(bytes > DiagnosticsLimits.worstCaseBytes * 95 / 100, "the documented bound is tight: \(bytes)")
        #expect(bytes < 256 * 1024 / 2, "at most half of a 256 KiB request")
    }

    @Test func theAPIServerAcceptsTheWorstCaseAndKeepsItUnchanged() async throws {
        let contract = try await ContractCluster.prepared()
        let namespace = try await contract.cluster.makeNamespace("diag-worst")
        defer { contract.cluster.deleteNamespace(namespace) }
        let diagnostics = try JSONDecoder.kubernetes().decode(JSONValue.self, from: JSONEncoder.kubernetes().encode(Self.worstCase()))
        let request: JSONValue = [
            "apiVersion": "ballast.dev/v1alpha1", "kind": "RemediationRequest",
            "metadata": ["name": "worst-case-diagnostics"],
            "spec": ["alert": ["name": "KubeDeploymentReplicasMismatch"]],
            "status": ["diagnostics": diagnostics],
        ]
        let object = try #require(try ContractObject.parse(request.canonicalString(), origin: "worst case").first)
        let (_, stored) = try await contract.store(object, namespace: namespace)
        #expect(stored.value(at: ["status", "diagnostics"]) == diagnostics, "every bound is inside the schema's")
    }

    @Test func storedBytesCountEscapesAsTheAPIServerWritesThem() throws {
        #expect(StoredText.bytes(of: "abc") == 3)
        #expect(StoredText.bytes(of: "a\"b\\") == 6)
        #expect(StoredText.bytes(of: "<&>") == 18)
        #expect(StoredText.bytes(of: "\n\u{1}") == 8)
        #expect(StoredText.bytes(of: "é…😀") == 2 + 3 + 4)
        #expect(StoredText.bytes(ofJSON: ["a": [1, "x"], "b": .null]) == #"{"a":[1,"x"],"b":null}"#.utf8.count)
        #expect(StoredText.cut("abcdef", to: 6) == "abcdef")
        #expect(StoredText.cut("abcdefg", to: 6) == "abc…")
        #expect(StoredText.cut("<<<<", to: 10) == "<…")
        #expect(StoredText.cut("abc", to: 2) == "")
    }
}
