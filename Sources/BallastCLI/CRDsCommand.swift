import ArgumentParser

/// `ballast crds`: prints the CustomResourceDefinitions of `ballast.dev/v1alpha1` as one
/// multi-document YAML stream, ready for `kubectl apply -f -`.
struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Print the Ballast CustomResourceDefinitions.",
        discussion: "Example: ballast crds | kubectl apply -f -")

    func run() {
        let documents = CRDManifests.all.map { manifest in
            manifest.yaml.hasSuffix("\n") ? manifest.yaml : manifest.yaml + "\n"
        }
        print(documents.joined(separator: "---\n"), terminator: "")
    }
}
