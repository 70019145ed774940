# Installing Ballast and starting everything around it, for hack/demo.sh.
# Sourced; expects DEMO_DIR, the ui/processes helpers and, after build_ballast and the cluster,
# BALLAST (the binary) and the cluster's variables (KUBECONFIG, BALLAST_TEST_APISERVER, BALLAST_TEST_CLUSTER_DIR).

# build_ballast debug|release: builds the binary (progress every 100 build steps; the first
# build takes a while), sets BALLAST and installs it as the kubectl plugin kubectl-ballast.
build_ballast() {
  local started=$SECONDS
  # Debug builds use the same configuration as hack/test.sh (`--build-tests`, which builds the
  # binary too): building one product alone compiles the modules without -enable-testing, and
  # the two would keep undoing each other's work.
  local what=(--build-tests)
  [ "$1" = debug ] || what=(--product ballast)
  swift build -c "$1" "${what[@]}" 2>&1 | tee "$DEMO_DIR/build.log" | awk '
    /error:/ { print; next }
    /^\[[0-9]+\/[0-9]+\]/ { split(substr($1, 2), n, "/"); if (n[1] - shown >= 100) { print "  " $0; shown = n[1] }; next }
    /Build of product|Build complete/ { print "  " $0 }'
  [ "${PIPESTATUS[0]}" = 0 ] || die "swift build -c $1 ${what[*]} failed (log: $DEMO_DIR/build.log)"
  BALLAST="$(swift build -c "$1" --show-bin-path)/ballast"
  "$BALLAST" run --help >/dev/null 2>&1 || die "this build of ballast has no 'run' command (the operator, issue #6)"
  ln -sf "$BALLAST" "$DEMO_DIR/bin/kubectl-ballast"
  export PATH="$DEMO_DIR/bin:$PATH"
  say "built in $((SECONDS - started))s: $("$BALLAST" version)"
}

# install_ballast: config/default as a cluster admin applies it (config/crd first, so the default
# SafetyPolicy's kind is known when the rest is applied).
install_ballast() {
  show kubectl apply -k config/crd
  kubectl wait --for=condition=Established --timeout=60s \
    crd/remediationrequests.ballast.dev crd/actionhistories.ballast.dev crd/safetypolicies.ballast.dev >/dev/null \
    || die "the CRDs did not become Established within 60 s"
  show kubectl apply -k config/default
  say "No kubelet here, so the ballast Deployment's pod could never start: scale it to 0 and run the"
  say "operator on this machine instead, with the same ServiceAccount's credentials."
  kubectl -n ballast-system scale deployment ballast --replicas=0 >/dev/null
}

# mint_kubeconfig FILE: a kubeconfig for the ballast ServiceAccount, from its token Secret
# (Kubernetes 1.20's token controller creates one per ServiceAccount).
mint_kubeconfig() {
  local file="$1" secret token
  wait_until 30 sh -c 'kubectl -n ballast-system get serviceaccount ballast -o jsonpath="{.secrets[0].name}" | grep -q .' \
    || die "the token controller did not create a token Secret for ServiceAccount ballast-system/ballast within 30 s"
  secret=$(kubectl -n ballast-system get serviceaccount ballast -o jsonpath='{.secrets[0].name}')
  token=$(kubectl -n ballast-system get secret "$secret" -o jsonpath='{.data.token}' | base64 -d)
  [ -n "$token" ] || die "Secret ballast-system/$secret holds no token"
  cat >"$file" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: demo
  cluster:
    server: $BALLAST_TEST_APISERVER
    certificate-authority: $BALLAST_TEST_CLUSTER_DIR/pki/ca.crt
contexts:
- name: ballast
  context: {cluster: demo, user: system:serviceaccount:ballast-system:ballast, namespace: ballast-system}
current-context: ballast
users:
- name: system:serviceaccount:ballast-system:ballast
  user:
    token: $token
YAML
  chmod 600 "$file"
  printf '  minted %s from Secret ballast-system/%s\n' "$file" "$secret"
  local check
  for check in "patch deployments" "create pods --subresource=eviction" "delete pods" "get secrets" "create clusterroles"; do
    # shellcheck disable=SC2086
    printf '  may %-36s %s\n' "$check:" "$(kubectl --kubeconfig "$file" auth can-i $check -A 2>/dev/null || true)"
  done
}

