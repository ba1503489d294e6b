#!/usr/bin/env bash
# Build the images, start the lab stack, wait until it is healthy and verify that it works.
# Every producer and consumer container must be registered in etcd, and every consumer must
# receive events with none lost. Gaps that other consumers explain count apart, as shared_gaps.
# Prints a checklist and exits 1 when any check fails.
#
# Usage: ./build_and_run.sh [--no-build] [--scale SERVICE=N]... [--timeout SECONDS]
#   --no-build         start the images already built
#   --scale SERVICE=N  run N replicas of a service, as in `docker compose up --scale`
#   --timeout SECONDS  how long to wait for events after the stack is healthy (default 30)
# The stack keeps running afterwards. Stop it with `make lab-stop` or `docker compose down`.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
# shellcheck source=scripts/compose.sh
. scripts/compose.sh

build=1
scale_args=()
event_timeout=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --scale) scale_args+=(--scale "${2:?--scale needs SERVICE=N}"); shift 2 ;;
    --scale=*) scale_args+=(--scale "${1#--scale=}"); shift ;;
    --timeout) event_timeout=${2:?--timeout needs a number of seconds}; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build_and_run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $event_timeout =~ ^[0-9]+$ ]]; then
  echo "build_and_run.sh: --timeout must be a whole number of seconds, got '$event_timeout'" >&2
  exit 2
fi

checklist=()
failed=0

pass() {
  checklist+=("[ok]   $*")
}

fail() {
  checklist+=("[FAIL] $*")
  failed=1
}

print_checklist() {
  echo
  echo "== checklist"
  printf '%s\n' "${checklist[@]}"
  if ((failed)); then
    echo "Some checks failed. './debug.sh' collects logs and state for a bug report."
  fi
}

# Stop early when a step fails that later checks depend on.
abort() {
  fail "$@"
  print_checklist
  exit 1
}

# Print the number of keys under an etcd prefix.
count_keys() {
  local keys
  keys=$(timeout 5 "${COMPOSE[@]}" exec -T etcd etcdctl get --prefix "$1" --keys-only </dev/null) || return 1
  grep -c . <<<"$keys" || true
}

# Print the last consumer summary line ("received=N lost=N ...") of one container, if any.
last_summary() {
  docker logs "$1" 2>&1 | grep 'received=[0-9]' | grep 'lost=[0-9]' | tail -n 1
}

# Print the value of NAME=VALUE in a log line.
field() {
  grep -o "$1=[0-9]*" <<<"$2" | head -n 1 | cut -d= -f2
}

# --- 1. tools and engine ----------------------------------------------------------------
compose_detect || abort "Compose CLI found (docker compose or docker-compose)"
compose_require_engine || abort "Docker engine responds"
pass "Compose CLI: ${COMPOSE[*]}; Docker engine $(docker info --format '{{.ServerVersion}}')"

# --- 2. build and start -----------------------------------------------------------------
if ((build)); then
  echo "== building images"
  compose build || abort "images built (see the build output above)"
  pass "images built"
fi

echo "== starting the stack and waiting until it is healthy"
started=$SECONDS
compose_up_wait "${scale_args[@]}" \
  || abort "stack healthy (see '${COMPOSE[*]} ps' and '${COMPOSE[*]} logs')"
pass "stack healthy after $((SECONDS - started)) s"
compose ps

# --- 3. registrations -------------------------------------------------------------------
# Each running container must have its own key, so the counts must match exactly.
for pair in service1:producer service2:consumer; do
  service=${pair%%:*}
  type=${pair#*:}
  containers=$(compose ps -q "$service" | grep -c .)
  if ! keys=$(count_keys "/services/$type/"); then
    fail "$type registrations readable from etcd"
  elif ((keys == containers && keys > 0)); then
    pass "$type registered: $keys key(s) under /services/$type/ for $containers $service container(s)"
  else
    fail "$type registered: $keys key(s) under /services/$type/ for $containers $service container(s)"
  fi
done

# --- 4. events ---------------------------------------------------------------------------
# The consumer logs a summary line every SUMMARY_INTERVAL seconds (5 by default).
echo "== waiting up to ${event_timeout} s for every consumer to report received events"
mapfile -t consumers < <(compose ps -q service2)
if [[ ${#consumers[@]} -eq 0 ]]; then
  fail "consumers running: no service2 container found"
fi
deadline=$((SECONDS + event_timeout))
for container in "${consumers[@]}"; do
  name=$(docker inspect --format '{{.Name}}' "$container")
  name=${name#/}
  summary=
  while ((SECONDS < deadline)); do
    summary=$(last_summary "$container")
    if [[ -n $summary && $(field received "$summary") -gt 0 ]]; then
      break
    fi
    sleep 1
  done

  received=$(field received "$summary")
  lost=$(field lost "$summary")
  if [[ -z $summary || ${received:-0} -eq 0 ]]; then
    fail "$name receives events: no summary line with received > 0 within ${event_timeout} s"
  elif [[ $lost != 0 ]]; then
    fail "$name receives events with none lost: received=$received lost=$lost"
  else
    pass "$name receives events with none lost: received=$received lost=0"
  fi
done

echo
./etcd-health.sh || fail "etcd-health.sh reports etcd healthy"

print_checklist
exit "$failed"
