"""Markup tokens of a MyST message, so a translation can be compared with its source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

# A fence line (```{raw} html, :::{note}, ```): block markup a translation may not add.
# Only the fence lines are cut, so HTML inside a fenced block is still seen.
FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,}).*$", re.M)
# Roles and code spans in one pattern, so the leftmost wins: a role written inside a code
# span (``{ref}`x` ``) is code, and a role's backticks are not a code span.
ROLE_OR_CODE = re.compile(
    r"\{(?P<name>[A-Za-z][\w:.+-]*)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)"
    r"|(?P<cticks>`+)(?P<code>.+?)(?P=cticks)",
    re.S,
)
# {count}, {date}: placeholders the extension fills in after translation.
PLACEHOLDER = re.compile(r"(?<!\{)\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}(?![`}])")
SUBST = re.compile(r"\{\{\s*(?P<name>[^{}\s]+)\s*\}\}")
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\(\s*(?P<target><[^>]*>|[^)\s]*)[^)]*\)"
)
AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
EXPLICIT_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def _role_key(name: str, body: str) -> str:
    # The display text of `text <target>` may be translated; the target may not.
    match = EXPLICIT_TARGET.match(body.strip())
    target = match.group("target") if match else body.strip()
    return f"{{{name}}}`{target}`"


def tokens(text: str) -> tuple[Counter[str], str]:
    """MyST markup tokens of ``text`` and what remains of it once they are cut out."""
    found: Counter[str] = Counter()

    def cut(pattern: re.Pattern[str], key: Callable[[re.Match[str]], str], keep: str = "") -> None:
        nonlocal text

        def repl(m: re.Match[str]) -> str:
            found[" ".join(key(m).split())] += 1  # one line, for one-line reports
            # Link text is rendered as Markdown, so HTML in it must still be seen.
            return f" {m.group(keep)} " if keep else " "

        text = pattern.sub(repl, text)

    cut(FENCE, lambda m: m.group(0).strip())
    cut(
        ROLE_OR_CODE,
        lambda m: (
            _role_key(m.group("name"), m.group("body"))
            if m.group("name")
            else f"`{m.group('code').strip()}`"
        ),
    )
    cut(SUBST, lambda m: f"{{{{{m.group('name')}}}}}")
    cut(PLACEHOLDER, lambda m: f"{{{m.group('name')}}}")
    cut(LINK, lambda m: f"{m.group('bang')}[…]({m.group('target').strip('<>')})", "text")
    cut(AUTOLINK, lambda m: f"<{m.group('target')}>")
    return found, text


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str = "") -> None:
        self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            self.found[f"<{tag} {name}={value!r}>"] += 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.found[f"</{tag}>"] += 1

    def handle_comment(self, data: str) -> None:
        self.found["<!--…-->"] += 1

    def handle_decl(self, decl: str) -> None:
        self.found[f"<!{decl}>"] += 1

    def handle_pi(self, data: str) -> None:
        self.found[f"<?{data}>"] += 1

    def unknown_decl(self, data: str) -> None:
        self.found[f"<![{data}]>"] += 1


def html_tags(text: str) -> Counter[str]:
    """HTML tags, attributes (with values), comments and declarations found in ``text``."""
    parser = _TagCollector()
    parser.feed(text)
    parser.close()
    return parser.found


def compare(msgid: str, msgstr: str) -> tuple[list[str], list[str], list[str]]:
    """(markup missing from msgstr, markup added in msgstr, HTML added in msgstr)."""
    src_tokens, src_rest = tokens(msgid)
    dst_tokens, dst_rest = tokens(msgstr)
    missing = sorted((src_tokens - dst_tokens).elements())
    added = sorted((dst_tokens - src_tokens).elements())
    html_added = sorted((html_tags(dst_rest) - html_tags(src_rest)).elements())
    return missing, added, html_added
