import BallastAPI
import BallastCore
import KubeTypes

/// Which SafetyPolicy's `spec.oscillation` an ActionHistory's status is analysed under (pure).
///
/// The policy check analyses a history under every distinct setting of the policies covering
/// the target and lets the most restrictive verdict win; the status shows one analysis, for
/// people and for the summary columns. It uses the settings of the first policy, by name, that
/// covers the target's namespace (as the policy check decides coverage) and sets `spec.oscillation`; the built-in defaults when none
/// does. The history's own `spec.analysis` overrides either (``HistoryStatus`` applies it).
public enum HistoryAnalysisPolicy {
    /// The oscillation settings for a history whose target lives in `namespace`.
    /// - Parameters:
    ///   - policies: every SafetyPolicy in the cache.
    ///   - namespace: the target's namespace; `nil` for cluster-scoped targets (covered only by
    ///     policies without a namespace selector).
    ///   - namespaceLabels: the labels of a namespace by name (`nil` when unknown).
    public static func settings(
        policies: [SafetyPolicy], namespace: String?, namespaceLabels: (String?) -> [String: String]?
    ) -> OscillationSettings? {
        PolicyEvaluator.covering(policies, namespaceLabels: namespaceLabels(namespace))
            .sorted { $0.name < $1.name }
            .first { $0.spec.oscillation != nil }?
            .spec.oscillation
    }
}
