/// A `HOST:PORT` listen address, as the `--metrics-addr`, `--probe-addr` and `--receiver-addr`
/// flags take it (`127.0.0.1:8080`, `0.0.0.0:9090`, `:8081` for all interfaces, `[::1]:8443`).
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The interface to bind; `0.0.0.0` means all IPv4 interfaces (what a pod needs).
    public var host: String
    /// The TCP port; 0 lets the system pick one (tests).
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; an empty host means `0.0.0.0`, brackets around an IPv6 host are removed.
    /// - Throws: ``InvalidListenAddress`` naming the flag's value and what is wrong with it.
    public init(parsing text: String) throws(InvalidListenAddress) {
        guard let colon = text.lastIndex(of: ":") else {
            throw InvalidListenAddress(text: text, problem: "expected HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw InvalidListenAddress(text: text, problem: "port must be a number from 0 to 65535")
        }
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    /// `HOST:PORT` (IPv6 hosts in brackets).
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A listen address flag that cannot be parsed.
public struct InvalidListenAddress: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value given.
    public var text: String
    /// What is wrong with it.
    public var problem: String

    /// `listen address "x": expected HOST:PORT`.
    public var description: String { "listen address \"\(text)\": \(problem)" }
}
