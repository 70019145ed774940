import BallastAPI
import KubeTypes
import Testing
@testable import BallastOperator
@testable import ControllerRuntime

@Suite("Request cache indexed by phase")
struct RequestPhaseIndexTests {
    static func request(_ name: String, _ phase: RemediationPhase?) -> RemediationRequest {
        var request = RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: "shop", resourceVersion: "1"),
            spec: RemediationRequestSpec(target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: "web")))
        if let phase { request.status = RemediationRequestStatus(phase: phase) }
        return request
    }

    /// One request in every phase, plus one with no status yet.
    static let store = Store(
        preloaded: RemediationPhase.allCases.map { request($0.rawValue.lowercased(), $0) } + [request("fresh", nil)],
        indexes: [.phase])

    @Test("a request with no status is filed as Pending; every other under its phase")
    func filing() {
        let pending = RequestPhaseIndex.requests(in: [.pending], of: Self.store).compactMap(\.metadata.name).sorted()
        #expect(pending == ["fresh", "pending"])
        for phase in RemediationPhase.allCases where phase != .pending {
            #expect(RequestPhaseIndex.requests(in: [phase], of: Self.store).compactMap(\.metadata.name) == [phase.rawValue.lowercased()])
        }
    }

    @Test("unfinished is every request not in a terminal phase, and agrees with a full scan")
    func unfinished() {
        let indexed = Set(RequestPhaseIndex.unfinished(of: Self.store).compactMap(\.metadata.name))
        let scanned = Set(Self.store.list().filter { !($0.status?.phase?.isTerminal ?? false) }.compactMap(\.metadata.name))
        #expect(indexed == scanned)
        #expect(indexed == ["fresh", "pending", "analyzing", "awaitingapproval", "executing", "verifying", "blocked"])
    }

    @Test("the operator's request store files a request under its phase, and moves it when the phase changes")
    func operatorStore() {
        let store = OperatorInformers.requestStore()
        _ = store.upsert(Self.request("run", .executing))
        #expect(RequestPhaseIndex.requests(in: [.executing], of: store).compactMap(\.metadata.name) == ["run"])
        var finished = Self.request("run", .verifying)
        finished.metadata.resourceVersion = "2"
        _ = store.upsert(finished)
        #expect(RequestPhaseIndex.requests(in: [.executing], of: store).isEmpty)
        #expect(RequestPhaseIndex.requests(in: [.verifying], of: store).compactMap(\.metadata.name) == ["run"])
    }
}
