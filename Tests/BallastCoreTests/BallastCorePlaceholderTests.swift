import Testing
@testable import BallastCore

@Test func BallastCoreModuleLinks() {
    #expect(String(describing: BallastCoreModule.self).hasSuffix("Module"))
}
