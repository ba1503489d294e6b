"""Entry point of the producer: `python -m service1 --help`."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence

import zmq

from config import configure_logging
from config.settings import CONFIG_ERROR_EXIT_CODE
from config.signals import StopRequest, install_stop_handlers
from discovery import EtcdCluster, Registration, ServiceRecord
from discovery.health import HealthFile
from discovery.record import advertised_endpoint
from service1 import __version__, settings as producer_settings
from service1 import traffic
from service1.events import EventFactory
from service1.node import NodeInfo
from service1.producer import BindError, Producer

log = logging.getLogger("service1")


def main(argv: Sequence[str] | None = None) -> int:
    settings = producer_settings.load(argv)
    configure_logging(settings.log_level)
    try:
        source = traffic.open_source(settings.source, settings.mix or None, settings.seed, settings.loop)
    except traffic.TrafficError as error:
        print(f"service1: configuration error: {error}", file=sys.stderr)
        return CONFIG_ERROR_EXIT_CODE

    stop = StopRequest()
    install_stop_handlers(stop)
    log.info("Starting producer %s (version %s), etcd at %s", settings.instance_id, __version__,
             ",".join(settings.etcd_endpoints))

    context = zmq.Context()
    health = HealthFile(settings.health_file)
    node = NodeInfo.detect(settings.instance_id, settings.advertised_host, __version__)
    factory = EventFactory(settings.instance_id, node, source)
    registration: Registration | None = None
    producer = Producer(settings, factory, stop, health=health, progress=source.progress)
    try:
        try:
            bound = producer.bind(context)
        except BindError as error:
            log.error("%s", error)
            return 1

        endpoint = advertised_endpoint(bound, settings.advertised_host)
        record = ServiceRecord.for_this_process("producer", settings.instance_id, endpoint, __version__)
        cluster = EtcdCluster(settings.etcd_endpoints, timeout=min(5.0, settings.lease_ttl / 3))
        registration = Registration(cluster, record, settings.lease_ttl, settings.heartbeat_interval)
        producer.attach_registration(registration)
        registration.start()

        totals = producer.run()
    except traffic.TrafficError as error:
        log.error("%s", error)
        return 1
    finally:
        stopping_started = time.monotonic()
        if registration is not None:
            registration.stop(timeout=0.7)
        source.close()
        health.remove()
        context.term()
    log.info("Stopped: built=%d sent=%d dropped=%d bytes=%d (shutdown took %.2f s)",
             totals.built, totals.sent, totals.dropped, totals.bytes_sent, time.monotonic() - stopping_started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
