"""`make run`: a local etcd, service1 and service2 on this machine, their output interleaved until Ctrl+C.

Each line is prefixed with the process it came from. Ctrl+C (or SIGTERM) stops the two services
first, so they revoke their leases, then etcd, whose data folder is deleted. The exit code is 0
after a requested stop, and 1 when a service or etcd failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from config.signals import StopRequest, install_stop_handlers
from discovery.local_etcd import EtcdNotFound, LocalEtcd, find_etcd_binary

_STOP_TIMEOUT = 5.0


def _pump(name: str, stream, lock: threading.Lock) -> None:
    for raw in iter(stream.readline, b""):
        line = raw.decode(errors="replace").rstrip("\n")
        with lock:
            print(f"{name:<8}| {line}", flush=True)


def _start_service(module: str, env: dict[str, str], extra: list[str], lock: threading.Lock) -> subprocess.Popen:
    # Each service runs in a session of its own, so Ctrl+C reaches only this script, which then
    # stops the services one by one and etcd last.
    process = subprocess.Popen([sys.executable, "-u", "-m", module, *extra], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    threading.Thread(target=_pump, args=(module, process.stdout, lock), daemon=True).start()
    return process


def _stop_service(process: subprocess.Popen, name: str) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"run: {name} did not stop within {_STOP_TIMEOUT:g} s; killing it", file=sys.stderr)
        process.kill()
        process.wait()


def _etcdctl_hint(etcd: LocalEtcd) -> str:
    etcdctl = Path(find_etcd_binary()).with_name("etcdctl")
    command = str(etcdctl) if etcdctl.exists() else "etcdctl"
    return f"{command} --endpoints={etcd.url} get --prefix /services/"


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--etcd-port", type=int, default=2379, help="client port of the local etcd (default 2379)")
    parser.add_argument("--producer-port", type=int, default=5555,
                        help="port of service1's PUSH socket on 127.0.0.1 (default 5555)")
    parser.add_argument("--consumer-port", type=int, default=5556,
                        help="port of service2's PULL socket on 127.0.0.1 (default 5556)")
    parser.add_argument("--producer-args", default="", help="extra arguments for service1, as one string")
    parser.add_argument("--consumer-args", default="", help="extra arguments for service2, as one string")
    return parser.parse_args()


def main() -> int:
    args = _parse_args()
    etcd = LocalEtcd(client_port=args.etcd_port)
    try:
        etcd.start()
    except EtcdNotFound as error:
        print(f"run: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"run: etcd did not start on port {args.etcd_port}: {error}\n"
              f"run: if the port is in use, try `make run ETCD_PORT=23790`", file=sys.stderr)
        etcd.cleanup()
        return 1
    print(f"run: etcd {etcd.url} (data in {etcd.data_dir}); list registrations with "
          f"`make status ETCD_PORT={args.etcd_port}` or `{_etcdctl_hint(etcd)}`", flush=True)

    env = dict(os.environ, ETCD_ENDPOINTS=etcd.url, ADVERTISED_HOST="127.0.0.1", PYTHONUNBUFFERED="1")
    lock = threading.Lock()
    stop = StopRequest()
    install_stop_handlers(stop)
    consumer = _start_service("service2", env, [f"--bind=tcp://127.0.0.1:{args.consumer_port}",
                                                *args.consumer_args.split()], lock)
    producer = _start_service("service1", env, [f"--bind=tcp://127.0.0.1:{args.producer_port}",
                                                *args.producer_args.split()], lock)
    try:
        while not stop.is_set() and producer.poll() is None and consumer.poll() is None:
            stop.wait(0.2)
    finally:
        print("run: stopping service1, service2 and etcd", flush=True)
        _stop_service(producer, "service1")
        _stop_service(consumer, "service2")
        etcd.cleanup()
    print(f"run: stopped (service1 exit {producer.returncode}, service2 exit {consumer.returncode})", flush=True)
    if stop.is_set():
        return 0
    print("run: a service exited by itself; see its lines above. If a port is in use, choose others with "
          "`make run PRODUCER_PORT=15555 CONSUMER_PORT=15556 ETCD_PORT=23790`", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
