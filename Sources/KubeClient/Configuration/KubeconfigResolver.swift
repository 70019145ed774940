import Foundation
import NIOSSL

/// Resolves one context of a decoded kubeconfig into a ``KubeConfiguration``, reading and
/// validating every referenced file and naming the exact field of anything that is wrong.
struct KubeconfigResolver {
    let file: Kubeconfig
    let path: String

    private var directory: String { (path as NSString).deletingLastPathComponent }

    func resolve(context requested: String?) throws(KubeConfigurationError) -> KubeConfiguration {
        let contexts = file.contexts ?? []
        guard let contextName = requested ?? file.currentContext, !contextName.isEmpty else {
            throw error("current-context", "is not set and no context was requested; set it or name a context")
        }
        guard let contextIndex = contexts.firstIndex(where: { $0.name == contextName }) else {
            let field = requested == nil ? "current-context" : "contexts"
            throw error(field, "there is no context named '\(contextName)' (contexts: \(names(contexts.map(\.name))))")
        }
        let context = contexts[contextIndex].context
        let contextField = "contexts[\(contextIndex)].context"

        let clusters = file.clusters ?? []
        guard let clusterIndex = clusters.firstIndex(where: { $0.name == context.cluster }) else {
            throw error("\(contextField).cluster", "names cluster '\(context.cluster)', which is not in clusters (\(names(clusters.map(\.name))))")
        }
        let cluster = clusters[clusterIndex].cluster
        let clusterField = "clusters[\(clusterIndex)].cluster"
        guard let server = cluster.server, !server.isEmpty else {
            throw error("\(clusterField).server", "is missing")
        }
        guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
            throw error("\(clusterField).server", "'\(server)' is not an http(s) URL")
        }
        let certificateAuthority = try pem(
            data: cluster.certificateAuthorityData, dataField: "\(clusterField).certificate-authority-data",
            file: cluster.certificateAuthority, fileField: "\(clusterField).certificate-authority")
        if let certificateAuthority {
            try validateCertificates(certificateAuthority.bytes, field: certificateAuthority.field)
        }
        return KubeConfiguration(
            server: server,
            authentication: try authentication(userName: context.user, contextField: contextField),
            certificateAuthorityPEM: certificateAuthority?.bytes,
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false,
            namespace: (context.namespace?.isEmpty ?? true) ? "default" : context.namespace ?? "default",
            source: path)
    }

    private func authentication(userName: String?, contextField: String) throws(KubeConfigurationError) -> KubeConfiguration.Authentication {
        guard let userName, !userName.isEmpty else { return .none }
        let users = file.users ?? []
        guard let userIndex = users.firstIndex(where: { $0.name == userName }) else {
            throw error("\(contextField).user", "names user '\(userName)', which is not in users (\(names(users.map(\.name))))")
        }
        let user = users[userIndex].user
        let field = "users[\(userIndex)].user"
        if user.exec != nil {
            throw error("\(field).exec", "exec credential plugins are not supported; use a token, tokenFile or client certificate")
        }
        if user.authProvider != nil {
            throw error("\(field).auth-provider", "auth providers are not supported; use a token, tokenFile or client certificate")
        }
        if user.username != nil {
            throw error("\(field).username", "basic authentication is not supported; use a token, tokenFile or client certificate")
        }
        let certificate = try pem(
            data: user.clientCertificateData, dataField: "\(field).client-certificate-data",
            file: user.clientCertificate, fileField: "\(field).client-certificate")
        let key = try pem(
            data: user.clientKeyData, dataField: "\(field).client-key-data",
            file: user.clientKey, fileField: "\(field).client-key")
        switch (certificate, key) {
        case (let certificate?, let key?):
            try validateCertificates(certificate.bytes, field: certificate.field)
            do {
                _ = try NIOSSLPrivateKey(bytes: key.bytes, format: .pem)
            } catch {
                throw self.error(key.field, "is not a PEM private key (\(error))")
            }
            return .clientCertificate(certificateChainPEM: certificate.bytes, privateKeyPEM: key.bytes)
        case (.some, nil):
            throw error("\(field).client-key", "is missing: client-certificate needs client-key or client-key-data")
        case (nil, .some):
            throw error("\(field).client-certificate", "is missing: client-key needs client-certificate or client-certificate-data")
        case (nil, nil):
            break
        }
        if let token = user.token, !token.isEmpty {
            return .bearerToken(token)
        }
        if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            let resolved = absolute(tokenFile)
            _ = try KubeConfiguration.readFile(resolved, reportedIn: path, field: "\(field).tokenFile")
            return .tokenFile(path: resolved)
        }
        return .none
    }

    /// PEM bytes from a base64 `…-data` field (which wins, as in kubectl) or a file reference.
    private func pem(data: String?, dataField: String, file: String?, fileField: String) throws(KubeConfigurationError) -> (bytes: [UInt8], field: String)? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters), !decoded.isEmpty else {
                throw error(dataField, "is not valid base64")
            }
            return (Array(decoded), dataField)
        }
        if let file, !file.isEmpty {
            return (try KubeConfiguration.readFile(absolute(file), reportedIn: path, field: fileField), fileField)
        }
        return nil
    }

    private func validateCertificates(_ bytes: [UInt8], field: String) throws(KubeConfigurationError) {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw self.error(field, "is not a PEM certificate (\(error))")
        }
        guard !certificates.isEmpty else { throw self.error(field, "contains no PEM certificate") }
    }

    private func absolute(_ file: String) -> String {
        file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
    }

    private func names(_ list: [String]) -> String {
        list.isEmpty ? "none defined" : list.joined(separator: ", ")
    }

    private func error(_ field: String, _ problem: String) -> KubeConfigurationError {
        KubeConfigurationError(file: path, field: field, problem: problem)
    }
}
