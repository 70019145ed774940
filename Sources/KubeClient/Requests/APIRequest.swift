import NIOCore
import NIOHTTP1

/// One REST call to the API server, described as a value: method, path, query and body.
///
/// Pure: building a request does no I/O, so URL and query construction are unit-tested
/// without a server.
struct APIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(name: String, value: String)] = []
    var body: ByteBuffer?
    var contentType: String?
    /// The `Accept` header; `nil` means JSON.
    var accept: String?

    /// Appends `name=value` when `value` is present.
    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        query.append((name, value))
    }

    /// Appends `dryRun=All` when `dryRun` is set.
    mutating func addDryRun(_ dryRun: Bool) {
        if dryRun { add("dryRun", "All") }
    }

    /// The path with its percent-encoded query, e.g. `/api/v1/pods?labelSelector=app%3Dweb`.
    var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let encoded = query.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }
        return path + "?" + encoded.joined(separator: "&")
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters, so selectors such as
    /// `app in (a,b)` or `metadata.name!=x` survive intact.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
