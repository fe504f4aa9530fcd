"""Errors raised by the translation tools (the CLI turns them into messages and exit codes)."""

from __future__ import annotations


class I18nError(Exception):
    """Invalid input (a bad registry, catalog or source tree): exit code 1."""


class UsageError(I18nError):
    """The command was used wrongly (unknown language, language exists already): exit code 2."""
