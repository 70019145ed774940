/// `core/v1.PodTemplateSpec`: what workload controllers stamp pods from (read-only model:
/// only the fields the operator reads).
public struct PodTemplateSpec: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec?

    /// Creates a template.
    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `core/v1.PodSpec` (the fields the operator reads).
public struct PodSpec: Codable, Sendable, Hashable {
    public var containers: [Container]
    public var initContainers: [Container]?
    public var nodeName: String?
    public var serviceAccountName: String?
    public var restartPolicy: String?
    public var volumes: [Volume]?

    /// Creates a pod spec.
    public init(containers: [Container], initContainers: [Container]? = nil, nodeName: String? = nil,
                serviceAccountName: String? = nil, restartPolicy: String? = nil, volumes: [Volume]? = nil) {
        self.containers = containers
        self.initContainers = initContainers
        self.nodeName = nodeName
        self.serviceAccountName = serviceAccountName
        self.restartPolicy = restartPolicy
        self.volumes = volumes
    }
}

/// `core/v1.Volume`: its name and, for an `emptyDir` volume (data that lives on the node and is
/// lost with the pod), its source; other volume sources are not modelled.
public struct Volume: Codable, Sendable, Hashable {
    public var name: String
    /// The `emptyDir` source as sent (`{}`, `{medium: Memory}`, …); `nil` for other volumes.
    public var emptyDir: JSONValue?

    /// Creates a volume.
    public init(name: String, emptyDir: JSONValue? = nil) {
        self.name = name
        self.emptyDir = emptyDir
    }
}

/// `core/v1.Container` (name, image, resources and the names of its environment variables).
public struct Container: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?
    public var resources: ResourceRequirements?
    public var env: [EnvVar]?

    /// Creates a container.
    public init(name: String, image: String? = nil, resources: ResourceRequirements? = nil, env: [EnvVar]? = nil) {
        self.name = name
        self.image = image
        self.resources = resources
        self.env = env
    }
}

/// `core/v1.ResourceRequirements`: requests and limits by resource name (`cpu`, `memory`).
public struct ResourceRequirements: Codable, Sendable, Hashable {
    public var requests: [String: Quantity]?
    public var limits: [String: Quantity]?

    /// Creates requirements.
    public init(requests: [String: Quantity]? = nil, limits: [String: Quantity]? = nil) {
        self.requests = requests
        self.limits = limits
    }
}

/// `core/v1.EnvVar`: only the name and a literal value; `valueFrom` is not modelled, so
/// secrets referenced by environment variables are never read into the operator.
public struct EnvVar: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?

    /// Creates a variable.
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
