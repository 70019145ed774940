import Testing
@testable import BallastAPI

@Suite struct NamingTests {
    @Test func fnv1aMatchesReferenceVectors() {
        // Reference vectors from the FNV specification test suite.
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c")
    }

    @Test func actionIdIsStableAndDistinguishesAttempts() {
        let first = ActionID.make(requestUID: "uid-1", attempt: 1)
        #expect(first == ActionID.make(requestUID: "uid-1", attempt: 1))
        #expect(first != ActionID.make(requestUID: "uid-1", attempt: 2))
        #expect(ActionID.make(requestUID: "a1", attempt: 2) != ActionID.make(requestUID: "a", attempt: 12))
        #expect(first.count == 16)
        #expect(first == FNV1a.hex("uid-1/1"))
    }

    @Test(arguments: [
        ("Deployment", "web", "deployment-web"),
        ("StatefulSet", "DB-0", "statefulset-db-0"),
        ("Node", "ip-10-0-0-1", "node-ip-10-0-0-1"),
    ])
    func plainNamesAreKindDashName(kind: String, name: String, expected: String) {
        let target = TargetReference(apiVersion: "v1", kind: kind, name: name)
        #expect(ActionHistory.name(for: target) == expected)
    }

    @Test func longOrMangledNamesGetAHashSuffixAndStayDNSLabels() {
        let long = TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: String(repeating: "x", count: 80))
        let dotted = TargetReference(apiVersion: "v1", kind: "Node", name: "node.example.com")
        let dashed = TargetReference(apiVersion: "v1", kind: "Node", name: "node-example-com")
        for target in [long, dotted, dashed] {
            let name = ActionHistory.name(for: target)
            #expect(name.count <= 63)
            #expect(name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            #expect(name.first != "-" && name.last != "-")
        }
        #expect(ActionHistory.name(for: long).hasSuffix(FNV1a.hex("Deployment-" + String(repeating: "x", count: 80))))
        #expect(ActionHistory.name(for: dotted) != ActionHistory.name(for: dashed))
        #expect(ActionHistory.name(for: dashed) == "node-node-example-com")
    }
}
