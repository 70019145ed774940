import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be read, with the operating system's `errno`.
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path that was opened.
    public var path: String
    /// The `errno` value (`ENOENT`, `EACCES`, `EISDIR`, ...).
    public var code: Int32

    /// Creates an error for `path` failing with `code`.
    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    /// Whether the file does not exist (as opposed to existing but being unreadable).
    public var isMissing: Bool { code == ENOENT }

    /// The operating system's text for ``code``, e.g. `No such file or directory`.
    public var description: String { String(cString: strerror(code)) }
}

/// Reads whole files for the configuration, reporting the OS error on failure.
public enum ConfigurationFileReader {
    /// The contents of the file at `path`.
    /// - Throws: ``FileReadError`` with the `errno` of the failed `open` or `read`.
    @Sendable public static func load(_ path: String) throws(FileReadError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, code: errno) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, code: errno)
            }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
