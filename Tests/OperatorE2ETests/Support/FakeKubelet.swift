import Foundation
import KubeClient
import KubeTypes

/// Plays the kubelet the local control plane lacks: every pod of the namespace gets the
/// `pods/status` a kubelet would report, once, by the rule the test gives (by image: the bad
/// version crash-loops, the good one runs and is Ready). The ReplicaSet and Deployment
/// controllers then count ready replicas from it as they would on a real node.
struct FakeKubelet: Sendable {
    /// What a pod's container does.
    enum Behaviour: Sendable {
        /// Running and Ready.
        case ready
        /// `CrashLoopBackOff` after 5 restarts, last terminated with exit code 1.
        case crashLooping
        /// Left Pending (no status written).
        case pending
    }

    /// Decides the behaviour from the pod's first container image.
    var behaviour: @Sendable (_ image: String) -> Behaviour

    /// Every pod Running and Ready.
    static let allReady = FakeKubelet { _ in .ready }

    /// Writes the status of every new pod in `namespace`, polling every 250 ms until cancelled.
    /// A failed call (a pod deleted between list and patch, a busy API server) is retried on
    /// the next poll, as a kubelet would.
    func run(client: KubeClient, namespace: String) async throws {
        var done: Set<String> = []
        while !Task.isCancelled {
            let pods = (try? await client.list(Pod.self, .pods, namespace: namespace).items) ?? []
            for pod in pods {
                guard let uid = pod.metadata.uid, let name = pod.metadata.name, !done.contains(uid),
                    pod.metadata.deletionTimestamp == nil
                else { continue }
                let image = pod.spec?.containers.first?.image ?? ""
                let container = pod.spec?.containers.first?.name ?? "app"
                if let status = Self.status(behaviour(image), container: container, image: image) {
                    let patch = Patch.merge(["status": status])
                    guard (try? await client.patchStatus(UnstructuredObject.self, .pods, name: name, namespace: namespace, patch)) != nil
                    else { continue }
                }
                done.insert(uid)
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// The status a kubelet reports for `behaviour`, or `nil` for none.
    static func status(_ behaviour: Behaviour, container: String, image: String) -> JSONValue? {
        let now = JSONValue.string(KubeTime.format(Date()))
        switch behaviour {
        case .pending:
            return nil
        case .ready:
            return [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": now]],
                "containerStatuses": [[
                    "name": .string(container), "ready": true, "restartCount": 0, "image": .string(image), "imageID": "",
                    "started": true, "state": ["running": ["startedAt": now]],
                ]],
            ]
        case .crashLooping:
            return [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "False", "lastTransitionTime": now, "reason": "ContainersNotReady"]],
                "containerStatuses": [[
                    "name": .string(container), "ready": false, "restartCount": 5, "image": .string(image), "imageID": "",
                    "started": false,
                    "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container"]],
                    "lastState": ["terminated": ["exitCode": 1, "reason": "Error", "startedAt": now, "finishedAt": now]],
                ]],
            ]
        }
    }
}
