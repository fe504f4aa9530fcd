"""The source language and the fallback notices, from the build context's ``translations``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from city_diplomacy.sphinxext.config import get_settings

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Source language when the build context names none (a bare build): the docs are
#: written in Japanese.
SOURCE_LANGUAGE = "ja"
#: Notice when the context has none for the page's language (the registry's default).
DEFAULT_NOTICE = "Parts of this page are not yet translated and are shown in Japanese."


def source_code(env: BuildEnvironment) -> str:
    """Source language of the project (``ja`` without a build context naming one)."""
    context = get_settings(env).context
    part = context.get("translations") if context else None
    return (part["source"] if part else "") or SOURCE_LANGUAGE


def notice_for(env: BuildEnvironment, language: str) -> str:
    """The sentence, in ``language``, saying that parts of the page fell back."""
    context = get_settings(env).context
    part = context.get("translations") if context else None
    return (part["notices"].get(language, "") if part else "") or DEFAULT_NOTICE
