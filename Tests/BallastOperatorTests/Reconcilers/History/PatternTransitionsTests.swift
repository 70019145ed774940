import BallastAPI
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastOperator

@Suite struct PatternTransitionsTests {
    typealias F = ReconcilerFixture

    @Test func theSamePatternsReportNothing() {
        let patterns = [F.pattern(.scaleOscillation, .high), F.pattern(.ineffectiveLoop, .critical)]
        #expect(PatternTransitions.between(old: patterns, new: patterns.reversed()).isEmpty)
        #expect(PatternTransitions.between(old: nil, new: []).isEmpty)
    }

    @Test func aContinuingPatternWhoseNumbersMovedIsNotNew() {
        let old = [F.pattern(.scaleOscillation, .high, message: "3 changes")]
        let new = [F.pattern(.scaleOscillation, .high, message: "4 changes", firstSeen: 20)]
        #expect(PatternTransitions.between(old: old, new: new).isEmpty)
    }

    @Test func aNewPatternIsDetectedAndAGoneOneCleared() {
        let scale = F.pattern(.scaleOscillation, .high)
        let flapping = F.pattern(.flapping, .critical)
        let transitions = PatternTransitions.between(old: [scale], new: [flapping])
        #expect(transitions.detected == [.init(pattern: flapping, escalatedFrom: nil)])
        #expect(transitions.cleared == [scale])
    }

    @Test func anEscalationIsReportedWithTheFormerSeverityAndADeEscalationIsSilent() {
        let high = F.pattern(.scaleOscillation, .high)
        let critical = F.pattern(.scaleOscillation, .critical)
        let up = PatternTransitions.between(old: [high], new: [critical])
        #expect(up.detected == [.init(pattern: critical, escalatedFrom: .high)])
        #expect(up.cleared.isEmpty)
        #expect(PatternTransitions.between(old: [critical], new: [high]).isEmpty)
    }

    @Test func aSecondPatternOfTheSameTypeIsNew() {
        let first = F.pattern(.ineffectiveLoop, .high, message: "restart_deployment ran 4 times")
        let second = F.pattern(.ineffectiveLoop, .medium, message: "scale_deployment ran 3 times")
        let transitions = PatternTransitions.between(old: [first], new: [second, first])
        #expect(transitions.detected.map(\.pattern) == [second])
        #expect(transitions.cleared.isEmpty)
    }

    @Test func detectionsAreStrongestFirst() {
        let patterns = [F.pattern(.flapping, .medium), F.pattern(.cascadingFailure, .critical), F.pattern(.scaleOscillation, .high)]
        let transitions = PatternTransitions.between(old: nil, new: patterns)
        #expect(transitions.detected.map(\.pattern.severity) == [.critical, .high, .medium])
    }

    @Test func theResultDoesNotDependOnOrderAndEveryPatternComesFromItsSide() async {
        let all = PatternType.allCases.flatMap { type in PatternSeverity.allCases.map { F.pattern(type, $0) } }
        await propertyCheck(input: Gen.int(in: 0...(1 << 20)), Gen.int(in: 0...(1 << 20))) { oldMask, newMask in
            let old = all.enumerated().filter { oldMask & (1 << ($0.offset % 20)) != 0 }.map(\.element)
            let new = all.enumerated().filter { newMask & (1 << ($0.offset % 20)) != 0 }.map(\.element)
            let forward = PatternTransitions.between(old: old, new: new)
            #expect(forward == PatternTransitions.between(old: old.reversed(), new: new.reversed()))
            #expect(forward.detected.allSatisfy { new.contains($0.pattern) })
            #expect(forward.cleared.allSatisfy { old.contains($0) })
            #expect(PatternTransitions.between(old: new, new: new).isEmpty)
        }
    }
}
