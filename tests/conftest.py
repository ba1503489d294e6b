"""Shared fixtures: a real etcd on free loopback ports, and the real service processes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from discovery.etcd import EtcdCluster
from discovery.local_etcd import LocalEtcd, free_port

ROOT = Path(__file__).resolve().parent.parent


def wait_for(condition: Callable[[], object], timeout: float, interval: float = 0.05, message: str = "") -> object:
    """Poll ``condition`` until it returns a truthy value, failing the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {message or condition}")
        time.sleep(interval)


@pytest.fixture
def etcd_server(tmp_path: Path) -> Iterator[LocalEtcd]:
    """A fresh etcd process for one test; it may be stopped, frozen, wiped and started again."""
    server = LocalEtcd(data_dir=str(tmp_path / "etcd"))
    server.start()
    yield server
    server.thaw()
    server.stop()


@pytest.fixture
def etcd(etcd_server: LocalEtcd) -> EtcdCluster:
    """A client of ``etcd_server``."""
    return EtcdCluster([etcd_server.url], timeout=2.0)


class ServiceProcess:
    """A real `python -m service1|service2` process with its output captured in a file."""

    def __init__(self, module: str, args: list[str], env: dict[str, str], log_path: Path) -> None:
        self.module = module
        self.log_path = log_path
        self._log_file = open(log_path, "wb")
        self.process = subprocess.Popen([sys.executable, "-u", "-m", module, *args], env=env, cwd=ROOT,
                                        stdout=self._log_file, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(errors="replace")

    def wait_for_output(self, pattern: str, timeout: float = 15.0) -> re.Match:
        """Wait until the output matches the regular expression ``pattern``."""
        compiled = re.compile(pattern)

        def matched():
            if self.process.poll() is not None and not compiled.search(self.output()):
                pytest.fail(f"{self.module} exited with {self.process.returncode} before printing "
                            f"{pattern!r}:\n{self.output()[-3000:]}")
            return compiled.search(self.output())

        return wait_for(matched, timeout, message=f"{self.module} to print {pattern!r}:\n{self.output()[-3000:]}")

    def terminate(self, timeout: float = 5.0) -> tuple[int, float]:
        """Send SIGTERM and return the exit code and the seconds it took to exit."""
        started = time.monotonic()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            pytest.fail(f"{self.module} did not exit within {timeout:g} s of SIGTERM:\n{self.output()[-3000:]}")
        return code, time.monotonic() - started

    def wait(self, timeout: float) -> int:
        """Wait for the process to exit by itself and return its exit code."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{self.module} did not exit within {timeout:g} s:\n{self.output()[-3000:]}")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self._log_file.close()


@pytest.fixture
def start_service(tmp_path: Path) -> Iterator[Callable[..., ServiceProcess]]:
    """Start a real service process: ``start_service("service1", "--count", "5", env={...})``."""
    started: list[ServiceProcess] = []

    def start(module: str, *args: str, env: dict[str, str] | None = None) -> ServiceProcess:
        full_env = {key: value for key, value in os.environ.items()
                    if key not in ("ETCD_ENDPOINTS", "INSTANCE_ID", "BIND_ENDPOINT", "CONNECT_ENDPOINTS")}
        full_env.update({"PYTHONUNBUFFERED": "1", "ADVERTISED_HOST": "127.0.0.1", "SUMMARY_INTERVAL": "1"})
        full_env.update(env or {})
        log_path = tmp_path / f"{module}-{len(started)}.log"
        service = ServiceProcess(module, list(args), full_env, log_path)
        started.append(service)
        return service

    yield start
    for service in started:
        service.close()


def loopback_endpoint() -> str:
    """Return tcp://127.0.0.1:PORT with a port that was free a moment ago."""
    return f"tcp://127.0.0.1:{free_port()}"


def read_json(path: Path) -> dict:
    """Read a JSON file written by a service."""
    return json.loads(path.read_text())
