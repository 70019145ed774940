#!/usr/bin/env python3
"""Fires or resolves a kube-prometheus-style alert through Alertmanager's API (POST /api/v2/alerts),
as Prometheus does. Labels and annotations come from hack/demo/alerts.json plus KEY=VALUE labels.

  alert.py fire    ALERTMANAGER_URL ALERTNAME KEY=VALUE...
  alert.py resolve ALERTMANAGER_URL ALERTNAME KEY=VALUE...   (endsAt = now: Alertmanager sends "resolved")

Prints the alert's identity (name and labels) on success; exits non-zero naming the problem."""
import json
import pathlib
import sys
import urllib.request
from datetime import datetime, timedelta, timezone

CATALOG = pathlib.Path(__file__).with_name("alerts.json")


def build(name, pairs, resolve):
    catalog = json.loads(CATALOG.read_text())
    if name not in catalog:
        raise SystemExit(f"alert.py: unknown alert {name!r}; known: {', '.join(k for k in catalog if not k.startswith('_'))}")
    labels = {"alertname": name, **catalog[name]["labels"]}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"alert.py: label {pair!r} is not KEY=VALUE")
        labels[key] = value
    try:
        annotations = {k: v.format(**labels) for k, v in catalog[name]["annotations"].items()}
    except KeyError as missing:
        raise SystemExit(f"alert.py: {name} needs the label {missing}")
    alert = {
        "labels": labels,
        "annotations": annotations,
        "startsAt": (datetime.now(timezone.utc) - timedelta(minutes=5)).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "generatorURL": "http://prometheus.demo.local/graph?g0.expr=" + name,
    }
    if resolve:
        alert["endsAt"] = now_text()
    return alert


def now_text():
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def post(url, alerts):
    """Posts `alerts` to Alertmanager at `url`; raises OSError (URLError) when it refuses them."""
    request = urllib.request.Request(
        url.rstrip("/") + "/api/v2/alerts", data=json.dumps(alerts).encode(), method="POST",
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()


def main(argv):
    if len(argv) < 4 or argv[1] not in ("fire", "resolve"):
        raise SystemExit(__doc__)
    verb, url, name, pairs = argv[1], argv[2], argv[3], argv[4:]
    alert = build(name, pairs, resolve=verb == "resolve")
    try:
        post(url, [alert])
    except OSError as error:
        raise SystemExit(f"alert.py: Alertmanager at {url} refused the alert {name}: {error}")
    shown = ", ".join(f"{k}={v}" for k, v in alert["labels"].items() if k in ("namespace", "pod", "deployment", "container"))
    print(f"{'resolved' if verb == 'resolve' else 'fired'} {name} {{{shown}}}")


if __name__ == "__main__":
    main(sys.argv)
