"""Tests of the settings of both services: environment variable, flag, defaults and invalid values.

Most cases call load_settings directly with an explicit environment. A few start the real
`python -m service1|service2` processes to check the exit code and the one-line error on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from config.common import validate_common
from config.settings import CONFIG_ERROR_EXIT_CODE, Setting, load_settings
from discovery.local_etcd import free_port
from service1.settings import DESCRIPTION as PRODUCER_DESCRIPTION, producer_settings
from service2.settings import DESCRIPTION as CONSUMER_DESCRIPTION, validate_consumer_settings as validate_consumer
from service2.settings import consumer_settings

ROOT = Path(__file__).resolve().parent.parent
PROCESS_TIMEOUT_SECONDS = 20

# DISCOVER=false is valid only with fixed endpoints, so every consumer case starts with one.
CONSUMER_BASE_ENVIRON = {"CONNECT_ENDPOINTS": "tcp://127.0.0.1:5555"}


def settings_of(service: str) -> list[Setting]:
    return producer_settings() if service == "service1" else consumer_settings()


def load(service: str, environ: dict[str, str], argv: list[str] | None = None) -> SimpleNamespace:
    """Load one service's settings from ``environ`` and ``argv`` only, never from os.environ."""
    if service == "service1":
        return load_settings("service1", PRODUCER_DESCRIPTION, producer_settings(), argv or [], environ,
                             validate=validate_common)
    return load_settings("service2", CONSUMER_DESCRIPTION, consumer_settings(), argv or [],
                         {**CONSUMER_BASE_ENVIRON, **environ}, validate=validate_consumer)


# --- every setting from the environment and from a flag ---------------------------------------------

# name, environment variable, flag arguments, value in the environment, value from the environment,
# value from the flag (the flag is given together with the environment variable and must win).
COMMON_SOURCES = [
    ("etcd_endpoints", "ETCD_ENDPOINTS", ["--etcd-endpoints", "http://localhost:12379"],
     "http://127.0.0.1:2379, http://127.0.0.1:22379",
     ("http://127.0.0.1:2379", "http://127.0.0.1:22379"), ("http://localhost:12379",)),
    ("instance_id", "INSTANCE_ID", ["--instance-id", "from-flag-2"], "from-env-1", "from-env-1", "from-flag-2"),
    ("advertised_host", "ADVERTISED_HOST", ["--advertised-host", "[::1]"], "127.0.0.1", "127.0.0.1", "[::1]"),
    ("lease_ttl", "LEASE_TTL", ["--lease-ttl", "120"], "90", 90, 120),
    ("heartbeat_interval", "HEARTBEAT_INTERVAL", ["--heartbeat-interval", "2.5"], "10", 10.0, 2.5),
    ("summary_interval", "SUMMARY_INTERVAL", ["--summary-interval", "0.5"], "1", 1.0, 0.5),
    ("health_file", "HEALTH_FILE", ["--health-file", "/run/flag-health.json"], "/run/env-health.json",
     "/run/env-health.json", "/run/flag-health.json"),
    ("log_level", "LOG_LEVEL", ["--log-level", "warning"], "debug", "DEBUG", "WARNING"),
]

PRODUCER_SOURCES = [
    ("bind", "BIND_ENDPOINT", ["--bind", "tcp://127.0.0.1:6001"], "tcp://*:6000", "tcp://*:6000",
     "tcp://127.0.0.1:6001"),
    ("rate", "EVENT_RATE", ["--rate", "12.5"], "0", 0.0, 12.5),
    ("count", "EVENT_COUNT", ["--count", "3"], "10", 10, 3),
    ("seed", "SEED", ["--seed", "8"], "7", 7, 8),
    ("source", "SOURCE", ["--source", "csv:/data/flag.csv"], "csv:/data/env.csv", "csv:/data/env.csv",
     "csv:/data/flag.csv"),
    ("mix", "TRAFFIC_MIX", ["--mix", "ddos_syn=1"], "benign_web=1", "benign_web=1", "ddos_syn=1"),
    ("loop", "LOOP", ["--loop"], "false", False, True),
    ("send_timeout_ms", "SEND_TIMEOUT_MS", ["--send-timeout", "250"], "0", 0, 250),
    ("send_hwm", "SEND_HWM", ["--send-hwm", "5000"], "10", 10, 5000),
    ("linger_ms", "LINGER_MS", ["--linger", "2000"], "0", 0, 2000),
]

