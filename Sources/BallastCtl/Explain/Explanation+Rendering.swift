import Foundation

extension Explanation {
    /// The width of the topic column: the longest topic (`Verification:`) and a space, fixed so
    /// that every explanation lines up the same way.
    static let labelWidth = 14

    /// The explanation as text: the request and headline, one block per section (topic in a
    /// left column, lines beside it), then the Events as a table.
    public func render(now: Date) -> String {
        var blocks = ["remediationrequest \(namespace)/\(name): \(phase)\n\(headline)"]
        let width = Self.labelWidth
        let details = sections.map { section in
            section.lines.enumerated().map { index, line in
                let label = index == 0 ? section.topic + ":" : ""
                return label.padding(toLength: width, withPad: " ", startingAt: 0) + line
            }.joined(separator: "\n")
        }
        if !details.isEmpty { blocks.append(details.joined(separator: "\n")) }
        if events.isEmpty {
            blocks.append("Events: none")
        } else {
            var table = TextTable(headers: ["Last seen", "Type", "Reason", "Count", "Message"], maxCellWidth: 100)
            for event in events {
                table.append([
                    RelativeTime.describe(event.time, now: now), event.type, event.reason, "\(event.count)", event.message,
                ])
            }
            blocks.append("Events:\n" + Text.indent(table.render(), by: "  "))
        }
        return blocks.joined(separator: "\n\n")
    }
}
