import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// The marker every mutation leaves on its target, so a re-run of the same actionId (after a
/// crash between acting and recording) observes "already applied" on the live object and
/// returns the recorded changes instead of acting twice.
///
/// Stored as two metadata annotations: ``actionIdKey`` (the actionId) and ``changesKey`` (the
/// changes as compact JSON, at most ``maxRecordedChanges`` of them).
public struct AppliedRecord: Sendable, Hashable {
    /// `ballast.dev/last-action-id`.
    public static let actionIdKey = "ballast.dev/last-action-id"
    /// `ballast.dev/last-action-changes`.
    public static let changesKey = "ballast.dev/last-action-changes"
    /// Bound on the changes kept in the annotation.
    public static let maxRecordedChanges = 20

    /// The actionId that last changed the target.
    public var actionId: String
    /// What that action changed, as recorded on the target.
    public var changes: [FieldChange]

    /// Creates a record.
    public init(actionId: String, changes: [FieldChange]) {
        self.actionId = actionId
        self.changes = changes
    }

    /// The record `object` carries for `actionId`, or `nil` when its last action was another one.
    public static func find(actionId: String, on object: UnstructuredObject) -> AppliedRecord? {
        guard let annotations = object.metadata.annotations, annotations[actionIdKey] == actionId else { return nil }
        let changes = annotations[changesKey]
            .flatMap { try? JSONDecoder().decode([FieldChange].self, from: Data($0.utf8)) } ?? []
        return AppliedRecord(actionId: actionId, changes: changes)
    }

    /// The annotations that record this action on its target.
    public var annotations: [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bounded = Array(changes.prefix(Self.maxRecordedChanges))
        let text = (try? encoder.encode(bounded)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return [Self.actionIdKey: actionId, Self.changesKey: text]
    }
}
