# Processes the demo starts (operator, Alertmanager, kubelet stand-in) and their cleanup.
# Sourced; expects DEMO_DIR. Every process is recorded in $DEMO_DIR/pids and stopped by
# stop_processes; a watchdog stops them too if the demo itself is killed (SIGKILL skips traps).

# free_port: an unused loopback TCP port.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_process NAME CMD...: runs CMD in the background with its output in $DEMO_DIR/NAME.log.
start_process() {
  local name="$1"; shift
  "$@" >"$DEMO_DIR/$name.log" 2>&1 </dev/null &
  echo "$! $name" >>"$DEMO_DIR/pids"
}

# pid_of NAME: the pid start_process recorded for NAME.
pid_of() { awk -v name="$1" '$2 == name { pid = $1 } END { print pid }' "$DEMO_DIR/pids" 2>/dev/null; }

# alive NAME: whether the process NAME is still running.
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# stop_processes: SIGTERM to every recorded process (newest first), SIGKILL after 5 s.
stop_processes() {
  [ -f "$DEMO_DIR/pids" ] || return 0
  local pids
  pids=$(tac "$DEMO_DIR/pids" | awk '{print $1}')
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 1 50); do
    # shellcheck disable=SC2086
    kill -0 $pids 2>/dev/null || break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  rm -f "$DEMO_DIR/pids"
}

# start_watchdog: stops the recorded processes when this shell ($$) dies without running its
# trap. The cluster has its own watchdog (hack/cluster.sh up --owner-pid).
start_watchdog() {
  local owner=$$
  (
    exec </dev/null >/dev/null 2>&1
    while kill -0 "$owner" 2>/dev/null; do sleep 1; done
    [ -f "$DEMO_DIR/pids" ] && kill -KILL $(awk '$2 != "watchdog" {print $1}' "$DEMO_DIR/pids") 2>/dev/null
  ) &
  echo "$! watchdog" >>"$DEMO_DIR/pids"
}

# wait_until SECONDS CMD...: runs CMD every 0.5 s until it succeeds (0) or SECONDS pass (1).
wait_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# await SECONDS DESCRIPTION CMD...: wait_until with progress: prints what it waits for and,
# once CMD succeeds, how long it took (1 when SECONDS passed first).
await() {
  local limit="$1" what="$2" start
  shift 2
  start=$(date +%s.%N)
  printf '  %s… %s%s' "$c_yellow" "$what" "$c_off"
  if wait_until "$limit" "$@"; then
    printf ' %s(%ss)%s\n' "$c_dim" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" "$c_off"
  else
    printf ' %s(not within %ss)%s\n' "$c_red" "$limit" "$c_off"
    return 1
  fi
}

# http_ok URL: the URL answers 2xx.
http_ok() { curl -sf --max-time 2 "$1" >/dev/null; }

# operator_log_tail: the last lines of the operator's log, for failure messages.
operator_log_tail() {
  [ -f "$DEMO_DIR/operator.log" ] || return 0
  printf '\n--- last 40 lines of the operator log (%s) ---\n' "$DEMO_DIR/operator.log"
  tail -n 40 "$DEMO_DIR/operator.log"
}
