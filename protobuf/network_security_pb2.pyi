import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NetworkSecurityEvent(_message.Message):
    __slots__ = ("event_id", "event_timestamp", "originating_node_id", "network_features", "geo_enrichment", "time_window", "ml_analysis", "additional_model_predictions", "capturing_node", "pipeline_tracking", "rag_analysis", "human_review", "overall_threat_score", "final_classification", "threat_category", "correlation_id", "related_event_ids", "event_chain_id", "schema_version", "custom_metadata", "event_tags", "protobuf_version", "producer_instance_id", "sequence_number", "producer_run_id")
    class CustomMetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    ORIGINATING_NODE_ID_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FEATURES_FIELD_NUMBER: _ClassVar[int]
    GEO_ENRICHMENT_FIELD_NUMBER: _ClassVar[int]
    TIME_WINDOW_FIELD_NUMBER: _ClassVar[int]
    ML_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_MODEL_PREDICTIONS_FIELD_NUMBER: _ClassVar[int]
    CAPTURING_NODE_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_TRACKING_FIELD_NUMBER: _ClassVar[int]
    RAG_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    HUMAN_REVIEW_FIELD_NUMBER: _ClassVar[int]
    OVERALL_THREAT_SCORE_FIELD_NUMBER: _ClassVar[int]
    FINAL_CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    THREAT_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CORRELATION_ID_FIELD_NUMBER: _ClassVar[int]
    RELATED_EVENT_IDS_FIELD_NUMBER: _ClassVar[int]
    EVENT_CHAIN_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_METADATA_FIELD_NUMBER: _ClassVar[int]
    EVENT_TAGS_FIELD_NUMBER: _ClassVar[int]
    PROTOBUF_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    event_timestamp: _timestamp_pb2.Timestamp
    originating_node_id: str
    network_features: NetworkFeatures
    geo_enrichment: GeoEnrichment
    time_window: TimeWindow
    ml_analysis: TricapaMLAnalysis
    additional_model_predictions: _containers.RepeatedCompositeFieldContainer[ModelPrediction]
    capturing_node: DistributedNode
    pipeline_tracking: PipelineTracking
    rag_analysis: RAGAnalysis
    human_review: HumanInTheLoopReview
    overall_threat_score: float
    final_classification: str
    threat_category: str
    correlation_id: str
    related_event_ids: _containers.RepeatedScalarFieldContainer[str]
    event_chain_id: str
    schema_version: int
    custom_metadata: _containers.ScalarMap[str, str]
    event_tags: _containers.RepeatedScalarFieldContainer[str]
    protobuf_version: str
    producer_instance_id: str
    sequence_number: int
    producer_run_id: str
    def __init__(self, event_id: _Optional[str] = ..., event_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., originating_node_id: _Optional[str] = ..., network_features: _Optional[_Union[NetworkFeatures, _Mapping]] = ..., geo_enrichment: _Optional[_Union[GeoEnrichment, _Mapping]] = ..., time_window: _Optional[_Union[TimeWindow, _Mapping]] = ..., ml_analysis: _Optional[_Union[TricapaMLAnalysis, _Mapping]] = ..., additional_model_predictions: _Optional[_Iterable[_Union[ModelPrediction, _Mapping]]] = ..., capturing_node: _Optional[_Union[DistributedNode, _Mapping]] = ..., pipeline_tracking: _Optional[_Union[PipelineTracking, _Mapping]] = ..., rag_analysis: _Optional[_Union[RAGAnalysis, _Mapping]] = ..., human_review: _Optional[_Union[HumanInTheLoopReview, _Mapping]] = ..., overall_threat_score: _Optional[float] = ..., final_classification: _Optional[str] = ..., threat_category: _Optional[str] = ..., correlation_id: _Optional[str] = ..., related_event_ids: _Optional[_Iterable[str]] = ..., event_chain_id: _Optional[str] = ..., schema_version: _Optional[int] = ..., custom_metadata: _Optional[_Mapping[str, str]] = ..., event_tags: _Optional[_Iterable[str]] = ..., protobuf_version: _Optional[str] = ..., producer_instance_id: _Optional[str] = ..., sequence_number: _Optional[int] = ..., producer_run_id: _Optional[str] = ...) -> None: ...

