import Testing
@testable import BallastDecision

@Test func BallastDecisionModuleLinks() {
    #expect(String(describing: BallastDecisionModule.self).hasSuffix("Module"))
}
