import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

extension OperatorProcess {
    /// `http://127.0.0.1:<receiver port>/api/v1/alerts`: where Alertmanager delivers.
    public var webhookURL: String { "http://127.0.0.1:\(ports.receiver)/api/v1/alerts" }

    /// The Prometheus text of `/metrics`.
    /// - Throws: ``OperatorProcessError/http(_:)`` when it does not answer 200.
    public func scrapeMetrics() async throws -> String {
        let (status, body) = try await Self.http("GET", "http://127.0.0.1:\(ports.metrics)/metrics")
        guard status == 200 else { throw OperatorProcessError.http("GET /metrics answered \(status): \(body)") }
        return body
    }

    /// The value of the sample `name{labels}` in `/metrics` text (labels in any order, all of
    /// `labels` present), summed over every sample that matches; `nil` when none does.
    public static func metricValue(_ text: String, _ name: String, labels: [String: String] = [:]) -> Double? {
        var total: Double?
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let series = line[..<space]
            let metric = series.prefix { $0 != "{" }
            guard metric == name else { continue }
            let matches = labels.allSatisfy { series.contains("\($0.key)=\"\($0.value)\"") }
            if matches { total = (total ?? 0) + value }
        }
        return total
    }

    /// `method url` with a 5 s timeout, an optional JSON body and extra headers: the status
    /// code and body (status 0 and the error when nothing answered).
    public static func http(
        _ method: String, _ url: String, json body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> (Int, String) {
        guard let address = URL(string: url) else { throw OperatorProcessError.http("bad URL \(url)") }
        var request = URLRequest(url: address, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 5)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }

    /// Three distinct ports the kernel just handed out on 127.0.0.1.
    static func freePorts() throws(OperatorProcessError) -> Ports {
        var ports: Set<Int> = []
        while ports.count < 3 { ports.insert(try freePort()) }
        let sorted = ports.sorted()
        return Ports(metrics: sorted[0], probe: sorted[1], receiver: sorted[2])
    }

    /// A port bound on 127.0.0.1 with port 0, read back and released (for peers of the
    /// operator, such as Alertmanager).
    public static func freePort() throws(OperatorProcessError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .spawnFailed("socket() failed choosing a loopback port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw .spawnFailed("could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