class NetworkFeatures(_message.Message):
    __slots__ = ("source_ip", "destination_ip", "source_port", "destination_port", "protocol_number", "protocol_name", "flow_start_time", "flow_duration", "flow_duration_microseconds", "total_forward_packets", "total_backward_packets", "total_forward_bytes", "total_backward_bytes", "forward_packet_length_max", "forward_packet_length_min", "forward_packet_length_mean", "forward_packet_length_std", "backward_packet_length_max", "backward_packet_length_min", "backward_packet_length_mean", "backward_packet_length_std", "flow_bytes_per_second", "flow_packets_per_second", "forward_packets_per_second", "backward_packets_per_second", "download_upload_ratio", "average_packet_size", "average_forward_segment_size", "average_backward_segment_size", "flow_inter_arrival_time_mean", "flow_inter_arrival_time_std", "flow_inter_arrival_time_max", "flow_inter_arrival_time_min", "forward_inter_arrival_time_total", "forward_inter_arrival_time_mean", "forward_inter_arrival_time_std", "forward_inter_arrival_time_max", "forward_inter_arrival_time_min", "backward_inter_arrival_time_total", "backward_inter_arrival_time_mean", "backward_inter_arrival_time_std", "backward_inter_arrival_time_max", "backward_inter_arrival_time_min", "fin_flag_count", "syn_flag_count", "rst_flag_count", "psh_flag_count", "ack_flag_count", "urg_flag_count", "cwe_flag_count", "ece_flag_count", "forward_psh_flags", "backward_psh_flags", "forward_urg_flags", "backward_urg_flags", "forward_header_length", "backward_header_length", "forward_average_bytes_bulk", "forward_average_packets_bulk", "forward_average_bulk_rate", "backward_average_bytes_bulk", "backward_average_packets_bulk", "backward_average_bulk_rate", "minimum_packet_length", "maximum_packet_length", "packet_length_mean", "packet_length_std", "packet_length_variance", "ddos_features", "ransomware_features", "general_attack_features", "internal_traffic_features", "custom_features", "feature_metadata", "subflow_forward_packets", "subflow_forward_bytes", "subflow_backward_packets", "subflow_backward_bytes", "init_win_bytes_forward", "init_win_bytes_backward", "act_data_pkt_forward", "min_seg_size_forward", "active_mean", "active_std", "active_max", "active_min", "idle_mean", "idle_std", "idle_max", "idle_min")
    class CustomFeaturesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class FeatureMetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SOURCE_IP_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_IP_FIELD_NUMBER: _ClassVar[int]
    SOURCE_PORT_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_PORT_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_NAME_FIELD_NUMBER: _ClassVar[int]
    FLOW_START_TIME_FIELD_NUMBER: _ClassVar[int]
    FLOW_DURATION_FIELD_NUMBER: _ClassVar[int]
    FLOW_DURATION_MICROSECONDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FORWARD_PACKETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BACKWARD_PACKETS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FORWARD_BYTES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BACKWARD_BYTES_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PACKET_LENGTH_MAX_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PACKET_LENGTH_MIN_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PACKET_LENGTH_MEAN_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PACKET_LENGTH_STD_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PACKET_LENGTH_MAX_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PACKET_LENGTH_MIN_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PACKET_LENGTH_MEAN_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PACKET_LENGTH_STD_FIELD_NUMBER: _ClassVar[int]
    FLOW_BYTES_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    FLOW_PACKETS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PACKETS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PACKETS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    DOWNLOAD_UPLOAD_RATIO_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_PACKET_SIZE_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FORWARD_SEGMENT_SIZE_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_BACKWARD_SEGMENT_SIZE_FIELD_NUMBER: _ClassVar[int]
    FLOW_INTER_ARRIVAL_TIME_MEAN_FIELD_NUMBER: _ClassVar[int]
    FLOW_INTER_ARRIVAL_TIME_STD_FIELD_NUMBER: _ClassVar[int]
    FLOW_INTER_ARRIVAL_TIME_MAX_FIELD_NUMBER: _ClassVar[int]
    FLOW_INTER_ARRIVAL_TIME_MIN_FIELD_NUMBER: _ClassVar[int]
    FORWARD_INTER_ARRIVAL_TIME_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FORWARD_INTER_ARRIVAL_TIME_MEAN_FIELD_NUMBER: _ClassVar[int]
    FORWARD_INTER_ARRIVAL_TIME_STD_FIELD_NUMBER: _ClassVar[int]
    FORWARD_INTER_ARRIVAL_TIME_MAX_FIELD_NUMBER: _ClassVar[int]
    FORWARD_INTER_ARRIVAL_TIME_MIN_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_INTER_ARRIVAL_TIME_TOTAL_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_INTER_ARRIVAL_TIME_MEAN_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_INTER_ARRIVAL_TIME_STD_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_INTER_ARRIVAL_TIME_MAX_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_INTER_ARRIVAL_TIME_MIN_FIELD_NUMBER: _ClassVar[int]
    FIN_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    SYN_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    RST_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    PSH_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    ACK_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    URG_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    CWE_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    ECE_FLAG_COUNT_FIELD_NUMBER: _ClassVar[int]
    FORWARD_PSH_FLAGS_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_PSH_FLAGS_FIELD_NUMBER: _ClassVar[int]
    FORWARD_URG_FLAGS_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_URG_FLAGS_FIELD_NUMBER: _ClassVar[int]
    FORWARD_HEADER_LENGTH_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_HEADER_LENGTH_FIELD_NUMBER: _ClassVar[int]
    FORWARD_AVERAGE_BYTES_BULK_FIELD_NUMBER: _ClassVar[int]
    FORWARD_AVERAGE_PACKETS_BULK_FIELD_NUMBER: _ClassVar[int]
    FORWARD_AVERAGE_BULK_RATE_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_AVERAGE_BYTES_BULK_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_AVERAGE_PACKETS_BULK_FIELD_NUMBER: _ClassVar[int]
    BACKWARD_AVERAGE_BULK_RATE_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_PACKET_LENGTH_FIELD_NUMBER: _ClassVar[int]
    MAXIMUM_PACKET_LENGTH_FIELD_NUMBER: _ClassVar[int]
    PACKET_LENGTH_MEAN_FIELD_NUMBER: _ClassVar[int]
    PACKET_LENGTH_STD_FIELD_NUMBER: _ClassVar[int]
    PACKET_LENGTH_VARIANCE_FIELD_NUMBER: _ClassVar[int]
    DDOS_FEATURES_FIELD_NUMBER: _ClassVar[int]
    RANSOMWARE_FEATURES_FIELD_NUMBER: _ClassVar[int]
    GENERAL_ATTACK_FEATURES_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_TRAFFIC_FEATURES_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_FEATURES_FIELD_NUMBER: _ClassVar[int]
    FEATURE_METADATA_FIELD_NUMBER: _ClassVar[int]
    SUBFLOW_FORWARD_PACKETS_FIELD_NUMBER: _ClassVar[int]
    SUBFLOW_FORWARD_BYTES_FIELD_NUMBER: _ClassVar[int]
    SUBFLOW_BACKWARD_PACKETS_FIELD_NUMBER: _ClassVar[int]
    SUBFLOW_BACKWARD_BYTES_FIELD_NUMBER: _ClassVar[int]
    INIT_WIN_BYTES_FORWARD_FIELD_NUMBER: _ClassVar[int]
    INIT_WIN_BYTES_BACKWARD_FIELD_NUMBER: _ClassVar[int]
    ACT_DATA_PKT_FORWARD_FIELD_NUMBER: _ClassVar[int]
    MIN_SEG_SIZE_FORWARD_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_MEAN_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_STD_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_MAX_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_MIN_FIELD_NUMBER: _ClassVar[int]
    IDLE_MEAN_FIELD_NUMBER: _ClassVar[int]
    IDLE_STD_FIELD_NUMBER: _ClassVar[int]
    IDLE_MAX_FIELD_NUMBER: _ClassVar[int]
    IDLE_MIN_FIELD_NUMBER: _ClassVar[int]
    source_ip: str
    destination_ip: str
    source_port: int
    destination_port: int
    protocol_number: int
    protocol_name: str
    flow_start_time: _timestamp_pb2.Timestamp
    flow_duration: _duration_pb2.Duration
    flow_duration_microseconds: int
    total_forward_packets: int
    total_backward_packets: int
    total_forward_bytes: int
    total_backward_bytes: int
    forward_packet_length_max: int
    forward_packet_length_min: int
    forward_packet_length_mean: float
    forward_packet_length_std: float
    backward_packet_length_max: int
    backward_packet_length_min: int
    backward_packet_length_mean: float
    backward_packet_length_std: float
    flow_bytes_per_second: float
    flow_packets_per_second: float
    forward_packets_per_second: float
    backward_packets_per_second: float
    download_upload_ratio: float
    average_packet_size: float
    average_forward_segment_size: float
    average_backward_segment_size: float
    flow_inter_arrival_time_mean: float
    flow_inter_arrival_time_std: float
    flow_inter_arrival_time_max: int
    flow_inter_arrival_time_min: int
    forward_inter_arrival_time_total: float
    forward_inter_arrival_time_mean: float
    forward_inter_arrival_time_std: float
    forward_inter_arrival_time_max: int
    forward_inter_arrival_time_min: int
    backward_inter_arrival_time_total: float
    backward_inter_arrival_time_mean: float
    backward_inter_arrival_time_std: float
    backward_inter_arrival_time_max: int
    backward_inter_arrival_time_min: int
    fin_flag_count: int
    syn_flag_count: int
    rst_flag_count: int
    psh_flag_count: int
    ack_flag_count: int
    urg_flag_count: int
    cwe_flag_count: int
    ece_flag_count: int
    forward_psh_flags: int
    backward_psh_flags: int
    forward_urg_flags: int
    backward_urg_flags: int
    forward_header_length: float
    backward_header_length: float
    forward_average_bytes_bulk: float
    forward_average_packets_bulk: float
    forward_average_bulk_rate: float
    backward_average_bytes_bulk: float
    backward_average_packets_bulk: float
    backward_average_bulk_rate: float
    minimum_packet_length: int
    maximum_packet_length: int
    packet_length_mean: float
    packet_length_std: float
    packet_length_variance: float
    ddos_features: _containers.RepeatedScalarFieldContainer[float]
    ransomware_features: _containers.RepeatedScalarFieldContainer[float]
    general_attack_features: _containers.RepeatedScalarFieldContainer[float]
    internal_traffic_features: _containers.RepeatedScalarFieldContainer[float]
    custom_features: _containers.ScalarMap[str, float]
    feature_metadata: _containers.ScalarMap[str, str]
    subflow_forward_packets: int
    subflow_forward_bytes: int
    subflow_backward_packets: int
    subflow_backward_bytes: int
    init_win_bytes_forward: int
    init_win_bytes_backward: int
    act_data_pkt_forward: int
    min_seg_size_forward: int
    active_mean: float
    active_std: float
    active_max: float
    active_min: float
    idle_mean: float
    idle_std: float
    idle_max: float
    idle_min: float
    def __init__(self, source_ip: _Optional[str] = ..., destination_ip: _Optional[str] = ..., source_port: _Optional[int] = ..., destination_port: _Optional[int] = ..., protocol_number: _Optional[int] = ..., protocol_name: _Optional[str] = ..., flow_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., flow_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., flow_duration_microseconds: _Optional[int] = ..., total_forward_packets: _Optional[int] = ..., total_backward_packets: _Optional[int] = ..., total_forward_bytes: _Optional[int] = ..., total_backward_bytes: _Optional[int] = ..., forward_packet_length_max: _Optional[int] = ..., forward_packet_length_min: _Optional[int] = ..., forward_packet_length_mean: _Optional[float] = ..., forward_packet_length_std: _Optional[float] = ..., backward_packet_length_max: _Optional[int] = ..., backward_packet_length_min: _Optional[int] = ..., backward_packet_length_mean: _Optional[float] = ..., backward_packet_length_std: _Optional[float] = ..., flow_bytes_per_second: _Optional[float] = ..., flow_packets_per_second: _Optional[float] = ..., forward_packets_per_second: _Optional[float] = ..., backward_packets_per_second: _Optional[float] = ..., download_upload_ratio: _Optional[float] = ..., average_packet_size: _Optional[float] = ..., average_forward_segment_size: _Optional[float] = ..., average_backward_segment_size: _Optional[float] = ..., flow_inter_arrival_time_mean: _Optional[float] = ..., flow_inter_arrival_time_std: _Optional[float] = ..., flow_inter_arrival_time_max: _Optional[int] = ..., flow_inter_arrival_time_min: _Optional[int] = ..., forward_inter_arrival_time_total: _Optional[float] = ..., forward_inter_arrival_time_mean: _Optional[float] = ..., forward_inter_arrival_time_std: _Optional[float] = ..., forward_inter_arrival_time_max: _Optional[int] = ..., forward_inter_arrival_time_min: _Optional[int] = ..., backward_inter_arrival_time_total: _Optional[float] = ..., backward_inter_arrival_time_mean: _Optional[float] = ..., backward_inter_arrival_time_std: _Optional[float] = ..., backward_inter_arrival_time_max: _Optional[int] = ..., backward_inter_arrival_time_min: _Optional[int] = ..., fin_flag_count: _Optional[int] = ..., syn_flag_count: _Optional[int] = ..., rst_flag_count: _Optional[int] = ..., psh_flag_count: _Optional[int] = ..., ack_flag_count: _Optional[int] = ..., urg_flag_count: _Optional[int] = ..., cwe_flag_count: _Optional[int] = ..., ece_flag_count: _Optional[int] = ..., forward_psh_flags: _Optional[int] = ..., backward_psh_flags: _Optional[int] = ..., forward_urg_flags: _Optional[int] = ..., backward_urg_flags: _Optional[int] = ..., forward_header_length: _Optional[float] = ..., backward_header_length: _Optional[float] = ..., forward_average_bytes_bulk: _Optional[float] = ..., forward_average_packets_bulk: _Optional[float] = ..., forward_average_bulk_rate: _Optional[float] = ..., backward_average_bytes_bulk: _Optional[float] = ..., backward_average_packets_bulk: _Optional[float] = ..., backward_average_bulk_rate: _Optional[float] = ..., minimum_packet_length: _Optional[int] = ..., maximum_packet_length: _Optional[int] = ..., packet_length_mean: _Optional[float] = ..., packet_length_std: _Optional[float] = ..., packet_length_variance: _Optional[float] = ..., ddos_features: _Optional[_Iterable[float]] = ..., ransomware_features: _Optional[_Iterable[float]] = ..., general_attack_features: _Optional[_Iterable[float]] = ..., internal_traffic_features: _Optional[_Iterable[float]] = ..., custom_features: _Optional[_Mapping[str, float]] = ..., feature_metadata: _Optional[_Mapping[str, str]] = ..., subflow_forward_packets: _Optional[int] = ..., subflow_forward_bytes: _Optional[int] = ..., subflow_backward_packets: _Optional[int] = ..., subflow_backward_bytes: _Optional[int] = ..., init_win_bytes_forward: _Optional[int] = ..., init_win_bytes_backward: _Optional[int] = ..., act_data_pkt_forward: _Optional[int] = ..., min_seg_size_forward: _Optional[int] = ..., active_mean: _Optional[float] = ..., active_std: _Optional[float] = ..., active_max: _Optional[float] = ..., active_min: _Optional[float] = ..., idle_mean: _Optional[float] = ..., idle_std: _Optional[float] = ..., idle_max: _Optional[float] = ..., idle_min: _Optional[float] = ...) -> None: ...

