"""WebVTT (.vtt) and SubRip (.srt) captions as a transcript.

Each cue becomes a paragraph that starts with its start time in brackets, then the speaker:
``[00:01:02.500] Budi: text``. A WebVTT voice (``<v Budi>``) names the speaker; consecutive cues
of one voice are one turn, so they are joined under the first cue's time (the original file,
copied beside the text, keeps every cue's times). Other cue markup (``<i>``, ``<c.x>``, inline
times) is dropped and character references are decoded. Notes, styles and regions are skipped.
"""

from __future__ import annotations

import html
import re

from egovcode.interchange.transcript.errors import TranscriptError
from egovcode.interchange.transcript.readers import Document

_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>")
_TAG = re.compile(r"</?[^>\n]*>|\{\\[^}\n]*\}")


def _blocks(text: str) -> list[list[str]]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _clean(text: str) -> str:
    lines = [html.unescape(_TAG.sub("", line)).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def read_vtt(text: str, name: str) -> Document:
    """A WebVTT file's cues, with voices as speakers."""
    blocks = _blocks(text)
    if not blocks or not blocks[0][0].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(f"{name} does not start with WEBVTT; is it a WebVTT file?")
    turns: list[tuple[str, str | None, str]] = []
    for block in blocks[1:]:
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        at = next((i for i, line in enumerate(block) if "-->" in line), None)
        timing = _TIMING.match(block[at]) if at is not None else None
        if at is None or timing is None:
            continue
        start = timing.group(1)
        payload = "\n".join(block[at + 1 :])
        for speaker, said in _voices(payload):
            said = _clean(said)
            if not said:
                continue
            last = turns[-1] if turns else None
            if last is not None and speaker is not None and last[1] == speaker:
                turns[-1] = (last[0], speaker, last[2] + "\n" + said)
            else:
                turns.append((start, speaker, said))
    labels = frozenset(s for _, s, _ in turns if s)
    paragraphs = [
        f"[{start}] {s}: {said}" if s else f"[{start}] {said}" for start, s, said in turns
    ]
    return Document("\n\n".join(paragraphs) + "\n", labels)


def _voices(payload: str) -> list[tuple[str | None, str]]:
    """The payload split at voice tags: (speaker or None, text)."""
    out: list[tuple[str | None, str]] = []
    speaker: str | None = None
    at = 0
    for match in _VOICE.finditer(payload):
        out.append((speaker, payload[at : match.start()]))
        speaker = html.unescape((match.group(1) or "").strip()) or None
        at = match.end()
    out.append((speaker, payload[at:]))
    return [(s, t) for s, t in out if t.strip()]


def read_srt(text: str) -> Document:
    """A SubRip file's cues; a speaker is whatever label the cue text starts with."""
    paragraphs = []
    for block in _blocks(text.lstrip("\ufeff")):
        at = next((i for i, line in enumerate(block) if "-->" in line), None)
        timing = _TIMING.match(block[at]) if at is not None else None
        if at is None or timing is None:
            continue
        said = _clean("\n".join(block[at + 1 :]))
        if said:
            paragraphs.append(f"[{timing.group(1)}] {said}")
    return Document("\n\n".join(paragraphs) + "\n")
