import KubeTypes
import Testing

@Suite struct ResourceDescriptorTests {
    @Test func coreGroupPathsUseApi() {
        #expect(ResourceDescriptor.pods.apiVersion == "v1")
        #expect(ResourceDescriptor.pods.collectionPath(namespace: "shop") == "/api/v1/namespaces/shop/pods")
        #expect(ResourceDescriptor.pods.collectionPath(namespace: nil) == "/api/v1/pods")
        #expect(ResourceDescriptor.pods.objectPath(namespace: "shop", name: "p", subresource: "eviction")
            == "/api/v1/namespaces/shop/pods/p/eviction")
    }

    @Test func namedGroupPathsUseApis() {
        #expect(ResourceDescriptor.deployments.apiVersion == "apps/v1")
        #expect(ResourceDescriptor.deployments.objectPath(namespace: "shop", name: "web")
            == "/apis/apps/v1/namespaces/shop/deployments/web")
        #expect(ResourceDescriptor.horizontalPodAutoscalers.apiVersion == "autoscaling/v2beta2")
        #expect(ResourceDescriptor.podDisruptionBudgets.apiVersion == "policy/v1beta1")
    }

    @Test func clusterScopedResourcesIgnoreTheNamespace() {
        #expect(ResourceDescriptor.nodes.objectPath(namespace: "shop", name: "n1", subresource: "status")
            == "/api/v1/nodes/n1/status")
        #expect(ResourceDescriptor.customResourceDefinitions.description
            == "customresourcedefinitions.apiextensions.k8s.io")
    }
}
