"""Exceptions raised by the armstrace library.

    ArmstraceError
     ├── InputError     an input file or record cannot be read (names the file and the problem)
     ├── StoreError     the database cannot be opened, migrated or written
     │    └── StoreInterrupted  a statement was stopped: past its time limit, or cancelled
     ├── ConfigError    an option or a knowledge file is invalid
     │    └── UnknownNameError  a typed party or weapon name matches nothing, or several things
     └── ReviewError    an analyst's decision or account is invalid (names the field or value)
          └── DealClashError  deals merged by hand differ in parties or kind (says which)
"""

from __future__ import annotations


class ArmstraceError(Exception):
    """Base of every error armstrace raises on purpose.

    `hint` says what to run at the command line to fix it ("list the ids with:
    armstrace deals"); it ends the message, and the web application leaves it out
    (`message` is the message without it).
    """

    def __init__(self, *args: object, hint: str | None = None) -> None:
        super().__init__(*args)
        self.hint = hint

    @property
    def message(self) -> str:
        """Return the message without the command-line hint."""
        return super().__str__()

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputError(ArmstraceError):
    """An input cannot be read; the message names the source and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(ArmstraceError):
    """The database cannot be opened, migrated or written."""


class StoreInterrupted(StoreError):
    """A statement was stopped before it ended: it ran past the store's time limit
    (`Store.time_limit`), or `Store.interrupt` cancelled it (its client left)."""


class ConfigError(ArmstraceError):
    """An option or a knowledge data file is invalid."""


class UnknownNameError(ConfigError):
    """A party or weapon name a user typed names nothing armstrace knows, or several things.

    The message is one line with the close or possible readings; `suggestions` holds them.
    `ambiguous` is true when the name reads as several things, not as none; `role` is
    the option or field the name was given for ("supplier").
    """

    def __init__(
        self, message: str, suggestions: tuple[str, ...] = (), *, ambiguous: bool = False,
        role: str = "",
    ) -> None:
        super().__init__(message)
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        self.role = role


class ReviewError(ArmstraceError):
    """An analyst's decision, correction or account is invalid; the message says which part."""


class DealClashError(ReviewError):
    """Deals an analyst asked to merge name different parties or kinds of deal.

    The message says in one line what clashes; merging them anyway takes `force`.
    """
