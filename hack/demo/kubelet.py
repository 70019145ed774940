#!/usr/bin/env python3
"""The demo's stand-in for a scheduler and a kubelet (the local control plane has neither).

  kubelet.py NODE NAMESPACE...

Registers NODE as a Ready node, then once a second binds every unscheduled pod in the
NAMESPACEs to it and writes the pod's status through pods/status the way a kubelet reports a
running container, following hack/demo/images.json:
  - an image with `crash` exits at start: waiting in CrashLoopBackOff, restartCount 5, last
    state terminated with the exit code and message, not ready (plus a BackOff Warning Event);
  - an image with `workingSet` above the container's memory limit is OOMKilled: restartCount 3,
    running again, last state terminated with reason OOMKilled and exit code 137;
  - anything else runs and is ready.
A pod being deleted is confirmed at once (its containers "stop" immediately). A pod's status
is written once per outcome (the outcome is keyed by image and memory limit), so
a rollout that raises the limit gets new, healthy pods. Runs until killed.

Talks to the API server directly (hack/demo/kubeapi.py), as a kubelet has its own client."""
import hashlib
import json
import pathlib
import re
import sys
import time
from datetime import datetime, timedelta, timezone

from kubeapi import API

IMAGES = json.loads(pathlib.Path(__file__).with_name("images.json").read_text())
UNITS = {"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
OUTCOME = "demo.ballast.dev/kubelet-outcome"


def quantity(text):
    match = re.fullmatch(r"([0-9.]+)([kMG]i?|)", text or "")
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def stamp(seconds_ago):
    moment = datetime.now(timezone.utc) - timedelta(seconds=seconds_ago)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def outcome(container):
    """(kind, detail) for one container spec: ('crash', spec), ('oom', None) or ('run', None)."""
    behaviour = IMAGES.get(container.get("image"), {})
    if "crash" in behaviour:
        return "crash", behaviour["crash"]
    need = quantity(behaviour.get("workingSet"))
    limit = quantity(container.get("resources", {}).get("limits", {}).get("memory"))
    if need is not None and limit is not None and need > limit:
        return "oom", None
    return "run", None


def container_status(pod, container):
    kind, detail = outcome(container)
    uid = hashlib.sha256((pod["metadata"]["uid"] + container["name"]).encode()).hexdigest()
    status = {
        "name": container["name"], "image": container["image"],
        "imageID": "registry.example.com@sha256:" + hashlib.sha256(container["image"].encode()).hexdigest(),
        "containerID": "containerd://" + uid[:64],
    }
    if kind == "crash":
        status.update(ready=False, started=False, restartCount=5, state={"waiting": {
            "reason": "CrashLoopBackOff",
            "message": f"back-off 2m40s restarting failed container={container['name']} pod={pod['metadata']['name']}"}},
            lastState={"terminated": {"exitCode": detail["exitCode"], "reason": "Error", "message": detail["message"],
                                      "startedAt": stamp(45), "finishedAt": stamp(44), "containerID": status["containerID"]}})
    elif kind == "oom":
        status.update(ready=True, started=True, restartCount=3, state={"running": {"startedAt": stamp(20)}},
                      lastState={"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": stamp(140),
                                                "finishedAt": stamp(21), "containerID": status["containerID"]}})
    else:
        status.update(ready=True, started=True, restartCount=0, state={"running": {"startedAt": stamp(2)}})
    return kind, status


def pod_status(pod, index):
    kinds, statuses = zip(*(container_status(pod, c) for c in pod["spec"]["containers"]))
    ready = "False" if "crash" in kinds else "True"
    condition = {"status": ready, "lastProbeTime": None, "lastTransitionTime": stamp(1)}
    not_ready = {} if ready == "True" else {"reason": "ContainersNotReady",
                                             "message": "containers with unready status: [" + " ".join(
                                                 s["name"] for s in statuses if not s["ready"]) + "]"}
    return kinds, {
        "phase": "Running", "hostIP": "10.0.0.11", "podIP": f"10.244.1.{10 + index % 240}",
        "podIPs": [{"ip": f"10.244.1.{10 + index % 240}"}], "startTime": stamp(60), "qosClass": "Burstable",
        "conditions": [
            {"type": "Initialized", "status": "True", "lastProbeTime": None, "lastTransitionTime": stamp(60)},
            {"type": "Ready", **condition, **not_ready},
            {"type": "ContainersReady", **condition, **not_ready},
            {"type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": stamp(60)},
        ],
        "containerStatuses": list(statuses),
    }