class GeoLocationInfo(_message.Message):
    __slots__ = ("country_name", "country_code", "region_name", "city_name", "latitude", "longitude", "timezone", "isp_name", "organization_name", "autonomous_system_number", "is_anonymous_proxy", "is_satellite_provider", "is_tor_exit_node", "is_known_malicious", "threat_level")
    class ThreatLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[GeoLocationInfo.ThreatLevel]
        LOW: _ClassVar[GeoLocationInfo.ThreatLevel]
        MEDIUM: _ClassVar[GeoLocationInfo.ThreatLevel]
        HIGH: _ClassVar[GeoLocationInfo.ThreatLevel]
        CRITICAL: _ClassVar[GeoLocationInfo.ThreatLevel]
    UNKNOWN: GeoLocationInfo.ThreatLevel
    LOW: GeoLocationInfo.ThreatLevel
    MEDIUM: GeoLocationInfo.ThreatLevel
    HIGH: GeoLocationInfo.ThreatLevel
    CRITICAL: GeoLocationInfo.ThreatLevel
    COUNTRY_NAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_NAME_FIELD_NUMBER: _ClassVar[int]
    CITY_NAME_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    ISP_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_NAME_FIELD_NUMBER: _ClassVar[int]
    AUTONOMOUS_SYSTEM_NUMBER_FIELD_NUMBER: _ClassVar[int]
    IS_ANONYMOUS_PROXY_FIELD_NUMBER: _ClassVar[int]
    IS_SATELLITE_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    IS_TOR_EXIT_NODE_FIELD_NUMBER: _ClassVar[int]
    IS_KNOWN_MALICIOUS_FIELD_NUMBER: _ClassVar[int]
    THREAT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    country_name: str
    country_code: str
    region_name: str
    city_name: str
    latitude: float
    longitude: float
    timezone: str
    isp_name: str
    organization_name: str
    autonomous_system_number: str
    is_anonymous_proxy: bool
    is_satellite_provider: bool
    is_tor_exit_node: bool
    is_known_malicious: bool
    threat_level: GeoLocationInfo.ThreatLevel
    def __init__(self, country_name: _Optional[str] = ..., country_code: _Optional[str] = ..., region_name: _Optional[str] = ..., city_name: _Optional[str] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., timezone: _Optional[str] = ..., isp_name: _Optional[str] = ..., organization_name: _Optional[str] = ..., autonomous_system_number: _Optional[str] = ..., is_anonymous_proxy: _Optional[bool] = ..., is_satellite_provider: _Optional[bool] = ..., is_tor_exit_node: _Optional[bool] = ..., is_known_malicious: _Optional[bool] = ..., threat_level: _Optional[_Union[GeoLocationInfo.ThreatLevel, str]] = ...) -> None: ...

