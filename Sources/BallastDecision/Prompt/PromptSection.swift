/// One titled part of a prompt, made of items that can be dropped one by one when the token
/// budget is short. Truncation is deterministic: items are dropped from the less useful end
/// (`keepNewest` keeps the last items), and a marker says how many were left out.
struct PromptSection: Sendable, Hashable {
    /// The heading, e.g. `Recent events`.
    var title: String
    /// The items, in display order.
    var items: [String]
    /// When short of budget, keep the last items (newest) rather than the first.
    var keepNewest: Bool
    /// Fence the items as untrusted data the model must not follow.
    var untrustedSource: String?
    /// Items dropped before the section was built (e.g. history beyond its entry cap).
    var alreadyOmitted: Int

    init(title: String, items: [String], keepNewest: Bool = false, untrustedSource: String? = nil, alreadyOmitted: Int = 0) {
        self.title = title
        self.items = items
        self.keepNewest = keepNewest
        self.untrustedSource = untrustedSource
        self.alreadyOmitted = alreadyOmitted
    }

    /// The full rendering.
    func render() -> String { render(items: items, omitted: 0) }

    /// The longest rendering that fits in `budget` characters, or `nil` when not even the
    /// heading and a marker fit. A single item too long for the budget is cut, keeping its
    /// most relevant end.
    func render(within budget: Int) -> (text: String, truncated: Bool)? {
        let estimate = items.reduce(title.utf8.count + 64) { $0 + $1.utf8.count + 1 }
        if estimate <= budget {
            let full = render()
            if full.utf8.count <= budget { return (full, alreadyOmitted > 0) }
        }
        var kept: [String] = []
        var used = render(items: [], omitted: items.count).utf8.count
        guard used <= budget else { return nil }
        let ordered = keepNewest ? Array(items.reversed()) : items
        for item in ordered {
            let cost = item.utf8.count + 1
            if used + cost <= budget {
                kept.append(item)
                used += cost
                continue
            }
            let room = budget - used - Self.cutMarker(0).utf8.count - 8
            if room > 40 { kept.append(Self.cut(item, to: room, keepEnd: keepNewest)) }
            break
        }
        if keepNewest { kept.reverse() }
        let omitted = items.count - kept.count
        return (render(items: kept, omitted: omitted), true)
    }

    private func render(items shown: [String], omitted dropped: Int) -> String {
        var lines = ["## \(title)"]
        let omitted = dropped + alreadyOmitted
        let marker = omitted > 0 ? "[\(omitted) \(keepNewest ? "older" : "further") item(s) omitted to fit the token budget]" : nil
        if let untrustedSource { lines.append("<untrusted source=\"\(untrustedSource)\">") }
        if keepNewest, let marker { lines.append(marker) }
        lines.append(contentsOf: shown.map { untrustedSource == nil ? $0 : Self.neutralize($0) })
        if !keepNewest, let marker { lines.append(marker) }
        if untrustedSource != nil { lines.append("</untrusted>") }
        return lines.joined(separator: "\n")
    }

    /// Untrusted text cannot close the fence or open a new one (`<` and `>` become `‹` `›`).
    static func neutralize(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            output.append(scalar == "<" ? "‹" : scalar == ">" ? "›" : scalar)
        }
        return String(output)
    }

    static func cutMarker(_ removed: Int) -> String { "[… \(removed) chars cut]" }

    /// `text` cut to about `limit` UTF-8 bytes on a character boundary, with a marker.
    static func cut(_ text: String, to limit: Int, keepEnd: Bool) -> String {
        var kept = ""
        var size = 0
        let characters = keepEnd ? Array(text.reversed()) : Array(text)
        var taken: [Character] = []
        for character in characters {
            let cost = character.utf8.count
            if size + cost > limit { break }
            taken.append(character)
            size += cost
        }
        if keepEnd { taken.reverse() }
        kept = String(taken)
        let marker = cutMarker(text.utf8.count - size)
        return keepEnd ? marker + kept : kept + marker
    }
}
