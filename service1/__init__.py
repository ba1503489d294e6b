"""service1, the producer: builds NetworkSecurityEvent messages and PUSHes them over ZeroMQ."""

__version__ = "0.1.0"
