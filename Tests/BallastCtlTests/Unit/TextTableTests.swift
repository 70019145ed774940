import BallastCtl
import PropertyBased
import Testing

@Suite("TextTable: aligned columns")
struct TextTableTests {
    @Test("columns start at the same offsets on every line, headers upper-cased, no trailing spaces")
    func alignsColumns() {
        let table = TextTable(headers: ["Name", "Phase", "Reason"], rows: [
            ["web-oom", "Completed", "memory limit 512Mi -> 768Mi"],
            ["a", "Blocked", ""],
        ])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == [
            "NAME      PHASE       REASON",
            "web-oom   Completed   memory limit 512Mi -> 768Mi",
            "a         Blocked",
        ])
    }

    @Test("long and multi-line cells are flattened and cut with an ellipsis")
    func truncatesCells() {
        let table = TextTable(headers: ["Message"], rows: [["first line\nsecond    line " + String(repeating: "x", count: 50)]], maxCellWidth: 20)
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1] == "first line second…")
        #expect(lines[1].count <= 20)
    }

    @Test("short rows are padded, extra cells dropped")
    func raggedRows() {
        let table = TextTable(headers: ["A", "B"], rows: [["1"], ["1", "2", "3"]])
        #expect(table.render() == "A   B\n1\n1   2")
    }

    @Test("property: every column starts at the same offset and no cell exceeds the width")
    func alignmentProperty() async {
        let cell = Gen.letterOrNumber.string(of: 0...30)
        let rows = cell.array(of: 3).array(of: 1...8)
        await propertyCheck(input: rows) { rows in
            let table = TextTable(headers: ["one", "two", "three"], rows: rows, maxCellWidth: 12)
            let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == rows.count + 1)
            let secondColumn = lines[0].range(of: "TWO").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
            for (index, row) in rows.enumerated() {
                let line = lines[index + 1]
                #expect(!line.hasSuffix(" "))
                guard let secondColumn, !row[1].isEmpty || !row[2].isEmpty else { continue }
                let start = line.index(line.startIndex, offsetBy: secondColumn)
                #expect(line[line.index(before: start)] == " ")
                #expect(line[start...].hasPrefix(Text.singleLine(row[1], maxLength: 12)))
                #expect(Text.singleLine(row[0], maxLength: 12).count <= 12)
            }
        }
    }
}

@Suite("Text helpers")
struct TextTests {
    @Test("singleLine never exceeds the limit and never contains a newline", arguments: [
        ("short", 10, "short"),
        ("a\n b\t\tc", 10, "a b c"),
        ("the quick brown fox jumps over", 16, "the quick brown…"),
        ("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"),
    ])
    func singleLine(input: String, limit: Int, expected: String) {
        let result = Text.singleLine(input, maxLength: limit)
        #expect(result == expected)
        #expect(result.count <= limit)
        #expect(!result.contains("\n"))
    }

    @Test("property: singleLine output fits the limit, has no newline or double space, and keeps short text whole")
    func singleLineProperty() async {
        let text = Gen.element(of: Array("ab  \n\t.")).map { $0 ?? " " }.string(of: 0...80)
        await propertyCheck(input: text, Gen.int(in: 1...40)) { text, limit in
            let result = Text.singleLine(text, maxLength: limit)
            #expect(result.count <= limit)
            #expect(!result.contains("\n") && !result.contains("\t") && !result.contains("  "))
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if flat.count <= limit { #expect(result == flat) } else { #expect(result.hasSuffix("…")) }
        }
    }

    @Test("fractions print with two decimals, absent values as a dash", arguments: [
        (Optional(0.86), "0.86"), (Optional(1.0), "1.00"), (Optional(0.005), "0.01"), (Optional(0.0), "0.00"), (nil, "-"),
    ])
    func fraction(value: Double?, expected: String) {
        #expect(Text.fraction(value) == expected)
    }
}
