"""Mapping of dataset labels to the coarse classes that final_classification carries."""

from __future__ import annotations

import re

NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Checked in order; the first class whose keyword occurs in the normalised label wins. Web attacks
# come before brute force because CSE-CIC-IDS2018 labels them "Brute Force -Web" and "-XSS".
KEYWORD_CLASSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("benign", "normal"), "BENIGN"),
    (("ddos",), "DDOS"),
    (("web", "xss", "sqlinjection", "sql"), "WEB_ATTACK"),
    (("dos", "hulk", "goldeneye", "slowloris", "slowhttp"), "DOS"),
    (("portscan", "scan"), "PORTSCAN"),
    (("patator", "brute"), "BRUTE_FORCE"),
    (("ransom",), "RANSOMWARE"),
    (("bot",), "BOTNET"),
    (("infilt",), "INFILTRATION"),
    (("heartbleed",), "EXPLOIT"),
)


def classify_label(label: str) -> str:
    """Return the coarse class of a dataset label: BENIGN, DDOS, DOS, PORTSCAN, BRUTE_FORCE...

    An empty label gives UNKNOWN and an unrecognised one ATTACK.
    """
    key = NON_ALNUM.sub("", label.lower())
    if not key:
        return "UNKNOWN"
    for keywords, name in KEYWORD_CLASSES:
        if any(keyword in key for keyword in keywords):
            return name
    return "ATTACK"
