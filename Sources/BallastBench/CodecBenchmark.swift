import ArgumentParser
import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// `ballast-bench codec`: decoding the objects the operator reads most — a Deployment as the API
/// server returns it (every executor's live read and dry-run answer, decoded as a free-form
/// ``UnstructuredObject``) and an ActionHistory of 50 entries (each watch event of a busy
/// target) — against Foundation's untyped `JSONSerialization` on the same bytes, in the same
/// process. Prints CPU µs per decode and the ratio to the reference.
struct CodecBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec", abstract: "JSON decoding of a Deployment and an ActionHistory (µs/op, vs JSONSerialization).")

    @Option(help: "Minimum measuring time per case, in milliseconds.")
    var milliseconds = 1_000

    func run() throws {
        let decoder = JSONDecoder.kubernetes()
        let deployment = Data(Self.deployment.utf8)
        let history = try JSONEncoder.kubernetes().encode(Self.history(entries: 50))
        print("codec benchmark: CPU time per decode; the reference is JSONSerialization.jsonObject on the same bytes")
        print("object                       bytes  decode µs  reference µs  ratio")
        for (name, bytes, decode) in [
            ("Deployment (unstructured)", deployment, { try decoder.decode(UnstructuredObject.self, from: deployment).content.count }),
            ("ActionHistory, 50 entries", history, { try decoder.decode(ActionHistory.self, from: history).status?.entries?.count ?? 0 }),
        ] as [(String, Data, () throws -> Int)] {
            _ = try decode()
            let typed = CoreBenchmark.measure(milliseconds: milliseconds) { (try? decode()) ?? 0 }
            let reference = CoreBenchmark.measure(milliseconds: milliseconds) {
                ((try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any])?.count ?? 0
            }
            print(String(format: "%-26@ %7d  %9.1f  %12.1f  %5.2f", name, bytes.count, typed / 1000, reference / 1000, typed / reference))
        }
    }

    /// An ActionHistory with `entries` finished scale actions, each with parameters, before and after.
    static func history(entries: Int) -> ActionHistory {
        let start = Date(timeIntervalSince1970: 1_795_608_000)
        let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")
        let list = (0..<entries).map { (index: Int) -> ActionEntry in
            let replicas = JSONValue.int(Int64(3 + index % 3))
            let startedAt = start.addingTimeInterval(Double(index * 60))
            return ActionEntry(
                actionId: "scale-deployment-\(String(index, radix: 16))-7f3a9c41",
                request: RequestReference(name: "web-\(index)", uid: UUID().uuidString), alert: "HighLatency",
                action: .scaleDeployment, parameters: ["replicas": replicas], source: .rules, confidence: 0.8,
                state: .succeeded, startedAt: startedAt, finishedAt: startedAt.addingTimeInterval(2),
                before: ["replicas": 3], after: ["replicas": replicas], effectiveness: 0.7,
                message: "scaled Deployment shop/web from 3 to \(3 + index % 3) replicas")
        }
        return ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop"), spec: ActionHistorySpec(target: target),
            status: ActionHistoryStatus(entries: list, summary: HistorySummary(totalActions: Int64(entries))))
    }

    /// A Deployment as `GET /apis/apps/v1/namespaces/shop/deployments/web` returns it.
    static let deployment = #"""
    {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"shop","uid":"0b6f2c8e-5d0a-4e0c-9a51-2c1f4b8d7e11","resourceVersion":"184467","generation":7,"creationTimestamp":"2026-11-20T08:00:00Z","labels":{"app":"web","team":"shop","tier":"frontend"},"annotations":{"deployment.kubernetes.io/revision":"4","ballast.dev/action-id":"scale-deployment-2a-7f3a9c41"},"managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-11-20T08:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{},"f:team":{},"f:tier":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:terminationGracePeriodSeconds":{}}}}}},{"manager":"ballast","operation":"Update","apiVersion":"apps/v1","time":"2026-11-21T09:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:ballast.dev/action-id":{}}},"f:spec":{"f:replicas":{}}}},{"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"2026-11-21T09:00:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:deployment.kubernetes.io/revision":{}}},"f:status":{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Progressing\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:readyReplicas":{},"f:replicas":{},"f:updatedReplicas":{}}},"subresource":"status"}]},"spec":{"replicas":4,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"registry.local/web:1.42.0","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"limits":{"memory":"512Mi"},"requests":{"cpu":"250m","memory":"256Mi"}},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600},"status":{"observedGeneration":7,"replicas":4,"updatedReplicas":4,"readyReplicas":4,"availableReplicas":4,"conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-11-21T09:00:05Z","lastTransitionTime":"2026-11-20T08:00:10Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."},{"type":"Progressing","status":"True","lastUpdateTime":"2026-11-21T09:00:05Z","lastTransitionTime":"2026-11-20T08:00:00Z","reason":"NewReplicaSetAvailable","message":"ReplicaSet \"web-7d9f8b6c5d\" has successfully progressed."}]}}
    """#
}
