"""Traffic profiles: packet-level models of benign and attack flows, each with its label.

A profile draws its endpoints from geo pools, builds the packet trace of one flow in the shape
real captures show, and leaves the statistics to flow.compute_features. Payload sizes and timings
are modelled on common client and server behaviour (Linux and Windows TCP stacks, TLS 1.3, OpenSSH,
nmap, hping3-style floods). They are plausible shapes, not fits to a specific dataset.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from . import geo
from .flow import ACK, FIN, PSH, RST, SYN, TCP, UDP, PacketTrace

# Payload bytes of a full TCP segment: Ethernet MTU 1500 minus IP (20) and TCP headers (20 or 32).
MSS_PLAIN = 1460
MSS_TIMESTAMPS = 1448
# The model stops a transfer at this many bytes so that one flow stays fast to build.
MAX_TRANSFER_BYTES = 1_500_000
# Largest web response and the bytes one ransomware flow reads and writes, kept small for the same
# reason: a few hundred packets already show the shape.
MAX_WEB_RESPONSE_BYTES = 262_144
ENCRYPT_BUDGET_BYTES = 400_000

FIBRE_KM_PER_MS = 200.0  # light in fibre covers about 200 km per millisecond
# CICFlowMeter's flow timeout: it exports a flow and starts a new one after 120 s.
FLOW_TIMEOUT_US = 120_000_000
# Long sessions stop adding packets this close to the flow timeout, leaving room for the close.
SESSION_END_US = FLOW_TIMEOUT_US - 5_000_000


@dataclass(frozen=True)
class Flow:
    """One generated flow: its packets, endpoints, ports and label."""

    trace: PacketTrace
    source: geo.Endpoint
    destination: geo.Endpoint
    source_port: int
    destination_port: int
    profile: str
    label: str


class TcpConversation:
    """Builder of a TCP packet trace between a client (forward) and a server (backward)."""

    def __init__(self, rng: random.Random, rtt_us: int, client_header: int = 32,
                 server_header: int = 32, client_window: int = 64240,
                 server_window: int = 65160) -> None:
        self.rng = rng
        self.rtt = max(rtt_us, 50)
        self.trace = PacketTrace(TCP)
        self.now = 0
        self.headers = {True: client_header, False: server_header}
        self.windows = {True: client_window, False: server_window}
        self.mss = MSS_TIMESTAMPS if client_header == 32 else MSS_PLAIN

    def send(self, forward: bool, payload: int, flags: int, gap_us: float,
             header: int | None = None, window: int | None = None) -> None:
        """Append one packet gap_us after the previous one."""
        self.now += int(gap_us)
        self.trace.add(self.now, forward, payload,
                       self.headers[forward] if header is None else header, flags,
                       self.windows[forward] if window is None else window)

    def half_rtt(self) -> float:
        """Return a one-way delay with 10 % jitter."""
        return self.rtt * self.rng.uniform(0.45, 0.55)

    def handshake(self) -> None:
        """Append SYN, SYN/ACK and ACK; SYN segments carry 20 bytes of options more."""
        self.send(True, 0, SYN, 0, header=self.headers[True] + 8)
        self.send(False, 0, SYN | ACK, self.half_rtt(), header=self.headers[False] + 8)
        self.send(True, 0, ACK, self.half_rtt())

    def transfer(self, forward: bool, size: int) -> None:
        """Append a payload of size bytes as full segments, each second one acknowledged.

        Back-to-back segments are about 40 us apart, every 20 segments the congestion window waits
        a fraction of the RTT for ACKs, and the receiver ACKs 5-60 us after each second segment.
        """
        size = min(size, MAX_TRANSFER_BYTES)
        if size <= 0:
            return
        rnd = self.rng.random
        log = math.log
        mss = self.mss
        segments = -(-size // mss)
        pairs, odd = divmod(segments, 2)

        data_gaps = [int(-40.0 * log(1.0 - rnd())) for _ in range(segments)]
        data_gaps[0] = int(self.half_rtt())
        for index in range(20, segments, 20):
            data_gaps[index] += int(self.rtt * (0.2 + 0.4 * rnd()))
        gaps: list[int] = []
        for pair in range(pairs):
            gaps += (data_gaps[2 * pair], data_gaps[2 * pair + 1], 5 + int(55 * rnd()))
        if odd:
            gaps += (data_gaps[-1], 5 + int(55 * rnd()))

        back = not forward
        data_header = self.headers[forward]
        ack_header = self.headers[back]
        directions = [forward, forward, back] * pairs + [forward, back] * odd
        payloads = [mss, mss, 0] * pairs + [mss, 0] * odd
        headers = [data_header, data_header, ack_header] * pairs + [data_header, ack_header] * odd
        flags = [ACK] * len(gaps)
        payloads[-2] = size - mss * (segments - 1)
        flags[-2] = ACK | PSH
        times = list(accumulate(gaps, initial=self.now))[1:]
        self.now = times[-1]
        self.trace.add_batch(times, directions, payloads, headers, flags,
                             (self.windows[True], self.windows[False]))

    def exchange(self, request: int, response: int, think_us: float) -> None:
        """Append a client request after think_us and the server's response."""
        self.send(True, request, ACK | PSH, think_us)
        self.transfer(False, response)

    def close(self, client_first: bool = True) -> None:
        """Append FIN/ACK from each side and the final ACK."""
        self.send(client_first, 0, FIN | ACK, self.rng.uniform(100, 20_000))
        self.send(not client_first, 0, FIN | ACK, self.half_rtt())
        self.send(client_first, 0, ACK, self.half_rtt())

    def reset(self, forward: bool) -> None:
        """Append an RST that aborts the connection."""
        self.send(forward, 0, RST | ACK, self.rng.uniform(50, 5_000), window=0)