class GeoEnrichment(_message.Message):
    __slots__ = ("sniffer_node_geo", "source_ip_geo", "destination_ip_geo", "source_destination_distance_km", "source_destination_same_country", "source_destination_same_continent", "distance_category", "sniffer_source_distance_km", "sniffer_source_same_country", "sniffer_source_relationship", "sniffer_destination_distance_km", "sniffer_destination_same_country", "sniffer_destination_relationship", "threat_intelligence_matches", "threat_intelligence_source", "geographic_anomaly_score", "suspicious_geographic_pattern", "sniffer_node_enriched", "source_ip_enriched", "destination_ip_enriched", "enrichment_complete", "public_ip_discovery_attempted", "original_private_ip", "discovered_public_ip", "ip_discovery_service", "ip_discovery_time", "enricher_version", "geoip_method", "geoip_database_version", "fallback_coordinates_used", "total_lookup_latency_ms", "cache_hits", "cache_misses", "enrichment_success_rate", "enrichment_timestamp")
    SNIFFER_NODE_GEO_FIELD_NUMBER: _ClassVar[int]
    SOURCE_IP_GEO_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_IP_GEO_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DESTINATION_DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DESTINATION_SAME_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DESTINATION_SAME_CONTINENT_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_SOURCE_DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_SOURCE_SAME_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_SOURCE_RELATIONSHIP_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_DESTINATION_DISTANCE_KM_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_DESTINATION_SAME_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_DESTINATION_RELATIONSHIP_FIELD_NUMBER: _ClassVar[int]
    THREAT_INTELLIGENCE_MATCHES_FIELD_NUMBER: _ClassVar[int]
    THREAT_INTELLIGENCE_SOURCE_FIELD_NUMBER: _ClassVar[int]
    GEOGRAPHIC_ANOMALY_SCORE_FIELD_NUMBER: _ClassVar[int]
    SUSPICIOUS_GEOGRAPHIC_PATTERN_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_NODE_ENRICHED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_IP_ENRICHED_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_IP_ENRICHED_FIELD_NUMBER: _ClassVar[int]
    ENRICHMENT_COMPLETE_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_IP_DISCOVERY_ATTEMPTED_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_PRIVATE_IP_FIELD_NUMBER: _ClassVar[int]
    DISCOVERED_PUBLIC_IP_FIELD_NUMBER: _ClassVar[int]
    IP_DISCOVERY_SERVICE_FIELD_NUMBER: _ClassVar[int]
    IP_DISCOVERY_TIME_FIELD_NUMBER: _ClassVar[int]
    ENRICHER_VERSION_FIELD_NUMBER: _ClassVar[int]
    GEOIP_METHOD_FIELD_NUMBER: _ClassVar[int]
    GEOIP_DATABASE_VERSION_FIELD_NUMBER: _ClassVar[int]
    FALLBACK_COORDINATES_USED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_LOOKUP_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    CACHE_HITS_FIELD_NUMBER: _ClassVar[int]
    CACHE_MISSES_FIELD_NUMBER: _ClassVar[int]
    ENRICHMENT_SUCCESS_RATE_FIELD_NUMBER: _ClassVar[int]
    ENRICHMENT_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    sniffer_node_geo: GeoLocationInfo
    source_ip_geo: GeoLocationInfo
    destination_ip_geo: GeoLocationInfo
    source_destination_distance_km: float
    source_destination_same_country: bool
    source_destination_same_continent: bool
    distance_category: str
    sniffer_source_distance_km: float
    sniffer_source_same_country: bool
    sniffer_source_relationship: str
    sniffer_destination_distance_km: float
    sniffer_destination_same_country: bool
    sniffer_destination_relationship: str
    threat_intelligence_matches: _containers.RepeatedScalarFieldContainer[str]
    threat_intelligence_source: str
    geographic_anomaly_score: float
    suspicious_geographic_pattern: bool
    sniffer_node_enriched: bool
    source_ip_enriched: bool
    destination_ip_enriched: bool
    enrichment_complete: bool
    public_ip_discovery_attempted: bool
    original_private_ip: str
    discovered_public_ip: str
    ip_discovery_service: str
    ip_discovery_time: _timestamp_pb2.Timestamp
    enricher_version: str
    geoip_method: str
    geoip_database_version: str
    fallback_coordinates_used: bool
    total_lookup_latency_ms: float
    cache_hits: int
    cache_misses: int
    enrichment_success_rate: float
    enrichment_timestamp: _timestamp_pb2.Timestamp
    def __init__(self, sniffer_node_geo: _Optional[_Union[GeoLocationInfo, _Mapping]] = ..., source_ip_geo: _Optional[_Union[GeoLocationInfo, _Mapping]] = ..., destination_ip_geo: _Optional[_Union[GeoLocationInfo, _Mapping]] = ..., source_destination_distance_km: _Optional[float] = ..., source_destination_same_country: _Optional[bool] = ..., source_destination_same_continent: _Optional[bool] = ..., distance_category: _Optional[str] = ..., sniffer_source_distance_km: _Optional[float] = ..., sniffer_source_same_country: _Optional[bool] = ..., sniffer_source_relationship: _Optional[str] = ..., sniffer_destination_distance_km: _Optional[float] = ..., sniffer_destination_same_country: _Optional[bool] = ..., sniffer_destination_relationship: _Optional[str] = ..., threat_intelligence_matches: _Optional[_Iterable[str]] = ..., threat_intelligence_source: _Optional[str] = ..., geographic_anomaly_score: _Optional[float] = ..., suspicious_geographic_pattern: _Optional[bool] = ..., sniffer_node_enriched: _Optional[bool] = ..., source_ip_enriched: _Optional[bool] = ..., destination_ip_enriched: _Optional[bool] = ..., enrichment_complete: _Optional[bool] = ..., public_ip_discovery_attempted: _Optional[bool] = ..., original_private_ip: _Optional[str] = ..., discovered_public_ip: _Optional[str] = ..., ip_discovery_service: _Optional[str] = ..., ip_discovery_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enricher_version: _Optional[str] = ..., geoip_method: _Optional[str] = ..., geoip_database_version: _Optional[str] = ..., fallback_coordinates_used: _Optional[bool] = ..., total_lookup_latency_ms: _Optional[float] = ..., cache_hits: _Optional[int] = ..., cache_misses: _Optional[int] = ..., enrichment_success_rate: _Optional[float] = ..., enrichment_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TimeWindow(_message.Message):
    __slots__ = ("window_start", "window_end", "window_duration", "sequence_number", "window_type")
    class WindowType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SLIDING: _ClassVar[TimeWindow.WindowType]
        TUMBLING: _ClassVar[TimeWindow.WindowType]
        SESSION_BASED: _ClassVar[TimeWindow.WindowType]
        ADAPTIVE: _ClassVar[TimeWindow.WindowType]
    SLIDING: TimeWindow.WindowType
    TUMBLING: TimeWindow.WindowType
    SESSION_BASED: TimeWindow.WindowType
    ADAPTIVE: TimeWindow.WindowType
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DURATION_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WINDOW_TYPE_FIELD_NUMBER: _ClassVar[int]
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    window_duration: _duration_pb2.Duration
    sequence_number: int
    window_type: TimeWindow.WindowType
    def __init__(self, window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., sequence_number: _Optional[int] = ..., window_type: _Optional[_Union[TimeWindow.WindowType, str]] = ...) -> None: ...

class FlowAggregation(_message.Message):
    __slots__ = ("time_window", "total_flows_in_window", "total_packets_in_window", "total_bytes_in_window", "protocol_distribution", "port_distribution", "country_distribution", "window_anomaly_score")
    class ProtocolDistributionEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class PortDistributionEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class CountryDistributionEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    TIME_WINDOW_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FLOWS_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PACKETS_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BYTES_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    PORT_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    WINDOW_ANOMALY_SCORE_FIELD_NUMBER: _ClassVar[int]
    time_window: TimeWindow
    total_flows_in_window: int
    total_packets_in_window: int
    total_bytes_in_window: int
    protocol_distribution: _containers.ScalarMap[str, int]
    port_distribution: _containers.ScalarMap[str, int]
    country_distribution: _containers.ScalarMap[str, int]
    window_anomaly_score: float
    def __init__(self, time_window: _Optional[_Union[TimeWindow, _Mapping]] = ..., total_flows_in_window: _Optional[int] = ..., total_packets_in_window: _Optional[int] = ..., total_bytes_in_window: _Optional[int] = ..., protocol_distribution: _Optional[_Mapping[str, int]] = ..., port_distribution: _Optional[_Mapping[str, int]] = ..., country_distribution: _Optional[_Mapping[str, int]] = ..., window_anomaly_score: _Optional[float] = ...) -> None: ...

class ModelPrediction(_message.Message):
    __slots__ = ("model_name", "model_version", "model_type", "prediction_class", "confidence_score", "class_probabilities", "prediction_timestamp", "processing_duration")
    class ModelType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        RANDOM_FOREST_GENERAL: _ClassVar[ModelPrediction.ModelType]
        LIGHTGBM_DDOS: _ClassVar[ModelPrediction.ModelType]
        NEURAL_NETWORK_RANSOMWARE: _ClassVar[ModelPrediction.ModelType]
        ENSEMBLE_TRICAPA: _ClassVar[ModelPrediction.ModelType]
        INTERNAL_TRAFFIC_CLASSIFIER: _ClassVar[ModelPrediction.ModelType]
        TRANSFORMER_ADVANCED: _ClassVar[ModelPrediction.ModelType]
    RANDOM_FOREST_GENERAL: ModelPrediction.ModelType
    LIGHTGBM_DDOS: ModelPrediction.ModelType
    NEURAL_NETWORK_RANSOMWARE: ModelPrediction.ModelType
    ENSEMBLE_TRICAPA: ModelPrediction.ModelType
    INTERNAL_TRAFFIC_CLASSIFIER: ModelPrediction.ModelType
    TRANSFORMER_ADVANCED: ModelPrediction.ModelType
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    MODEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    PREDICTION_CLASS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_SCORE_FIELD_NUMBER: _ClassVar[int]
    CLASS_PROBABILITIES_FIELD_NUMBER: _ClassVar[int]
    PREDICTION_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_DURATION_FIELD_NUMBER: _ClassVar[int]
    model_name: str
    model_version: str
    model_type: ModelPrediction.ModelType
    prediction_class: str
    confidence_score: float
    class_probabilities: _containers.RepeatedScalarFieldContainer[float]
    prediction_timestamp: _timestamp_pb2.Timestamp
    processing_duration: _duration_pb2.Duration
    def __init__(self, model_name: _Optional[str] = ..., model_version: _Optional[str] = ..., model_type: _Optional[_Union[ModelPrediction.ModelType, str]] = ..., prediction_class: _Optional[str] = ..., confidence_score: _Optional[float] = ..., class_probabilities: _Optional[_Iterable[float]] = ..., prediction_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., processing_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class TricapaMLAnalysis(_message.Message):
    __slots__ = ("level1_general_detection", "attack_detected_level1", "level1_confidence", "level2_context_classification", "traffic_context", "level3_specialized_predictions", "final_threat_classification", "ensemble_confidence", "total_analysis_duration", "models_activated", "feature_importance_scores", "requires_human_review")
    class FeatureImportanceScoresEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    LEVEL1_GENERAL_DETECTION_FIELD_NUMBER: _ClassVar[int]
    ATTACK_DETECTED_LEVEL1_FIELD_NUMBER: _ClassVar[int]
    LEVEL1_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LEVEL2_CONTEXT_CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    TRAFFIC_CONTEXT_FIELD_NUMBER: _ClassVar[int]
    LEVEL3_SPECIALIZED_PREDICTIONS_FIELD_NUMBER: _ClassVar[int]
    FINAL_THREAT_CLASSIFICATION_FIELD_NUMBER: _ClassVar[int]
    ENSEMBLE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ANALYSIS_DURATION_FIELD_NUMBER: _ClassVar[int]
    MODELS_ACTIVATED_FIELD_NUMBER: _ClassVar[int]
    FEATURE_IMPORTANCE_SCORES_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_HUMAN_REVIEW_FIELD_NUMBER: _ClassVar[int]
    level1_general_detection: ModelPrediction
    attack_detected_level1: bool
    level1_confidence: float
    level2_context_classification: ModelPrediction
    traffic_context: str
    level3_specialized_predictions: _containers.RepeatedCompositeFieldContainer[ModelPrediction]
    final_threat_classification: str
    ensemble_confidence: float
    total_analysis_duration: _duration_pb2.Duration
    models_activated: _containers.RepeatedScalarFieldContainer[str]
    feature_importance_scores: _containers.ScalarMap[str, float]
    requires_human_review: bool
    def __init__(self, level1_general_detection: _Optional[_Union[ModelPrediction, _Mapping]] = ..., attack_detected_level1: _Optional[bool] = ..., level1_confidence: _Optional[float] = ..., level2_context_classification: _Optional[_Union[ModelPrediction, _Mapping]] = ..., traffic_context: _Optional[str] = ..., level3_specialized_predictions: _Optional[_Iterable[_Union[ModelPrediction, _Mapping]]] = ..., final_threat_classification: _Optional[str] = ..., ensemble_confidence: _Optional[float] = ..., total_analysis_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., models_activated: _Optional[_Iterable[str]] = ..., feature_importance_scores: _Optional[_Mapping[str, float]] = ..., requires_human_review: _Optional[bool] = ...) -> None: ...

class DistributedNode(_message.Message):
    __slots__ = ("node_id", "node_hostname", "node_ip_address", "physical_location", "node_role", "node_status", "last_heartbeat", "operating_system", "os_version", "agent_version", "process_id", "container_id", "cluster_name", "cpu_usage_percent", "memory_usage_mb", "active_connections", "queue_depth", "uptime", "node_capabilities", "supported_protocols", "configuration_version")
    class NodeRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        PACKET_SNIFFER: _ClassVar[DistributedNode.NodeRole]
        FEATURE_PROCESSOR: _ClassVar[DistributedNode.NodeRole]
        GEOIP_ENRICHER: _ClassVar[DistributedNode.NodeRole]
        ML_ANALYZER: _ClassVar[DistributedNode.NodeRole]
        THREAT_DETECTOR: _ClassVar[DistributedNode.NodeRole]
        FIREWALL_CONTROLLER: _ClassVar[DistributedNode.NodeRole]
        DATA_AGGREGATOR: _ClassVar[DistributedNode.NodeRole]
        DASHBOARD_VISUALIZER: _ClassVar[DistributedNode.NodeRole]
        CLUSTER_COORDINATOR: _ClassVar[DistributedNode.NodeRole]
    PACKET_SNIFFER: DistributedNode.NodeRole
    FEATURE_PROCESSOR: DistributedNode.NodeRole
    GEOIP_ENRICHER: DistributedNode.NodeRole
    ML_ANALYZER: DistributedNode.NodeRole
    THREAT_DETECTOR: DistributedNode.NodeRole
    FIREWALL_CONTROLLER: DistributedNode.NodeRole
    DATA_AGGREGATOR: DistributedNode.NodeRole
    DASHBOARD_VISUALIZER: DistributedNode.NodeRole
    CLUSTER_COORDINATOR: DistributedNode.NodeRole
    class NodeStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ACTIVE: _ClassVar[DistributedNode.NodeStatus]
        STARTING: _ClassVar[DistributedNode.NodeStatus]
        STOPPING: _ClassVar[DistributedNode.NodeStatus]
        ERROR: _ClassVar[DistributedNode.NodeStatus]
        MAINTENANCE: _ClassVar[DistributedNode.NodeStatus]
        OVERLOADED: _ClassVar[DistributedNode.NodeStatus]
    ACTIVE: DistributedNode.NodeStatus
    STARTING: DistributedNode.NodeStatus
    STOPPING: DistributedNode.NodeStatus
    ERROR: DistributedNode.NodeStatus
    MAINTENANCE: DistributedNode.NodeStatus
    OVERLOADED: DistributedNode.NodeStatus
    class NodeCapabilitiesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    NODE_HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    NODE_IP_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PHYSICAL_LOCATION_FIELD_NUMBER: _ClassVar[int]
    NODE_ROLE_FIELD_NUMBER: _ClassVar[int]
    NODE_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    OPERATING_SYSTEM_FIELD_NUMBER: _ClassVar[int]
    OS_VERSION_FIELD_NUMBER: _ClassVar[int]
    AGENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_ID_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_NAME_FIELD_NUMBER: _ClassVar[int]
    CPU_USAGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USAGE_MB_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    QUEUE_DEPTH_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    NODE_CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    SUPPORTED_PROTOCOLS_FIELD_NUMBER: _ClassVar[int]
    CONFIGURATION_VERSION_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    node_hostname: str
    node_ip_address: str
    physical_location: str
    node_role: DistributedNode.NodeRole
    node_status: DistributedNode.NodeStatus
    last_heartbeat: _timestamp_pb2.Timestamp
    operating_system: str
    os_version: str
    agent_version: str
    process_id: int
    container_id: str
    cluster_name: str
    cpu_usage_percent: float
    memory_usage_mb: float
    active_connections: int
    queue_depth: int
    uptime: _duration_pb2.Duration
    node_capabilities: _containers.ScalarMap[str, str]
    supported_protocols: _containers.RepeatedScalarFieldContainer[str]
    configuration_version: str
    def __init__(self, node_id: _Optional[str] = ..., node_hostname: _Optional[str] = ..., node_ip_address: _Optional[str] = ..., physical_location: _Optional[str] = ..., node_role: _Optional[_Union[DistributedNode.NodeRole, str]] = ..., node_status: _Optional[_Union[DistributedNode.NodeStatus, str]] = ..., last_heartbeat: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., operating_system: _Optional[str] = ..., os_version: _Optional[str] = ..., agent_version: _Optional[str] = ..., process_id: _Optional[int] = ..., container_id: _Optional[str] = ..., cluster_name: _Optional[str] = ..., cpu_usage_percent: _Optional[float] = ..., memory_usage_mb: _Optional[float] = ..., active_connections: _Optional[int] = ..., queue_depth: _Optional[int] = ..., uptime: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., node_capabilities: _Optional[_Mapping[str, str]] = ..., supported_protocols: _Optional[_Iterable[str]] = ..., configuration_version: _Optional[str] = ...) -> None: ...

class PipelineTracking(_message.Message):
    __slots__ = ("pipeline_id", "pipeline_start", "sniffer_process_id", "processor_process_id", "enricher_process_id", "analyzer_process_id", "detector_process_id", "controller_process_id", "packet_captured_at", "features_extracted_at", "geoip_enriched_at", "ml_analyzed_at", "threat_detected_at", "action_taken_at", "total_processing_latency", "pipeline_hops_count", "processing_path", "retry_attempts", "processing_errors", "requires_reprocessing", "component_metadata", "processing_tags")
    class ComponentMetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PIPELINE_ID_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_START_FIELD_NUMBER: _ClassVar[int]
    SNIFFER_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    PROCESSOR_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    ENRICHER_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    ANALYZER_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    DETECTOR_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    CONTROLLER_PROCESS_ID_FIELD_NUMBER: _ClassVar[int]
    PACKET_CAPTURED_AT_FIELD_NUMBER: _ClassVar[int]
    FEATURES_EXTRACTED_AT_FIELD_NUMBER: _ClassVar[int]
    GEOIP_ENRICHED_AT_FIELD_NUMBER: _ClassVar[int]
    ML_ANALYZED_AT_FIELD_NUMBER: _ClassVar[int]
    THREAT_DETECTED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTION_TAKEN_AT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_PROCESSING_LATENCY_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_HOPS_COUNT_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_PATH_FIELD_NUMBER: _ClassVar[int]
    RETRY_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_ERRORS_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_REPROCESSING_FIELD_NUMBER: _ClassVar[int]
    COMPONENT_METADATA_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_TAGS_FIELD_NUMBER: _ClassVar[int]
    pipeline_id: str
    pipeline_start: _timestamp_pb2.Timestamp
    sniffer_process_id: int
    processor_process_id: int
    enricher_process_id: int
    analyzer_process_id: int
    detector_process_id: int
    controller_process_id: int
    packet_captured_at: _timestamp_pb2.Timestamp
    features_extracted_at: _timestamp_pb2.Timestamp
    geoip_enriched_at: _timestamp_pb2.Timestamp
    ml_analyzed_at: _timestamp_pb2.Timestamp
    threat_detected_at: _timestamp_pb2.Timestamp
    action_taken_at: _timestamp_pb2.Timestamp
    total_processing_latency: _duration_pb2.Duration
    pipeline_hops_count: int
    processing_path: str
    retry_attempts: int
    processing_errors: _containers.RepeatedScalarFieldContainer[str]
    requires_reprocessing: bool
    component_metadata: _containers.ScalarMap[str, str]
    processing_tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, pipeline_id: _Optional[str] = ..., pipeline_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sniffer_process_id: _Optional[int] = ..., processor_process_id: _Optional[int] = ..., enricher_process_id: _Optional[int] = ..., analyzer_process_id: _Optional[int] = ..., detector_process_id: _Optional[int] = ..., controller_process_id: _Optional[int] = ..., packet_captured_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., features_extracted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., geoip_enriched_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ml_analyzed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., threat_detected_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., action_taken_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., total_processing_latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., pipeline_hops_count: _Optional[int] = ..., processing_path: _Optional[str] = ..., retry_attempts: _Optional[int] = ..., processing_errors: _Optional[_Iterable[str]] = ..., requires_reprocessing: _Optional[bool] = ..., component_metadata: _Optional[_Mapping[str, str]] = ..., processing_tags: _Optional[_Iterable[str]] = ...) -> None: ...

class RAGAnalysis(_message.Message):
    __slots__ = ("query_text", "retrieved_knowledge", "relevance_scores", "ai_generated_analysis", "analysis_confidence", "knowledge_sources", "analysis_timestamp")
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    RETRIEVED_KNOWLEDGE_FIELD_NUMBER: _ClassVar[int]
    RELEVANCE_SCORES_FIELD_NUMBER: _ClassVar[int]
    AI_GENERATED_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    ANALYSIS_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    KNOWLEDGE_SOURCES_FIELD_NUMBER: _ClassVar[int]
    ANALYSIS_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    query_text: str
    retrieved_knowledge: _containers.RepeatedScalarFieldContainer[str]
    relevance_scores: _containers.RepeatedScalarFieldContainer[float]
    ai_generated_analysis: str
    analysis_confidence: float
    knowledge_sources: _containers.RepeatedScalarFieldContainer[str]
    analysis_timestamp: _timestamp_pb2.Timestamp
    def __init__(self, query_text: _Optional[str] = ..., retrieved_knowledge: _Optional[_Iterable[str]] = ..., relevance_scores: _Optional[_Iterable[float]] = ..., ai_generated_analysis: _Optional[str] = ..., analysis_confidence: _Optional[float] = ..., knowledge_sources: _Optional[_Iterable[str]] = ..., analysis_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HumanFeedback(_message.Message):
    __slots__ = ("feedback_id", "analyst_user_id", "event_reference_id", "feedback_type", "confirmed_true_positive", "confirmed_false_positive", "analyst_explanation", "analyst_tags", "analyst_confidence_rating", "feedback_timestamp")
    class FeedbackType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        VALIDATION: _ClassVar[HumanFeedback.FeedbackType]
        CORRECTION: _ClassVar[HumanFeedback.FeedbackType]
        ENHANCEMENT: _ClassVar[HumanFeedback.FeedbackType]
        FALSE_POSITIVE_REPORT: _ClassVar[HumanFeedback.FeedbackType]
        ADDITIONAL_CONTEXT: _ClassVar[HumanFeedback.FeedbackType]
    VALIDATION: HumanFeedback.FeedbackType
    CORRECTION: HumanFeedback.FeedbackType
    ENHANCEMENT: HumanFeedback.FeedbackType
    FALSE_POSITIVE_REPORT: HumanFeedback.FeedbackType
    ADDITIONAL_CONTEXT: HumanFeedback.FeedbackType
    FEEDBACK_ID_FIELD_NUMBER: _ClassVar[int]
    ANALYST_USER_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_REFERENCE_ID_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_TRUE_POSITIVE_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_FALSE_POSITIVE_FIELD_NUMBER: _ClassVar[int]
    ANALYST_EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    ANALYST_TAGS_FIELD_NUMBER: _ClassVar[int]
    ANALYST_CONFIDENCE_RATING_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    feedback_id: str
    analyst_user_id: str
    event_reference_id: str
    feedback_type: HumanFeedback.FeedbackType
    confirmed_true_positive: bool
    confirmed_false_positive: bool
    analyst_explanation: str
    analyst_tags: _containers.RepeatedScalarFieldContainer[str]
    analyst_confidence_rating: int
    feedback_timestamp: _timestamp_pb2.Timestamp
    def __init__(self, feedback_id: _Optional[str] = ..., analyst_user_id: _Optional[str] = ..., event_reference_id: _Optional[str] = ..., feedback_type: _Optional[_Union[HumanFeedback.FeedbackType, str]] = ..., confirmed_true_positive: _Optional[bool] = ..., confirmed_false_positive: _Optional[bool] = ..., analyst_explanation: _Optional[str] = ..., analyst_tags: _Optional[_Iterable[str]] = ..., analyst_confidence_rating: _Optional[int] = ..., feedback_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HumanInTheLoopReview(_message.Message):
    __slots__ = ("requires_human_analysis", "review_priority", "review_reasons", "analyst_feedback", "escalated_timestamp", "reviewed_timestamp", "review_completed")
    class ReviewPriority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        LOW: _ClassVar[HumanInTheLoopReview.ReviewPriority]
        MEDIUM: _ClassVar[HumanInTheLoopReview.ReviewPriority]
        HIGH: _ClassVar[HumanInTheLoopReview.ReviewPriority]
        CRITICAL: _ClassVar[HumanInTheLoopReview.ReviewPriority]
        EMERGENCY: _ClassVar[HumanInTheLoopReview.ReviewPriority]
    LOW: HumanInTheLoopReview.ReviewPriority
    MEDIUM: HumanInTheLoopReview.ReviewPriority
    HIGH: HumanInTheLoopReview.ReviewPriority
    CRITICAL: HumanInTheLoopReview.ReviewPriority
    EMERGENCY: HumanInTheLoopReview.ReviewPriority
    REQUIRES_HUMAN_ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    REVIEW_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REVIEW_REASONS_FIELD_NUMBER: _ClassVar[int]
    ANALYST_FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    ESCALATED_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    REVIEW_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    requires_human_analysis: bool
    review_priority: HumanInTheLoopReview.ReviewPriority
    review_reasons: _containers.RepeatedScalarFieldContainer[str]
    analyst_feedback: HumanFeedback
    escalated_timestamp: _timestamp_pb2.Timestamp
    reviewed_timestamp: _timestamp_pb2.Timestamp
    review_completed: bool
    def __init__(self, requires_human_analysis: _Optional[bool] = ..., review_priority: _Optional[_Union[HumanInTheLoopReview.ReviewPriority, str]] = ..., review_reasons: _Optional[_Iterable[str]] = ..., analyst_feedback: _Optional[_Union[HumanFeedback, _Mapping]] = ..., escalated_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reviewed_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., review_completed: _Optional[bool] = ...) -> None: ...

class EventBatch(_message.Message):
    __slots__ = ("events", "batch_id", "batch_created_at", "batch_size", "processing_mode", "batch_source_node")
    class ProcessingMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REAL_TIME: _ClassVar[EventBatch.ProcessingMode]
        NEAR_REAL_TIME: _ClassVar[EventBatch.ProcessingMode]
        BATCH_PROCESSING: _ClassVar[EventBatch.ProcessingMode]
        HISTORICAL_ANALYSIS: _ClassVar[EventBatch.ProcessingMode]
    REAL_TIME: EventBatch.ProcessingMode
    NEAR_REAL_TIME: EventBatch.ProcessingMode
    BATCH_PROCESSING: EventBatch.ProcessingMode
    HISTORICAL_ANALYSIS: EventBatch.ProcessingMode
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    BATCH_CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_MODE_FIELD_NUMBER: _ClassVar[int]
    BATCH_SOURCE_NODE_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[NetworkSecurityEvent]
    batch_id: int
    batch_created_at: _timestamp_pb2.Timestamp
    batch_size: int
    processing_mode: EventBatch.ProcessingMode
    batch_source_node: str
    def __init__(self, events: _Optional[_Iterable[_Union[NetworkSecurityEvent, _Mapping]]] = ..., batch_id: _Optional[int] = ..., batch_created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., batch_size: _Optional[int] = ..., processing_mode: _Optional[_Union[EventBatch.ProcessingMode, str]] = ..., batch_source_node: _Optional[str] = ...) -> None: ...

class SystemConfiguration(_message.Message):
    __slots__ = ("enabled_ml_models", "threat_score_thresholds", "time_window_size", "max_events_per_window", "cluster_nodes", "node_role_assignments", "encryption_enabled", "compression_enabled", "encryption_algorithm", "rag_analysis_enabled", "rag_model_endpoint", "knowledge_base_sources")
    class ThreatScoreThresholdsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class NodeRoleAssignmentsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ENABLED_ML_MODELS_FIELD_NUMBER: _ClassVar[int]
    THREAT_SCORE_THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    TIME_WINDOW_SIZE_FIELD_NUMBER: _ClassVar[int]
    MAX_EVENTS_PER_WINDOW_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_NODES_FIELD_NUMBER: _ClassVar[int]
    NODE_ROLE_ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    ENCRYPTION_ENABLED_FIELD_NUMBER: _ClassVar[int]
    COMPRESSION_ENABLED_FIELD_NUMBER: _ClassVar[int]
    ENCRYPTION_ALGORITHM_FIELD_NUMBER: _ClassVar[int]
    RAG_ANALYSIS_ENABLED_FIELD_NUMBER: _ClassVar[int]
    RAG_MODEL_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    KNOWLEDGE_BASE_SOURCES_FIELD_NUMBER: _ClassVar[int]
    enabled_ml_models: _containers.RepeatedScalarFieldContainer[str]
    threat_score_thresholds: _containers.ScalarMap[str, float]
    time_window_size: _duration_pb2.Duration
    max_events_per_window: int
    cluster_nodes: _containers.RepeatedCompositeFieldContainer[DistributedNode]
    node_role_assignments: _containers.ScalarMap[str, str]
    encryption_enabled: bool
    compression_enabled: bool
    encryption_algorithm: str
    rag_analysis_enabled: bool
    rag_model_endpoint: str
    knowledge_base_sources: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, enabled_ml_models: _Optional[_Iterable[str]] = ..., threat_score_thresholds: _Optional[_Mapping[str, float]] = ..., time_window_size: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_events_per_window: _Optional[int] = ..., cluster_nodes: _Optional[_Iterable[_Union[DistributedNode, _Mapping]]] = ..., node_role_assignments: _Optional[_Mapping[str, str]] = ..., encryption_enabled: _Optional[bool] = ..., compression_enabled: _Optional[bool] = ..., encryption_algorithm: _Optional[str] = ..., rag_analysis_enabled: _Optional[bool] = ..., rag_model_endpoint: _Optional[str] = ..., knowledge_base_sources: _Optional[_Iterable[str]] = ...) -> None: ...