CONSUMER_SOURCES = [
    ("bind", "BIND_ENDPOINT", ["--bind", "tcp://[::1]:6101"], "tcp://*:6100", "tcp://*:6100", "tcp://[::1]:6101"),
    ("connect", "CONNECT_ENDPOINTS", ["--connect", "tcp://[::1]:5555"],
     "tcp://127.0.0.1:5555,tcp://127.0.0.1:5557", ("tcp://127.0.0.1:5555", "tcp://127.0.0.1:5557"),
     ("tcp://[::1]:5555",)),
    ("discover", "DISCOVER", ["--discover", "true"], "false", False, True),
    ("display", "DISPLAY_MODE", ["--display", "events"], "summary", "summary", "events"),
    ("stats_file", "STATS_FILE", ["--stats-file", "/run/flag-stats.json"], "/run/env-stats.json",
     "/run/env-stats.json", "/run/flag-stats.json"),
    ("max_message_size", "MAX_MESSAGE_SIZE", ["--max-message-size", "65536"], "4096", 4096, 65536),
    ("receive_hwm", "RECEIVE_HWM", ["--receive-hwm", "20"], "10", 10, 20),
]

SOURCE_CASES = (
    [pytest.param(service, *row, id=f"{service}-{row[1]}") for service in ("service1", "service2")
     for row in COMMON_SOURCES]
    + [pytest.param("service1", *row, id=f"service1-{row[1]}") for row in PRODUCER_SOURCES]
    + [pytest.param("service2", *row, id=f"service2-{row[1]}") for row in CONSUMER_SOURCES]
)


@pytest.mark.parametrize("service, name, env, flag_args, env_value, from_env, from_flag", SOURCE_CASES)
def test_setting_from_env(service: str, name: str, env: str, flag_args: list[str], env_value: str,
                          from_env: object, from_flag: object) -> None:
    values = load(service, {env: env_value})

    assert getattr(values, name) == from_env


@pytest.mark.parametrize("service, name, env, flag_args, env_value, from_env, from_flag", SOURCE_CASES)
def test_setting_from_flag(service: str, name: str, env: str, flag_args: list[str], env_value: str,
                           from_env: object, from_flag: object) -> None:
    values = load(service, {}, flag_args)

    assert getattr(values, name) == from_flag


@pytest.mark.parametrize("service, name, env, flag_args, env_value, from_env, from_flag", SOURCE_CASES)
def test_setting_flag_wins(service: str, name: str, env: str, flag_args: list[str], env_value: str,
                           from_env: object, from_flag: object) -> None:
    values = load(service, {env: env_value}, flag_args)

    assert getattr(values, name) == from_flag


@pytest.mark.parametrize(
    "service, rows",
    [
        pytest.param("service1", COMMON_SOURCES + PRODUCER_SOURCES, id="service1"),
        pytest.param("service2", COMMON_SOURCES + CONSUMER_SOURCES, id="service2"),
    ],
)
def test_setting_table_complete(service: str, rows: list[tuple]) -> None:
    declared = {setting.name: (setting.env, setting.flag) for setting in settings_of(service)}
    tested = {row[0]: (row[1], row[2][0]) for row in rows}

    assert tested == declared


def test_setting_flag_wins_over_invalid_env() -> None:
    values = load("service1", {"LEASE_TTL": "abc"}, ["--lease-ttl", "90"])

    assert values.lease_ttl == 90


def test_setting_empty_env_counts_as_set() -> None:
    values = load("service2", {"CONNECT_ENDPOINTS": ""})

    assert values.connect == ()


# --- defaults -----------------------------------------------------------------------------------------

DEFAULT_CASES = [
    ("service1", "etcd_endpoints", ("http://127.0.0.1:2379",)),
    ("service1", "lease_ttl", 60),
    ("service1", "heartbeat_interval", 30.0),
    ("service1", "summary_interval", 5.0),
    ("service1", "log_level", "INFO"),
    ("service1", "health_file", ""),
    ("service1", "bind", "tcp://*:5555"),
    ("service1", "rate", 2.0),
    ("service1", "count", 0),
    ("service1", "seed", None),
    ("service1", "loop", False),
    ("service2", "etcd_endpoints", ("http://127.0.0.1:2379",)),
    ("service2", "lease_ttl", 60),
    ("service2", "heartbeat_interval", 30.0),
    ("service2", "bind", "tcp://*:5556"),
    ("service2", "discover", True),
    ("service2", "display", "events"),
    ("service2", "stats_file", ""),
]


@pytest.mark.parametrize("service, name, expected", [pytest.param(*case, id=f"{case[0]}-{case[1]}")
                                                     for case in DEFAULT_CASES])
