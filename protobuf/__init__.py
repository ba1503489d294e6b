"""Generated protobuf messages for network security events (see network_security.proto)."""
