#!/usr/bin/env python3
"""Reads Ballast's objects for hack/demo.sh (through kubectl, with $KUBECONFIG).

  report.py find NAMESPACE ALERTNAME KEY=VALUE...
      The newest RemediationRequest for that alert whose alert labels include every KEY=VALUE;
      prints its name, exits 1 when there is none.
  report.py cooling-off NAMESPACE REQUEST HISTORY ACTION DURATION
      Checks that REQUEST is denied with CoolingOff and that its status.policy.retryAfter is
      exactly the start of the last ACTION entry in ActionHistory HISTORY plus DURATION (Go
      syntax, e.g. 10m); prints the arithmetic, exits 1 when it does not hold.
  report.py summary NAMESPACE...
      One row per RemediationRequest: request, action, phase, reason, time to complete."""
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta

UNITS = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}


def kubectl_json(*args):
    result = subprocess.run(["kubectl", *args, "-o", "json"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"report.py: kubectl {' '.join(args)}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def duration(text):
    parts = re.findall(r"([0-9.]+)(ms|h|m|s)", text)
    if not parts and text != "0":
        raise SystemExit(f"report.py: {text!r} is not a Go duration")
    return timedelta(seconds=sum(float(n) * UNITS[u] for n, u in parts))


def requests(namespace):
    return kubectl_json("get", "remediationrequests", "-n", namespace)["items"]


def find(namespace, alert, pairs):
    wanted = dict(pair.split("=", 1) for pair in pairs)
    matches = [rr for rr in requests(namespace)
               if (rr["spec"].get("alert") or {}).get("name") == alert
               and all((rr["spec"]["alert"].get("labels") or {}).get(k) == v for k, v in wanted.items())]
    if not matches:
        sys.exit(1)
    print(max(matches, key=lambda rr: rr["metadata"]["creationTimestamp"])["metadata"]["name"])


def cooling_off(namespace, request, history, action, length):
    rr = kubectl_json("get", "remediationrequest", request, "-n", namespace)
    policy = (rr.get("status") or {}).get("policy") or {}
    codes = [reason["code"] for reason in policy.get("reasons", [])]
    entries = [e for e in kubectl_json("get", "actionhistory", history, "-n", namespace).get("status", {}).get("entries", [])
               if e["action"] == action]
    if "CoolingOff" not in codes or not entries or not policy.get("retryAfter"):
        print(f"{request}: reasons {codes or 'none'}, retryAfter {policy.get('retryAfter')}, {len(entries)} {action} entries")
        sys.exit(1)
    started = when(entries[-1]["startedAt"])
    expected = started + duration(length)
    actual = when(policy["retryAfter"])
    print(f"retryAfter {policy['retryAfter']} = last {action} at {entries[-1]['startedAt']} + {length}"
          + ("" if actual == expected else f"  (MISMATCH: expected {expected.isoformat()})"))
    sys.exit(0 if actual == expected else 1)


def reason(status):
    codes = [r["code"] for r in (status.get("policy") or {}).get("reasons", [])]
    if codes and status.get("phase") not in ("Completed", "Verifying", "Executing"):
        return ",".join(dict.fromkeys(codes))
    conditions = sorted(status.get("conditions", []), key=lambda c: c.get("lastTransitionTime", ""))
    return conditions[-1]["reason"] if conditions else "-"


def completion(rr):
    status = rr.get("status") or {}
    if status.get("phase") not in ("Completed", "Failed", "Escalated", "Skipped"):
        return "-"
    times = [when(c["lastTransitionTime"]) for c in status.get("conditions", []) if c.get("lastTransitionTime")]
    if not times:
        return "-"
    return f"{(max(times) - when(rr['metadata']['creationTimestamp'])).total_seconds():.0f}s"


def summary(namespaces):
    rows = [("REQUEST", "ACTION", "PHASE", "REASON", "TIME TO COMPLETE")]
    items = [rr for ns in namespaces for rr in requests(ns)]
    for rr in sorted(items, key=lambda rr: rr["metadata"]["creationTimestamp"]):
        status = rr.get("status") or {}
        action = (status.get("decision") or {}).get("action") or (rr["spec"].get("action") or {}).get("name", "-")
        rows.append((f"{rr['metadata']['namespace']}/{rr['metadata']['name']}", action,
                     status.get("phase", "Pending"), reason(status), completion(rr)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def main(argv):
    if len(argv) >= 4 and argv[1] == "find":
        find(argv[2], argv[3], argv[4:])
    elif len(argv) == 7 and argv[1] == "cooling-off":
        cooling_off(*argv[2:])
    elif len(argv) >= 3 and argv[1] == "summary":
        summary(argv[2:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
