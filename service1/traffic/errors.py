"""Error type for invalid traffic settings and unreadable flow files."""


class TrafficError(ValueError):
    """Invalid --mix or --source value, or a CSV file that cannot be replayed.

    The message is one line that names the value and the fix.
    """
