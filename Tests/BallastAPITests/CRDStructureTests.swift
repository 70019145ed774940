import BallastAPI
import Foundation
import KubeTypes
import Testing

/// Structural checks of crds/ against the Swift models and the contract's rules, without a
/// cluster.
@Suite struct CRDStructureTests {
    /// Every enum of every CRD, by path, and the Swift enum it must equal.
    static let modelEnums: [BallastKind: [String: [String]]] = [
        .remediationRequest: [
            "spec.alert.severity": values(AlertSeverity.self),
            "spec.mode": values(RequestMode.self),
            "spec.action.name": values(ActionName.self),
            "spec.allowedActions[]": values(ActionName.self),
            "spec.approval.decision": values(ApprovalDecision.self),
            "status.phase": values(RemediationPhase.self),
            "status.decision.action": values(ActionName.self),
            "status.decision.source": values(DecisionSource.self),
            "status.decision.alternatives[].action": values(ActionName.self),
            "status.policy.verdict": values(PolicyVerdict.self),
            "status.policy.reasons[].code": values(PolicyReasonCode.self),
            "status.execution.result": values(ExecutionResult.self),
            "status.conditions[].status": values(ConditionStatus.self),
        ],
        .actionHistory: [
            "spec.analysis.onDetect": values(OscillationResponse.self),
            "status.entries[].action": values(ActionName.self),
            "status.entries[].source": values(DecisionSource.self),
            "status.entries[].state": values(EntryState.self),
            "status.alerts[].state": values(AlertState.self),
            "status.patterns[].type": values(PatternType.self),
            "status.patterns[].severity": values(PatternSeverity.self),
            "status.patterns[].prevention": values(Prevention.self),
            "status.conditions[].status": values(ConditionStatus.self),
        ],
        .safetyPolicy: [
            "spec.mode": values(PolicyMode.self),
            "spec.namespaceSelector.matchExpressions[].operator": values(LabelSelectorRequirement.Operator.self),
            "spec.targetSelector.matchExpressions[].operator": values(LabelSelectorRequirement.Operator.self),
            "spec.oscillation.onDetect": values(OscillationResponse.self),
            "spec.actions[].name": values(ActionName.self),
            "status.circuitBreakers[].action": values(ActionName.self),
            "status.circuitBreakers[].state": values(CircuitState.self),
            "status.conditions[].status": values(ConditionStatus.self),
        ],
    ]

    private static func values<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    @Test(arguments: BallastKind.allCases)
    func everyEnumEqualsItsSwiftEnum(kind: BallastKind) throws {
        let schema = try CRDSchema.load(kind)
        let expected = try #require(Self.modelEnums[kind])
        #expect(Set(schema.enums.keys) == Set(expected.keys), "enum fields of \(kind.crdPath) and the table differ")
        for (path, values) in schema.enums {
            #expect(values == expected[path], "\(kind.crdPath) \(path)")
        }
    }

    @Test(arguments: BallastKind.allCases)
    func namesScopeAndSubresourceMatchTheModels(kind: BallastKind) throws {
        let schema = try CRDSchema.load(kind)
        let spec = schema.crd["spec"]
        #expect(schema.crd.value(at: ["metadata", "name"])?.stringValue == kind.qualifiedResource)
        #expect(spec?["group"]?.stringValue == BallastGroup.group)
        #expect(schema.version["name"]?.stringValue == BallastGroup.version)
        #expect(spec?.value(at: ["names", "kind"])?.stringValue == kind.resource.kind)
        #expect(spec?.value(at: ["names", "plural"])?.stringValue == kind.resource.plural)
        #expect(spec?.value(at: ["names", "shortNames"]) == [.string(kind.shortName)])
        #expect(spec?["scope"]?.stringValue == (kind.resource.namespaced ? "Namespaced" : "Cluster"))
        #expect(schema.version.value(at: ["subresources", "status"]) == [:])
    }

    @Test(arguments: BallastKind.allCases)
    func everyListIsBounded(kind: BallastKind) throws {
        let unbounded = try CRDSchema.load(kind).nodes
            .filter { $0.schema["type"]?.stringValue == "array" && $0.schema["maxItems"]?.intValue == nil }
            .map(\.path)
        #expect(unbounded.isEmpty, "lists without maxItems in \(kind.crdPath): \(unbounded)")
    }

    /// The operator's history ledger keeps the status it sent and decodes only the metadata of
    /// the server's answer; that is exact only while the server stores an ActionHistory status
    /// unchanged, i.e. while no field under `status` has a default.
    @Test func actionHistoryStatusHasNoDefaults() throws {
        let defaulted = try CRDSchema.load(.actionHistory).nodes
            .filter { $0.path.hasPrefix("status") && $0.schema["default"] != nil }
            .map(\.path)
        #expect(defaulted.isEmpty, "ActionHistory status fields with defaults break HistoryLedger's remembered copies: \(defaulted)")
    }

    @Test(arguments: BallastKind.allCases)
    func durationAndQuantityPatternsAreTheKubeTypesOnes(kind: BallastKind) throws {
        for node in try CRDSchema.load(kind).nodes {
            guard let pattern = node.schema["pattern"]?.stringValue else { continue }
            if pattern.contains("ms|s|m|h") {
                #expect(pattern == GoDuration.schemaPattern, "\(node.path)")
            }
            if pattern.contains("Ki") || pattern.contains("KMGTPE") {
                #expect(pattern == Quantity.schemaPattern, "\(node.path)")
            }
        }
    }

    @Test(arguments: BallastKind.allCases)
    func printerColumnsPointAtDeclaredFields(kind: BallastKind) throws {
        let schema = try CRDSchema.load(kind)
        let declared = Set(schema.nodes.map(\.path))
        let columns = schema.version["additionalPrinterColumns"]?.arrayValue ?? []
        #expect(!columns.isEmpty)
        for column in columns {
            let jsonPath = try #require(column["jsonPath"]?.stringValue)
            guard !jsonPath.hasPrefix(".metadata.") else { continue }
            // `.status.conditions[?(@.type=="Ready")].status` and `.status.patterns[0].type`
            // both address `status.conditions[].status`-style schema paths.
            let path = String(jsonPath.dropFirst())
                .replacingOccurrences(of: #"\[[^\]]*\]"#, with: "[]", options: .regularExpression)
            #expect(declared.contains(path), "\(kind.crdPath) column \(column["name"]?.stringValue ?? "?") -> \(path)")
        }
    }

    @Test(arguments: BallastKind.allCases)
    func everyFieldIsExercisedBySamplesOrDocumentation(kind: BallastKind) throws {
        let written = try ContractObject.all().filter { $0.kind == kind }
            .reduce(into: Set<String>()) { $0.formUnion($1.json.fieldPaths) }
        let missing = try CRDSchema.load(kind).leafPaths.subtracting(written).sorted()
        #expect(missing.isEmpty, "fields of \(kind.crdPath) that no sample or api.md block sets: \(missing)")
    }
}
