# Output for hack/demo.sh: step banners, narration, commands shown before they run, and the
# per-step verdicts that --check turns into an exit status. Colour only when stdout is a TTY.
# Sourced; expects DEMO_CHECK (0/1) and DEMO_STARTED (seconds) from the caller.

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  c_bold=$'\033[1m' c_dim=$'\033[2m' c_blue=$'\033[34m' c_green=$'\033[32m' c_red=$'\033[31m'
  c_yellow=$'\033[33m' c_off=$'\033[0m'
else
  c_bold='' c_dim='' c_blue='' c_green='' c_red='' c_yellow='' c_off=''
fi

# elapsed: seconds since the demo started, as "  42s".
elapsed() { printf '%4ds' $((SECONDS - DEMO_STARTED)); }

# banner TITLE: a section heading with the elapsed time.
banner() {
  printf '\n%s%s━━ %s %s%s\n' "$c_bold" "$c_blue" "$1" "$(elapsed)" "$c_off"
}

# say TEXT...: one line of narration.
say() { printf '%s%s%s\n' "$c_dim" "$*" "$c_off"; }

# show CMD...: prints the command as a user would type it, then runs it, indented.
show() {
  printf '%s$ %s%s\n' "$c_bold" "$*" "$c_off"
  "$@" 2>&1 | sed 's/^/  /'
  return "${PIPESTATUS[0]}"
}

# shell TEXT CMD...: like show, but prints TEXT instead of CMD (for pipelines and long jsonpaths).
shell() {
  local text="$1"; shift
  printf '%s$ %s%s\n' "$c_bold" "$text" "$c_off"
  "$@" 2>&1 | sed 's/^/  /'
  return "${PIPESTATUS[0]}"
}

# The five steps' verdicts, filled by pass/fail, printed by verdicts.
declare -A step_verdict=() step_detail=()

# pass STEP TEXT: the step happened (checked on objects).
pass() {
  step_verdict[$1]=pass step_detail[$1]="$2"
  printf '  %s✔ %s%s\n' "$c_green" "$2" "$c_off"
}

# fail STEP TEXT: the step did not happen. The demo stops here with the operator's log tail;
# --check records it and goes on to the next step.
fail() {
  step_verdict[$1]=fail step_detail[$1]="$2"
  printf '  %s✘ %s%s\n' "$c_red" "$2" "$c_off" >&2
  if [ "$DEMO_CHECK" != 1 ]; then
    operator_log_tail >&2
    exit 1
  fi
}

# verdicts: one line per step; returns the number of steps that did not pass.
verdicts() {
  local failed=0 step
  for step in 1 2 3 4 5; do
    case "${step_verdict[$step]:-missing}" in
      pass) printf '  %sstep %s: pass%s  %s\n' "$c_green" "$step" "$c_off" "${step_detail[$step]}" ;;
      fail) printf '  %sstep %s: FAIL%s  %s\n' "$c_red" "$step" "$c_off" "${step_detail[$step]}"; failed=$((failed + 1)) ;;
      *) printf '  %sstep %s: not reached%s\n' "$c_red" "$step" "$c_off"; failed=$((failed + 1)) ;;
    esac
  done
  return "$failed"
}

# die TEXT: a setup problem (not a step): say what and where to look, then exit.
die() {
  printf '%sdemo: %s%s\n' "$c_red" "$*" "$c_off" >&2
  operator_log_tail >&2
  exit 1
}
