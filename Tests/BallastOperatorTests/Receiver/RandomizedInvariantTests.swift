import Foundation
import Testing
@testable import BallastOperator

/// Invariants checked over many generated inputs (seeded, so a failure names a reproducible
/// case). Each test collects counterexamples and expects none, so a failure lists them.
@Suite struct RandomizedInvariantTests {
    @Test(arguments: 0..<4)
    func namesAreAlwaysDNSLabelsWithinBounds(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var counterexamples: [String] = []
        for _ in 0..<300 {
            let alertName = String.random(length: Int.random(in: 0...120, using: &generator), using: &generator)
            let fingerprint = String.random(length: Int.random(in: 1...63, using: &generator), using: &generator)
            let base = RequestNaming.baseName(alertName: alertName, fingerprint: fingerprint)
            let name = RequestNaming.name(base: base, occurrence: Int.random(in: 1...999, using: &generator))
            if !RequestNaming.isDNSLabel(name) || name.utf8.count > RequestNaming.maxNameLength {
                counterexamples.append("\(alertName.debugDescription) / \(fingerprint.debugDescription) -> \(name)")
            }
        }
        #expect(counterexamples.isEmpty, "seed \(seed)")
    }

    @Test(arguments: 0..<4)
    func truncatedAnnotationsFitAndKeepTheirPrefix(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var counterexamples: [String] = []
        for _ in 0..<300 {
            let limit = Int.random(in: 3...300, using: &generator)
            let text = String.random(length: Int.random(in: 0...200, using: &generator), using: &generator)
            let cut = AnnotationBounds(limits: ReceiverLimits(maxAnnotationValueBytes: limit)).truncated(text)
            let fits = cut.utf8.count <= limit
            let faithful = cut == text || (cut.hasSuffix(AnnotationBounds.ellipsis) && text.hasPrefix(String(cut.dropLast())))
            if !fits || !faithful {
                counterexamples.append("limit \(limit): \(text.debugDescription) -> \(cut.debugDescription)")
            }
        }
        #expect(counterexamples.isEmpty, "seed \(seed)")
    }

    /// Mutated real-shaped bodies (bytes replaced, dropped, duplicated) either parse into a valid
    /// notification or are rejected with located problems: never a crash, never an empty error.
    @Test(arguments: 0..<4)
    func mutatedBodiesNeverCrashTheParser(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let original = Payloads.firing([Payloads.alert(), Payloads.alert(status: "resolved", fingerprint: "00aa")])
        var accepted = 0
        var counterexamples: [String] = []
        for _ in 0..<300 {
            var body = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<body.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: body[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: body.remove(at: index)
                default: body.insert(body[index], at: index)
                }
            }
            do {
                let webhook = try AlertmanagerWebhook.parse(body)
                if webhook.alerts.isEmpty || webhook.alerts.contains(where: { $0.name.isEmpty || $0.fingerprint.isEmpty }) {
                    counterexamples.append("accepted invalid: \(String(decoding: body, as: UTF8.self))")
                }
                accepted += 1
            } catch {
                if error.problems.isEmpty || error.problems.contains(where: { $0.path.isEmpty || $0.problem.isEmpty }) {
                    counterexamples.append("unlocated error \(error) for \(String(decoding: body, as: UTF8.self))")
                }
            }
        }
        #expect(counterexamples.isEmpty, "seed \(seed)")
        #expect(accepted < 300, "mutations must be able to break the payload")
    }
}