def estimate_rtt_us(rng: random.Random, source: geo.Endpoint, destination: geo.Endpoint) -> int:
    """Return a round-trip time from the fibre distance between endpoints plus access delay."""
    src = geo.PLACES[source.place]
    dst = geo.PLACES[destination.place]
    km = geo.haversine_km(src.latitude, src.longitude, dst.latitude, dst.longitude)
    return int(2_000 * km / FIBRE_KM_PER_MS * 1.4 + rng.uniform(300, 8_000))


def pick_client_stack(rng: random.Random) -> tuple[int, int]:
    """Return (TCP header bytes, SYN window) of a Linux (timestamps) or Windows client."""
    if rng.random() < 0.6:
        return 32, rng.choice((64240, 29200))
    return 20, rng.choice((64240, 65535, 8192))


def ephemeral_port(rng: random.Random) -> int:
    """Return a client port from the Linux or IANA ephemeral range."""
    return rng.randint(32768, 60999) if rng.random() < 0.6 else rng.randint(49152, 65535)


def start_conversation(rng: random.Random, source: geo.Endpoint,
                       destination: geo.Endpoint) -> TcpConversation:
    """Return a conversation with a random client stack and the endpoints' round-trip time."""
    header, window = pick_client_stack(rng)
    server_header = 32 if header == 32 else 20
    return TcpConversation(rng, estimate_rtt_us(rng, source, destination), header,
                           server_header, window, rng.choice((65160, 28960, 65535)))


def draw_response_size(rng: random.Random, median: float, sigma: float) -> int:
    """Return a log-normal payload size in bytes, at least 1."""
    return max(1, int(rng.lognormvariate(0, sigma) * median))


def draw_think_time(rng: random.Random, short_mean_us: float, long_mean_us: float,
                    long_share: float) -> float:
    """Return a pause between requests: mostly short, sometimes long (keep-alive idle)."""
    mean = long_mean_us if rng.random() < long_share else short_mean_us
    return rng.expovariate(1 / mean)


def send_tls_handshake(conv: TcpConversation) -> None:
    """Append a TLS 1.3 handshake: ClientHello, server flight with certificate, Finished."""
    rng = conv.rng
    conv.send(True, rng.randint(220, 580), ACK | PSH, rng.uniform(50, 400))
    conv.transfer(False, rng.randint(2_400, 5_200))
    conv.send(True, rng.randint(64, 130), ACK | PSH, rng.uniform(200, 2_000))


def build_benign_web(rng: random.Random) -> Flow:
    """Build an HTTP(S) page visit: a few requests with think time, then an orderly close."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("web", rng)
    port = 443 if rng.random() < 0.8 else 80
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    if port == 443:
        send_tls_handshake(conv)
    for index in range(1 + min(int(rng.expovariate(1 / 1.5)), 25)):
        if conv.now > SESSION_END_US - 40_000_000:
            break
        think = rng.uniform(100, 2_000) if index == 0 else draw_think_time(
            rng, 300_000, 9_000_000, 0.15)
        response = min(draw_response_size(rng, 6_000, 1.3), MAX_WEB_RESPONSE_BYTES)
        conv.exchange(rng.randint(300, 1_200), response, think)
    conv.close(client_first=rng.random() < 0.7)
    return Flow(conv.trace, source, destination, ephemeral_port(rng), port, "benign_web",
                "BENIGN")


def build_benign_dns(rng: random.Random) -> Flow:
    """Build a DNS lookup over UDP: one or two queries (A, AAAA) and their responses."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("resolver", rng)
    rtt = estimate_rtt_us(rng, source, destination)
    trace = PacketTrace(UDP)
    now = 0
    for _ in range(2 if rng.random() < 0.35 else 1):
        trace.add(now, True, rng.randint(28, 64), 8)
        now += int(rtt * rng.uniform(0.9, 1.3))
        trace.add(now, False, rng.randint(44, 480), 8)
        now += int(rng.uniform(30, 600))
    return Flow(trace, source, destination, ephemeral_port(rng), 53, "benign_dns", "BENIGN")


