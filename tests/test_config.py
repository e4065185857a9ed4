"""Settings from the environment: strict booleans and choices, whole numbers, and a warning for a
``WIREWATCH_*`` variable that names no setting."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from click.testing import CliRunner

from wirewatch.cli import cli
from wirewatch.config import OTHER_VARIABLES, Settings, SettingsWarning, setting_names, unknown_variables
from wirewatch.errors import SettingsError, WirewatchError


def from_env(**environ: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SettingsWarning)  # every variable below is a setting
        return Settings.from_environment(environ)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        (" Yes ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
        ("OFF\n", False),
    ],
)
def test_boolean_values(raw: str, expected: bool) -> None:
    assert from_env(WIREWATCH_HTML_FAST=raw) == {"html_fast": expected}


@pytest.mark.parametrize("raw", ["", " ", "maybe", "2", "-1", "tru", "y", "n", "enabled", "none", "null"])
def test_a_mistyped_boolean_is_an_error_naming_the_variable(raw: str) -> None:
    with pytest.raises(SettingsError, match=r"^WIREWATCH_FETCH=.*not a boolean \(use 1, true, yes, on or 0"):
        from_env(WIREWATCH_FETCH=raw)


@pytest.mark.parametrize(
    ("variable", "raw", "name", "expected"),
    [
        ("WIREWATCH_INPUT_FORMAT", "html", "input_format", "html"),
        ("WIREWATCH_INPUT_FORMAT", "AUTO", "input_format", "auto"),
        ("WIREWATCH_INPUT_FORMAT", " JsonL ", "input_format", "jsonl"),
        ("WIREWATCH_HTML_PRECISION", "precision", "html_precision", "precision"),
        ("WIREWATCH_HTML_PRECISION", "Balanced", "html_precision", "balanced"),
    ],
)
def test_choice_values(variable: str, raw: str, name: str, expected: str) -> None:
    assert from_env(**{variable: raw}) == {name: expected}


@pytest.mark.parametrize(
    ("variable", "raw", "choices"),
    [
        ("WIREWATCH_INPUT_FORMAT", "pdf", "auto, text, html, feed, warc, jsonl"),
        ("WIREWATCH_INPUT_FORMAT", "", "auto, text, html, feed, warc, jsonl"),
        ("WIREWATCH_HTML_PRECISION", "recal", "precision, balanced, recall"),
    ],
)
def test_a_value_outside_the_choices_is_an_error_naming_the_variable(variable: str, raw: str, choices: str) -> None:
    with pytest.raises(SettingsError, match=f"^{variable}=.*not one of {choices}$"):
        from_env(**{variable: raw})


@pytest.mark.parametrize(("raw", "expected"), [("12", 12), (" 7 ", 7), ("-3", -3), ("1_000", 1000)])
def test_whole_numbers(raw: str, expected: int) -> None:
    assert from_env(WIREWATCH_SHINGLE_WORDS=raw) == {"shingle_words": expected}


@pytest.mark.parametrize("raw", ["", "twelve", "1.5", "3 words"])
def test_a_bad_number_is_an_error_naming_the_variable(raw: str) -> None:
    with pytest.raises(SettingsError, match=r"^WIREWATCH_MINHASH_NUM_PERM=.*not a whole number$"):
        from_env(WIREWATCH_MINHASH_NUM_PERM=raw)


def test_lists_and_text() -> None:
    assert from_env(WIREWATCH_TEXT_SUFFIXES=" .txt, ,.news ", WIREWATCH_SPACY_MODEL="en_core_web_md") == {
        "text_suffixes": (".txt", ".news"),
        "spacy_model": "en_core_web_md",
    }


def test_settings_error_is_in_the_error_tree() -> None:
    assert issubclass(SettingsError, WirewatchError)
    assert issubclass(SettingsError, ValueError)  # what a malformed setting raised before


def test_load_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_LANGUAGE_CHECK", "off")
    monkeypatch.setenv("WIREWATCH_INPUT_FORMAT", "Feed")
    settings = Settings.load(spacy_model="x")
    assert (settings.language_check, settings.input_format, settings.spacy_model) == (False, "feed", "x")
    monkeypatch.setenv("WIREWATCH_LANGUAGE_CHECK", "of")
    with pytest.raises(SettingsError, match="WIREWATCH_LANGUAGE_CHECK"):
        Settings.load()


@pytest.mark.parametrize(
    ("environ", "unknown"),
    [
        ({}, ()),
        ({"WIREWATCH_SPACY_MODEL": "x", "WIREWATCH_DB": "a.db", "HOME": "/root"}, ()),
        ({"WIREWATCH_HTML_FASTT": "1"}, ("WIREWATCH_HTML_FASTT",)),
        ({"WIREWATCH_ZZ": "1", "WIREWATCH_AA": "", "WIREWATCH_FETCH": "1"}, ("WIREWATCH_AA", "WIREWATCH_ZZ")),
        ({"WIREWATCH_": "1", "wirewatch_fetch": "1"}, ("WIREWATCH_",)),
    ],
)
def test_unknown_variables(environ: dict[str, str], unknown: tuple[str, ...]) -> None:
    assert unknown_variables(environ) == unknown


def test_the_variables_read_elsewhere_are_not_settings() -> None:
    assert not OTHER_VARIABLES & setting_names()
    assert unknown_variables(dict.fromkeys(OTHER_VARIABLES | setting_names(), "")) == ()


def test_one_warning_names_every_unknown_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_TEST_CONFIG_TYPO_B", "1")
    monkeypatch.setenv("WIREWATCH_TEST_CONFIG_TYPO_A", "1")
    with pytest.warns(SettingsWarning) as caught:
        Settings.load()
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "WIREWATCH_TEST_CONFIG_TYPO_A, WIREWATCH_TEST_CONFIG_TYPO_B" in message
    assert caught[0].filename == __file__  # pointed at the caller of Settings.load
    with warnings.catch_warnings():
        warnings.simplefilter("error", SettingsWarning)
        Settings.load()  # the same names again: warned once per process


def test_cli_reports_a_bad_setting_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREWATCH_HTML_FAST", "ja")
    result = CliRunner().invoke(cli, ["settings"])
    assert result.exit_code == 1
    assert "bad setting in the environment: WIREWATCH_HTML_FAST='ja': not a boolean" in result.stderr
