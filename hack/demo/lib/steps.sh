# The demo's story: the shop's workloads, then the five steps. Each step narrates, shows the
# objects, and ends with pass/fail decided on objects (never on log text). Sourced by
# hack/demo.sh after the ui, processes, objects and install helpers.

SHOP=demo-shop LAB=demo-lab

# setup_workloads: the shop, the lab's policy, and the kubelet stand-in; checkout's bad release.
setup_workloads() {
  show kubectl apply -f hack/demo/workloads.yaml
  say "The autoscaling lab brings its own SafetyPolicy; namespaces with one leave the default:"
  show kubectl apply -f hack/demo/policies.yaml
  show kubectl patch safetypolicy default --type=merge --patch-file hack/demo/default-policy-patch.yaml
  start_process kubelet python3 hack/demo/kubelet.py demo-node-1 "$SHOP" "$LAB"
  await 60 "the kubelet stand-in starts the pods" all_pods_started \
    || die "the kubelet stand-in did not start every pod within 60 s (log: $DEMO_DIR/kubelet.log)"
  say "checkout 1.4.2 runs; release 1.5.0 goes out and its new pod crash-loops:"
  show kubectl -n "$SHOP" set image deployment/checkout checkout=registry.example.com/shop/checkout:1.5.0
  await 30 "the new checkout pod starts" pod_in "$SHOP" app=checkout CrashLoopBackOff \
    || die "no checkout pod reached CrashLoopBackOff within 30 s"
  show kubectl get pods -n "$SHOP" -o wide
}

# all_pods_started: every pod of the demo namespaces is Running (as the stand-in reports it).
all_pods_started() {
  ! kubectl get pods -n "$SHOP" --no-headers | grep -v Running | grep -q . &&
    ! kubectl get pods -n "$LAB" --no-headers | grep -v Running | grep -q . &&
    [ "$(kubectl get pods -n "$SHOP" --no-headers | wc -l)" -ge 5 ]
}

# step1_decide: three kube-prometheus alerts through Alertmanager; the built-in rules decide.
step1_decide() {
  banner "1/5  Deciding: alerts come in through Alertmanager, Ballast decides (${DECIDER})"
  CRASH_POD=$(pod_in "$SHOP" app=checkout CrashLoopBackOff)
  WEB_POD=$(pod_in "$SHOP" app=web OOMKilled) || die "no OOMKilled web pod"
  fire KubePodCrashLooping namespace="$SHOP" pod="$CRASH_POD" container=checkout
  fire KubeDeploymentReplicasMismatch namespace="$SHOP" deployment=checkout
  fire KubeContainerOOMKilled namespace="$SHOP" pod="$WEB_POD" container=app
  await 20 "Alertmanager notifies Ballast's receiver, which creates a RemediationRequest per alert" step1_requests \
    || { fail 1 "the receiver did not create a RemediationRequest for each of the three alerts"; return; }
  await 30 "Ballast resolves the targets and decides" step1_decided \
    || { fail 1 "not every request was decided within 30 s"; return; }
  show kubectl get remediationrequests -n "$SHOP"
  say "A crash loop could be a bad release, but the rules cannot read logs: a rollback waits for a person."
  explain "$SHOP" "$CRASH_RR"
  local crash mismatch web source
  crash=$(jp "rr/$CRASH_RR" "$SHOP" '{.status.decision.action}')
  mismatch=$(jp "rr/$MISMATCH_RR" "$SHOP" '{.status.decision.action}')
  web=$(jp "rr/$WEB_RR" "$SHOP" '{.status.decision.action}')
  source=$(jp "rr/$WEB_RR" "$SHOP" '{.status.decision.source}')
  if [ -n "$LLM_ENDPOINT" ]; then
    [ -n "$crash" ] && [ -n "$mismatch" ] && [ -n "$web" ] && pass 1 "decided by $source: $CRASH_RR -> $crash, $WEB_RR -> $web" \
      || fail 1 "missing decisions: crash loop '$crash', OOM '$web'"
  elif [ "$crash" = rollback_deployment ] && [ "$mismatch" = collect_diagnostics ] && [ "$web" = increase_resources ] \
    && [ "$source" = Rules ]; then
    pass 1 "the built-in rules decided: crash loop -> rollback_deployment (awaits approval), replica mismatch -> collect_diagnostics, OOM -> increase_resources"
  else
    fail 1 "expected rollback_deployment, collect_diagnostics and increase_resources from Rules; got '$crash', '$mismatch' and '$web' from '$source'"
  fi
}

# step1_requests: the receiver created the three requests (sets CRASH_RR, MISMATCH_RR, WEB_RR).
step1_requests() {
  request_for CRASH_RR "$SHOP" KubePodCrashLooping pod="$CRASH_POD" &&
    request_for MISMATCH_RR "$SHOP" KubeDeploymentReplicasMismatch deployment=checkout &&
    request_for WEB_RR "$SHOP" KubeContainerOOMKilled pod="$WEB_POD"
}

