"""`make run`'s script: etcd and both services come up, events flow, and Ctrl+C stops all three."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from conftest import ROOT, wait_for
from discovery.etcd import EtcdCluster
from discovery.local_etcd import free_port


def test_run_local_flows_and_stops_cleanly(tmp_path):
    port = free_port()
    log_path = tmp_path / "run.log"
    env = dict(os.environ, PYTHONUNBUFFERED="1", SUMMARY_INTERVAL="1", EVENT_RATE="20")
    env.pop("BIND_ENDPOINT", None)
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "scripts/run_local.py", "--etcd-port", str(port),
             "--producer-port", str(free_port()), "--consumer-port", str(free_port())],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        output = lambda: log_path.read_text(errors="replace")  # noqa: E731
        wait_for(lambda: re.search(r"received=[1-9]", output()), 30, message=f"events to flow:\n{output()[-2000:]}")
        items, _ = EtcdCluster([f"http://127.0.0.1:{port}"], timeout=2).get_prefix("/services/")
        keys = sorted(item.key.split("/")[2] for item in items)
        assert keys == ["consumer", "producer"]

        process.send_signal(signal.SIGINT)
        started = time.monotonic()
        code = process.wait(15)
        assert code == 0
        assert time.monotonic() - started < 10
        assert "run: stopped (service1 exit 0, service2 exit 0)" in output()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)


def test_run_local_fails_when_port_taken(tmp_path):
    import socket

    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        busy_port = blocker.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "scripts/run_local.py", "--etcd-port", str(free_port()),
             "--producer-port", str(busy_port), "--consumer-port", str(free_port())],
            cwd=ROOT, env=dict(os.environ, PYTHONUNBUFFERED="1"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Address already in use" in result.stdout
    assert "make run PRODUCER_PORT=" in result.stderr
