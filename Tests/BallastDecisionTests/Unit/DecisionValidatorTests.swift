import KubeTypes
import Testing
@testable import BallastDecision

@Suite struct DecisionValidatorTests {
    let validator = DecisionValidator(catalog: FakeCatalog())
    let context = Fixtures.context()

    func answer(_ action: String, _ parameters: [String: JSONValue] = [:], confidence: Double = 0.8, target: [String: JSONValue]? = nil) throws -> ModelAnswer {
        var object: [String: JSONValue] = [
            "action": .string(action), "parameters": .object(parameters), "confidence": .double(confidence), "reasoning": "r",
        ]
        if let target { object["target"] = .object(target) }
        return try ModelAnswer(object: object)
    }

    @Test func acceptsAValidAnswerAndDropsUnknownAlternatives() throws {
        var candidate = try answer("scale_deployment", ["replicas": 5])
        candidate.alternatives = [
            .init(action: "restart_deployment", confidence: 0.4), .init(action: "drain_node", confidence: 0.9),
            .init(action: "escalate", confidence: 1.7),
        ]
        let accepted = try validator.validate(candidate, for: context)
        #expect(accepted.action == "scale_deployment")
        #expect(accepted.alternatives == [.init(action: "restart_deployment", confidence: 0.4)])
    }

    @Test(arguments: [
        ("reboot_cluster", [:], 0.9, AnswerRejection.unknownAction("reboot_cluster")),
        ("drain_node", [:], 0.9, .actionNotAllowed("drain_node", allowed: ["scale_deployment", "increase_resources", "restart_deployment", "escalate"])),
        ("scale_deployment", ["replicas": 40], 0.9, .invalidParameters(action: "scale_deployment", problems: ["parameters.replicas: 40 exceeds maxReplicas 10"])),
        ("scale_deployment", ["replicas": "many"], 0.9, .invalidParameters(action: "scale_deployment", problems: ["parameters.replicas: must be an integer"])),
        ("increase_resources", [:], 0.9, .invalidParameters(action: "increase_resources", problems: ["parameters.container: required"])),
        ("restart_deployment", [:], 1.5, .confidenceOutOfRange(1.5)),
        ("restart_deployment", [:], -0.1, .confidenceOutOfRange(-0.1)),
        ("restart_deployment", ["namespace": "kube-system"], 0.9,
         .targetChanged("parameters.namespace is not accepted; the target is fixed to Deployment shop/web")),
        ("scale_deployment", ["replicas": 5, "limits": ["maxReplicas": 100]], 0.9,
         .limitsChanged("parameters.limits is not accepted; limits come from the SafetyPolicy")),
    ] as [(String, [String: JSONValue], Double, AnswerRejection)])
    func rejectsPrecisely(action: String, parameters: [String: JSONValue], confidence: Double, expected: AnswerRejection) {
        #expect(throws: expected) { try validator.validate(try answer(action, parameters, confidence: confidence), for: context) }
    }

    @Test func rejectsAnotherTargetButAcceptsAnEcho() throws {
        let other = try answer("restart_deployment", target: ["kind": "Deployment", "namespace": "payments", "name": "api"])
        #expect(throws: AnswerRejection.targetChanged("target.name \"api\" differs from the request's Deployment shop/web")) {
            try validator.validate(other, for: context)
        }
        let echo = try answer("restart_deployment", target: ["kind": "Deployment", "namespace": "shop", "name": "web"])
        #expect(try validator.validate(echo, for: context).action == "restart_deployment")
    }

    @Test func nonFiniteConfidenceIsRejected() {
        #expect(throws: AnswerRejection.self) { try validator.validate(try answer("escalate", confidence: .nan), for: context) }
    }

    @Test func textValidationWrapsParseErrors() {
        #expect(throws: AnswerRejection.malformed("no JSON object found in the answer")) {
            try validator.validate(text: "restart it", for: context)
        }
    }
}