# step1_decided: all three requests carry a decision.
step1_decided() { decided "$SHOP" "$CRASH_RR" && decided "$SHOP" "$MISMATCH_RR" && decided "$SHOP" "$WEB_RR"; }

# step2_act: the OOM request runs: the memory limit goes up, the ActionHistory records it, and
# the alert resolving completes the request.
step2_act() {
  banner "2/5  Acting: the memory limit of web goes up, and the ActionHistory remembers it"
  [ -n "${WEB_RR:-}" ] || { fail 2 "no request for the web OOM alert (step 1)"; return; }
  await 30 "policy check, intent recorded, action executed" executed "$SHOP" "$WEB_RR" \
    || { fail 2 "$WEB_RR did not execute within 30 s (phase $(jp "rr/$WEB_RR" "$SHOP" '{.status.phase}'))"; return; }
  shell "kubectl get rr $WEB_RR -n $SHOP -o jsonpath='{.status.execution.message}'" \
    jp "rr/$WEB_RR" "$SHOP" '{.status.execution.message}{"\n"}'
  show kubectl get deployment web -n "$SHOP" \
    -o custom-columns='DEPLOYMENT:.metadata.name,MEMORY LIMIT:.spec.template.spec.containers[0].resources.limits.memory,LAST ACTION:.metadata.annotations.ballast\.dev/last-action-id'
  history "$SHOP" deployment/web
  say "The rollout replaces the OOMKilled pod, so its alert resolves and Alertmanager tells Ballast:"
  await 30 "verification" phase_is "$SHOP" "$WEB_RR" Completed || true
  show kubectl get remediationrequest "$WEB_RR" -n "$SHOP"
  local limit entries
  limit=$(memory_limit "$SHOP" web)
  entries=$(jp actionhistory/deployment-web "$SHOP" '{.status.entries[?(@.action=="increase_resources")].state}')
  if [ "$limit" = 384Mi ] && [ "$entries" = Succeeded ] && phase_is "$SHOP" "$WEB_RR" Completed; then
    pass 2 "web's memory limit 256Mi -> 384Mi, one Succeeded entry in ActionHistory deployment-web, request Completed"
  else
    fail 2 "expected limit 384Mi, one Succeeded entry and a Completed request; got '$limit', '$entries', $(jp "rr/$WEB_RR" "$SHOP" '{.status.phase}')"
  fi
}

# step3_cooling_off: web is OOMKilled again at 384Mi; the second request is refused until
# exactly the end of the 10-minute cooling-off of the default policy.
step3_cooling_off() {
  banner "3/5  Refusing: a second action on web inside the cooling-off window"
  say "web needs about 450Mi, so the new pods are OOMKilled at 384Mi too, and the alert fires again:"
  local pod rr
  await 30 "a pod of the new revision reports its state" pod_in "$SHOP" app=web OOMKilled 384Mi \
    || { fail 3 "no web pod with the 384Mi limit was OOMKilled"; return; }
  pod=$(pod_in "$SHOP" app=web OOMKilled 384Mi)
  fire KubeContainerOOMKilled namespace="$SHOP" pod="$pod" container=app
  await 20 "a new RemediationRequest" request_for rr "$SHOP" KubeContainerOOMKilled pod="$pod" \
    || { fail 3 "no RemediationRequest for the second OOM alert"; return; }
  await 30 "Ballast decides, then checks the policy against web's ActionHistory" reasons_include "$SHOP" "$rr" CoolingOff \
    || { fail 3 "$rr was not refused with CoolingOff (phase $(jp "rr/$rr" "$SHOP" '{.status.phase}'))"; return; }
  show kubectl get remediationrequest "$rr" -n "$SHOP"
  explain "$SHOP" "$rr"
  local check
  if check=$(python3 hack/demo/report.py cooling-off "$SHOP" "$rr" deployment-web increase_resources 10m) \
    && [ "$(memory_limit "$SHOP" web)" = 384Mi ]; then
    pass 3 "$rr Blocked [CoolingOff]: $check; web untouched"
  else
    fail 3 "cooling-off not as expected: $check; web's limit $(memory_limit "$SHOP" web)"
  fi
}

