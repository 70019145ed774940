import Testing
@testable import ControllerRuntime

@Test func ControllerRuntimeModuleLinks() {
    #expect(String(describing: ControllerRuntimeModule.self).hasSuffix("Module"))
}
