import NIOCore

/// Splits a byte stream into newline-terminated lines without ever holding more than one
/// incomplete line, and refuses a line longer than a bound.
///
/// Pure and incremental: feed chunks with ``append(_:)``, take lines with ``nextLine()``;
/// whatever follows the last newline is returned by ``remainder()`` at the end of the stream.
struct LineSplitter: Sendable {
    /// A line grew beyond the bound without a newline.
    struct LineTooLong: Error, Sendable, Hashable {
        var limit: Int
    }

    let maxLineBytes: Int
    private var pending = ByteBuffer()
    /// How many bytes after the reader index are known to contain no newline.
    private var scanned = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Adds the next chunk of the stream.
    /// - Throws: ``LineTooLong`` when the first buffered line exceeds the bound without a
    ///   newline.
    mutating func append(_ chunk: ByteBuffer) throws(LineTooLong) {
        if pending.readableBytes == 0 {
            pending = chunk
            scanned = 0
        } else {
            // Only an incomplete line is left: drop the consumed bytes before growing.
            pending.discardReadBytes()
            var chunk = chunk
            pending.writeBuffer(&chunk)
        }
        if pending.readableBytes > maxLineBytes {
            let view = pending.readableBytesView
            let window = view[view.startIndex..<(view.startIndex + maxLineBytes + 1)]
            if !window.contains(UInt8(ascii: "\n")) {
                throw LineTooLong(limit: maxLineBytes)
            }
        }
    }

    /// The next complete line (without its newline), or `nil` when none is buffered.
    mutating func nextLine() -> ByteBuffer? {
        let view = pending.readableBytesView
        guard let newline = view[(view.startIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = view.count
            return nil
        }
        let length = newline - view.startIndex
        let line = pending.readSlice(length: length)
        pending.moveReaderIndex(forwardBy: 1)
        scanned = 0
        return line
    }

    /// The bytes after the last newline, at the end of the stream; `nil` when there are none.
    mutating func remainder() -> ByteBuffer? {
        guard pending.readableBytes > 0 else { return nil }
        defer { pending.clear() }
        return pending.readSlice(length: pending.readableBytes)
    }
}
