#!/usr/bin/env bash
# Run Docker Compose for the lab stack with whichever CLI this machine has: the Compose v2 plugin
# (`docker compose`) when it works, otherwise the standalone `docker-compose` binary.
#
# Executed:  scripts/compose.sh ARGS...        runs the Compose CLI with ARGS in the project root
#            scripts/compose.sh up-wait [SVC]  `up -d` that returns once every container is healthy
#            scripts/compose.sh --print        prints the Compose command that would be used
# Sourced:   . scripts/compose.sh              defines compose_detect, compose, compose_up_wait and
#                                              compose_require_engine, and runs nothing
#
# Environment: LAB_COMPOSE       the Compose command to use instead of detecting one, such as
#                                "docker-compose"
#              LAB_WAIT_TIMEOUT  seconds that up-wait waits for health (default 120).
# Exit status: the Compose command's own, or 127 when no Compose CLI exists, or 1 when the
# Docker engine does not respond.

COMPOSE=()

# Set the array COMPOSE to the Compose command, or explain what to install and return 127.
compose_detect() {
  if [[ ${#COMPOSE[@]} -gt 0 ]]; then
    return 0
  fi
  if [[ -n ${LAB_COMPOSE:-} ]]; then
    read -r -a COMPOSE <<<"$LAB_COMPOSE"
  elif docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  else
    {
      echo "error: no Docker Compose found: neither 'docker compose' (the Compose v2 plugin)"
      echo "       nor the standalone 'docker-compose' binary works on this machine."
      echo "       Install the plugin (Debian/Ubuntu: apt-get install docker-compose-plugin from"
      echo "       Docker's apt repository), see https://docs.docker.com/compose/install/"
    } >&2
    return 127
  fi
}

# Return 1 with a message when the Docker engine does not respond, for example when dockerd is
# stopped or the user may not use /var/run/docker.sock.
compose_require_engine() {
  local error
  if ! error=$(docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null); then
    echo "error: the Docker engine does not respond: ${error:-docker info failed}" >&2
    echo "       Start it (sudo systemctl start docker) or add yourself to the docker group." >&2
    return 1
  fi
}

compose() {
  compose_detect || return
  "${COMPOSE[@]}" "$@"
}

# True when this Compose CLI has `up --wait --wait-timeout`. docker-compose v1 and early v2
# releases lack it, and compose_up_wait polls for them instead.
compose_supports_wait() {
  compose_detect || return
  "${COMPOSE[@]}" up --help 2>/dev/null | grep -q -- '--wait-timeout'
}

# Print "/<container name> <state> <health>" for every container of the project, health being
# "none" for a container without a health check.
compose_container_states() {
  local ids
  ids=$(compose ps -q "$@") || return
  [[ -n $ids ]] || return 0
  # shellcheck disable=SC2086  # one argument per container id
  docker inspect --format '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' $ids
}

# Start the stack detached and wait until every container is running and, where it has a health
# check, healthy. Uses `up --wait` when the CLI has it and polls `docker inspect` otherwise.
compose_up_wait() {
  local timeout=${LAB_WAIT_TIMEOUT:-120}
  if compose_supports_wait; then
    compose up -d --wait --wait-timeout "$timeout" "$@"
    return
  fi

  compose up -d "$@" || return
  local deadline=$((SECONDS + timeout)) states pending
  while ((SECONDS < deadline)); do
    states=$(compose_container_states "$@") || return
    pending=$(awk '$2 != "running" || ($3 != "healthy" && $3 != "none")' <<<"$states")
    if [[ -n $states && -z $pending ]]; then
      return 0
    fi
    sleep 1
  done
  echo "error: the stack did not become healthy within ${timeout} s. Containers not ready:" >&2
  echo "$pending" >&2
  return 1
}

# Executed rather than sourced: run in the project root so docker-compose.yml is found from
# any working directory.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
  case "${1:-}" in
    --print)
      compose_detect || exit
      echo "${COMPOSE[*]}"
      ;;
    up-wait)
      shift
      compose_detect || exit
      compose_require_engine || exit
      compose_up_wait "$@"
      ;;
    *)
      compose_detect || exit
      compose "$@"
      ;;
  esac
fi
