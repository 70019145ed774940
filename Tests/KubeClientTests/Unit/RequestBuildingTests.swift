import Foundation
import KubeTypes
import Testing
@testable import KubeClient

@Suite("Request building")
struct RequestBuildingTests {
    @Test func listOptionsArePercentEncoded() {
        var request = APIRequest(method: .GET, path: ResourceDescriptor.pods.collectionPath(namespace: "ns"))
        ListOptions(labelSelector: "app in (a,b),!canary", fieldSelector: "status.phase!=Running", limit: 100, continueToken: "eyJ2Ijoi/+=").apply(to: &request)
        #expect(request.pathAndQuery == "/api/v1/namespaces/ns/pods?labelSelector=app%20in%20%28a%2Cb%29%2C%21canary&fieldSelector=status.phase%21%3DRunning&limit=100&continue=eyJ2Ijoi%2F%2B%3D")
    }

    @Test func watchOptionsIncludeBookmarksAndTimeout() {
        var request = APIRequest(method: .GET, path: ResourceDescriptor.deployments.collectionPath(namespace: nil))
        WatchOptions(resourceVersion: "42", timeoutSeconds: 300).apply(to: &request)
        #expect(request.pathAndQuery == "/apis/apps/v1/deployments?watch=true&resourceVersion=42&allowWatchBookmarks=true&timeoutSeconds=300")
    }

    @Test func percentEncodingKeepsUnreservedAndEncodesUTF8() {
        #expect(APIRequest.percentEncode("a-b_c.d~e") == "a-b_c.d~e")
        #expect(APIRequest.percentEncode("é =") == "%C3%A9%20%3D")
    }

    @Test func deleteOptionsEncodeAsMetaV1() throws {
        let options = DeleteOptions(
            propagationPolicy: .foreground, preconditions: .init(uid: "u1", resourceVersion: "9"), dryRun: true)
        let json = try JSONValue(encoding: options)
        #expect(json == [
            "kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Foreground",
            "preconditions": ["uid": "u1", "resourceVersion": "9"], "dryRun": ["All"],
        ])
    }

    @Test(arguments: [
        (Patch.merge(["a": 1]), "application/merge-patch+json"),
        (.json([JSONPatchOperation(op: .replace, path: "/spec/replicas", value: 3)]), "application/json-patch+json"),
        (.strategicMerge(["a": 1]), "application/strategic-merge-patch+json"),
        (.apply(["a": 1], fieldManager: "ballast", force: true), "application/apply-patch+yaml"),
    ])
    func patchContentTypes(patch: Patch, contentType: String) {
        #expect(patch.contentType == contentType)
    }

    @Test func jsonPointerEscaping() {
        #expect(JSONPatchOperation.escape("ballast.dev/owner~x") == "ballast.dev~1owner~0x")
    }
}

@Suite struct PodLogRequestTests {
    @Test func asksForBoundedTextOfOneContainer() {
        let request = PodLogOptions(container: "app", tailLines: 20, limitBytes: 4096, sinceSeconds: 600, previous: true)
            .request(name: "web-1", namespace: "shop")
        #expect(request.method == .GET)
        #expect(request.pathAndQuery
            == "/api/v1/namespaces/shop/pods/web-1/log?container=app&tailLines=20&limitBytes=4096&sinceSeconds=600&previous=true")
        #expect(request.accept == "application/json, */*")
    }

    @Test func defaultsBoundTheAnswer() {
        let request = PodLogOptions().request(name: "web-1", namespace: "shop")
        #expect(request.pathAndQuery == "/api/v1/namespaces/shop/pods/web-1/log?tailLines=100&limitBytes=65536")
    }
}
