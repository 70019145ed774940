import Foundation
import KubeTypes

/// A kind of harmful repetition detected in a history.
public enum PatternType: String, APIEnum {
    case scaleOscillation = "ScaleOscillation"
    case resourceThrashing = "ResourceThrashing"
    case ineffectiveLoop = "IneffectiveLoop"
    case cascadingFailure = "CascadingFailure"
    case flapping = "Flapping"
}

/// How bad a detected pattern is.
public enum PatternSeverity: String, APIEnum, Comparable {
    case low = "Low"
    case medium = "Medium"
    case high = "High"
    case critical = "Critical"

    /// `Low < Medium < High < Critical`.
    public static func < (lhs: PatternSeverity, rhs: PatternSeverity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// What the operator does about a detected pattern.
public enum Prevention: String, APIEnum, Comparable {
    /// Suggest a different action; the same one is still allowed.
    case alternative = "Alternative"
    /// Deny mutating actions on the target until `blockedUntil`.
    case coolOff = "CoolOff"
    /// Deny and hand over to a person.
    case escalate = "Escalate"
    /// Deny mutating actions on the target until `blockedUntil`.
    case block = "Block"

    /// Orders by strength: `Alternative < CoolOff < Escalate < Block`.
    public static func < (lhs: Prevention, rhs: Prevention) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A pattern found in the history.
public struct DetectedPattern: Codable, Sendable, Hashable {
    public var type: PatternType
    public var severity: PatternSeverity
    /// How many times the pattern's defining event occurred (direction changes, repeats, ...).
    public var occurrences: Int
    /// The span the occurrences fall in.
    public var window: GoDuration
    public var firstSeen: Date
    public var lastSeen: Date
    public var prevention: Prevention
    /// Until when mutating actions on the target are denied; `nil` when nothing is blocked.
    public var blockedUntil: Date?
    /// What was seen, with the numbers.
    public var message: String

    /// Creates a pattern record.
    public init(
        type: PatternType, severity: PatternSeverity, occurrences: Int, window: GoDuration,
        firstSeen: Date, lastSeen: Date, prevention: Prevention, blockedUntil: Date?, message: String
    ) {
        self.type = type
        self.severity = severity
        self.occurrences = occurrences
        self.window = window
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.prevention = prevention
        self.blockedUntil = blockedUntil
        self.message = message
    }
}

/// Aggregate effectiveness of the actions in a history.
public struct EffectivenessSummary: Codable, Sendable, Hashable {
    /// Mean over all scored entries.
    public var overall: Double?
    /// Mean per action name.
    public var byAction: [String: Double]?

    /// Creates a summary.
    public init(overall: Double? = nil, byAction: [String: Double]? = nil) {
        self.overall = overall
        self.byAction = byAction
    }
}

/// Totals over a history.
public struct HistorySummary: Codable, Sendable, Hashable {
    public var totalActions: Int64
    public var lastActionAt: Date?
    public var effectiveness: EffectivenessSummary?

    /// Creates a summary.
    public init(totalActions: Int64, lastActionAt: Date? = nil, effectiveness: EffectivenessSummary? = nil) {
        self.totalActions = totalActions
        self.lastActionAt = lastActionAt
        self.effectiveness = effectiveness
    }
}

/// `status` of an ``ActionHistory``.
public struct ActionHistoryStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    /// Newest last, pruned by retention.
    public var entries: [ActionEntry]?
    /// Alert state changes seen on the target, newest last, pruned by retention.
    public var alerts: [AlertObservation]?
    public var patterns: [DetectedPattern]?
    public var summary: HistorySummary?
    /// Names of the alerts on this target currently considered flapping (the flap detector's
    /// hysteresis state: it needs the previous verdict between its two thresholds).
    public var flappingAlerts: [String]?
    public var conditions: [Condition]?

    /// Creates a status; every field is optional.
    public init(
        observedGeneration: Int64? = nil, entries: [ActionEntry]? = nil, alerts: [AlertObservation]? = nil,
        patterns: [DetectedPattern]? = nil, summary: HistorySummary? = nil, flappingAlerts: [String]? = nil,
        conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.entries = entries
        self.alerts = alerts
        self.patterns = patterns
        self.summary = summary
        self.flappingAlerts = flappingAlerts
        self.conditions = conditions
    }
}
