"""One problem type for every check of the project, one text form and one JSON shape.

``city-diplomacy validate`` (the data checks) and ``city-diplomacy i18n check`` (the
catalog checks) both report :class:`Problem` objects; the CLI prints them with
:func:`format_problem` and, for ``--json``, :meth:`Problem.to_dict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the check can.

    ``line`` is the physical line in ``file`` (a CSV header is line 1), or None for a
    problem with a whole file or a descriptor property (then ``field`` names the
    property, e.g. ``resources[2].schema.primaryKey``). ``value`` is the offending
    text, ``check`` names the rule that found it, and only an ``error`` makes the
    input invalid (a ``warning`` asks for a look).
    """

    file: str
    line: int | None
    field: str | None
    message: str
    value: str | None = None
    check: str = ""
    severity: Severity = ERROR

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.field or "", self.check, self.message)

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a problem (every field, by name)."""
        return asdict(self)


def format_problem(
    problem: Problem,
    *,
    file: str | None = None,
    severity: bool = False,
    check: bool = False,
) -> str:
    """``file:line: field: message`` (``; found 'value'`` when the message lacks it).

    ``file`` replaces the problem's own (e.g. a shorter relative path); ``severity``
    adds ``error:``/``warning:`` after the place and ``check`` a ``[check]`` tag before
    the message, as ``i18n check`` prints them.
    """
    where = file if file is not None else problem.file
    if problem.line is not None:
        where += f":{problem.line}"
    parts = [where]
    if severity:
        parts.append(problem.severity)
    if problem.field:
        parts.append(problem.field)
    text = f"[{problem.check}] {problem.message}" if check and problem.check else problem.message
    value = problem.value
    if value and value not in problem.message and repr(value) not in problem.message:
        text += f"; found {value!r}"
    return ": ".join([*parts, text])


def _escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem, *, file: str | None = None, title: str = "") -> str:
    """The problem as a GitHub Actions annotation, shown on its line in a pull request.

    ``::error file=<path>,line=<n>,title=<check>::<message>`` (``::warning`` for a
    warning); ``line`` is left out for a problem with a whole file, ``title`` is the
    check (or ``title`` when the problem names none). The message is the problem's
    text form without the place (``field: message; found 'value'``).
    """
    properties = [f"file={_escape_property(file if file is not None else problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    name = problem.check or title
    if name:
        properties.append(f"title={_escape_property(name)}")
    # Without file and line the text form starts with ": " (an empty place).
    message = format_problem(Problem("", None, problem.field, problem.message, problem.value))[2:]
    return f"::{problem.severity} {','.join(properties)}::{_escape_data(message)}"
