import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to a loopback HTTP server, for requests no HTTP client library sends
/// (chunked bodies with no length, bodies that never end).
///
/// Reads block, so they run on a thread of their own: a blocked cooperative-pool thread would
/// starve the very server under test (on 2 cores the pool has 2 threads).
final class RawHTTPConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PeerError(message: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(fd)
            throw PeerError(message: "connect to 127.0.0.1:\(port) failed")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends `text`; `false` once the peer has closed (no SIGPIPE: MSG_NOSIGNAL).
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Reads until the peer has sent a complete response head, or closes, or 60 s pass, on a
    /// dedicated thread so no cooperative-pool thread waits on the socket.
    func readResponseHead() async -> String {
        await withCheckedContinuation { continuation in
            let reader = Thread { continuation.resume(returning: self.blockingReadResponseHead()) }
            reader.start()
        }
    }

    private func blockingReadResponseHead() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
