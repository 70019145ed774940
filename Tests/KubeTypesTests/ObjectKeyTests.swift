import KubeTypes
import Testing

@Suite struct ObjectKeyTests {
    @Test(arguments: [
        ("shop/web", "shop", "web"), ("worker-3", nil, "worker-3"), ("/web", nil, "web"),
    ] as [(String, String?, String)])
    func parsesNamespaceAndName(text: String, namespace: String?, name: String) throws {
        let key = try #require(ObjectKey(text))
        #expect(key.namespace == namespace)
        #expect(key.name == name)
    }

    @Test(arguments: ["", "shop/", "a/b/c", "/"])
    func rejectsMalformedKeys(text: String) {
        #expect(ObjectKey(text) == nil)
    }

    @Test func describesAsClientGoDoesAndRoundTrips() throws {
        #expect(ObjectKey(namespace: "shop", name: "web").description == "shop/web")
        #expect(ObjectKey(namespace: "", name: "node-1").description == "node-1")
        for key in [ObjectKey(namespace: "shop", name: "web"), ObjectKey(namespace: nil, name: "n")] {
            #expect(ObjectKey(key.description) == key)
        }
    }

    @Test func buildsFromMetadataAndSorts() {
        let key = ObjectKey(ObjectMeta(name: "web", namespace: "shop"))
        #expect(key == ObjectKey(namespace: "shop", name: "web"))
        #expect(ObjectKey(ObjectMeta()).name == "")
        let sorted = [ObjectKey(namespace: "b", name: "x"), ObjectKey(namespace: "a", name: "y")].sorted()
        #expect(sorted.map(\.description) == ["a/y", "b/x"])
    }
}
