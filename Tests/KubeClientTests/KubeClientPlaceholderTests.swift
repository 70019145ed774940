import Testing
@testable import KubeClient

@Test func KubeClientModuleLinks() {
    #expect(String(describing: KubeClientModule.self).hasSuffix("Module"))
}
