/// Bounds untrusted annotation text before it is copied into a RemediationRequest.
///
/// Keeps at most ``ReceiverLimits/maxAnnotations`` entries (the first ones by key, so the result
/// is deterministic) and cuts each value to ``ReceiverLimits/maxAnnotationValueBytes`` UTF-8
/// bytes at a character boundary, ending it in `…`. Keys longer than the label-name bound are
/// dropped. The text is never interpreted.
struct AnnotationBounds {
    /// Appended to a cut value.
    static let ellipsis = "…"

    let limits: ReceiverLimits

    /// The bounded copy of `annotations`.
    func bounded(_ annotations: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        let keys = annotations.keys
            .filter { !$0.isEmpty && $0.utf8.count <= limits.maxLabelNameBytes }
            .sorted()
            .prefix(limits.maxAnnotations)
        for key in keys {
            result[key] = truncated(annotations[key] ?? "")
        }
        return result
    }

    /// `text` unchanged when it fits, else its longest prefix that fits with the ellipsis.
    func truncated(_ text: String) -> String {
        let limit = limits.maxAnnotationValueBytes
        guard text.utf8.count > limit else { return text }
        let budget = max(0, limit - Self.ellipsis.utf8.count)
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf8.count
            guard used + size <= budget else { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + Self.ellipsis
    }
}