def register(api, node):
    status = {"status": {
        "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status",
                        "lastHeartbeatTime": stamp(0), "lastTransitionTime": stamp(300)}],
        "capacity": {"cpu": "8", "memory": "32Gi", "pods": "110"},
        "allocatable": {"cpu": "7800m", "memory": "31Gi", "pods": "110"},
        "addresses": [{"type": "InternalIP", "address": "10.0.0.11"}, {"type": "Hostname", "address": node}],
        "nodeInfo": {"kubeletVersion": "v1.20.2", "kubeProxyVersion": "v1.20.2", "containerRuntimeVersion": "containerd://1.6.20",
                     "operatingSystem": "linux", "architecture": "amd64", "osImage": "Debian GNU/Linux 12 (bookworm)",
                     "kernelVersion": "6.1.0", "machineID": "", "systemUUID": "", "bootID": ""}}}
    api.merge_patch(f"/api/v1/nodes/{node}/status", status)


def back_off_event(api, pod, container):
    name = pod["metadata"]["name"]
    event = {"apiVersion": "v1", "kind": "Event",
             "metadata": {"name": f"{name}.{time.time_ns():x}", "namespace": pod["metadata"]["namespace"]},
             "involvedObject": {"kind": "Pod", "apiVersion": "v1", "name": name, "namespace": pod["metadata"]["namespace"],
                                "uid": pod["metadata"]["uid"], "fieldPath": f"spec.containers{{{container}}}"},
             "reason": "BackOff", "message": "Back-off restarting failed container", "type": "Warning", "count": 5,
             "firstTimestamp": stamp(120), "lastTimestamp": stamp(5), "source": {"component": "kubelet", "host": "demo-node-1"}}
    api.call("POST", f"/api/v1/namespaces/{pod['metadata']['namespace']}/events", event)


def sync(api, node, namespaces, index):
    pods = api.call("GET", "/api/v1/pods")["items"]
    for pod in pods:
        meta = pod["metadata"]
        if meta["namespace"] not in namespaces:
            continue
        if meta.get("deletionTimestamp"):  # the containers stopped: confirm, as a kubelet does
            api.call("DELETE", f"/api/v1/namespaces/{meta['namespace']}/pods/{meta['name']}",
                     {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0})
            continue
        key = json.dumps([[c["image"], c.get("resources", {}).get("limits", {}).get("memory")] for c in pod["spec"]["containers"]])
        if meta.get("annotations", {}).get(OUTCOME) == key:
            continue
        index += 1
        ns, name = meta["namespace"], meta["name"]
        if not pod["spec"].get("nodeName"):
            binding = {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": name},
                       "target": {"apiVersion": "v1", "kind": "Node", "name": node}}
            api.call("POST", f"/api/v1/namespaces/{ns}/pods/{name}/binding", binding)
        kinds, status = pod_status(pod, index)
        api.merge_patch(f"/api/v1/namespaces/{ns}/pods/{name}/status", {"status": status})
        api.merge_patch(f"/api/v1/namespaces/{ns}/pods/{name}", {"metadata": {"annotations": {OUTCOME: key}}})
        for container, kind in zip(pod["spec"]["containers"], kinds):
            if kind == "crash":
                back_off_event(api, pod, container["name"])
    return index


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    node, namespaces = argv[1], set(argv[2:])
    api = API()
    register(api, node)
    index = 0
    while True:
        try:
            index = sync(api, node, namespaces, index)
        except RuntimeError as error:  # a pod deleted mid-write, an API blip: the next pass retries
            print(f"kubelet.py: {error}", file=sys.stderr, flush=True)
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv)
