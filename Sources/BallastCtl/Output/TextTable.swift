/// A table of text with aligned columns, as `kubectl get` prints it: an upper-case header row,
/// cells left-aligned and padded to the widest cell of their column, three spaces between
/// columns, no trailing spaces.
///
/// Cells are made single-line (newlines and runs of whitespace become one space) and cut to
/// ``maxCellWidth`` with an ellipsis, so a long message never breaks the layout.
public struct TextTable: Sendable, Hashable {
    /// Column titles, printed upper-cased.
    public var headers: [String]
    /// Rows; a row shorter than `headers` is padded with empty cells, extra cells are dropped.
    public var rows: [[String]]
    /// The widest a cell may be (in characters) before it is truncated.
    public var maxCellWidth: Int

    /// The space between two columns.
    public static let separator = "   "

    /// Creates a table.
    public init(headers: [String], rows: [[String]] = [], maxCellWidth: Int = 60) {
        self.headers = headers
        self.rows = rows
        self.maxCellWidth = max(maxCellWidth, 4)
    }

    /// Adds a row.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines joined by `\n`, ending without a newline.
    ///
    /// Guarantees: every line's columns start at the same offsets; no line ends with a space;
    /// no cell is wider than ``maxCellWidth``.
    public func render() -> String {
        let header = headers.map { $0.uppercased() }
        let body = rows.map { row in
            headers.indices.map { index in
                index < row.count ? Text.singleLine(row[index], maxLength: maxCellWidth) : ""
            }
        }
        let all = [header] + body
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let isLast = column == cells.count - 1
                line += isLast ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0) + Self.separator
            }
            return Text.trimTrailing(line)
        }.joined(separator: "\n")
    }
}