def build_benign_tls(rng: random.Random) -> Flow:
    """Build a long TLS session (streaming, sync): bursts of downloads separated by pauses."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("web", rng)
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    send_tls_handshake(conv)
    for _ in range(rng.randint(6, 24)):
        if conv.now > SESSION_END_US - 20_000_000:
            break
        think = draw_think_time(rng, 900_000, 9_000_000, 0.2)
        conv.exchange(rng.randint(90, 700), draw_response_size(rng, 4_000, 1.0), think)
    conv.close(client_first=rng.random() < 0.5)
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 443, "benign_tls", "BENIGN")


def send_ssh_setup(conv: TcpConversation) -> None:
    """Append the SSH version exchange and key exchange (curve25519, chacha20-poly1305)."""
    rng = conv.rng
    conv.send(False, rng.randint(21, 41), ACK | PSH, conv.half_rtt())
    conv.send(True, rng.randint(21, 41), ACK | PSH, rng.uniform(200, 3_000))
    conv.send(True, rng.randint(1_300, 1_600), ACK | PSH, rng.uniform(50, 500))
    conv.send(False, rng.randint(1_000, 1_100), ACK | PSH, conv.half_rtt())
    conv.send(True, 48, ACK | PSH, rng.uniform(500, 3_000))
    conv.send(False, rng.randint(500, 1_100), ACK | PSH, conv.half_rtt() + rng.uniform(500, 3_000))
    conv.send(True, 16, ACK | PSH, rng.uniform(100, 800))


def build_benign_ssh(rng: random.Random) -> Flow:
    """Build an interactive SSH session: key exchange, login, then keystrokes and their echo."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("hosting", rng)
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    send_ssh_setup(conv)
    conv.send(True, rng.randint(80, 120), ACK | PSH, rng.uniform(1_000_000, 6_000_000))
    conv.send(False, rng.randint(28, 52), ACK | PSH, conv.half_rtt() + rng.uniform(2_000, 90_000))
    for _ in range(rng.randint(20, 120)):
        if conv.now > SESSION_END_US - 30_000_000:
            break
        pause = rng.uniform(5_000_000, 30_000_000) if rng.random() < 0.04 else rng.uniform(
            60_000, 450_000)
        conv.send(True, 36, ACK | PSH, pause)
        conv.send(False, 36 if rng.random() < 0.85 else rng.randint(100, 3_000), ACK | PSH,
                  conv.half_rtt() * 2)
    conv.close()
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 22, "benign_ssh", "BENIGN")


def build_ddos_syn(rng: random.Random) -> Flow:
    """Build a SYN flood flow: repeated SYNs from one spoofed port, hardly ever answered."""
    source = geo.draw_endpoint("botnet", rng)
    destination = geo.draw_endpoint("local_server", rng)
    trace = PacketTrace(TCP)
    window = rng.choice((512, 1024, 64, 5840, 65535))
    payload = rng.randint(1, 20) if rng.random() < 0.1 else 0
    now = 0
    for _ in range(1 + min(int(rng.expovariate(1 / 4)), 60)):
        trace.add(now, True, payload, 20, SYN, window)
        now += int(rng.expovariate(1 / 250)) + 1
    if rng.random() < 0.35:
        trace.add(now + int(rng.uniform(20, 400)), False, 0, 24, SYN | ACK, 65160)
    return Flow(trace, source, destination, rng.randint(1024, 65535), rng.choice((80, 443)),
                "ddos_syn", "DDOS")


