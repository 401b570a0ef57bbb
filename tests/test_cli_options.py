"""The options several subcommands share."""

import argparse

import pytest

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_settings, parse_setting, settings_overrides


def test_parse_setting_splits_at_the_first_equals_sign() -> None:
    assert parse_setting("DOWNLOAD_DELAY=0.5") == ("DOWNLOAD_DELAY", "0.5")
    assert parse_setting("USER_AGENT=a=b") == ("USER_AGENT", "a=b")


@pytest.mark.parametrize("text", ["DOWNLOAD_DELAY", "=1"])
def test_a_malformed_setting_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_setting(text)


def test_settings_overrides_turn_a_malformed_setting_into_a_user_error() -> None:
    parser = argparse.ArgumentParser()
    add_settings(parser)
    assert settings_overrides(parser.parse_args(["-s", "A=1", "-s", "B=2"])) == {"A": "1", "B": "2"}
    with pytest.raises(CliError):
        settings_overrides(parser.parse_args(["-s", "A"]))
