import BallastAPI
import Foundation
import KubeTypes
import PropertyBased
import Testing

@testable import BallastOperator

/// Whatever the cluster holds — any number of Events, pods and containers, log lines of any
/// length, texts full of escapes and multi-byte characters — the summary is within every bound
/// and does not depend on the order things were listed in.
@Suite("Diagnostics: bounded and deterministic for any input")
struct DiagnosticsSummarizerPropertyTests {
    /// Characters with escapes (`"`, `<`, control characters) and multi-byte ones among plain ones.
    static let alphabet: [Character] = Array("abcXYZ019 -_.:/\"\\<>&\n\t\u{1}\u{7f}é…😀\u{2028}日本")
    static let character = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }
    static let word = character.string(of: 0...40)
    static let line = character.string(of: 0...1_500)

    static let events = zip(
        word, character.string(of: 0...600), Gen.bool, Gen.int(in: 0...5_000).map { Int32($0) }, Gen.int(in: -1...100)
    ).map { reason, message, warning, count, seconds in
        (reason, message, warning, count, seconds)
    }.array(of: 0...60).map { specs in
        specs.enumerated().map { index, spec in
            var event = Event(
                metadata: ObjectMeta(name: "e\(index)"), involvedObject: ObjectReference(kind: "Pod", name: "p\(index % 7)-\(spec.0)"),
                reason: spec.0, message: spec.1, type: spec.2 ? "Warning" : "Normal", count: spec.3)
            event.lastTimestamp = spec.4 < 0 ? nil : Date(timeIntervalSince1970: Double(spec.4))
            return event
        }
    }

    static let pods = zip(
        character.string(of: 0...300), Gen.bool.array(of: 0...9), Gen.int(in: 0...40).map { Int32($0) }, character.string(of: 0...200)
    ).map { name, ready, restarts, reason in (name, ready, restarts, reason) }.array(of: 0...30).map { specs in
        specs.enumerated().map { index, spec in
            let statuses = spec.1.enumerated().map { offset, ready in
                ContainerStatus(
                    name: "c\(offset)", ready: ready, restartCount: restarts(spec.2, offset),
                    state: ContainerState(waiting: ready ? nil : .init(reason: spec.3), running: ready ? .init() : nil),
                    lastState: spec.2 > 0 ? ContainerState(terminated: .init(exitCode: 137, reason: spec.3)) : nil)
            }
            return Pod(
                metadata: ObjectMeta(name: "p\(index)-\(spec.0)"), spec: PodSpec(containers: [], nodeName: spec.0),
                status: PodStatus(phase: spec.3, containerStatuses: statuses))
        }
    }

    static func restarts(_ base: Int32, _ offset: Int) -> Int32 { base * Int32(offset + 1) }

    static let logs = zip(character.string(of: 0...300), line.array(of: 0...80))
        .map { pod, lines in DiagnosticsLog(pod: pod, container: pod, lines: lines) }
        .array(of: 0...14)

    static let notes = character.string(of: 0...400).array(of: 0...20)

    static func summarize(_ events: [Event], _ pods: [Pod], _ logs: [DiagnosticsLog], _ notes: [String]) -> DiagnosticsStatus {
        DiagnosticsSummarizer.summarize(
            events: events, pods: pods, logs: logs, notes: notes, since: Date(timeIntervalSince1970: 10),
            collectedAt: Date(timeIntervalSince1970: 1_000))
    }

    @Test func everyListAndTextIsWithinItsBound() async {
        await propertyCheck(count: 150, input: Self.events, Self.pods, Self.logs, Self.notes) { events, pods, logs, notes in
            let summary = Self.summarize(events, pods, logs, notes)
            #expect(summary.pods.count <= DiagnosticsLimits.pods)
            #expect(summary.events.count <= DiagnosticsLimits.events)
            #expect(summary.logs.count <= DiagnosticsLimits.logs)
            #expect(summary.notes.count <= DiagnosticsLimits.notes)
            for pod in summary.pods {
                #expect(pod.containers.count <= DiagnosticsLimits.containersPerPod)
                Self.expect(pod.name, DiagnosticsLimits.nameBytes)
                Self.expect(pod.phase, DiagnosticsLimits.wordBytes)
                Self.expect(pod.node ?? "", DiagnosticsLimits.nameBytes)
                for container in pod.containers {
                    Self.expect(container.state, DiagnosticsLimits.stateBytes)
                    Self.expect(container.lastTermination ?? "", DiagnosticsLimits.stateBytes)
                }
            }
            for event in summary.events {
                Self.expect(event.object, DiagnosticsLimits.objectBytes)
                Self.expect(event.reason, DiagnosticsLimits.reasonBytes)
                Self.expect(event.message, DiagnosticsLimits.messageBytes)
            }
            for log in summary.logs {
                #expect(log.lines.count <= DiagnosticsLimits.linesPerLog)
                #expect(log.lines.reduce(0) { $0 + StoredText.bytes(of: $1) } <= DiagnosticsLimits.bytesPerLog)
                Self.expect(log.pod, DiagnosticsLimits.nameBytes)
            }
            summary.notes.forEach { Self.expect($0, DiagnosticsLimits.noteBytes) }
            let json = try? JSONDecoder.kubernetes().decode(JSONValue.self, from: JSONEncoder.kubernetes().encode(summary))
            #expect(StoredText.bytes(ofJSON: json ?? .null) <= DiagnosticsLimits.worstCaseBytes)
        }
    }

    @Test func theOrderOfEventsAndPodsDoesNotMatter() async {
        await propertyCheck(count: 150, input: Self.events, Self.pods, Self.logs) { events, pods, logs in
            let summary = Self.summarize(events, pods, logs, [])
            #expect(Self.summarize(events.reversed(), pods.reversed(), logs, []) == summary)
            #expect(Self.summarize(Array(events.dropFirst(events.count / 2) + events.prefix(events.count / 2)), pods, logs, []) == summary)
        }
    }

    @Test func cuttingTextNeverExceedsTheLimitAndKeepsAPrefix() async {
        await propertyCheck(count: 300, input: Self.character.string(of: 0...300), Gen.int(in: 0...400)) { text, limit in
            let cut = StoredText.cut(text, to: limit)
            #expect(StoredText.bytes(of: cut) <= limit)
            if StoredText.bytes(of: text) <= limit {
                #expect(cut == text)
            } else if !cut.isEmpty {
                #expect(cut.hasSuffix(StoredText.ellipsis))
                #expect(text.unicodeScalars.starts(with: cut.unicodeScalars.dropLast()))
            }
        }
    }

    private static func expect(_ text: String, _ limit: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(StoredText.bytes(of: text) <= limit, "\(StoredText.bytes(of: text)) > \(limit)", sourceLocation: sourceLocation)
    }
}
