"""Settings for both services: each one comes from an environment variable or a command-line flag.

The flag wins over the variable, and the variable over the default. An invalid value stops the
service with one line naming the variable, the value and what is expected, and exit code 2.
"""

from config.settings import ConfigError, Setting, load_settings
from config.logs import RateLimitedLogger, configure_logging

__all__ = [
    "ConfigError",
    "RateLimitedLogger",
    "Setting",
    "configure_logging",
    "load_settings",
]