def build_ddos_udp(rng: random.Random) -> Flow:
    """Build a UDP flood flow: a fast stream of same-size datagrams, no replies."""
    source = geo.draw_endpoint("botnet", rng)
    destination = geo.draw_endpoint("local_server", rng)
    trace = PacketTrace(UDP)
    size = rng.choice((rng.randint(1, 64), rng.randint(512, 1_472)))
    varying = rng.random() < 0.3
    mean_gap = rng.uniform(15, 200)
    now = 0
    for _ in range(min(int(rng.lognormvariate(0, 1.0) * 40) + 2, 400)):
        trace.add(now, True, rng.randint(1, 1_472) if varying else size, 8)
        now += int(rng.expovariate(1 / mean_gap)) + 1
    if rng.random() < 0.1:
        trace.add(now, False, rng.randint(20, 120), 8)
    port = rng.choice((53, 123, 1900, 80, rng.randint(1024, 65535)))
    return Flow(trace, source, destination, rng.randint(1024, 65535), port, "ddos_udp", "DDOS")


def build_ddos_http(rng: random.Random) -> Flow:
    """Build an HTTP flood flow: many near-identical GET requests back to back, then an abort."""
    source = geo.draw_endpoint("botnet", rng)
    destination = geo.draw_endpoint("local_server", rng)
    conv = TcpConversation(rng, estimate_rtt_us(rng, source, destination), 20, 32,
                           rng.choice((8192, 65535)), 65160)
    conv.handshake()
    request = rng.randint(160, 420)
    for _ in range(rng.randint(8, 60)):
        conv.send(True, request + rng.randint(0, 6), ACK | PSH, rng.uniform(20, 1_500))
        conv.send(False, rng.choice((rng.randint(150, 260), rng.randint(300, 1_400))), ACK | PSH,
                  rng.uniform(200, 3_000))
    if rng.random() < 0.6:
        conv.reset(True)
    else:
        conv.close()
    return Flow(conv.trace, source, destination, ephemeral_port(rng), rng.choice((80, 443, 8080)),
                "ddos_http", "DDOS")


def build_portscan(rng: random.Random) -> Flow:
    """Build one probe of a port scan: SYN answered by RST (closed), SYN/ACK (open) or nothing."""
    source = geo.draw_endpoint("scanner", rng)
    destination = geo.draw_endpoint("local_server", rng)
    rtt = estimate_rtt_us(rng, source, destination)
    trace = PacketTrace(TCP)
    trace.add(0, True, 0, 24, SYN, 1024)
    outcome = rng.random()
    if outcome < 0.75:
        trace.add(rtt, False, 0, 20, RST | ACK, 0)
    elif outcome < 0.88:
        trace.add(rtt, False, 0, 24, SYN | ACK, 65160)
        trace.add(rtt + int(rng.uniform(5, 80)), True, 0, 20, RST, 0)
    elif rng.random() < 0.5:
        trace.add(int(rng.uniform(900_000, 1_100_000)), True, 0, 24, SYN, 1024)
    if rng.random() < 0.7:
        port = rng.choice((21, 22, 23, 25, 110, 135, 139, 143, 445, 3306, 3389, 5900, 8080))
    else:
        port = rng.randint(1, 65535)
    return Flow(trace, source, destination, rng.randint(33000, 65000), port, "portscan",
                "PORTSCAN")


def build_bruteforce_ssh(rng: random.Random) -> Flow:
    """Build an SSH password-guessing connection: key exchange, failed logins, server close."""
    source = geo.draw_endpoint("tor" if rng.random() < 0.3 else "scanner", rng)
    destination = geo.draw_endpoint("local_server", rng)
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    send_ssh_setup(conv)
    for _ in range(rng.randint(3, 6)):
        conv.send(True, rng.randint(84, 116), ACK | PSH, rng.uniform(3_000, 60_000))
        conv.send(False, rng.randint(52, 68), ACK | PSH, rng.uniform(1_500_000, 3_000_000))
    conv.close(client_first=False)
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 22, "bruteforce_ssh",
                "BRUTE_FORCE")


def build_bruteforce_ftp(rng: random.Random) -> Flow:
    """Build an FTP password-guessing connection: banner, USER/PASS pairs answered with 530."""
    source = geo.draw_endpoint("tor" if rng.random() < 0.3 else "scanner", rng)
    destination = geo.draw_endpoint("local_server", rng)
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    conv.send(False, rng.randint(20, 60), ACK | PSH, conv.half_rtt())
    for _ in range(rng.randint(1, 8)):
        conv.send(True, rng.randint(10, 22), ACK | PSH, rng.uniform(500, 20_000))
        conv.send(False, 34, ACK | PSH, conv.half_rtt() * 2)
        conv.send(True, rng.randint(12, 30), ACK | PSH, rng.uniform(500, 20_000))
        conv.send(False, 22, ACK | PSH, rng.uniform(500_000, 3_000_000))
    conv.close()
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 21, "bruteforce_ftp",
                "BRUTE_FORCE")


