"""Warnings thidua issues (``warnings.warn``): one base class, so that a caller can filter them all at once."""

from __future__ import annotations


class ThiduaWarning(UserWarning):
    """The base of every warning thidua issues."""


class InputWarning(ThiduaWarning):
    """The input lacks something the campaign needs (votes, events): the report is computed without it, and its
    ``warnings`` say what is missing."""
