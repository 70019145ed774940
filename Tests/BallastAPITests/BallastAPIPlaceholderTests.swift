import Testing
@testable import BallastAPI

@Test func BallastAPIModuleLinks() {
    #expect(String(describing: BallastAPIModule.self).hasSuffix("Module"))
}
