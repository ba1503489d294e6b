#!/usr/bin/env bash
# Collect the state of the lab stack into one timestamped archive to attach to a bug report:
# versions, `compose ps`, recent logs of every service, etcd health and registrations, container
# health checks, networks and images.
#
# Usage: ./debug.sh [--tail LINES] [--output DIR]
#   --tail LINES  log lines kept per service (default 500)
#   --output DIR  where the archive is written (default: the current directory)
#
# Leaves out what may hold secrets: environment variables, `docker compose config` and
# `docker info` fields other than versions, drivers and sizes. Read the files before you share them.
# Each step that fails is recorded in its file and the collection goes on.
set -uo pipefail

tail_lines=500
output_dir=$PWD
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tail) tail_lines=${2:?--tail needs a number of lines}; shift 2 ;;
    --output) output_dir=${2:?--output needs a directory}; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "debug.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ $tail_lines =~ ^[0-9]+$ ]]; then
  echo "debug.sh: --tail must be a whole number of lines, got '$tail_lines'" >&2
  exit 2
fi
output_dir=$(cd "$output_dir" && pwd) || { echo "debug.sh: output directory '$output_dir' not found" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
# shellcheck source=scripts/compose.sh
. scripts/compose.sh

name="netsec-lab-debug-$(date -u +%Y%m%dT%H%M%SZ)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle="$work/$name"
mkdir -p "$bundle/logs"

# Run a command with a time limit, writing its output and exit status to a file of the bundle.
collect() {
  local file=$1
  shift
  local command_line="$*"
  # Long --format templates are cut, so each file still reads as a list of outputs.
  if ((${#command_line} > 100)); then
    command_line="${command_line:0:100} ..."
  fi
  {
    echo "\$ ${command_line//$'\n'/ }"
    timeout --kill-after=2 30 "$@" 2>&1 </dev/null
    echo "[exit status $?]"
  } >>"$bundle/$file"
}

echo "collecting into $name ..."

# --- versions --------------------------------------------------------------------------
collect versions.txt uname -a
collect versions.txt docker version
collect versions.txt docker info --format \
  'server {{.ServerVersion}}, storage {{.Driver}}, cgroup {{.CgroupDriver}} v{{.CgroupVersion}}, {{.OperatingSystem}}, kernel {{.KernelVersion}}, {{.NCPU}} CPUs, {{.MemTotal}} bytes of memory'
if compose_detect 2>>"$bundle/versions.txt"; then
  collect versions.txt "${COMPOSE[@]}" version
  if command -v git >/dev/null 2>&1; then
    collect versions.txt git log -1 --format='commit %H %cd' --date=iso
    collect versions.txt git status --short
  fi

  # --- containers and logs ---------------------------------------------------------------
  collect ps.txt "${COMPOSE[@]}" ps -a
  collect ps.txt "${COMPOSE[@]}" images
  mapfile -t services < <("${COMPOSE[@]}" config --services 2>/dev/null)
  for service in "${services[@]}"; do
    collect "logs/$service.log" "${COMPOSE[@]}" logs --no-color --timestamps --tail "$tail_lines" "$service"
  done

  # Health check results and restart counts, without the environment that `docker inspect` holds.
  mapfile -t containers < <("${COMPOSE[@]}" ps -a -q 2>/dev/null)
  for container in "${containers[@]}"; do
    # shellcheck disable=SC2016  # $network and $port belong to the Go template
    collect containers.txt docker inspect --format \
      '{{.Name}} image={{.Config.Image}} status={{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}} started={{.State.StartedAt}} finished={{.State.FinishedAt}} oom_killed={{.State.OOMKilled}}
  health: {{if .State.Health}}{{.State.Health.Status}}, failing streak {{.State.Health.FailingStreak}}{{range .State.Health.Log}}
    {{.Start}} exit {{.ExitCode}}: {{.Output}}{{end}}{{else}}no health check{{end}}
  networks:{{range $network, $settings := .NetworkSettings.Networks}} {{$network}}={{$settings.IPAddress}}{{end}}
  ports: {{range $port, $bindings := .NetworkSettings.Ports}}{{$port}}->{{range $bindings}}{{.HostIp}}:{{.HostPort}} {{end}}{{end}}' \
      "$container"
  done

  # --- networks and images ---------------------------------------------------------------
  project_networks=$(docker inspect --format '{{range $network, $settings := .NetworkSettings.Networks}}{{$network}}{{"\n"}}{{end}}' \
    "${containers[@]}" 2>/dev/null | sort -u | grep .)
  for network in $project_networks; do
    # shellcheck disable=SC2016  # $id and $endpoint belong to the Go template
    collect networks.txt docker network inspect --format \
      '{{.Name}} driver={{.Driver}} subnet={{range .IPAM.Config}}{{.Subnet}} {{end}}
{{range $id, $endpoint := .Containers}}  {{$endpoint.Name}} {{$endpoint.IPv4Address}}
{{end}}' "$network"
  done
  for container in "${containers[@]}"; do
    image=$(docker inspect --format '{{.Image}}' "$container" 2>/dev/null) || continue
    collect images.txt docker image inspect --format \
      '{{index .RepoTags 0}} id={{.Id}} created={{.Created}} size={{.Size}} labels={{json .Config.Labels}}' "$image"
  done

  # --- etcd ------------------------------------------------------------------------------
  collect etcd.txt ./etcd-health.sh
else
  echo "no Compose CLI: only versions were collected" >>"$bundle/versions.txt"
fi

archive="$output_dir/$name.tar.gz"
tar -C "$work" -czf "$archive" "$name" || { echo "debug.sh: could not write $archive" >&2; exit 1; }
echo "wrote $archive"
echo "Read it with: tar -xzf $name.tar.gz && less $name/*.txt $name/logs/*.log"
