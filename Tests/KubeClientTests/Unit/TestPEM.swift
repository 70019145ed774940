import Foundation

/// A throw-away self-signed EC certificate and its key, for configuration parsing tests.
enum TestPEM {
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBkDCCATWgAwIBAgIUVt4R1rhV6grOaGjscPaPP0PFRkcwCgYIKoZIzj0EAwIw
        HDEaMBgGA1UEAwwRYmFsbGFzdC11bml0LXRlc3QwIBcNMjYxMTIxMDgzNTA5WhgP
        MjEyNjEwMjgwODM1MDlaMBwxGjAYBgNVBAMMEWJhbGxhc3QtdW5pdC10ZXN0MFkw
        EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO8lhG5IDc3Eo7Dnvi3kttGrxHlBQshuK
        CZ+AgSAMYxzQr6PIBudyTEmUHqchNSD1gzJGkr+oVyhmNJTojSgOEqNTMFEwHQYD
        VR0OBBYEFHnYv8s6+VemJdaiFIc22QJrGROTMB8GA1UdIwQYMBaAFHnYv8s6+Vem
        JdaiFIc22QJrGROTMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIh
        ALsv+ouWiLfpIDyTki/iKVFPIu0pb6gxgZ2HT0/N86xdAiEA2N1nY7xw+uFua4Ae
        a+qI28c7TyP267LnweGjTipBN+k=
        -----END CERTIFICATE-----

        """

    static let privateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2Syz0Vrr//4ZoazA
        D5SJcoGyo8M65/aajtSa21bauI2hRANCAAQ7yWEbkgNzcSjsOe+LeS20avEeUFCy
        G4oJn4CBIAxjHNCvo8gG53JMSZQepyE1IPWDMkaSv6hXKGY0lOiNKA4S
        -----END PRIVATE KEY-----

        """

    static var certificateBase64: String { Data(certificate.utf8).base64EncodedString() }
    static var privateKeyBase64: String { Data(privateKey.utf8).base64EncodedString() }
}

/// A temporary directory removed when the test ends.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kubeclient-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = "\(path)/\(name)"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
