import KubeClient
import KubeTypes

extension UnstructuredObject {
    /// Whether nothing Ballast writes has changed since `earlier`: the spec's generation, the
    /// labels and the annotations (its stamps) are the same. Unlike the resourceVersion, these
    /// never move when a controller writes the object's status (the deployment controller may
    /// still be doing so when a test looks).
    func showsNoWrite(since earlier: UnstructuredObject) -> Bool {
        metadata.generation == earlier.metadata.generation && metadata.labels == earlier.metadata.labels
            && metadata.annotations == earlier.metadata.annotations
    }
}
