"""Builds complete NetworkSecurityEvent messages: identity, sequence number and node metadata here,
flow features, geo enrichment and label from the traffic source."""

from __future__ import annotations

import time
import uuid

from protobuf import network_security_pb2 as pb
from service1.node import NodeInfo
from service1.traffic import FlowSource

# The earlier C++ producer sends schema_version 31 and protobuf_version "3.1.0". Events of this
# project carry the same schema plus fields with new tags, so they announce the next minor version.
SCHEMA_VERSION = 32
PROTOBUF_VERSION = "3.2.0"


class EventFactory:
    """Numbers events 1, 2, 3 … for one producer run and fills everything but the flow itself."""

    instance_id: str
    sequence_number: int
    _node: NodeInfo
    _source: FlowSource
    _run_id: str

    def __init__(self, instance_id: str, node: NodeInfo, source: FlowSource) -> None:
        self.instance_id = instance_id
        self.sequence_number = 0
        self._node = node
        self._source = source
        # Event ids stay unique across runs and producers even when a seed repeats the flows.
        self._run_id = uuid.uuid4().hex[:12]

    @property
    def source_exhausted(self) -> bool:
        """True once the traffic source has no more flows."""
        return self._source.exhausted

    def next_event(self) -> pb.NetworkSecurityEvent | None:
        """Return the next event, or None when the source filled no flow in this call.

        A CSV source returns nothing for a while as it skips unusable rows; source_exhausted is
        true once no more can come.
        """
        event = pb.NetworkSecurityEvent()
        if not self._source.fill(event):
            return None
        now = time.time()
        self.sequence_number += 1
        event.event_id = f"{self._run_id}-{self.sequence_number:010d}"
        event.event_timestamp.FromNanoseconds(int(now * 1e9))
        event.originating_node_id = self.instance_id
        event.producer_instance_id = self.instance_id
        event.sequence_number = self.sequence_number
        event.producer_run_id = self._run_id
        event.schema_version = SCHEMA_VERSION
        event.protobuf_version = PROTOBUF_VERSION
        self._node.fill(event.capturing_node, now)
        return event
