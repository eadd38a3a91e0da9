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


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """The file's blocks (separated by blank lines) as (line number, line) pairs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


#: A cue time: ``[hh:]mm:ss.ttt`` (WebVTT) or ``hh:mm:ss,ttt`` (SubRip); hours may have any
#: number of digits, the fraction 1 to 3 (some tools write fewer).
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")


def _timing(name: str, number: int, line: str) -> str | None:
    """The cue's start time from its timing line (None when the line is no timing line); a time
    that is not one (``99:99:99``, seconds of 60 or more, an end before the start) is an error
    naming the file and line."""
    timing = _TIMING.match(line)
    if timing is None:
        return None
    seconds = []
    for stamp in timing.group(1, 2):
        m = _TIME.match(stamp)
        if m is None:
            raise TranscriptError(
                f"{name}, line {number}: {stamp!r} is not a cue time; write hh:mm:ss.ttt "
                "(WebVTT) or hh:mm:ss,ttt (SubRip)."
            )
        hours, minutes, secs = int(m[1] or 0), int(m[2]), int(m[3])
        if minutes >= 60 or secs >= 60:
            raise TranscriptError(
                f"{name}, line {number}: the cue time {stamp!r} does not exist: minutes and "
                "seconds go from 00 to 59."
            )
        seconds.append(hours * 3600 + minutes * 60 + secs + float(f"0.{m[4] or 0}"))
    if seconds[1] < seconds[0]:
        raise TranscriptError(
            f"{name}, line {number}: the cue ends ({timing.group(2)}) before it starts "
            f"({timing.group(1)})."
        )
    return timing.group(1)


def _clean(text: str) -> str:
    lines = [html.unescape(_TAG.sub("", line)).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def read_vtt(text: str, name: str) -> Document:
    """A WebVTT file's cues, with voices as speakers."""
    blocks = _blocks(text)
    if not blocks or not blocks[0][0][1].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError(f"{name} does not start with WEBVTT; is it a WebVTT file?")
    turns: list[tuple[str, str | None, str]] = []
    for block in blocks[1:]:
        if block[0][1].startswith(("NOTE", "STYLE", "REGION")):
            continue
        at = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
        start = _timing(name, *block[at]) if at is not None else None
        if at is None or start is None:
            continue
        payload = "\n".join(line for _, line in block[at + 1 :])
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


def read_srt(text: str, name: str = "the SubRip file") -> Document:
    """A SubRip file's cues; a speaker is whatever label the cue text starts with."""
    paragraphs = []
    for block in _blocks(text.lstrip("\ufeff")):
        at = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
        start = _timing(name, *block[at]) if at is not None else None
        if at is None or start is None:
            continue
        said = _clean("\n".join(line for _, line in block[at + 1 :]))
        if said:
            paragraphs.append(f"[{start}] {said}")
    return Document("\n\n".join(paragraphs) + "\n")
