"""The source language and the fallback notices, from the build context's ``translations``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from city_diplomacy.sphinxext.config import get_settings
from city_diplomacy.sphinxext.language import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Notice when no build context gives one (a bare build); with a context the language
#: registry's text (its default is this sentence) is used.
DEFAULT_NOTICE = "Parts of this page are not yet translated and are shown in Japanese."


def source_code(env: BuildEnvironment) -> str:
    """Source language of the project (:data:`.language.SOURCE_LANGUAGE` without a build
    context naming one)."""
    context = get_settings(env).context
    part = context.get("translations") if context else None
    return (part["source"] if part else "") or SOURCE_LANGUAGE


def notice_for(env: BuildEnvironment, language: str) -> str:
    """The sentence, in ``language``, saying that parts of the page fell back."""
    context = get_settings(env).context
    part = context.get("translations") if context else None
    return (part["notices"].get(language, "") if part else "") or DEFAULT_NOTICE
