import Foundation

/// Everything needed to address a Kubernetes resource over REST: group, version, plural
/// resource name, kind and scope.
///
/// Built-in resources the operator uses are predefined as static members; custom resources are
/// described with ``init(group:version:plural:kind:namespaced:)``.
public struct ResourceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group.
    public var group: String
    public var version: String
    /// Lower-case plural resource name used in URLs, e.g. `deployments`.
    public var plural: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `group/version`, or just `version` for the core group (`v1`).
    public var apiVersion: String {
        group.isEmpty ? version : "\(group)/\(version)"
    }

    public var description: String {
        group.isEmpty ? plural : "\(plural).\(group)"
    }

    /// The URL path of the collection (`namespace` is ignored for cluster-scoped resources;
    /// `nil` for a namespaced resource means all namespaces).
    public func collectionPath(namespace: String?) -> String {
        let prefix = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace, !namespace.isEmpty {
            return "\(prefix)/namespaces/\(namespace)/\(plural)"
        }
        return "\(prefix)/\(plural)"
    }

    /// The URL path of one object, optionally of one of its subresources (`status`, `eviction`).
    public func objectPath(namespace: String?, name: String, subresource: String? = nil) -> String {
        let base = "\(collectionPath(namespace: namespace))/\(name)"
        guard let subresource else { return base }
        return "\(base)/\(subresource)"
    }
}

extension ResourceDescriptor {
    public static let namespaces = ResourceDescriptor(
        group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
    public static let pods = ResourceDescriptor(
        group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    public static let nodes = ResourceDescriptor(
        group: "", version: "v1", plural: "nodes", kind: "Node", namespaced: false)
    public static let events = ResourceDescriptor(
        group: "", version: "v1", plural: "events", kind: "Event", namespaced: true)
    public static let configMaps = ResourceDescriptor(
        group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let secrets = ResourceDescriptor(
        group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    public static let serviceAccounts = ResourceDescriptor(
        group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public static let persistentVolumeClaims = ResourceDescriptor(
        group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim",
        namespaced: true)
    public static let deployments = ResourceDescriptor(
        group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true)
    public static let statefulSets = ResourceDescriptor(
        group: "apps", version: "v1", plural: "statefulsets", kind: "StatefulSet", namespaced: true)
    public static let daemonSets = ResourceDescriptor(
        group: "apps", version: "v1", plural: "daemonsets", kind: "DaemonSet", namespaced: true)
    public static let replicaSets = ResourceDescriptor(
        group: "apps", version: "v1", plural: "replicasets", kind: "ReplicaSet", namespaced: true)
    public static let horizontalPodAutoscalers = ResourceDescriptor(
        group: "autoscaling", version: "v2beta2", plural: "horizontalpodautoscalers",
        kind: "HorizontalPodAutoscaler", namespaced: true)
    public static let podDisruptionBudgets = ResourceDescriptor(
        group: "policy", version: "v1beta1", plural: "poddisruptionbudgets",
        kind: "PodDisruptionBudget", namespaced: true)
    public static let leases = ResourceDescriptor(
        group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true)
    public static let storageClasses = ResourceDescriptor(
        group: "storage.k8s.io", version: "v1", plural: "storageclasses", kind: "StorageClass",
        namespaced: false)
    public static let customResourceDefinitions = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
        kind: "CustomResourceDefinition", namespaced: false)
}
