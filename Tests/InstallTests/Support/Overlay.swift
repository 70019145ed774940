import Foundation

/// A throw-away kustomization over one of the repository's `config/` directories that moves it
/// into a test's namespace (and, optionally, suffixes every name so cluster-scoped objects of
/// parallel tests do not collide). Remove it with ``remove()``.
struct Overlay {
    /// The overlay's directory, for `kubectl … -k`.
    let directory: URL

    /// Writes the overlay.
    /// - Parameters:
    ///   - base: A directory relative to the repository root, such as `config/default`.
    ///   - namespace: Replaces `ballast-system`.
    ///   - nameSuffix: Appended to every object's name (references follow), or nil.
    ///   - patches: Extra kustomize patch entries, as YAML list items.
    init(base: String, namespace: String, nameSuffix: String? = nil, patches: [String] = []) throws {
        directory = try Checkout.temporaryDirectory()
        var lines = [
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namespace: \(namespace)",
            "resources:",
            "- \(Checkout.relativePath(from: directory, to: Checkout.path(base)))",
        ]
        if let nameSuffix { lines.append("nameSuffix: \(nameSuffix)") }
        if !patches.isEmpty { lines += ["patches:"] + patches }
        try (lines.joined(separator: "\n") + "\n")
            .write(to: directory.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
    }

    /// The overlay's path.
    var path: String { directory.path }

    /// Deletes the overlay's files.
    func remove() { try? FileManager.default.removeItem(at: directory) }
}
