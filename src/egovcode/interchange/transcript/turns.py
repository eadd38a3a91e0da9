"""Turn detection on a frozen transcript text: header fields, speaker turns and their units.

Detection runs on the canonical text itself, so every position is already a span of the file.

* A turn starts at a line-initial speaker marker: ``Label:``, ``**Label:**``, ``[Label]``, a
  timestamp followed by one of these (``[00:01:02] Label:``, ``00:03:40.5 Label:``), or a label
  the file's format marks (a WebVTT voice, a bold run or the speaker column of a .docx).
* A plain ``Label:`` is 1-4 words and at most 40 characters, without sentence punctuation, and it
  must be followed by a space or the end of the line: a clock time (``10:30``) or a URL
  (``https://``) never starts a turn. A plain label that occurs once and is not mapped by
  ``--speakers`` is read as text (``Jadi begini: ...``), not as a speaker.
  ``[Label]`` starts with a capital letter, so ``[tertawa]`` or ``[inaudible]`` stay text.
* Continuation lines and blank lines stay in the turn. A line that starts with a timestamp and no
  label continues the turn, but the timestamp is cut out: the unit ends before it.
* Lines before the first turn whose label is a known header key (``Tanggal``, ``Pewawancara``,
  ...) and that does not recur as a speaker are header fields.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from egovcode.interchange.transcript.errors import LabelUse, TranscriptError, UnmappedLabelsError

#: Header keys (case-insensitive), Indonesian and English, and the field each one fills.
HEADER_KEYS = {
    **dict.fromkeys(("tanggal", "tanggal wawancara", "hari/tanggal", "date"), "date"),
    **dict.fromkeys(("interview date", "tgl", "tgl."), "date"),
    **dict.fromkeys(("pewawancara", "interviewer", "peneliti", "researcher"), "interviewer"),
    **dict.fromkeys(("lokasi", "tempat", "location", "place", "venue"), "location"),
    **dict.fromkeys(("media", "mode", "metode", "medium"), "mode"),
    **dict.fromkeys(("informan", "narasumber", "responden", "informant"), "informant"),
    **dict.fromkeys(("interviewee", "participant", "partisipan"), "informant"),
    **dict.fromkeys(("jabatan", "role", "position", "posisi", "peran"), "role"),
    **dict.fromkeys(("durasi", "duration", "lama wawancara"), "duration"),
    **dict.fromkeys(("waktu", "time", "pukul", "jam"), "time"),
    **dict.fromkeys(("transkrip oleh", "transkriptor", "transcriber"), "transcriber"),
    **dict.fromkeys(("transcribed by",), "transcriber"),
    **dict.fromkeys(("instansi", "institution", "organisasi", "organization"), "institution"),
}  # fmt: skip

_STAMP_BODY = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:-\d)?"
_STAMP = re.compile(
    rf"(?:\[(?P<a>{_STAMP_BODY})\]|\((?P<b>{_STAMP_BODY})\)|\{{(?P<c>{_STAMP_BODY})\}}"
    rf"|#(?P<d>{_STAMP_BODY})#|(?P<e>{_STAMP_BODY}))[ \t]*"
)
_BARE_STAMP_ONLY = re.compile(r"\d{1,2}:\d{2}:\d{2}")
_BOLD = re.compile(r"\*\*(?P<l>[^*\n]{1,80}?)(?::\*\*|\*\*[ \t]*:)(?=\s|$)")
_BRACKET = re.compile(r"\[(?P<l>[^\]\n]{1,40})\]:?(?=\s|$)")
_COLON = re.compile(r"[#@]?(?P<l>[^\s:#@*\[][^:\n]{0,79}?)[ \t]*:(?=[ \t]|$)")
_NOT_IN_LABEL = re.compile(r"[,;!?\"“”()<>=*]")
_SCHEMES = {"http", "https", "ftp", "mailto", "file", "www"}
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Marker:
    """A line-initial speaker marker (or a bare timestamp when ``label`` is None)."""

    line: int  # 1-based
    start: int  # offset of the line
    body: int  # offset where the utterance starts
    label: str | None
    stamp: str | None
    form: str  # colon, bold, bracket, format, stamp


@dataclass(slots=True)
class Turn:
    """One speaker turn; ``units`` are the spans that become excerpts (without any timestamp)."""

    number: int
    line: int
    label: str | None
    role: str | None
    stamp: str | None
    start: int
    end: int
    units: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Transcript:
    """A frozen text read as a transcript."""

    text: str
    header: dict[str, tuple[str, int]]  # field -> (value, line)
    turns: list[Turn]
    unused_speakers: list[str] = field(default_factory=list)


def _stamp_of(match: re.Match[str]) -> str:
    return next(g for g in match.group("a", "b", "c", "d", "e") if g)


def _plain_label(label: str) -> bool:
    words = label.split()
    return (
        0 < len(words) <= 4
        and len(label) <= 40
        and any(ch.isalpha() for ch in label)
        and not _NOT_IN_LABEL.search(label)
        and label.casefold() not in _SCHEMES
        and not label.endswith(".")
    )


def _marker(line: str, number: int, start: int, explicit: tuple[str, ...]) -> Marker | None:
    at = 0
    stamp: str | None = None
    found = _STAMP.match(line)
    if found:
        stamp, at = _stamp_of(found), found.end()
    rest = line[at:]
    for label in explicit:
        if rest.startswith(label) and rest[len(label) :].startswith(":"):
            body = at + len(label) + 1
            return Marker(number, start, start + body, label, stamp, "format")
    for form, pattern in (("bold", _BOLD), ("bracket", _BRACKET), ("colon", _COLON)):
        m = pattern.match(rest)
        if not m:
            continue
        label = m.group("l").strip()
        if form == "bracket" and (
            _STAMP.fullmatch(m.group(0).rstrip(":")) or not label[0].isupper()
        ):
            continue
        if form != "colon" or _plain_label(label):
            return Marker(number, start, start + at + m.end(), label, stamp, form)
    if stamp is not None and (found and (line[0] in "[({#" or _BARE_STAMP_ONLY.match(line))):
        return Marker(number, start, start + at, None, stamp, "stamp")
    return None


def _markers(text: str, explicit: frozenset[str]) -> list[Marker]:
    ordered = tuple(sorted(explicit, key=lambda label: (-len(label), label)))
    out = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        found = _marker(line, number, offset, ordered)
        if found is not None:
            out.append(found)
        offset += len(line) + 1
    return out


def _role(label: str, speakers: dict[str, str]) -> str | None:
    if label in speakers:
        return speakers[label]
    folded = {k.casefold(): v for k, v in speakers.items()}
    return folded.get(label.casefold())


def detect(
    text: str,
    *,
    explicit: frozenset[str] = frozenset(),
    speakers: dict[str, str] | None = None,
    unit: str = "turn",
    name: str = "transcript",
) -> Transcript:
    """Header, turns and units of ``text``; raises when labels are unmapped or none are found."""
    speakers = speakers or {}
    found = _markers(text, explicit)
    counts = Counter(m.label for m in found if m.label is not None)

    def is_turn(m: Marker) -> bool:
        if m.label is None:
            return False
        if m.form != "colon" or m.stamp is not None:
            return True
        return counts[m.label] >= 2 or _role(m.label, speakers) is not None

    header: dict[str, tuple[str, int]] = {}
    markers: list[Marker] = []
    started = False
    for m in found:
        key = HEADER_KEYS.get((m.label or "").casefold())
        if (
            not started
            and key is not None
            and m.form == "colon"
            and m.stamp is None
            and counts[m.label or ""] == 1
            and _role(m.label or "", speakers) is None
        ):
            eol = text.find("\n", m.body)
            value = text[m.body : eol if eol >= 0 else len(text)].strip()
            if value:
                header.setdefault(key, (value, m.line))
            continue
        if is_turn(m):
            started = True
            markers.append(m)
        elif m.label is None and started:
            markers.append(m)  # a bare timestamp inside a turn
    turns = _turns(text, markers, speakers)
    if not turns:
        if unit != "paragraph":
            once = sorted({m.label for m in found if m.label and not is_turn(m)} - {None})
            hint = (
                f" Lines that might be labels (each used once): {', '.join(once)}." if once else ""
            )
            raise TranscriptError(
                f"{name}: no speaker turns found (a turn starts with a label such as `P:` or "
                f"`[Informan]` at the start of a line).{hint} Map the labels with --speakers, or "
                "import every paragraph as an excerpt with --unit paragraph."
            )
        last = max((line for _, line in header.values()), default=0)
        start = line_start(text, last + 1) if header else 0
        turns = [Turn(1, last + 1, None, None, None, start, len(text))]
    unmapped = [t for t in turns if t.label is not None and t.role is None]
    if unmapped:
        raise UnmappedLabelsError(name, _label_uses(text, unmapped))
    stamps = [m for m in markers if m.label is None]
    starts = [m.start for m in stamps]
    for turn in turns:
        cuts = stamps[bisect_left(starts, turn.start) : bisect_left(starts, turn.end)]
        turn.units = _units(text, turn, cuts, unit)
    used = {t.label.casefold() for t in turns if t.label}
    unused = sorted(k for k in speakers if k.casefold() not in used)
    return Transcript(text, header, turns, unused)


def line_start(text: str, line: int) -> int:
    """The offset of the start of 1-based ``line`` (the end of the text past the last line)."""
    offset = 0
    for _ in range(line - 1):
        found = text.find("\n", offset)
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


def _turns(text: str, markers: list[Marker], speakers: dict[str, str]) -> list[Turn]:
    labelled = [m for m in markers if m.label is not None]
    turns = []
    for i, m in enumerate(labelled):
        end = labelled[i + 1].start if i + 1 < len(labelled) else len(text)
        assert m.label is not None
        turns.append(Turn(i + 1, m.line, m.label, _role(m.label, speakers), m.stamp, m.body, end))
    return turns


def _units(text: str, turn: Turn, cuts: list[Marker], unit: str) -> list[tuple[int, int]]:
    """The turn's text in pieces without the timestamps ``cuts`` (and, per paragraph, without
    blank lines)."""
    pieces: list[tuple[int, int]] = []
    at = turn.start
    for m in cuts:
        pieces.append((at, m.start))
        at = m.body
    pieces.append((at, turn.end))
    if unit == "paragraph":
        split = []
        for s, e in pieces:
            last = s
            for blank in _BLANK_LINES.finditer(text, s, e):
                split.append((last, blank.start()))
                last = blank.end()
            split.append((last, e))
        pieces = split
    out = []
    for s, e in pieces:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def _label_uses(text: str, turns: list[Turn]) -> list[LabelUse]:
    first: dict[str, Turn] = {}
    counts: Counter[str] = Counter()
    for t in turns:
        assert t.label is not None
        counts[t.label] += 1
        first.setdefault(t.label, t)
    out = []
    for label, t in sorted(first.items(), key=lambda kv: kv[1].line):
        said = " ".join(text[t.start : t.end].split())
        example = said if len(said) <= 60 else said[:59] + "…"
        out.append(LabelUse(label, counts[label], t.line, example))
    return out
