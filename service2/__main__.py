"""Entry point of the consumer: `python -m service2 --help`."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence

import zmq

from config import configure_logging
from config.signals import StopRequest, install_stop_handlers
from discovery import EtcdCluster, PrefixWatcher, Registration, ServiceRecord, service_prefix
from discovery.health import HealthFile
from discovery.record import advertised_endpoint
from service2 import __version__, settings as consumer_settings
from service2.consumer import BindError, Consumer
from service2.stats import write_stats_file

log = logging.getLogger("service2")


def main(argv: Sequence[str] | None = None) -> int:
    settings = consumer_settings.load(argv)
    configure_logging(settings.log_level)
    sys.stdout.reconfigure(line_buffering=True)

    stop = StopRequest()
    install_stop_handlers(stop)
    log.info("Starting consumer %s (version %s), etcd at %s", settings.instance_id, __version__,
             ",".join(settings.etcd_endpoints))

    context = zmq.Context()
    health = HealthFile(settings.health_file)
    consumer = Consumer(settings, stop, settings.instance_id, health=health)
    registration: Registration | None = None
    watchers: list[PrefixWatcher] = []
    etcd_timeout = min(5.0, settings.lease_ttl / 3)
    try:
        try:
            bound = consumer.open(context)
        except BindError as error:
            log.error("%s", error)
            return 1

        if settings.discover:
            watchers.append(PrefixWatcher(EtcdCluster(settings.etcd_endpoints, timeout=etcd_timeout),
                                          service_prefix("producer"), consumer.set_producers))
            # Other consumers share the producers' events, which changes what a sequence gap means.
            watchers.append(PrefixWatcher(EtcdCluster(settings.etcd_endpoints, timeout=etcd_timeout),
                                          service_prefix("consumer"), consumer.set_consumers))
            for watcher in watchers:
                watcher.start()
            log.info("Watching %s for producers", service_prefix("producer"))
        record = ServiceRecord.for_this_process("consumer", settings.instance_id,
                                                advertised_endpoint(bound, settings.advertised_host), __version__)
        registration = Registration(EtcdCluster(settings.etcd_endpoints, timeout=etcd_timeout), record,
                                    settings.lease_ttl, settings.heartbeat_interval)
        consumer.attach_registration(registration)
        registration.start()

        totals = consumer.run()
    finally:
        stopping_started = time.monotonic()
        for watcher in watchers:
            watcher.stop(timeout=0.1)
        if registration is not None:
            registration.stop(timeout=0.7)
        health.remove()
        context.term()

    if settings.stats_file:
        try:
            write_stats_file(settings.stats_file, totals)
        except OSError as error:
            log.error("Cannot write stats file %s: %s", settings.stats_file, error)
    log.info("Stopped: %s (shutdown took %.2f s)", totals.summary(0.0, 0).removeprefix("Summary: "),
             time.monotonic() - stopping_started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
