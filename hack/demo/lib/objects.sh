# Reading and writing the demo's Kubernetes objects, for hack/demo.sh. Sourced; expects the
# ui/processes helpers, KUBECONFIG (a cluster admin) and ALERTMANAGER.

# jp KIND/NAME NAMESPACE JSONPATH: one field of one object ('' when absent).
jp() { kubectl -n "$2" get "$1" -o jsonpath="$3" 2>/dev/null; }

# memory_limit NAMESPACE DEPLOYMENT: the first container's memory limit.
memory_limit() { jp "deployment/$2" "$1" '{.spec.template.spec.containers[0].resources.limits.memory}'; }

# pod_in NAMESPACE SELECTOR REASON [MEMORY_LIMIT]: the newest pod (not being deleted) whose first
# container last terminated with REASON (OOMKilled) or waits with it (CrashLoopBackOff), and has
# MEMORY_LIMIT when given.
pod_in() {
  kubectl -n "$1" get pods -l "$2" --sort-by=.metadata.creationTimestamp --no-headers -o \
    custom-columns='N:.metadata.name,D:.metadata.deletionTimestamp,L:.status.containerStatuses[0].lastState.terminated.reason,W:.status.containerStatuses[0].state.waiting.reason,M:.spec.containers[0].resources.limits.memory' \
    | awk -v r="$3" -v m="${4:-}" '$2 == "<none>" && ($3 == r || $4 == r) && (m == "" || $5 == m) { pod = $1 } END { if (pod == "") exit 1; print pod }'
}

# fire ALERTNAME KEY=VALUE...: sends a firing alert to Alertmanager (as Prometheus would).
fire() { python3 hack/demo/alert.py fire "$ALERTMANAGER" "$@" | sed 's/^/  /'; }

# request_for VAR NAMESPACE ALERTNAME KEY=VALUE...: sets VAR to the RemediationRequest the
# receiver created for the alert; fails while there is none.
request_for() {
  local name
  name=$(python3 hack/demo/report.py find "${@:2}") || return 1
  printf -v "$1" '%s' "$name"
}

# phase_is NAMESPACE REQUEST PHASE...: the request's status.phase is one of PHASEs.
phase_is() {
  local phase want
  phase=$(jp "remediationrequest/$2" "$1" '{.status.phase}')
  for want in "${@:3}"; do [ "$phase" = "$want" ] && return 0; done
  return 1
}

# reasons_include NAMESPACE REQUEST CODE: status.policy.reasons has CODE.
reasons_include() {
  jp "remediationrequest/$2" "$1" '{.status.policy.reasons[*].code}' | tr ' ' '\n' | grep -qx "$3"
}

# executed NAMESPACE REQUEST: the action ran and succeeded (status.execution.result).
executed() { [ "$(jp "remediationrequest/$2" "$1" '{.status.execution.result}')" = Succeeded ]; }

# decided NAMESPACE REQUEST: status.decision.action is set.
decided() { [ -n "$(jp "remediationrequest/$2" "$1" '{.status.decision.action}')" ]; }

# plugin_ready: `kubectl ballast` is installed and knows its verbs.
plugin_ready() { kubectl ballast --help 2>/dev/null | grep -qE '^ +explain'; }

# explain NAMESPACE REQUEST: why the request is where it is, in words.
explain() {
  if plugin_ready; then
    show kubectl ballast explain "$2" -n "$1" || true
  else
    shell "kubectl get rr $2 -n $1 -o jsonpath='{.status.conditions}'  # kubectl ballast explain, once installed" \
      sh -c "kubectl -n '$1' get rr '$2' -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{\"\\n\"}{end}{range .status.policy.reasons[*]}policy {.code}: {.message}{\"\\n\"}{end}retryAfter: {.status.policy.retryAfter}{\"\\n\"}'"
  fi
}

# history NAMESPACE KIND/NAME: the target's ActionHistory, readable.
history() {
  if plugin_ready; then
    show kubectl ballast history "$2" -n "$1" || true
  else
    local name="${2%%/*}-${2#*/}"
    shell "kubectl get ah $name -n $1 -o jsonpath='{.status.entries}'  # kubectl ballast history, once installed" \
      sh -c "kubectl -n '$1' get ah '$name' -o jsonpath='{range .status.entries[*]}{.startedAt}  {.action} {.parameters}  {.state}  {.before} -> {.after}{\"\\n\"}{end}{range .status.patterns[*]}pattern {.type} ({.severity}): {.message}; prevention {.prevention} until {.blockedUntil}{\"\\n\"}{end}'"
  fi
}

# emergency_stop on|off REASON: kubectl ballast stop/resume (a patch of the default policy
# until the plugin is installed).
emergency_stop() {
  if plugin_ready; then
    if [ "$1" = on ]; then show kubectl ballast stop --reason "$2"; else show kubectl ballast resume; fi
  else
    local enabled=false; [ "$1" = on ] && enabled=true
    show kubectl patch safetypolicy default --type=merge \
      -p "{\"spec\":{\"emergencyStop\":{\"enabled\":$enabled,\"reason\":\"$2\",\"by\":\"demo@ballast.dev\"}}}"
  fi
}

# scale_request NAMESPACE NAME DEPLOYMENT REPLICAS: a manual RemediationRequest, as an
# autoscaler-like tool would create it (hack/demo/scale-request.yaml).
scale_request() {
  sed -e "s/@NAMESPACE@/$1/g" -e "s/@NAME@/$2/g" -e "s/@DEPLOYMENT@/$3/g" -e "s/@REPLICAS@/$4/g" \
    hack/demo/scale-request.yaml | kubectl apply -f - | sed 's/^/  /'
}
