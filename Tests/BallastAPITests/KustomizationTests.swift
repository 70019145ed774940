import KubeTypes
import Testing

/// The kustomizations list every file of their folder, so `kubectl apply -k config/crd` and
/// `kubectl apply -k config/samples` install everything there is.
@Suite struct KustomizationTests {
    private func listed(_ path: String) throws -> Set<String> {
        let kustomization = try YAMLDocuments.parse(try Repository.text(path), origin: path).first
        return Set(kustomization?["resources"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    private func yamlFiles(in directory: String) throws -> Set<String> {
        Set(try Repository.files(in: directory, suffix: ".yaml")
            .map { String($0.dropFirst(directory.count + 1)) }
            .filter { $0 != "kustomization.yaml" })
    }

    @Test func crdsKustomizationListsEveryCRD() throws {
        #expect(try listed("crds/Kustomization") == yamlFiles(in: "crds"))
        #expect(try listed("config/crd/kustomization.yaml") == ["../../crds"])
    }

    @Test func samplesKustomizationListsEverySample() throws {
        #expect(try listed("config/samples/kustomization.yaml") == yamlFiles(in: "config/samples"))
    }
}
