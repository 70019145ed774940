import BallastAPI

/// Which detected patterns appeared and which cleared between two ActionHistory statuses: what
/// the ActionHistory reconciler turns into Events and the oscillation counter (pure).
///
/// Patterns have no identity of their own in status, so they are matched by type:
/// 1. patterns of the same type and severity in both lists continue (nothing to report);
/// 2. the remaining ones of one type are paired strongest with strongest: a stronger new one is
///    an escalation (reported as detected, with the severity it had before), a weaker one a
///    de-escalation (silent: the pattern is still there);
/// 3. a new pattern left unpaired was detected; an old one left unpaired cleared.
///
/// Guarantees: the same list on both sides reports nothing (a converged history never repeats
/// an Event); every reported pattern comes from the corresponding input list; the result does
/// not depend on the order of either list.
public struct PatternTransitions: Sendable, Hashable {
    /// One newly detected (or escalated) pattern.
    public struct Detected: Sendable, Hashable {
        /// The pattern as it is now.
        public var pattern: DetectedPattern
        /// The severity it had before, when this is an escalation of a pattern already reported.
        public var escalatedFrom: PatternSeverity?
    }

    /// Patterns that appeared or got stronger, strongest first.
    public var detected: [Detected]
    /// Patterns no longer detected, strongest first.
    public var cleared: [DetectedPattern]

    /// Whether nothing appeared or cleared.
    public var isEmpty: Bool { detected.isEmpty && cleared.isEmpty }

    /// The transitions from `old` to `new` (either may be `nil`: no patterns).
    public static func between(old: [DetectedPattern]?, new: [DetectedPattern]?) -> PatternTransitions {
        var result = PatternTransitions(detected: [], cleared: [])
        let olds = Dictionary(grouping: old ?? [], by: \.type)
        let news = Dictionary(grouping: new ?? [], by: \.type)
        for type in PatternType.allCases {
            var before = (olds[type] ?? []).sorted(by: strongestFirst)
            var after = (news[type] ?? []).sorted(by: strongestFirst)
            // 1. Same severity on both sides: continuing.
            for pattern in after {
                guard let match = before.firstIndex(where: { $0.severity == pattern.severity }),
                    let index = after.firstIndex(of: pattern)
                else { continue }
                before.remove(at: match)
                after.remove(at: index)
            }
            // 2. Pair the rest strongest with strongest.
            for (previous, current) in zip(before, after) where current.severity > previous.severity {
                result.detected.append(Detected(pattern: current, escalatedFrom: previous.severity))
            }
            // 3. Unpaired.
            let paired = min(before.count, after.count)
            result.detected += after.dropFirst(paired).map { Detected(pattern: $0, escalatedFrom: nil) }
            result.cleared += before.dropFirst(paired)
        }
        result.detected.sort { strongestFirst($0.pattern, $1.pattern) }
        result.cleared.sort(by: strongestFirst)
        return result
    }

    private static func strongestFirst(_ lhs: DetectedPattern, _ rhs: DetectedPattern) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.type != rhs.type { return lhs.type.rawValue < rhs.type.rawValue }
        if lhs.firstSeen != rhs.firstSeen { return lhs.firstSeen < rhs.firstSeen }
        return lhs.message < rhs.message
    }
}
