import BallastAPI
import BallastCtl
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Output formats and structured output")
struct OutputTests {
    @Test("-o accepts table, json and yaml in any case and refuses anything else")
    func parsesFormats() throws {
        #expect(try OutputFormat(parsing: "JSON") == .json)
        #expect(try OutputFormat(parsing: "yaml") == .yaml)
        #expect(try OutputFormat(parsing: "table") == .table)
        #expect(throws: CtlError(.usage, "unknown output format \"wide\"; use one of table, json, yaml")) {
            try OutputFormat(parsing: "wide")
        }
    }

    @Test("JSON and YAML have sorted keys and RFC 3339 times, and decode back to the same object")
    func roundTrips() throws {
        let policy = SafetyPolicy(
            metadata: ObjectMeta(name: "default"),
            spec: SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true, reason: "INC-1", by: "alice")),
            status: SafetyPolicyStatus(observedGeneration: 2, emergencyStop: EmergencyStopStatus(active: true, since: Date(timeIntervalSince1970: 1_800_000_000))))
        let json = try #require(try StructuredOutput.render(policy, as: .json))
        #expect(json.contains("\"since\" : \"2027-01-15T08:00:00Z\""))
        #expect(try JSONDecoder.kubernetes().decode(SafetyPolicy.self, from: Data(json.utf8)) == policy)
        let yaml = try #require(try StructuredOutput.render(policy, as: .yaml))
        #expect(yaml.hasPrefix("apiVersion: ballast.dev/v1alpha1\nkind: SafetyPolicy\nmetadata:"))
        #expect(yaml.contains("since: '2027-01-15T08:00:00Z'") || yaml.contains("since: 2027-01-15T08:00:00Z"))
        #expect(try StructuredOutput.render(policy, as: .table) == nil)
    }
}

@Suite("CtlError: exit codes and messages")
struct CtlErrorTests {
    @Test("exit codes follow the contract: 1 input, 2 API, 3 unconfirmed", arguments: [
        (CtlError.Kind.usage, Int32(1)), (.refused, 1), (.notFound, 2), (.forbidden, 2), (.api, 2), (.unconfirmed, 3),
    ])
    func exitCodes(kind: CtlError.Kind, code: Int32) {
        #expect(CtlError(kind, "x").exitCode == code)
    }

    @Test("a 404 names the object and the namespace")
    func notFoundMessage() {
        let error = CtlError(
            KubeErrorFixtures.notFound, object: ObjectName(kind: "remediationrequest", namespace: "shop", name: "foo"), verb: "get")
        #expect(error.kind == .notFound)
        #expect(error.message == "remediationrequest shop/foo not found in namespace shop")
    }

    @Test("a 403 names the verb and the object")
    func forbiddenMessage() {
        let error = CtlError(KubeErrorFixtures.forbidden, object: ObjectName(kind: "safetypolicy", name: "default"), verb: "patch")
        #expect(error.kind == .forbidden)
        #expect(error.message.hasPrefix("cannot patch safetypolicy default: forbidden: "))
    }
}

@Suite("ObjectName: how messages name objects")
struct ObjectNameTests {
    @Test("objects by kind and namespace/name, collections by their plural", arguments: [
        (ObjectName(kind: "remediationrequest", namespace: "shop", name: "foo"), "remediationrequest shop/foo"),
        (ObjectName(kind: "safetypolicy", name: "default"), "safetypolicy default"),
        (ObjectName(kind: "remediationrequests", namespace: "shop"), "remediationrequests in namespace shop"),
        (ObjectName(kind: "safetypolicies"), "safetypolicies"),
    ])
    func describes(name: ObjectName, expected: String) {
        #expect(name.description == expected)
    }
}

@Suite("CtlError: a resource the API server does not serve")
struct UnknownResourceTests {
    @Test("a 404 for the resource itself points at the CRDs, not at the object")
    func missingCRDs() {
        let unknown = KubeError(code: .notFound, message: "the server could not find the requested resource", httpStatus: 404)
        let error = CtlError(unknown, object: ObjectName(kind: "safetypolicies"), verb: "list")
        #expect(error.exitCode == 2)
        #expect(error.message == "cannot list safetypolicies: the API server does not serve this resource; are Ballast's CRDs installed? (ballast crds | kubectl apply -f -)")
    }
}
