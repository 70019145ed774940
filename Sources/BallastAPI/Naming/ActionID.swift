/// Deterministic action ids: the same request attempt always gets the same id, so an executor
/// that restarts after a crash recognises work it already recorded and never runs it twice.
public enum ActionID {
    /// `FNV1a.hex("<requestUID>/<attempt>")`: 16 lower-case hex digits.
    ///
    /// The separator keeps `("a1", 2)` and `("a", 12)` apart. `attempt` counts from 1.
    public static func make(requestUID: String, attempt: Int) -> String {
        FNV1a.hex("\(requestUID)/\(attempt)")
    }
}
