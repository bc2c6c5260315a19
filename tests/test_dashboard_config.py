"""The dashboard's settings, and the example systemd units that start the bot and the dashboard."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import pytest

from bot.cli import EXIT_CONFIG, _build_parser
from bot.config import ConfigError, settings_from_env

ROOT = Path(__file__).resolve().parent.parent


def test_dashboard_defaults() -> None:
    settings = settings_from_env({})
    assert (settings.dashboard_listen, settings.dashboard_port, settings.dashboard_token) == ("127.0.0.1", 8080, None)
    with pytest.raises(ConfigError, match="STORYBOT_DASHBOARD_TOKEN is not set"):
        settings.require_dashboard_token()


def test_dashboard_settings_from_the_environment() -> None:
    token = "a-long-enough-dashboard-token"
    settings = settings_from_env(
        {"STORYBOT_DASHBOARD_LISTEN": "0.0.0.0", "STORYBOT_DASHBOARD_PORT": "9000", "STORYBOT_DASHBOARD_TOKEN": f" {token} "}
    )
    assert (settings.dashboard_listen, settings.dashboard_port) == ("0.0.0.0", 9000)
    assert settings.require_dashboard_token() == token
    assert token not in repr(settings)


@pytest.mark.parametrize("port", ["0", "65536", "eighty", "-1"])
def test_a_bad_port_is_a_clear_error(port: str) -> None:
    with pytest.raises(ConfigError, match="STORYBOT_DASHBOARD_PORT"):
        settings_from_env({"STORYBOT_DASHBOARD_PORT": port})


def test_a_short_token_is_refused_without_repeating_it() -> None:
    settings = settings_from_env({"STORYBOT_DASHBOARD_TOKEN": "hunter2hunter2"})
    with pytest.raises(ConfigError) as caught:
        settings.require_dashboard_token()
    assert "too short" in str(caught.value) and "hunter2" not in str(caught.value)


@pytest.mark.parametrize(("unit", "command"), [("storybot.service", "telegram"), ("storybot-dashboard.service", "dashboard")])
def test_the_systemd_units_start_a_real_command(unit: str, command: str) -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in systemd
    parser.read(ROOT / "deploy" / unit)
    service = parser["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0].endswith("/storybot") and argv[1:] == [command]
    _build_parser().parse_args(argv[1:])  # the sub-command exists
    assert service["RestartPreventExitStatus"] == str(EXIT_CONFIG)
    assert service["KillSignal"] == "SIGTERM" and service["User"] and service["EnvironmentFile"]
    assert parser["Install"]["WantedBy"] == "multi-user.target"
