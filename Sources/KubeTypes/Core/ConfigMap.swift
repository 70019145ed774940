/// `core/v1.ConfigMap`: complete (data and binaryData), so it can be written back whole.
public struct ConfigMap: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: String]?
    public var immutable: Bool?

    /// Creates a config map.
    public init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.apiVersion = "v1"
        self.kind = "ConfigMap"
        self.metadata = metadata
        self.data = data
    }
}
