"""End-to-end tests of docker-compose.yml against a real Docker engine and Compose v2.

Each session runs its own compose project (``-p netsec-test-<pid>-<random>``) on free loopback
ports, so it never touches a stack that a user runs, and removes it with ``down -v`` at the end.
Heartbeat, lease TTL and summary interval are shortened through the compose file's variables so
that re-registration and event counts show within seconds.

Without a Docker engine the tests are skipped with the reason, except under CI (CI=true), where
a missing engine is a failure because CI prepares one first.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"

HEARTBEAT_INTERVAL = 2
LEASE_TTL = 6
SUMMARY_INTERVAL = 1
EVENT_RATE = 20

# Container ports as set in the Dockerfiles.
PRODUCER_PORT = 5555
CONSUMER_PORT = 5556

RECORD_FIELDS = {"type", "instance_id", "endpoint", "health", "started_at", "last_heartbeat", "pid",
                 "hostname", "version"}

SCRIPTS = ["build_and_run.sh", "etcd-health.sh", "debug.sh", "scripts/compose.sh", "vagrant/provision.sh"]

# Build and the first `up` may take minutes on a cold cache. Every wait inside has its own limit.
engine_test = pytest.mark.compose
pytestmark = pytest.mark.timeout(600)

T = TypeVar("T")


def _engine_problem() -> str | None:
    """Return why the compose tests cannot run here, or None when they can."""
    if shutil.which("docker") is None:
        return "the docker CLI is not installed"
    info = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"],
                          capture_output=True, text=True, timeout=30)
    if info.returncode != 0:
        return f"the Docker engine does not respond: {info.stderr.strip()[:200]}"
    version = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, timeout=30)
    if version.returncode != 0:
        return "the Compose v2 plugin (`docker compose`) is not installed"
    return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _require_engine() -> None:
    problem = _engine_problem()
    if problem is None:
        return
    if _in_ci():
        pytest.fail(f"compose tests cannot run under CI: {problem}", pytrace=False)
    pytest.skip(f"compose tests skipped: {problem}")


def _require_tool(name: str) -> str:
    """Return the path of a command-line tool, skipping the test without it (failing under CI)."""
    path = shutil.which(name)
    if path is not None:
        return path
    if _in_ci():
        pytest.fail(f"{name} is not installed", pytrace=False)
    pytest.skip(f"{name} is not installed")


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port_range(size: int, used_ports: set[int]) -> tuple[int, int]:
    """Return the first and last port of `size` consecutive free loopback ports."""
    for _ in range(200):
        first = 20000 + secrets.randbelow(30000)
        ports = range(first, first + size)
        if used_ports.isdisjoint(ports) and all(_port_is_free(port) for port in ports):
            used_ports.update(ports)
            return first, first + size - 1
    raise RuntimeError(f"no {size} consecutive free ports found on 127.0.0.1")


def wait_for(check: Callable[[], T], timeout: float, interval: float = 0.2) -> tuple[T, float]:
    """Call `check` until it returns a truthy value or `timeout` seconds pass.

    Returns the last value and the seconds waited, so the caller asserts on both.
    """
    started = time.monotonic()
    value = check()
    while not value and time.monotonic() - started < timeout:
        time.sleep(interval)
        value = check()
    return value, time.monotonic() - started


@dataclass
class Registration:
    """One key under /services/ as read with `etcdctl get -w json`."""

    key: str
    value: dict[str, Any]
    lease: int


@dataclass
class Summary:
    """The numbers of one consumer summary line."""

    received: int
    lost: int
    malformed: int
    invalid: int


@dataclass
class Stack:
    """One compose project of the lab stack, driven through the docker CLI."""

    project: str
    env: dict[str, str]
    log_lines: int = 80
    commands: list[str] = field(default_factory=list)

    def compose(self, *args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run `docker compose -p PROJECT -f docker-compose.yml ARGS` and return its result."""
        command = ["docker", "compose", "-p", self.project, "-f", str(COMPOSE_FILE), *args]
        self.commands.append(" ".join(args))
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"`docker compose {' '.join(args)}` failed with exit status {result.returncode}:\n"
                                 f"{result.stdout}{result.stderr}\n{self.diagnostics()}")
        return result

    def diagnostics(self) -> str:
        """Return `compose ps` and the recent logs of every service, for failure messages."""
        ps = self.compose("ps", "-a", check=False, timeout=30)
        logs = self.compose("logs", "--no-color", "--timestamps", "--tail", str(self.log_lines),
                            check=False, timeout=30)
        return (f"--- docker compose -p {self.project} ps -a\n{ps.stdout}{ps.stderr}"
                f"--- docker compose logs --tail {self.log_lines}\n{logs.stdout}{logs.stderr}")

    def run_script(self, *args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
        """Run one of the project's scripts against this project and return its result and duration."""
        env = dict(self.env, COMPOSE_PROJECT_NAME=self.project)
        started = time.monotonic()
        result = subprocess.run([str(ROOT / args[0]), *args[1:]], capture_output=True, text=True, env=env,
                                cwd=ROOT, timeout=timeout, stdin=subprocess.DEVNULL)
        return result, time.monotonic() - started

    def up(self, *args: str, timeout: int = 60) -> float:
        """Run `up -d --wait` and return the seconds it took."""
        started = time.monotonic()
        self.compose("up", "-d", "--wait", "--wait-timeout", str(timeout), *args, timeout=timeout + 60)
        return time.monotonic() - started

    def container_ids(self, service: str) -> list[str]:
        return self.compose("ps", "-q", service).stdout.split()

    def inspect(self, container: str) -> dict[str, Any]:
        result = subprocess.run(["docker", "inspect", container], capture_output=True, text=True, timeout=30,
                                check=True)
        return json.loads(result.stdout)[0]

    def container_logs(self, container: str, since: str | None = None) -> str:
        command = ["docker", "logs", container]
        if since is not None:
            command[2:2] = ["--since", since]
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return result.stdout + result.stderr

    def etcdctl(self, *args: str, timeout: float = 10) -> str:
        return self.compose("exec", "-T", "etcd", "etcdctl", "--dial-timeout=1s", "--command-timeout=3s", *args,
                            timeout=timeout).stdout

    def registrations(self, prefix: str = "/services/") -> list[Registration]:
        """Return every key under `prefix`, or an empty list when etcd does not respond."""
        result = self.compose("exec", "-T", "etcd", "etcdctl", "--dial-timeout=1s", "--command-timeout=3s",
                              "get", "--prefix", prefix, "-w", "json", check=False, timeout=10)
        if result.returncode != 0:
            return []
        found = []
        for kv in json.loads(result.stdout).get("kvs", []):
            found.append(Registration(
                key=base64.b64decode(kv["key"]).decode(),
                value=json.loads(base64.b64decode(kv["value"])),
                lease=int(kv.get("lease", 0)),
            ))
        return found

    def lease_remaining(self, lease: int) -> int:
        """Return the remaining TTL of a lease in seconds, -1 when etcd no longer has it."""
        output = self.etcdctl("lease", "timetolive", f"{lease:x}")
        match = re.search(r"remaining\((-?\d+)s\)", output)
        return int(match.group(1)) if match else -1

    def registration_of(self, container: str, service_type: str) -> Registration | None:
        """Return the registration whose hostname is the container's, or None."""
        hostname = self.inspect(container)["Config"]["Hostname"]
        for registration in self.registrations(f"/services/{service_type}/"):
            if registration.value.get("hostname") == hostname:
                return registration
        return None

    def last_summary(self, container: str) -> Summary | None:
        """Return the numbers of the consumer's latest summary line, or None before the first."""
        summaries = re.findall(r"received=(\d+).*?lost=(\d+).*?malformed=(\d+).*?invalid=(\d+)",
                               self.container_logs(container))
        if not summaries:
            return None
        return Summary(*(int(number) for number in summaries[-1]))


def container_ip(stack: Stack, container: str) -> str:
    networks = stack.inspect(container)["NetworkSettings"]["Networks"]
    return next(iter(networks.values()))["IPAddress"]


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    """Build the images once and yield a project, which `down -v` removes at the end."""
    _require_engine()

    used_ports: set[int] = set()
    etcd_port, _ = _free_port_range(1, used_ports)
    service1_ports = _free_port_range(3, used_ports)
    service2_ports = _free_port_range(3, used_ports)
    env = dict(os.environ)
    env.update({
        "LAB_HOST_ADDR": "127.0.0.1",
        "ETCD_HOST_PORT": str(etcd_port),
        "SERVICE1_HOST_PORTS": "{}-{}".format(*service1_ports),
        "SERVICE2_HOST_PORTS": "{}-{}".format(*service2_ports),
        "HEARTBEAT_INTERVAL": str(HEARTBEAT_INTERVAL),
        "LEASE_TTL": str(LEASE_TTL),
        "SUMMARY_INTERVAL": str(SUMMARY_INTERVAL),
        "EVENT_RATE": str(EVENT_RATE),
    })
    env.pop("COMPOSE_PROJECT_NAME", None)
    env.pop("COMPOSE_FILE", None)
    lab = Stack(project=f"netsec-test-{os.getpid()}-{secrets.token_hex(3)}", env=env)

    try:
        lab.compose("build", timeout=900)
        yield lab
    finally:
        lab.compose("down", "-v", "--remove-orphans", "--rmi", "local", "--timeout", "5", check=False, timeout=120)


@pytest.fixture
def running(stack: Stack) -> Stack:
    """The stack with its configured scale, every container healthy."""
    stack.up()
    return stack


@engine_test
def test_up_wait_healthy_within_60s(stack: Stack) -> None:
    stack.compose("down", "-v", "--timeout", "5")

    seconds = stack.up(timeout=60)
    print(f"healthy after {seconds:.1f} s")

    assert seconds < 60, stack.diagnostics()
    for service in ("etcd", "service1", "service2"):
        for container in stack.container_ids(service):
            health = stack.inspect(container)["State"]["Health"]["Status"]
            assert health == "healthy", f"{service} is {health}\n{stack.diagnostics()}"


@engine_test
@pytest.mark.parametrize(("service", "service_type", "port"), [
    ("service1", "producer", PRODUCER_PORT),
    ("service2", "consumer", CONSUMER_PORT),
])
def test_registration_key_value_and_lease(running: Stack, service: str, service_type: str, port: int) -> None:
    containers = running.container_ids(service)
    assert len(containers) == 1, running.diagnostics()
    container = containers[0]

    registration, _ = wait_for(lambda: running.registration_of(container, service_type), timeout=10)

    assert registration is not None, f"no key for {service} under /services/{service_type}/\n{running.diagnostics()}"
    value = registration.value
    assert RECORD_FIELDS <= value.keys(), f"missing fields {RECORD_FIELDS - value.keys()} in {value}"
    assert registration.key == f"/services/{service_type}/{value['instance_id']}"
    assert value["type"] == service_type
    assert value["endpoint"] == f"tcp://{container_ip(running, container)}:{port}"
    assert registration.lease != 0, f"{registration.key} has no lease"
    remaining = running.lease_remaining(registration.lease)
    assert 0 < remaining <= LEASE_TTL, f"lease of {registration.key} has {remaining} s left"


@engine_test
def test_consumer_receives_events_none_lost(running: Stack) -> None:
    container = running.container_ids("service2")[0]

    summary, _ = wait_for(
        lambda: (found := running.last_summary(container)) and found.received >= EVENT_RATE and found,
        timeout=20, interval=0.5)

    assert summary, f"no summary with received >= {EVENT_RATE}\n{running.diagnostics()}"
    assert summary.lost == 0, f"{summary}\n{running.diagnostics()}"
    assert summary.malformed == 0, f"{summary}\n{running.diagnostics()}"
    assert summary.invalid == 0, f"{summary}\n{running.diagnostics()}"


@engine_test
@pytest.mark.parametrize("service", ["service1", "service2"])
def test_log_lines_within_3s_of_start(running: Stack, service: str) -> None:
    running.compose("stop", service)
    container = running.container_ids(service) or running.compose("ps", "-a", "-q", service).stdout.split()
    assert container, running.diagnostics()

    # Fractional seconds, so that the lines logged while the service stopped are not counted.
    since = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    started = time.monotonic()
    running.compose("start", service)
    logs, _ = wait_for(lambda: running.container_logs(container[0], since=since).strip(), timeout=5, interval=0.1)
    seconds = time.monotonic() - started
    print(f"{service}: first log line {seconds:.2f} s after `compose start`")

    assert logs, f"no log line within 5 s of start\n{running.diagnostics()}"
    assert seconds < 3, f"first log line after {seconds:.2f} s\n{logs}"


@engine_test
@pytest.mark.parametrize(("service", "service_type"), [("service2", "consumer"), ("service1", "producer")])
def test_stop_fast_and_key_removed(running: Stack, service: str, service_type: str) -> None:
    container = running.container_ids(service)[0]
    registration, _ = wait_for(lambda: running.registration_of(container, service_type), timeout=10)
    assert registration is not None, running.diagnostics()

    started = time.monotonic()
    running.compose("stop", service)
    stop_seconds = time.monotonic() - started
    key_removed, removed_seconds = wait_for(
        lambda: all(r.key != registration.key for r in running.registrations(f"/services/{service_type}/")),
        timeout=1, interval=0.1)
    print(f"{service}: `compose stop` took {stop_seconds:.2f} s, key gone {removed_seconds:.2f} s later")

    state = running.inspect(container)["State"]
    assert stop_seconds < 3, f"`compose stop {service}` took {stop_seconds:.2f} s\n{running.diagnostics()}"
    assert state["ExitCode"] in (0, 143), f"exit code {state['ExitCode']}\n{running.diagnostics()}"
    assert key_removed, f"{registration.key} still in etcd 1 s after the stop"


@engine_test
def test_scale_two_consumers_both_receive(running: Stack) -> None:
    running.up("--scale", "service2=2")
    containers = running.container_ids("service2")
    assert len(containers) == 2, running.diagnostics()

    consumers, _ = wait_for(lambda: len(running.registrations("/services/consumer/")) == 2
                            and running.registrations("/services/consumer/"), timeout=10)
    assert consumers, f"expected 2 consumer keys\n{running.diagnostics()}"
    instance_ids = {registration.value["instance_id"] for registration in consumers}
    assert len(instance_ids) == 2, f"instance ids not unique: {instance_ids}"
    endpoints = {registration.value["endpoint"] for registration in consumers}
    assert len(endpoints) == 2, f"endpoints not unique: {endpoints}"

    for container in containers:
        summary, _ = wait_for(
            lambda c=container: (found := running.last_summary(c)) and found.received > 0 and found,
            timeout=20, interval=0.5)
        assert summary, f"consumer {container[:12]} received no events\n{running.diagnostics()}"
        assert summary.lost == 0, f"consumer {container[:12]}: {summary}\n{running.diagnostics()}"

    running.up()
    assert len(running.container_ids("service2")) == 1, running.diagnostics()


def _both_registered(stack: Stack) -> bool:
    """True when each service container has a key whose lease is still alive."""
    hostnames = set()
    for service in ("service1", "service2"):
        for container in stack.container_ids(service):
            hostnames.add(stack.inspect(container)["Config"]["Hostname"])
    registrations = {r.value.get("hostname"): r for r in stack.registrations()}
    if not hostnames <= registrations.keys():
        return False
    return all(stack.lease_remaining(registrations[hostname].lease) > 0 for hostname in hostnames)


@engine_test
def test_etcd_restart_with_volume_reregisters(running: Stack) -> None:
    before = {r.key for r in running.registrations()}

    running.compose("restart", "etcd")
    running.up("etcd")
    registered, seconds = wait_for(lambda: _both_registered(running), timeout=HEARTBEAT_INTERVAL + LEASE_TTL + 5)
    print(f"registered again {seconds:.1f} s after etcd was healthy")

    assert registered, f"services not registered after the etcd restart\n{running.diagnostics()}"
    assert {r.key for r in running.registrations()} == before


@engine_test
def test_etcd_recreated_without_volume_reregisters(running: Stack) -> None:
    old_leases = {r.lease for r in running.registrations()}
    assert len(old_leases) == 2, running.diagnostics()

    running.compose("rm", "--stop", "--force", "etcd")
    subprocess.run(["docker", "volume", "rm", f"{running.project}_etcd-data"], capture_output=True, text=True,
                   timeout=30, check=True)
    running.up("--no-deps", "etcd")

    # The new etcd starts empty, so every key it has was written with a lease granted after it started.
    def registered_on_new_leases() -> bool:
        leases = {r.lease for r in running.registrations()}
        return leases.isdisjoint(old_leases) and _both_registered(running)

    registered, seconds = wait_for(registered_on_new_leases, timeout=HEARTBEAT_INTERVAL + 5)
    print(f"registered again {seconds:.1f} s after the empty etcd was healthy")

    assert registered, (f"services not registered on new leases within {HEARTBEAT_INTERVAL + 5} s of the "
                        f"new etcd\n{running.diagnostics()}")


@engine_test
def test_build_and_run_checklist_passes(running: Stack) -> None:
    result, seconds = running.run_script("build_and_run.sh", "--no-build", "--timeout", "30")
    output = result.stdout + result.stderr
    print(f"build_and_run.sh --no-build took {seconds:.1f} s")

    assert result.returncode == 0, output
    assert "[FAIL]" not in output, output
    assert "producer registered: 1 key(s)" in output, output
    assert "consumer registered: 1 key(s)" in output, output
    assert re.search(r"receives events with none lost: received=[1-9]\d* lost=0", output), output


@engine_test
def test_etcd_health_lists_registrations(running: Stack) -> None:
    result, _ = running.run_script("etcd-health.sh")
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "is healthy" in output, output
    for registration in running.registrations():
        assert re.search(rf"{re.escape(registration.key)}  \[ttl=\d+s\]", output), output
    assert "producers: 1, consumers: 1" in output, output


@engine_test
def test_etcd_health_fails_fast_without_etcd(running: Stack) -> None:
    running.compose("stop", "etcd")

    result, seconds = running.run_script("etcd-health.sh", timeout=30)
    print(f"etcd-health.sh returned {result.returncode} after {seconds:.1f} s with etcd stopped")

    assert result.returncode == 1, result.stdout + result.stderr
    assert seconds < 5


@engine_test
def test_etcd_health_fails_fast_with_frozen_etcd(running: Stack) -> None:
    etcd = running.container_ids("etcd")[0]
    subprocess.run(["docker", "kill", "--signal", "STOP", etcd], capture_output=True, timeout=30, check=True)
    try:
        result, seconds = running.run_script("etcd-health.sh", timeout=30)
    finally:
        subprocess.run(["docker", "kill", "--signal", "CONT", etcd], capture_output=True, timeout=30, check=True)
    print(f"etcd-health.sh returned {result.returncode} after {seconds:.1f} s with etcd frozen")

    assert result.returncode == 1, result.stdout + result.stderr
    assert seconds < 5


@engine_test
def test_debug_archive_contents(running: Stack, tmp_path: Path) -> None:
    result, _ = running.run_script("debug.sh", "--tail", "50", "--output", str(tmp_path))
    archives = list(tmp_path.glob("netsec-lab-debug-*.tar.gz"))

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(archives) == 1, f"archives written: {archives}"
    listing = subprocess.run(["tar", "-tzf", str(archives[0])], capture_output=True, text=True, timeout=30,
                             check=True).stdout
    for name in ("versions.txt", "ps.txt", "containers.txt", "networks.txt", "images.txt", "etcd.txt",
                 "logs/etcd.log", "logs/service1.log", "logs/service2.log"):
        assert f"/{name}" in listing, f"{name} missing from the archive:\n{listing}"
    contents = subprocess.run(["tar", "-xzOf", str(archives[0])], capture_output=True, text=True, timeout=30,
                              check=True).stdout
    assert "/services/producer/" in contents, "the archive lacks the etcd registrations"
    assert "ETCD_ENDPOINTS=" not in contents, "the archive contains container environment variables"


@engine_test
def test_down_v_leaves_nothing(running: Stack) -> None:
    running.compose("down", "-v", "--timeout", "5")

    label = f"label=com.docker.compose.project={running.project}"
    leftovers = {
        "containers": ["docker", "ps", "-a", "-q", "--filter", label],
        "networks": ["docker", "network", "ls", "-q", "--filter", label],
        "volumes": ["docker", "volume", "ls", "-q", "--filter", label],
    }
    for kind, command in leftovers.items():
        output = subprocess.run(command, capture_output=True, text=True, timeout=30, check=True).stdout.split()
        assert output == [], f"{kind} left behind by `down -v`: {output}"


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_passes_shellcheck(script: str) -> None:
    shellcheck = _require_tool("shellcheck")

    result = subprocess.run([shellcheck, "-x", script], capture_output=True, text=True, cwd=ROOT, timeout=60)

    assert result.returncode == 0, result.stdout + result.stderr


def test_vagrantfile_ruby_syntax() -> None:
    ruby = _require_tool("ruby")

    result = subprocess.run([ruby, "-c", "Vagrantfile"], capture_output=True, text=True, cwd=ROOT, timeout=60)

    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_valid() -> None:
    docker = _require_tool("docker")
    if subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30).returncode != 0:
        pytest.skip("the Compose v2 plugin (`docker compose`) is not installed")

    result = subprocess.run(["docker", "compose", "-f", str(COMPOSE_FILE), "config", "--quiet"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)

    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_has_no_fixed_names() -> None:
    text = COMPOSE_FILE.read_text()

    assert "container_name" not in text, "container_name breaks --scale"
    assert "INSTANCE_ID:" not in text, "a fixed INSTANCE_ID would be shared by every replica"
