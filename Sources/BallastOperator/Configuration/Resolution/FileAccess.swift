import Foundation

/// The injected file reader, with errors turned into ``ConfigurationError``s that say what the
/// file is for and what the operating system said.
struct FileAccess {
    let read: (String) throws -> Data

    /// The contents of `path`.
    /// - Throws: ``ConfigurationError/unreadableFile(role:path:reason:)``.
    func contents(of path: String, role: String) throws(ConfigurationError) -> Data {
        switch attempt(path) {
        case .success(let data): return data
        case .failure(let error): throw .unreadableFile(role: role, path: path, reason: Self.reason(error))
        }
    }

    /// The trimmed text of `path`, or `nil` when the file does not exist.
    /// - Throws: ``ConfigurationError`` when it exists but cannot be read, or is empty.
    func trimmedTextIfPresent(of path: String, role: String) throws(ConfigurationError) -> String? {
        switch attempt(path) {
        case .success(let data):
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .emptyFile(role: role, path: path) }
            return text
        case .failure(let error as FileReadError) where error.isMissing:
            return nil
        case .failure(let error):
            throw .unreadableFile(role: role, path: path, reason: Self.reason(error))
        }
    }

    private func attempt(_ path: String) -> Result<Data, any Error> {
        Result { try read(path) }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? FileReadError { return error.description }
        return "\(error)"
    }
}
