"""service2, the consumer: finds producers in etcd, PULLs their events, validates, scores and prints them."""

__version__ = "0.1.0"
