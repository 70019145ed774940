import Testing
@testable import BallastOperator

@Test func BallastOperatorModuleLinks() {
    #expect(String(describing: BallastOperatorModule.self).hasSuffix("Module"))
}