def start_smb_session(rng: random.Random, source: geo.Endpoint,
                      destination: geo.Endpoint) -> TcpConversation:
    """Return a LAN conversation after SMB2 negotiate, NTLM session setup and tree connect."""
    conv = TcpConversation(rng, int(rng.uniform(150, 900)), 20, 20, 64240, 65535)
    conv.handshake()
    for request, response in ((rng.randint(100, 250), rng.randint(220, 400)),
                              (rng.randint(150, 400), rng.randint(280, 360)),
                              (rng.randint(500, 700), rng.randint(90, 130)),
                              (rng.randint(90, 110), rng.randint(80, 90))):
        conv.exchange(request, response, rng.uniform(100, 2_000))
    return conv


def build_ransomware_smb(rng: random.Random) -> Flow:
    """Build SMB lateral movement: copy a payload to ADMIN$, then remote service calls."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("lan", rng)
    conv = start_smb_session(rng, source, destination)
    conv.transfer(True, rng.randint(30_000, 250_000))
    conv.send(False, rng.randint(70, 90), ACK | PSH, rng.uniform(100, 800))
    for _ in range(rng.randint(5, 20)):
        conv.exchange(rng.randint(100, 400), rng.randint(60, 300), rng.uniform(200, 5_000))
    conv.close()
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 445, "ransomware_smb",
                "RANSOMWARE")


def build_ransomware_encrypt(rng: random.Random) -> Flow:
    """Build encryption of a file share: read each file, write it back encrypted, rename it."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("lan", rng)
    conv = start_smb_session(rng, source, destination)
    budget = ENCRYPT_BUDGET_BYTES
    for _ in range(rng.randint(3, 12)):
        size = min(draw_response_size(rng, 30_000, 1.2), budget)
        budget -= size
        conv.exchange(rng.randint(150, 400), size, rng.uniform(100, 3_000))
        conv.transfer(True, size + rng.randint(0, 512))
        conv.exchange(rng.randint(150, 300), rng.randint(80, 200), rng.uniform(50, 500))
        if budget <= 0:
            break
    conv.close()
    return Flow(conv.trace, source, destination, ephemeral_port(rng), 445, "ransomware_encrypt",
                "RANSOMWARE")


def build_ransomware_exfil(rng: random.Random) -> Flow:
    """Build data exfiltration: a TLS upload of archives to an external host, few bytes back."""
    source = geo.draw_endpoint("lan", rng)
    destination = geo.draw_endpoint("exfil", rng)
    conv = start_conversation(rng, source, destination)
    conv.handshake()
    send_tls_handshake(conv)
    for _ in range(rng.randint(1, 3)):
        conv.send(True, rng.randint(200, 600), ACK | PSH, rng.uniform(1_000, 50_000))
        conv.transfer(True, rng.randint(100_000, 250_000))
        conv.send(False, rng.randint(40, 200), ACK | PSH, conv.half_rtt())
    conv.close()
    port = rng.choice((443, 443, 8443, 22))
    return Flow(conv.trace, source, destination, ephemeral_port(rng), port, "ransomware_exfil",
                "RANSOMWARE")


PROFILE_BUILDERS: dict[str, Callable[[random.Random], Flow]] = {
    "benign_web": build_benign_web,
    "benign_dns": build_benign_dns,
    "benign_tls": build_benign_tls,
    "benign_ssh": build_benign_ssh,
    "ddos_syn": build_ddos_syn,
    "ddos_udp": build_ddos_udp,
    "ddos_http": build_ddos_http,
    "portscan": build_portscan,
    "bruteforce_ssh": build_bruteforce_ssh,
    "bruteforce_ftp": build_bruteforce_ftp,
    "ransomware_smb": build_ransomware_smb,
    "ransomware_encrypt": build_ransomware_encrypt,
    "ransomware_exfil": build_ransomware_exfil,
}

PROFILE_NAMES: tuple[str, ...] = tuple(PROFILE_BUILDERS)

# Each group name in a mix expands to its profiles with these relative weights.
PROFILE_GROUPS: dict[str, dict[str, float]] = {
    "benign": {"benign_web": 0.55, "benign_dns": 0.3, "benign_tls": 0.1, "benign_ssh": 0.05},
    "ddos": {"ddos_syn": 0.4, "ddos_udp": 0.3, "ddos_http": 0.3},
    "bruteforce": {"bruteforce_ssh": 0.6, "bruteforce_ftp": 0.4},
    "ransomware": {"ransomware_smb": 0.4, "ransomware_encrypt": 0.3, "ransomware_exfil": 0.3},
}
