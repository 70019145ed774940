import Foundation
import KubeTypes
import Testing

/// docs/api.md and config/samples/ against the Swift models, without a cluster: every object
/// decodes, and encoding it again gives back exactly what was written (so a field the model
/// does not know, or writes differently, fails here).
@Suite struct ContractDecodingTests {
    @Test func theContractHasObjectsOfEveryKind() throws {
        let documented = Set(try ContractObject.documentation().map(\.kind))
        let sampled = Set(try ContractObject.samples().map(\.kind))
        #expect(documented == Set(BallastKind.allCases))
        #expect(sampled == Set(BallastKind.allCases))
    }

    @Test(arguments: try ContractObject.all())
    func decodesWithTheModelAndEncodesBackUnchanged(object: ContractObject) throws {
        let reencoded = try object.kind.roundTripThroughModel(object.json)
        let differences = reencoded.removing("metadata").differences(from: object.json.removing("metadata"))
        #expect(differences.isEmpty, "\(object.origin) changed through the model: \(differences)")
    }
}