# step4_oscillation: scale requests back and forth on frontend (no cooling-off in the lab's
# policy); the oscillation detector records the pattern and blocks the next one.
step4_oscillation() {
  banner "4/5  Catching an oscillation: frontend scaled up, down, up — the next change is blocked"
  show kubectl get safetypolicies
  say "An autoscaler-like tool requests replicas 4, 2, 4, each once the previous change is verified:"
  local replicas rr
  for rr in scale-frontend-1:4 scale-frontend-2:2 scale-frontend-3:4; do
    replicas=${rr#*:} rr=${rr%:*}
    scale_request "$LAB" "$rr" frontend "$replicas"
    if [ "$rr" = scale-frontend-3 ]; then
      await 30 "$rr runs" executed "$LAB" "$rr"
    else
      await 30 "$rr runs, then is verified (frontend healthy)" phase_is "$LAB" "$rr" Completed
    fi || { fail 4 "$rr did not run within 30 s (phase $(jp "rr/$rr" "$LAB" '{.status.phase}'))"; return; }
    printf '  frontend now has %s replicas\n' "$(jp deployment/frontend "$LAB" '{.spec.replicas}')"
  done
  await 30 "the ActionHistory reconciler analyses frontend's history" pattern_recorded \
    || { fail 4 "ActionHistory deployment-frontend has no ScaleOscillation pattern after 30 s"; return; }
  show kubectl get actionhistories -n "$LAB"
  history "$LAB" deployment/frontend
  say "An autoscaler-like tool asks to scale down again:"
  rr=scale-frontend-4
  scale_request "$LAB" "$rr" frontend 2
  await 30 "policy check" reasons_include "$LAB" "$rr" OscillationDetected \
    || { fail 4 "$rr was not refused with OscillationDetected (phase $(jp "rr/$rr" "$LAB" '{.status.phase}'))"; return; }
  show kubectl get remediationrequests -n "$LAB"
  explain "$LAB" "$rr"
  replicas=$(jp deployment/frontend "$LAB" '{.spec.replicas}')
  if [ "$replicas" = 4 ] && ! executed "$LAB" "$rr"; then
    pass 4 "pattern $(jp actionhistory/deployment-frontend "$LAB" '{.status.patterns[0].type}') in ActionHistory status; $rr $(jp "rr/$rr" "$LAB" '{.status.phase}') [OscillationDetected]; frontend stays at 4"
  else
    fail 4 "frontend has $replicas replicas (expected 4) or $rr executed"
  fi
}

# blocked_by_stop NAMESPACE REQUEST: Blocked with reason EmergencyStop.
blocked_by_stop() { phase_is "$1" "$2" Blocked && reasons_include "$1" "$2" EmergencyStop; }

# pattern_recorded: the frontend history's status names a ScaleOscillation.
pattern_recorded() {
  jp actionhistory/deployment-frontend "$LAB" '{.status.patterns[*].type}' | grep -q ScaleOscillation
}

# step5_stop: an emergency stop blocks a new request; resuming lets it run.
step5_stop() {
  banner "5/5  Obeying the emergency stop: nothing mutating runs until it is lifted"
  emergency_stop on "demo: change freeze during the incident review" || { fail 5 "the emergency stop could not be set"; return; }
  show kubectl get safetypolicy default
  local pod rr
  pod=$(pod_in "$SHOP" app=cart OOMKilled) || { fail 5 "no OOMKilled cart pod"; return; }
  say "cart is OOMKilled while the stop is on:"
  fire KubeContainerOOMKilled namespace="$SHOP" pod="$pod" container=cart
  await 20 "a new RemediationRequest" request_for rr "$SHOP" KubeContainerOOMKilled pod="$pod" \
    || { fail 5 "no RemediationRequest for the cart OOM alert"; emergency_stop off ""; return; }
  local blocked=no
  await 30 "decided, then checked against the policy" blocked_by_stop "$SHOP" "$rr" && blocked=yes
  show kubectl get remediationrequest "$rr" -n "$SHOP"
  explain "$SHOP" "$rr"
  local before; before=$(memory_limit "$SHOP" cart)
  say "The stop is lifted; the blocked request resumes by itself:"
  emergency_stop off "" || { fail 5 "the emergency stop could not be lifted"; return; }
  await 30 "the request resumes and runs" executed "$SHOP" "$rr" || true
  show kubectl get deployment cart -n "$SHOP" \
    -o custom-columns='DEPLOYMENT:.metadata.name,MEMORY LIMIT:.spec.template.spec.containers[0].resources.limits.memory'
  if [ "$blocked" = yes ] && [ "$before" = 128Mi ] && executed "$SHOP" "$rr" && [ "$(memory_limit "$SHOP" cart)" = 192Mi ]; then
    pass 5 "$rr Blocked [EmergencyStop] with cart untouched (128Mi); after resume it ran: 128Mi -> 192Mi"
  else
    fail 5 "blocked during the stop: $blocked; cart before resume '$before', after '$(memory_limit "$SHOP" cart)'; executed: $(jp "rr/$rr" "$SHOP" '{.status.execution.result}')"
  fi
}

# summary: every request with its outcome, once the running ones have settled (30 s at most).
summary() {
  banner "Summary"
  await 30 "requests still verifying settle" settled || true
  python3 hack/demo/report.py summary "$SHOP" "$LAB"
}

# settled: no request is Pending, Analyzing, Executing or Verifying.
settled() {
  ! kubectl get remediationrequests -A --no-headers -o custom-columns=P:.status.phase \
    | grep -qE '^(<none>|Pending|Analyzing|Executing|Verifying)$'
}