def test_setting_default(service: str, name: str, expected: object) -> None:
    values = load(service, {})

    assert getattr(values, name) == expected


@pytest.mark.parametrize("service", ["service1", "service2"])
def test_setting_default_instance_id(service: str) -> None:
    values = load(service, {})

    assert values.instance_id.startswith(f"{service}-")
    assert values.instance_id.endswith(f"-{os.getpid()}")


def test_setting_connect_default_empty() -> None:
    values = load_settings("service2", CONSUMER_DESCRIPTION, consumer_settings(), [], {},
                           validate=validate_consumer)

    assert values.connect == ()


# --- invalid values -----------------------------------------------------------------------------------

def invalid(case_id: str, service: str, environ: dict[str, str], argv: list[str], name: str, value: str,
            expected: str):
    """Describe one invalid configuration: the message must contain ``name``, ``value`` and ``expected``."""
    return pytest.param(service, environ, argv, name, value, expected, id=case_id)


INVALID_CASES = [
    invalid("service1-bind-port-text", "service1", {"BIND_ENDPOINT": "tcp://*:abc"}, [],
            "BIND_ENDPOINT", "tcp://*:abc", "1 to 65535"),
    invalid("service1-bind-port-range", "service1", {"BIND_ENDPOINT": "tcp://*:70000"}, [],
            "BIND_ENDPOINT", "tcp://*:70000", "1 to 65535"),
    invalid("service1-bind-no-scheme", "service1", {"BIND_ENDPOINT": "127.0.0.1:5555"}, [],
            "BIND_ENDPOINT", "127.0.0.1:5555", "tcp://*:5555"),
    invalid("service2-bind-port-text", "service2", {"BIND_ENDPOINT": "tcp://*:abc"}, [],
            "BIND_ENDPOINT", "tcp://*:abc", "1 to 65535"),
    invalid("service1-bind-flag", "service1", {}, ["--bind", "tcp://*:abc"],
            "--bind", "tcp://*:abc", "1 to 65535"),
    invalid("lease-ttl-under-minimum", "service1", {"LEASE_TTL": "1"}, [], "LEASE_TTL", "1", "from 2"),
    invalid("lease-ttl-zero", "service1", {"LEASE_TTL": "0"}, [], "LEASE_TTL", "0", "from 2"),
    invalid("lease-ttl-above-etcd-maximum", "service1", {"LEASE_TTL": "10000000000"}, [], "LEASE_TTL",
            "10000000000", "9000000000"),
    invalid("send-hwm-above-c-int", "service1", {}, ["--send-hwm", "99999999999"], "--send-hwm",
            "99999999999", "from 1 to 2147483647"),
    invalid("linger-above-c-int", "service1", {}, ["--linger", "99999999999"], "--linger",
            "99999999999", "from 0 to 2147483647"),
    invalid("receive-hwm-above-c-int", "service2", {}, ["--receive-hwm", "3000000000"], "--receive-hwm",
            "3000000000", "from 1 to 2147483647"),
    invalid("lease-ttl-text", "service2", {"LEASE_TTL": "abc"}, [], "LEASE_TTL", "abc", "from 2"),
    invalid("lease-ttl-fraction", "service1", {"LEASE_TTL": "2.5"}, [], "LEASE_TTL", "2.5", "from 2"),
    invalid("lease-ttl-flag", "service1", {}, ["--lease-ttl", "1"], "--lease-ttl", "1", "from 2"),
    invalid("heartbeat-equal-ttl", "service1", {"HEARTBEAT_INTERVAL": "10", "LEASE_TTL": "10"}, [],
            "HEARTBEAT_INTERVAL", "10", "fewer seconds than LEASE_TTL"),
    invalid("heartbeat-over-ttl", "service2", {"HEARTBEAT_INTERVAL": "45", "LEASE_TTL": "20"}, [],
            "HEARTBEAT_INTERVAL", "45", "fewer seconds than LEASE_TTL"),
    invalid("heartbeat-default-vs-ttl", "service1", {"LEASE_TTL": "30"}, [],
            "HEARTBEAT_INTERVAL", "30", "fewer seconds than LEASE_TTL"),
    invalid("heartbeat-zero", "service1", {"HEARTBEAT_INTERVAL": "0"}, [], "HEARTBEAT_INTERVAL", "0", "> 0"),
    invalid("etcd-no-scheme", "service1", {"ETCD_ENDPOINTS": "localhost:2379"}, [],
            "ETCD_ENDPOINTS", "localhost:2379", "http://127.0.0.1:2379"),
    invalid("etcd-no-host", "service1", {"ETCD_ENDPOINTS": "http://:2379"}, [],
            "ETCD_ENDPOINTS", "http://:2379", "http://127.0.0.1:2379"),
    invalid("etcd-ftp", "service2", {"ETCD_ENDPOINTS": "ftp://x:1"}, [],
            "ETCD_ENDPOINTS", "ftp://x:1", "http://127.0.0.1:2379"),
    invalid("etcd-no-port", "service1", {"ETCD_ENDPOINTS": "http://127.0.0.1"}, [],
            "ETCD_ENDPOINTS", "http://127.0.0.1", "port is missing"),
    invalid("etcd-path", "service1", {"ETCD_ENDPOINTS": "http://127.0.0.1:2379/v3"}, [],
            "ETCD_ENDPOINTS", "http://127.0.0.1:2379/v3", "no path"),
    invalid("etcd-port-text", "service1", {"ETCD_ENDPOINTS": "http://127.0.0.1:abc"}, [],
            "ETCD_ENDPOINTS", "http://127.0.0.1:abc", "1 to 65535"),
    invalid("etcd-second-bad", "service1", {"ETCD_ENDPOINTS": "http://127.0.0.1:2379,localhost:2379"}, [],
            "ETCD_ENDPOINTS", "localhost:2379", "http://127.0.0.1:2379"),
    invalid("etcd-flag", "service2", {}, ["--etcd-endpoints", "localhost:2379"],
            "--etcd-endpoints", "localhost:2379", "http://127.0.0.1:2379"),
    invalid("connect-no-scheme", "service2", {"CONNECT_ENDPOINTS": "127.0.0.1:5555"}, [],
            "CONNECT_ENDPOINTS", "127.0.0.1:5555", "tcp://127.0.0.1:5555"),
    invalid("connect-wildcard", "service2", {"CONNECT_ENDPOINTS": "tcp://*:5555"}, [],
            "CONNECT_ENDPOINTS", "tcp://*:5555", "not '*'"),
    invalid("connect-port-text", "service2", {"CONNECT_ENDPOINTS": "tcp://127.0.0.1:abc"}, [],
            "CONNECT_ENDPOINTS", "tcp://127.0.0.1:abc", "1 to 65535"),
    invalid("connect-second-bad", "service2", {"CONNECT_ENDPOINTS": "tcp://127.0.0.1:5555,udp://127.0.0.1:5556"},
            [], "CONNECT_ENDPOINTS", "udp://127.0.0.1:5556", "tcp://127.0.0.1:5555"),
    invalid("connect-flag", "service2", {}, ["--connect", "tcp://127.0.0.1"],
            "--connect", "tcp://127.0.0.1", "tcp://127.0.0.1:5555"),
    invalid("discover-off-without-connect", "service2", {"DISCOVER": "false", "CONNECT_ENDPOINTS": ""}, [],
            "DISCOVER", "false", "set CONNECT_ENDPOINTS"),
    invalid("rate-negative", "service1", {"EVENT_RATE": "-1"}, [], "EVENT_RATE", "-1", ">= 0"),
    invalid("rate-nan", "service1", {"EVENT_RATE": "nan"}, [], "EVENT_RATE", "nan", "finite"),
    invalid("rate-flag", "service1", {}, ["--rate", "-1"], "--rate", "-1", ">= 0"),
    invalid("count-text", "service1", {"EVENT_COUNT": "x"}, [], "EVENT_COUNT", "x", "whole number"),
    invalid("count-negative", "service1", {"EVENT_COUNT": "-5"}, [], "EVENT_COUNT", "-5", ">= 0"),
    invalid("service1-log-level", "service1", {"LOG_LEVEL": "LOUD"}, [],
            "LOG_LEVEL", "LOUD", "DEBUG, INFO, WARNING, ERROR"),
    invalid("service2-log-level", "service2", {"LOG_LEVEL": "LOUD"}, [],
            "LOG_LEVEL", "LOUD", "DEBUG, INFO, WARNING, ERROR"),
    invalid("display-mode", "service2", {"DISPLAY_MODE": "x"}, [], "DISPLAY_MODE", "x", "'summary'"),
    invalid("max-message-size", "service2", {"MAX_MESSAGE_SIZE": "10"}, [], "MAX_MESSAGE_SIZE", "10", "from 64 to"),
    invalid("instance-id-slash", "service1", {"INSTANCE_ID": "a/b"}, [], "INSTANCE_ID", "a/b", "letters, digits"),
]

