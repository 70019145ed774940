import Foundation
import NIOSSL
import Yams

extension KubeConfiguration {
    /// Loads a kubeconfig file and resolves one of its contexts.
    ///
    /// Relative file references (`certificate-authority`, `client-certificate`, `client-key`,
    /// `tokenFile`) are resolved against the kubeconfig's directory, as kubectl does. Referenced
    /// files are read and every certificate and key is parsed now, so problems surface here and
    /// not on the first request.
    /// - Parameters:
    ///   - kubeconfigPath: The kubeconfig file.
    ///   - context: The context to use; `nil` uses `current-context`.
    /// - Throws: ``KubeConfigurationError`` naming the file and the field that is missing,
    ///   malformed or refers to something that does not exist.
    public static func load(kubeconfigPath: String, context: String? = nil) throws(KubeConfigurationError) -> KubeConfiguration {
        let bytes = try readFile(kubeconfigPath, reportedIn: kubeconfigPath, field: nil)
        return try parse(yaml: String(decoding: bytes, as: UTF8.self), path: kubeconfigPath, context: context)
    }

    /// Resolves `context` (or `current-context`) of the kubeconfig text `yaml`, which was read
    /// from `path` (used in errors and to resolve relative file references).
    /// - Throws: ``KubeConfigurationError`` naming `path` and the offending field.
    public static func parse(yaml: String, path: String, context: String? = nil) throws(KubeConfigurationError) -> KubeConfiguration {
        let file = try decodeKubeconfig(yaml: yaml, path: path)
        let resolver = KubeconfigResolver(file: file, path: path)
        return try resolver.resolve(context: context)
    }

    private static func decodeKubeconfig(yaml: String, path: String) throws(KubeConfigurationError) -> Kubeconfig {
        guard !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw KubeConfigurationError(file: path, field: nil, problem: "the file is empty")
        }
        do {
            return try YAMLDecoder().decode(Kubeconfig.self, from: yaml)
        } catch let error as DecodingError {
            throw KubeConfigurationError(decoding: error, file: path)
        } catch {
            throw KubeConfigurationError(file: path, field: nil, problem: "is not valid YAML: \(error)")
        }
    }

    /// Reads a file referenced by a configuration, reporting failures against the field that
    /// named it. Only small local files (kubeconfigs, certificates, tokens) are read this way.
    static func readFile(_ path: String, reportedIn file: String, field: String?) throws(KubeConfigurationError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error)"
            let problem = field == nil ? "cannot read the file: \(reason)" : "cannot read '\(path)': \(reason)"
            throw KubeConfigurationError(file: file, field: field, problem: problem)
        }
    }
}

extension KubeConfigurationError {
    /// Turns a decoding error into one that names the field in kubeconfig syntax
    /// (`users[0].user.client-key`).
    init(decoding error: DecodingError, file: String) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(file: file, field: Self.fieldPath(context.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let context):
            self.init(file: file, field: Self.fieldPath(context.codingPath), problem: "has the wrong type (expected \(Self.typeName(type)))")
        case .valueNotFound(let type, let context):
            self.init(file: file, field: Self.fieldPath(context.codingPath), problem: "is null (expected \(Self.typeName(type)))")
        case .dataCorrupted(let context):
            let field = context.codingPath.isEmpty ? nil : Self.fieldPath(context.codingPath)
            self.init(file: file, field: field, problem: "is not a valid kubeconfig: \(context.debugDescription)")
        @unknown default:
            self.init(file: file, field: nil, problem: "is not a valid kubeconfig: \(error)")
        }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(document)" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Node.Scalar.Type, is String.Type, is Bool.Type: return "a single value"
        case is Node.Sequence.Type: return "a list"
        case is Node.Mapping.Type: return "a mapping"
        default: return "\(type)"
        }
    }
}
