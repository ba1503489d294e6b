"""Metadata of the capturing node (this process and its host), as carried in every event."""

from __future__ import annotations

import os
import platform
import re
import resource
import socket
import time
from dataclasses import dataclass

from protobuf import network_security_pb2 as pb

SNIFFER_LOCATION = "Sevilla, Spain"
_CONTAINER_ID = re.compile(r"([0-9a-f]{64})")


def _container_id() -> str:
    """Return the Docker container id when running in one, else an empty string."""
    try:
        with open("/proc/self/mountinfo") as handle:
            for line in handle:
                if "/docker/containers/" in line:
                    match = _CONTAINER_ID.search(line)
                    if match:
                        return match.group(1)[:12]
    except OSError:
        pass
    return ""


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class NodeInfo:
    """Facts about this node that do not change while it runs."""

    node_id: str
    hostname: str
    ip_address: str
    operating_system: str
    os_version: str
    agent_version: str
    pid: int
    container_id: str
    started: float
    _cpu_sample: tuple[float, float] = (0.0, 0.0)
    _cpu_percent: float = 0.0

    @classmethod
    def detect(cls, node_id: str, ip_address: str, agent_version: str) -> NodeInfo:
        """Read the facts from this process and host."""
        return cls(
            node_id=node_id,
            hostname=socket.gethostname(),
            ip_address=ip_address,
            operating_system=platform.system(),
            os_version=platform.release(),
            agent_version=agent_version,
            pid=os.getpid(),
            container_id=_container_id(),
            started=time.monotonic(),
            _cpu_sample=(time.monotonic(), _cpu_seconds()),
        )

    def _recent_cpu_percent(self) -> float:
        """Return this process's CPU use in percent of one core, averaged over the last second or more."""
        now = time.monotonic()
        last_time, last_cpu = self._cpu_sample
        if now - last_time >= 1.0:
            cpu = _cpu_seconds()
            self._cpu_percent = 100.0 * (cpu - last_cpu) / (now - last_time)
            self._cpu_sample = (now, cpu)
        return self._cpu_percent

    def fill(self, node: pb.DistributedNode, now_seconds: float) -> None:
        """Write this node's metadata, uptime and resource use into ``node``."""
        node.node_id = self.node_id
        node.node_hostname = self.hostname
        node.node_ip_address = self.ip_address
        node.physical_location = SNIFFER_LOCATION
        node.node_role = pb.DistributedNode.PACKET_SNIFFER
        node.node_status = pb.DistributedNode.ACTIVE
        node.last_heartbeat.FromNanoseconds(int(now_seconds * 1e9))
        node.operating_system = self.operating_system
        node.os_version = self.os_version
        node.agent_version = self.agent_version
        node.process_id = self.pid
        node.container_id = self.container_id
        node.cluster_name = "netsec-lab"
        usage = resource.getrusage(resource.RUSAGE_SELF)
        node.memory_usage_mb = usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux
        uptime = time.monotonic() - self.started
        node.uptime.FromNanoseconds(int(uptime * 1e9))
        node.cpu_usage_percent = self._recent_cpu_percent()
        node.supported_protocols[:] = ["tcp", "udp", "icmp"]
