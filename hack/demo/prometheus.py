#!/usr/bin/env python3
"""The demo's stand-in for Prometheus evaluating kube-state-metrics alert rules, for resolution
only: once a second it reads the active alerts from Alertmanager and resolves every one whose
`pod` label names a pod that no longer exists (its series are gone, so the rule stops firing),
by posting the alert again with endsAt = now, as Prometheus does. Firing is left to the demo
(hack/demo/alert.py), which decides when each step's alert arrives.

  prometheus.py ALERTMANAGER_URL

Runs until killed; reads pods with hack/demo/kubeapi.py."""
import json
import sys
import time
import urllib.request

from alert import now_text, post
from kubeapi import API, APIError


def pod_exists(api, namespace, name):
    try:
        api.call("GET", f"/api/v1/namespaces/{namespace}/pods/{name}")
        return True
    except APIError as error:
        if error.code == 404:
            return False
        raise


def sync(api, url):
    with urllib.request.urlopen(url.rstrip("/") + "/api/v2/alerts?active=true", timeout=5) as response:
        alerts = json.loads(response.read())
    for alert in alerts:
        labels = alert["labels"]
        if "pod" in labels and "namespace" in labels and not pod_exists(api, labels["namespace"], labels["pod"]):
            post(url, [{"labels": labels, "annotations": alert.get("annotations", {}),
                        "startsAt": alert["startsAt"], "endsAt": now_text()}])
            print(f"resolved {labels['alertname']} for {labels['namespace']}/{labels['pod']}: the pod is gone", flush=True)


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    api = API()
    while True:
        try:
            sync(api, argv[1])
        except (RuntimeError, OSError) as error:  # an API or Alertmanager blip: the next pass retries
            print(f"prometheus.py: {error}", file=sys.stderr, flush=True)
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv)
