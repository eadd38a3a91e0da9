"""Exceptions the library raises when going on would be meaningless.

Problems in a user's files are not exceptions: they are diagnostics collected into a report.
"""

from __future__ import annotations


class EgovcodeError(Exception):
    """A failure to report to the user as one clear sentence."""

    #: Exit code at the CLI edge: 1 for problems in the user's data, 2 for usage problems.
    exit_code = 2


class ProjectNotFoundError(EgovcodeError):
    """No project at or above the starting folder."""


class OutputExistsError(EgovcodeError):
    """An output file exists and ``--force`` was not given."""


class DataError(EgovcodeError):
    """The project's data cannot support the request (e.g. it has validation errors)."""

    exit_code = 1
