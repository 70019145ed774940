import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// The receiver's TLS server settings, loaded from PEM files at startup and checked by building
/// a TLS context once, so that a bad certificate, key or CA fails `ballast run` before anything
/// listens, with the file named.
///
/// With a client CA, the handshake requires a client certificate that chains to it (mutual TLS;
/// host names are not checked, the CA is the trust decision). The receiver's bearer token
/// applies on top. TLS 1.2 is the minimum.
public struct ReceiverTLS: Sendable {
    /// The files it was loaded from.
    public let files: ReceiverTLSFiles
    /// The server-side TLS configuration.
    public let configuration: TLSConfiguration

    /// Loads and checks `files`.
    /// - Throws: ``ReceiverTLSError`` naming the file that is missing, unreadable or not PEM of
    ///   the right kind, or saying that the key does not fit the certificate.
    public init(files: ReceiverTLSFiles) throws(ReceiverTLSError) {
        let chain = try Self.certificates(files.certificateFile, role: "certificate")
        let key = try Self.privateKey(files.keyFile)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = files.clientCAFile {
            configuration.trustRoots = .certificates(try Self.certificates(caFile, role: "client CA"))
            configuration.certificateVerification = .noHostnameVerification
        }
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ReceiverTLSError(
                file: files.keyFile, problem: "the key and certificate \(files.certificateFile) do not form a TLS identity (\(error))")
        }
        self.files = files
        self.configuration = configuration
    }

    /// An HTTP/1.1-over-TLS server for a Hummingbird `Application`.
    public var serverBuilder: HTTPServerBuilder {
        let configuration = configuration
        return HTTPServerBuilder { responder in
            try TLSChannel(HTTP1Channel(responder: responder), tlsConfiguration: configuration)
        }
    }

    private static func certificates(_ path: String, role: String) throws(ReceiverTLSError) -> [NIOSSLCertificate] {
        let bytes = try read(path, role: role)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw ReceiverTLSError(file: path, problem: "\(role) file is not PEM certificates (\(error))")
        }
        guard !certificates.isEmpty else {
            throw ReceiverTLSError(file: path, problem: "\(role) file holds no PEM certificate")
        }
        return certificates
    }

    private static func privateKey(_ path: String) throws(ReceiverTLSError) -> NIOSSLPrivateKey {
        let bytes = try read(path, role: "key")
        do {
            return try NIOSSLPrivateKey(bytes: bytes, format: .pem)
        } catch {
            throw ReceiverTLSError(file: path, problem: "key file is not a PEM private key (\(error))")
        }
    }

    private static func read(_ path: String, role: String) throws(ReceiverTLSError) -> [UInt8] {
        do {
            return Array(try ConfigurationFileReader.load(path))
        } catch {
            throw ReceiverTLSError(file: path, problem: "cannot read the \(role) file: \(error)")
        }
    }
}

/// A receiver TLS file that cannot be used.
public struct ReceiverTLSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at fault.
    public var file: String
    /// What is wrong with it.
    public var problem: String

    /// `receiver TLS: FILE: PROBLEM`.
    public var description: String { "receiver TLS: \(file): \(problem)" }
}
