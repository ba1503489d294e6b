"""Declarative settings read from a command-line flag, else an environment variable, else a default."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

# Exit code for invalid configuration, as argparse uses for invalid flags.
CONFIG_ERROR_EXIT_CODE = 2


class ConfigError(ValueError):
    """An invalid setting value; the message names the variable, the value and what is expected."""


@dataclass(frozen=True)
class Setting:
    """One setting: its attribute name, environment variable, flag, parser, default and help text."""

    name: str
    env: str
    flag: str
    parse: Callable[[str], Any]
    default: str
    help: str
    metavar: str | None = None
    is_switch: bool = False

    def describe(self) -> str:
        """Return the names a user can set this value with, for error messages."""
        return f"{self.env} ({self.flag})"


def _build_parser(prog: str, description: str, settings: Sequence[Setting], epilog: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for setting in settings:
        shown_default = setting.default if setting.default != "" else "unset"
        help_text = f"{setting.help} [env {setting.env}; default: {shown_default}]"
        if setting.is_switch:
            parser.add_argument(
                setting.flag,
                dest=setting.name,
                action="store_const",
                const="true",
                default=None,
                help=help_text,
            )
        else:
            parser.add_argument(
                setting.flag,
                dest=setting.name,
                default=None,
                metavar=setting.metavar or setting.env,
                help=help_text.replace("%", "%%"),
            )
    return parser


def _resolve(setting: Setting, flag_value: str | None, environ: Mapping[str, str]) -> Any:
    if flag_value is not None:
        raw, source = flag_value, setting.flag
    elif setting.env in environ:
        raw, source = environ[setting.env], setting.env
    else:
        raw, source = setting.default, "default"
    try:
        return setting.parse(raw)
    except ValueError as error:
        origin = setting.describe() if source == "default" else source
        raise ConfigError(f"invalid {origin} value {raw!r}: {error}") from None


def load_settings(
    prog: str,
    description: str,
    settings: Sequence[Setting],
    argv: Iterable[str] | None = None,
    environ: Mapping[str, str] | None = None,
    validate: Callable[[SimpleNamespace], None] | None = None,
    epilog: str | None = None,
) -> SimpleNamespace:
    """Parse flags and environment into a namespace, exiting with code 2 on any invalid value.

    ``validate`` checks relations between settings and raises ConfigError.
    """
    environ = os.environ if environ is None else environ
    parser = _build_parser(prog, description, settings, epilog)
    args = parser.parse_args(None if argv is None else list(argv))

    values = SimpleNamespace()
    try:
        for setting in settings:
            setattr(values, setting.name, _resolve(setting, getattr(args, setting.name), environ))
        if validate is not None:
            validate(values)
    except ConfigError as error:
        print(f"{prog}: configuration error: {error}", file=sys.stderr)
        raise SystemExit(CONFIG_ERROR_EXIT_CODE) from None
    return values
