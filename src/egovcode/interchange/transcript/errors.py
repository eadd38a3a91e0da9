"""Why a transcript cannot be imported: one clear sentence, or the table of unmapped labels."""

from __future__ import annotations

from dataclasses import dataclass

from egovcode.errors import DataError


class TranscriptError(DataError):
    """A transcript that cannot be read or imported as asked; nothing was written."""


@dataclass(frozen=True, slots=True)
class LabelUse:
    """A speaker label found in a transcript: how often, and its first utterance."""

    label: str
    count: int
    line: int
    example: str


class UnmappedLabelsError(TranscriptError):
    """Speaker labels that ``--speakers`` does not map to a role; the import stops."""

    def __init__(self, file: str, labels: list[LabelUse]) -> None:
        names = ", ".join(u.label for u in labels)
        super().__init__(
            f"{file}: speaker label(s) not mapped to a role: {names}. Map every label with "
            '--speakers, e.g. --speakers "P=interviewer,I=informant" (a label that is a '
            'person\'s name: replace it first, e.g. --replace "Budi=Peserta 1").'
        )
        self.file = file
        self.labels = labels
