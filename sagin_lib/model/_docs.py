"""Numpydoc text shared by the docstrings of several public functions.

Where functions take the same arguments, or return the same quantity, with the
same meaning, the description is written once and put into each docstring by
:func:`fill_doc`, so that the descriptions cannot drift apart. The rendered
reference, ``help()`` and the doctests all read the filled docstring.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")

# A placeholder is a line holding only ``{name}``, indented like the text around it.
_PLACEHOLDER = re.compile(r"^([ \t]*)\{(\w+)\}[ \t]*$", re.MULTILINE)


#: The Parameters section of a function of a platform and the ground users that see it
#: (a downlink dome with the receiver on the ground).
GROUND_USERS_PARAMETERS = """
Parameters
----------
alt_km : array_like
    Platform altitude, km, > 0.
min_elevation_rad : array_like
    Minimum elevation at the ground user, rad, in ``[0, pi/2)``.
"""


def fill_doc(**fragments: str) -> Callable[[_T], _T]:
    """Decorator: replace each line ``{name}`` of a docstring by the fragment ``name``.

    A fragment is numpydoc text (its common indentation is removed); each of
    its lines takes the indentation of the placeholder it replaces. Braces
    elsewhere in the docstring are left alone. A fragment that documents
    arguments carries its ``Parameters`` header (further entries may follow
    the placeholder): a linter that checks the arguments against the
    docstring source then leaves the function alone instead of missing the
    entries the fragment brings.

    Parameters
    ----------
    **fragments : str
        The text of each placeholder, by name.

    Returns
    -------
    callable
        The decorator; it returns the object it decorates, docstring filled.

    Raises
    ------
    KeyError
        When the decorated docstring names a fragment that is not given, so
        that a typo cannot leave a placeholder in the reference.

    Examples
    --------
    >>> @fill_doc(x="x : float\\n    A number.")
    ... def half(x):
    ...     '''Half of a number.
    ...
    ...     Parameters
    ...     ----------
    ...     {x}
    ...     '''
    ...     return x / 2
    >>> print(half.__doc__.splitlines()[-2])
            A number.
    """
    texts = {name: textwrap.dedent(text).strip("\n") for name, text in fragments.items()}

    def substitute(match: re.Match[str]) -> str:
        indent, name = match.groups()
        if name not in texts:
            raise KeyError(f"docstring placeholder {{{name}}} has no fragment")
        return "\n".join(indent + line if line else line for line in texts[name].splitlines())

    def decorate(obj: _T) -> _T:
        # Docstrings are absent under ``python -OO``; there is nothing to fill then.
        if obj.__doc__:
            obj.__doc__ = _PLACEHOLDER.sub(substitute, obj.__doc__)
        return obj

    return decorate
