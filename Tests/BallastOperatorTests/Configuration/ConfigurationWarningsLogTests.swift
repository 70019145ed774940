import Foundation
import Logging
import Testing
@testable import BallastOperator

/// The warnings collected while resolving the configuration reach the log (docs/configuration.md
/// promises one at startup, e.g. when the receiver is off for want of a token file).
@Suite struct ConfigurationWarningsLogTests {
    @Test func everyWarningIsLoggedAtWarningLevel() throws {
        let configuration = try ConfigurationFixture().resolve()
        #expect(!configuration.warnings.isEmpty)
        let collector = LineCollector()
        let logger = Logger(label: "ballast") { label in
            JSONLogHandler(label: label, level: .info, sink: collector.sink, clock: { Date() })
        }
        configuration.logWarnings(to: logger)
        let records = try collector.objects()
        #expect(records.count == configuration.warnings.count)
        #expect(records.map { $0["level"] as? String } == configuration.warnings.map { _ in "warning" })
        #expect(records.compactMap { $0["warning"] as? String } == configuration.warnings)
        #expect(records.first?["warning"] as? String
            == "the Alertmanager receiver is off: no bearer token file is configured (receiver.tokenFile)")
    }
}
