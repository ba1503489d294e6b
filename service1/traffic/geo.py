"""Geo enrichment from a small built-in table of cities, ISPs and autonomous systems.

The sniffer sits in Sevilla, Spain. Each traffic profile draws its source and destination from
named pools (the local network, public web servers, botnets, scanners, Tor exits...), and the
threat-intelligence flags follow the pool: benign endpoints are never flagged.

NOTE: the address prefixes, ISPs and AS numbers are illustrative pairings for realistic-looking
events, not a GeoIP database, and the table is not meant for enriching real traffic.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

from protobuf import network_security_pb2 as pb

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
ENRICHER_VERSION = "traffic-geo-1"
GEOIP_METHOD = "built-in table"
THREAT_INTEL_SOURCE = "built-in table"


@dataclass(frozen=True)
class Place:
    """One row of the city table, with the network that announces its addresses."""

    key: str
    city: str
    region: str
    country: str
    country_code: str
    continent: str
    latitude: float
    longitude: float
    timezone: str
    isp: str
    asn: str
    prefix: str  # first two octets of the addresses drawn for this place, with the trailing dot


PLACES: dict[str, Place] = {p.key: p for p in (
    Place("sevilla_lan", "Sevilla", "Andalusia", "Spain", "ES", "EU", 37.3886, -5.9823,
          "Europe/Madrid", "Private network", "", "192.168."),
    Place("sevilla", "Sevilla", "Andalusia", "Spain", "ES", "EU", 37.3886, -5.9823,
          "Europe/Madrid", "Telefonica de Espana", "AS3352", "83.44."),
    Place("madrid", "Madrid", "Community of Madrid", "Spain", "ES", "EU", 40.4168, -3.7038,
          "Europe/Madrid", "Orange Espagne", "AS12479", "90.160."),
    Place("san_francisco", "San Francisco", "California", "United States", "US", "NA",
          37.7749, -122.4194, "America/Los_Angeles", "Cloudflare", "AS13335", "104.16."),
    Place("mountain_view", "Mountain View", "California", "United States", "US", "NA",
          37.3861, -122.0839, "America/Los_Angeles", "Google LLC", "AS15169", "142.250."),
    Place("ashburn", "Ashburn", "Virginia", "United States", "US", "NA", 39.0438, -77.4874,
          "America/New_York", "Amazon.com", "AS14618", "52.0."),
    Place("dublin", "Dublin", "Leinster", "Ireland", "IE", "EU", 53.3498, -6.2603,
          "Europe/Dublin", "Microsoft Corporation", "AS8075", "20.50."),
    Place("frankfurt", "Frankfurt am Main", "Hesse", "Germany", "DE", "EU", 50.1109, 8.6821,
          "Europe/Berlin", "Hetzner Online", "AS24940", "88.198."),
    Place("amsterdam", "Amsterdam", "North Holland", "Netherlands", "NL", "EU", 52.3676, 4.9041,
          "Europe/Amsterdam", "DigitalOcean", "AS14061", "188.166."),
    Place("berlin_tor", "Berlin", "Berlin", "Germany", "DE", "EU", 52.5200, 13.4050,
          "Europe/Berlin", "Stiftung Erneuerbare Freiheit", "AS60729", "185.220."),
    Place("sao_paulo", "Sao Paulo", "Sao Paulo", "Brazil", "BR", "SA", -23.5505, -46.6333,
          "America/Sao_Paulo", "Claro NXT", "AS28573", "177.32."),
    Place("hanoi", "Hanoi", "Hanoi", "Vietnam", "VN", "AS", 21.0278, 105.8342,
          "Asia/Ho_Chi_Minh", "Viettel Group", "AS7552", "27.72."),
    Place("beijing", "Beijing", "Beijing", "China", "CN", "AS", 39.9042, 116.4074,
          "Asia/Shanghai", "China Unicom", "AS4837", "123.112."),
    Place("shanghai", "Shanghai", "Shanghai", "China", "CN", "AS", 31.2304, 121.4737,
          "Asia/Shanghai", "China Telecom", "AS4134", "180.160."),
    Place("moscow", "Moscow", "Moscow", "Russia", "RU", "EU", 55.7558, 37.6173,
          "Europe/Moscow", "Rostelecom", "AS12389", "95.24."),
    Place("mumbai", "Mumbai", "Maharashtra", "India", "IN", "AS", 19.0760, 72.8777,
          "Asia/Kolkata", "Bharti Airtel", "AS9498", "122.160."),
    Place("jakarta", "Jakarta", "Jakarta", "Indonesia", "ID", "AS", -6.2088, 106.8456,
          "Asia/Jakarta", "Telkom Indonesia", "AS7713", "36.66."),
    Place("lagos", "Lagos", "Lagos", "Nigeria", "NG", "AF", 6.5244, 3.3792,
          "Africa/Lagos", "MTN Nigeria", "AS29465", "102.89."),
    Place("bucharest", "Bucharest", "Bucharest", "Romania", "RO", "EU", 44.4268, 26.1025,
          "Europe/Bucharest", "RCS & RDS", "AS8708", "86.120."),
    Place("chisinau", "Chisinau", "Chisinau", "Moldova", "MD", "EU", 47.0105, 28.8638,
          "Europe/Chisinau", "Alexhost", "AS200019", "176.123."),
    Place("hong_kong", "Hong Kong", "Hong Kong", "Hong Kong", "HK", "AS", 22.3193, 114.1694,
          "Asia/Hong_Kong", "Alibaba Cloud", "AS45102", "47.242."),
)}

SNIFFER_PLACE = PLACES["sevilla"]


@dataclass(frozen=True)
class Pool:
    """Places an endpoint is drawn from, with the threat-intelligence flag probabilities."""

    places: tuple[str, ...]
    weights: tuple[float, ...]
    malicious: float = 0.0  # probability that threat intelligence lists the address
    tor: float = 0.0
    proxy: float = 0.0


POOLS: dict[str, Pool] = {
    "lan": Pool(("sevilla_lan",), (1.0,)),
    "local_server": Pool(("sevilla",), (1.0,)),
    "web": Pool(("san_francisco", "ashburn", "dublin", "frankfurt", "madrid"),
                (0.4, 0.2, 0.15, 0.15, 0.1)),
    "resolver": Pool(("mountain_view", "san_francisco", "madrid"), (0.45, 0.35, 0.2)),
    "hosting": Pool(("frankfurt", "amsterdam", "dublin"), (0.5, 0.3, 0.2)),
    "botnet": Pool(("sao_paulo", "hanoi", "beijing", "moscow", "mumbai", "jakarta", "lagos",
                    "bucharest", "ashburn"), (0.14, 0.14, 0.14, 0.1, 0.12, 0.1, 0.08, 0.1, 0.08),
                   malicious=0.35, proxy=0.05),
    "scanner": Pool(("amsterdam", "shanghai", "moscow", "hong_kong", "frankfurt"),
                    (0.3, 0.25, 0.2, 0.15, 0.1), malicious=0.5),
    "tor": Pool(("berlin_tor",), (1.0,), malicious=0.4, tor=1.0),
    "exfil": Pool(("chisinau", "hong_kong", "moscow"), (0.4, 0.35, 0.25), malicious=0.4),
}


@dataclass(frozen=True)
class Endpoint:
    """One side of a flow: its place, address and threat-intelligence flags."""

    place: str
    ip: str
    malicious: bool = False
    tor: bool = False
    proxy: bool = False


def draw_endpoint(pool_name: str, rng: random.Random) -> Endpoint:
    """Draw a place, an address in its prefix and the threat flags of a pool."""
    pool = POOLS[pool_name]
    key = pool.places[0] if len(pool.places) == 1 else rng.choices(pool.places, pool.weights)[0]
    place = PLACES[key]
    ip = f"{place.prefix}{rng.randint(0, 254)}.{rng.randint(1, 254)}"
    return Endpoint(
        place=key,
        ip=ip,
        malicious=rng.random() < pool.malicious,
        tor=pool.tor > 0 and rng.random() < pool.tor,
        proxy=rng.random() < pool.proxy,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def categorize_distance(km: float) -> str:
    """Return a distance class: LOCAL (<50 km), REGIONAL, NATIONAL, CONTINENTAL, INTERCONTINENTAL."""
    if km < 50:
        return "LOCAL"
    if km < 500:
        return "REGIONAL"
    if km < 1500:
        return "NATIONAL"
    if km < 4000:
        return "CONTINENTAL"
    return "INTERCONTINENTAL"


def relate_to_sniffer(place: Place) -> str:
    """Return how a place relates to the sniffer: SAME_CITY, SAME_COUNTRY, SAME_CONTINENT, FOREIGN."""
    if place.city == SNIFFER_PLACE.city and place.country_code == SNIFFER_PLACE.country_code:
        return "SAME_CITY"
    if place.country_code == SNIFFER_PLACE.country_code:
        return "SAME_COUNTRY"
    if place.continent == SNIFFER_PLACE.continent:
        return "SAME_CONTINENT"
    return "FOREIGN"


def rate_threat(malicious: bool, tor: bool, proxy: bool) -> int:
    """Return the GeoLocationInfo threat level that the flags imply."""
    if malicious and tor:
        return pb.GeoLocationInfo.CRITICAL
    if malicious:
        return pb.GeoLocationInfo.HIGH
    if tor or proxy:
        return pb.GeoLocationInfo.MEDIUM
    return pb.GeoLocationInfo.LOW


def fill_location(info: pb.GeoLocationInfo, place: Place, malicious: bool = False,
                  tor: bool = False, proxy: bool = False) -> None:
    """Copy a table row and its threat flags into a GeoLocationInfo."""
    info.country_name = place.country
    info.country_code = place.country_code
    info.region_name = place.region
    info.city_name = place.city
    info.latitude = place.latitude
    info.longitude = place.longitude
    info.timezone = place.timezone
    info.isp_name = place.isp
    info.organization_name = place.isp
    info.autonomous_system_number = place.asn
    info.is_anonymous_proxy = proxy
    info.is_tor_exit_node = tor
    info.is_known_malicious = malicious
    info.threat_level = rate_threat(malicious, tor, proxy)


def list_matches(endpoint: Endpoint) -> list[str]:
    """Return the threat-intelligence entries that match an endpoint."""
    matches = []
    if endpoint.malicious:
        matches.append(f"known_malicious:{endpoint.ip}")
    if endpoint.tor:
        matches.append(f"tor_exit_node:{endpoint.ip}")
    if endpoint.proxy:
        matches.append(f"anonymous_proxy:{endpoint.ip}")
    return matches


def score_anomaly(source: Endpoint, destination: Endpoint) -> float:
    """Return a 0-1 geographic anomaly score from the threat flags of both endpoints."""
    score = 0.0
    for endpoint in (source, destination):
        score += 0.5 * endpoint.malicious + 0.4 * endpoint.tor + 0.2 * endpoint.proxy
    return min(score, 1.0)


@lru_cache(maxsize=4096)
def build_enrichment(source: Endpoint, destination: Endpoint) -> bytes:
    """Return the serialized GeoEnrichment of a pair, without the per-address match list.

    Callers pass endpoints with an empty address, so the cache contains one entry per combination of
    places and flags.
    """
    src_place = PLACES[source.place]
    dst_place = PLACES[destination.place]
    geo = pb.GeoEnrichment()
    fill_location(geo.sniffer_node_geo, SNIFFER_PLACE)
    fill_location(geo.source_ip_geo, src_place, source.malicious, source.tor, source.proxy)
    fill_location(geo.destination_ip_geo, dst_place, destination.malicious, destination.tor,
                  destination.proxy)

    distance = haversine_km(src_place.latitude, src_place.longitude,
                            dst_place.latitude, dst_place.longitude)
    geo.source_destination_distance_km = distance
    geo.source_destination_same_country = src_place.country_code == dst_place.country_code
    geo.source_destination_same_continent = src_place.continent == dst_place.continent
    geo.distance_category = categorize_distance(distance)
    geo.sniffer_source_distance_km = haversine_km(
        SNIFFER_PLACE.latitude, SNIFFER_PLACE.longitude, src_place.latitude, src_place.longitude)
    geo.sniffer_source_same_country = src_place.country_code == SNIFFER_PLACE.country_code
    geo.sniffer_source_relationship = relate_to_sniffer(src_place)
    geo.sniffer_destination_distance_km = haversine_km(
        SNIFFER_PLACE.latitude, SNIFFER_PLACE.longitude, dst_place.latitude, dst_place.longitude)
    geo.sniffer_destination_same_country = dst_place.country_code == SNIFFER_PLACE.country_code
    geo.sniffer_destination_relationship = relate_to_sniffer(dst_place)

    geo.threat_intelligence_source = THREAT_INTEL_SOURCE
    geo.geographic_anomaly_score = score_anomaly(source, destination)
    geo.suspicious_geographic_pattern = geo.geographic_anomaly_score >= 0.5

    # A private address takes the sniffer site's location, so it counts as enriched.
    geo.sniffer_node_enriched = True
    geo.source_ip_enriched = True
    geo.destination_ip_enriched = True
    geo.enrichment_complete = True
    geo.enricher_version = ENRICHER_VERSION
    geo.geoip_method = GEOIP_METHOD
    geo.enrichment_success_rate = 1.0
    return geo.SerializeToString()


def strip_address(endpoint: Endpoint) -> Endpoint:
    """Return the endpoint without its address, the cache key of build_enrichment."""
    return Endpoint(endpoint.place, "", endpoint.malicious, endpoint.tor, endpoint.proxy)


def fill_geo(geo: pb.GeoEnrichment, source: Endpoint, destination: Endpoint) -> None:
    """Fill an event's GeoEnrichment for a flow between two endpoints."""
    geo.Clear()
    geo.MergeFromString(build_enrichment(strip_address(source), strip_address(destination)))
    matches = list_matches(source) + list_matches(destination)
    if matches:
        geo.threat_intelligence_matches.extend(matches)


@lru_cache(maxsize=1)
def build_sniffer_only() -> bytes:
    """Return the serialized GeoEnrichment with only the sniffer's location (replayed CSV rows)."""
    geo = pb.GeoEnrichment()
    fill_location(geo.sniffer_node_geo, SNIFFER_PLACE)
    geo.sniffer_node_enriched = True
    geo.enricher_version = ENRICHER_VERSION
    geo.geoip_method = "none"
    geo.threat_intelligence_source = THREAT_INTEL_SOURCE
    return geo.SerializeToString()


def fill_sniffer_only(geo: pb.GeoEnrichment) -> None:
    """Fill an event's GeoEnrichment with the sniffer location alone."""
    geo.Clear()
    geo.MergeFromString(build_sniffer_only())