INVALID_PARAMETERS = "service, environ, argv, name, value, expected"


@pytest.mark.parametrize(INVALID_PARAMETERS, INVALID_CASES)
def test_invalid_setting_exits_2(service: str, environ: dict[str, str], argv: list[str], name: str,
                                 value: str, expected: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        load(service, environ, argv)

    assert exit_info.value.code == CONFIG_ERROR_EXIT_CODE


@pytest.mark.parametrize(INVALID_PARAMETERS, INVALID_CASES)
def test_invalid_setting_one_line(service: str, environ: dict[str, str], argv: list[str], name: str,
                                  value: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        load(service, environ, argv)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()

    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"{service}: configuration error: ")
    assert name in lines[0]
    assert value in lines[0]
    assert expected in lines[0]
    assert captured.out == ""


def test_unknown_flag_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        load("service1", {}, ["--no-such-flag"])

    assert exit_info.value.code == CONFIG_ERROR_EXIT_CODE
    assert "--no-such-flag" in capsys.readouterr().err


# --- the real processes -------------------------------------------------------------------------------

# Only a few cases, because each process imports pyzmq, protobuf and requests before it checks its
# settings. The in-process tests above cover every case.
#
# module, environment, flags, then what the message must contain: the name, the value, what is expected.
PROCESS_CASES = {
    "service1-lease-ttl": ("service1", {"LEASE_TTL": "1"}, [], "LEASE_TTL", "1", "from 2"),
    "service1-bind": ("service1", {"BIND_ENDPOINT": "tcp://*:abc"}, [], "BIND_ENDPOINT", "tcp://*:abc",
                      "1 to 65535"),
    "service1-rate-flag": ("service1", {}, ["--rate", "-1"], "--rate", "-1", ">= 0"),
    "service2-etcd": ("service2", {"ETCD_ENDPOINTS": "localhost:2379"}, [], "ETCD_ENDPOINTS", "localhost:2379",
                      "http://127.0.0.1:2379"),
    "service2-heartbeat": ("service2", {"HEARTBEAT_INTERVAL": "30", "LEASE_TTL": "20"}, [],
                           "HEARTBEAT_INTERVAL", "30", "fewer seconds than LEASE_TTL"),
}


def process_environ(overrides: dict[str, str]) -> dict[str, str]:
    """Return an environment with every setting on loopback, so a run that passes validation stays local."""
    setting_names = {setting.env for setting in producer_settings() + consumer_settings()}
    environ = {key: value for key, value in os.environ.items() if key not in setting_names}
    environ.update({
        "PYTHONUNBUFFERED": "1",
        "ETCD_ENDPOINTS": f"http://127.0.0.1:{free_port()}",
        "BIND_ENDPOINT": f"tcp://127.0.0.1:{free_port()}",
        "ADVERTISED_HOST": "127.0.0.1",
        "INSTANCE_ID": "test-config",
    })
    environ.update(overrides)
    return environ


@pytest.fixture(scope="module")
def process_results() -> Iterator[dict[str, tuple[int | None, str]]]:
    """Run every case of PROCESS_CASES at once and return each exit code (None on timeout) and stderr."""
    started = {}
    for case_id, (module, overrides, argv, *_message_parts) in PROCESS_CASES.items():
        started[case_id] = subprocess.Popen(
            [sys.executable, "-m", module, *argv], env=process_environ(overrides), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )

    deadline = time.monotonic() + PROCESS_TIMEOUT_SECONDS
    results: dict[str, tuple[int | None, str]] = {}
    try:
        for case_id, process in started.items():
            try:
                _, stderr = process.communicate(timeout=max(0.1, deadline - time.monotonic()))
                results[case_id] = (process.returncode, stderr.decode(errors="replace"))
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()
                results[case_id] = (None, stderr.decode(errors="replace"))
    finally:
        for process in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    yield results


@pytest.mark.parametrize("case_id", list(PROCESS_CASES))
def test_process_invalid_setting_exits_2(case_id: str, process_results: dict) -> None:
    code, stderr = process_results[case_id]

    assert code == CONFIG_ERROR_EXIT_CODE, f"exit code {code}, stderr:\n{stderr}"


@pytest.mark.parametrize("case_id", list(PROCESS_CASES))
def test_process_invalid_setting_one_line(case_id: str, process_results: dict) -> None:
    module, _overrides, _argv, name, value, expected = PROCESS_CASES[case_id]
    _code, stderr = process_results[case_id]
    lines = stderr.splitlines()

    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"{module}: configuration error: ")
    assert name in lines[0]
    assert value in lines[0]
    assert expected in lines[0]