# receiver_token FILE: creates the receiver's Secret (as an admin would) and writes the token
# read back from it to FILE, for the operator and for Alertmanager.
receiver_token() {
  local file="$1"
  kubectl -n ballast-system create secret generic ballast-receiver-token \
    --from-literal=token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  (umask 077; kubectl -n ballast-system get secret ballast-receiver-token -o jsonpath='{.data.token}' | base64 -d >"$file")
  [ -s "$file" ] || die "could not read the token back from Secret ballast-system/ballast-receiver-token"
  printf '  Secret ballast-system/ballast-receiver-token -> %s\n' "$file"
}

# write_operator_config FILE TOKEN_FILE: the operator's configuration file. The verification
# window is shortened from its 10-minute default so verified requests complete during the demo.
write_operator_config() {
  local file="$1" token_file="$2"
  {
    echo "receiver:"
    echo "  tokenFile: $token_file"
    echo "remediation:"
    echo "  verificationWindow: 6s"
    echo "  verificationPoll: 1s"
    echo "  recheckInterval: 2s"
    if [ -n "$LLM_ENDPOINT" ]; then
      echo "llm:"
      echo "  providers:"
      echo "  - {kind: $LLM_KIND, baseURL: '$LLM_ENDPOINT', model: '$LLM_MODEL', timeout: 30s}"
    fi
  } >"$file"
}

# start_operator KUBECONFIG CONFIG: `ballast run` as the ServiceAccount; waits for /readyz.
start_operator() {
  local kubeconfig="$1" config="$2"
  METRICS_PORT=$(free_port) PROBE_PORT=$(free_port) RECEIVER_PORT=$(free_port)
  local args=(run --kubeconfig "$kubeconfig" --config "$config" --leader-elect=true
    --metrics-addr "127.0.0.1:$METRICS_PORT" --probe-addr "127.0.0.1:$PROBE_PORT"
    --receiver-addr "127.0.0.1:$RECEIVER_PORT")
  printf '%s$ ballast %s%s\n' "$c_bold" "${args[*]}" "$c_off"
  BALLAST_POD_NAMESPACE=ballast-system start_process operator "$BALLAST" "${args[@]}"
  wait_until 60 operator_ready || die "the operator was not ready on http://127.0.0.1:$PROBE_PORT/readyz within 60 s"
  printf '  ready: /readyz on :%s, /metrics on :%s, receiver on :%s (log: %s)\n' \
    "$PROBE_PORT" "$METRICS_PORT" "$RECEIVER_PORT" "$DEMO_DIR/operator.log"
}

# operator_ready: the operator runs and answers /readyz (exits the demo when it died).
operator_ready() {
  alive operator || die "the operator exited"
  http_ok "http://127.0.0.1:$PROBE_PORT/readyz"
}

# start_alertmanager TOKEN_FILE: a real Alertmanager routed to the operator's receiver, and the
# Prometheus stand-in that resolves alerts whose pods are gone.
start_alertmanager() {
  local token_file="$1"
  hack/alertmanager.sh install >/dev/null || die "could not install prometheus-alertmanager"
  ALERTMANAGER_PORT=$(free_port)
  ALERTMANAGER="http://127.0.0.1:$ALERTMANAGER_PORT"
  start_process alertmanager hack/alertmanager.sh run "$DEMO_DIR/alertmanager" \
    "http://127.0.0.1:$RECEIVER_PORT/api/v1/alerts" "$token_file" "$ALERTMANAGER_PORT"
  wait_until 30 http_ok "$ALERTMANAGER/-/ready" \
    || { tail -n 20 "$DEMO_DIR/alertmanager.log" >&2; die "Alertmanager was not ready on $ALERTMANAGER within 30 s"; }
  printf '  Alertmanager %s routes every alert to http://127.0.0.1:%s/api/v1/alerts (bearer token from the Secret)\n' \
    "$ALERTMANAGER" "$RECEIVER_PORT"
  say "A Prometheus stand-in resolves an alert once its pod is gone (hack/demo/prometheus.py)."
  start_process prometheus python3 hack/demo/prometheus.py "$ALERTMANAGER"
}
