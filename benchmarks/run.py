"""Corpus-scale benchmark: build a synthetic project and measure every command against a floor.

    python benchmarks/run.py [--excerpts 100000] [--per-case 1000] [--pairs 3] [--keep DIR]
                             [--only validate,tally] [--build-only]

It writes a project of ``--excerpts`` excerpts (``--per-case`` per case file; texts of 100-800
characters, 1-4 codes with sub-codes, valences, sources with roles, memos, 2% uncoded excerpts and
three coders who partly disagree), then runs each command in a fresh process, paired with the
floor it is compared against, and prints one Markdown table:

- **CPU time, not wall time**: the user + system seconds of the child process (``os.wait4``), so
  other work on a shared machine inflates the figures far less than it inflates wall time.
- **The floor** is PyYAML's C loader reading the same files in the same run, ``yaml.load(f,
  Loader=yaml.CSafeLoader)`` for every case file and every coder file (every command reads both);
  start-up commands, and ``validate`` of a copy of the bundled project, are compared with a bare
  ``python -c pass``. Each command runs ``--pairs`` times
  interleaved with its floor; the ratio is the median of the per-pair ratios.
- **Peak memory** is the child's maximum resident set size, also from ``os.wait4``.
- **Bytecode**: egovcode's modules are compiled once first and the children may write and use
  bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), as after ``pip
  install``; otherwise every run would compile egovcode's modules again.
- **Cold** runs start with an empty cache (``egovcode cache clear`` first), **warm** runs follow a
  run that filled it, with no file changed.

Run it niced and in the background on a shared machine; nothing here runs in the unit tests.
docs/performance.md records the figures with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODES = [
    "APP.PORTAL",
    "APP.SUPERAPP",
    "APP.STAFF",
    "COMP.RECRUIT",
    "COMP.TRAINING",
    "COMP.LITERACY",
    "CONN.INTRANET",
    "CONN.PDN",
    "CONN.SPLP",
    "REG.LOCAL",
    "REG.SOP",
    "CIT.APPS",
    "CIT.IMPROVE",
    "CAP.OWN",
    "GOAL.USE",
    "GOAL.SATISF",
    "GOAL.QUALITY",
    "APP",
    "COMP",
    "REG",
]
VALENCES = ["supporting", "inhibiting", "neutral"]
CODERS = ["ana", "budi", "citra"]
WORDS = [
    *("pemerintah", "daerah", "layanan", "digital", "masyarakat", "aplikasi", "pegawai"),
    *("pelatihan", "jaringan", "data", "kebijakan", "anggaran", "inovasi", "portal"),
    *("informasi", "publik", "kepala", "dinas", "bupati", "warga", "pengaduan"),
]


def _text(rng: random.Random) -> str:
    target = rng.randint(100, 800)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words).capitalize() + "."


def build(root: Path, excerpts: int, per_case: int, seed: int = 7) -> None:
    """Write the synthetic project: config, codebook, case files and three coders' files."""
    rng = random.Random(seed)
    (root / "codebooks").mkdir(parents=True)
    (root / "cases").mkdir()
    for coder in CODERS:
        (root / "codings" / coder).mkdir(parents=True)
    shutil.copy(REPO / "codebooks" / "indrajit.yaml", root / "codebooks" / "indrajit.yaml")
    (root / "egovcode.yaml").write_text("codebook: codebooks/indrajit.yaml\n", "utf-8")
    cases = max(1, excerpts // per_case)
    for c in range(cases):
        n = per_case if c < cases - 1 else excerpts - per_case * (cases - 1)
        lines = [
            "case:",
            f"  id: case{c:04d}",
            f"  name: Kabupaten Sintetis {c}",
            "  type: kabupaten",
            "  province: Jawa Timur",
            "sources:",
        ]
        for s in range(20):
            kind = ["interview", "document", "online"][s % 3]
            lines += [f"  - id: c{c}-s{s}", f"    kind: {kind}", f"    citation: Sumber {s}."]
            if kind == "interview":
                lines.append(f"    informant_role: Pejabat dinas {s}")
        lines.append("excerpts:")
        coded: dict[str, list[str]] = {}
        for e in range(n):
            eid = f"c{c}-e{e}"
            codes = [] if rng.random() < 0.02 else rng.sample(CODES[:17], rng.randint(1, 4))
            coded[eid] = codes
            lines += [
                f"  - id: {eid}",
                f"    source: c{c}-s{rng.randrange(20)}",
                f"    locator: hal. {rng.randint(1, 200)}",
                f"    text: {_text(rng)}",
                f"    codes: [{', '.join(codes)}]",
            ]
            if codes:
                lines.append(f"    valence: {rng.choice(VALENCES)}")
            if rng.random() < 0.2:
                lines.append(f"    memo: Catatan analitis nomor {e}.")
        (root / "cases" / f"case{c:04d}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        for coder in CODERS:
            out = [f"coder: {coder}", f"case: case{c:04d}", "codings:"]
            for eid, codes in coded.items():
                mine = list(codes)
                if rng.random() < 0.15:  # a partial disagreement
                    mine = [*mine[:-1], rng.choice(CODES[:17])] if mine else [rng.choice(CODES)]
                mine = list(dict.fromkeys(mine))
                out.append(
                    f"  {eid}: {{codes: [{', '.join(mine)}], valence: {rng.choice(VALENCES)}}}"
                )
            (root / "codings" / coder / f"case{c:04d}.yaml").write_text(
                "\n".join(out) + "\n", "utf-8"
            )


@dataclass
class Run:
    cpu: float
    rss_mb: float
    code: int


#: The children's environment: bytecode is written and used, as after ``pip install`` (a shell
#: with PYTHONDONTWRITEBYTECODE would otherwise compile egovcode's modules on every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], cwd: Path) -> Run:
    """CPU seconds (user + system) and peak RSS of one child process."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


FLOOR_FILES = (
    "import glob, yaml\n"
    "data = [yaml.load(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)"
    " for f in sorted(glob.glob('cases/*.yaml') + glob.glob('codings/*/*.yaml'))]\n"
)


@dataclass
class Row:
    name: str
    argv: list[str]
    floor: str  # "pass" or "files" (every case and coder file)
    warm: bool = False
    goal: float | None = None  # ratio goal (CPU) against the floor
    goal_note: str = ""
    bundled: bool = False  # run in a copy of the bundled project instead of the corpus


def rows(exe: list[str]) -> list[Row]:
    return [
        Row("egovcode --version", [*exe, "--version"], "pass", goal=3),
        Row("egovcode --help", [*exe, "--help"], "pass", goal=6),
        Row(
            "validate -q of the bundled project (cold)",
            [*exe, "validate", "-q"],
            "pass",
            goal=6,
            bundled=True,
        ),
        Row(
            "validate -q of the bundled project (warm)",
            [*exe, "validate", "-q"],
            "pass",
            warm=True,
            goal=6,
            bundled=True,
        ),
        Row("validate -q (cold)", [*exe, "validate", "-q"], "files", goal=0.5),
        Row("validate -q (warm)", [*exe, "validate", "-q"], "files", warm=True, goal=0.1),
        Row("validate -q (no cache)", [*exe, "--no-cache", "validate", "-q"], "files", goal=0.5),
        Row("validate (cold, showing the info notes)", [*exe, "validate"], "files"),
        Row("tally (cold)", [*exe, "tally"], "files", goal=0.6),
        Row("tally (warm)", [*exe, "tally"], "files", warm=True, goal=0.1),
        Row("tally --by valence (cold)", [*exe, "tally", "--by", "valence"], "files", goal=0.6),
        Row("cooccur (cold)", [*exe, "cooccur"], "files", goal=0.6),
        Row("query --code APP (cold)", [*exe, "query", "--code", "APP"], "files", goal=0.6),
        Row(
            "export csv (cold)",
            [*exe, "export", "csv", "-o", "out.csv", "--force"],
            "files",
            goal=0.6,
        ),
        Row(
            "export sqlite (cold)",
            [*exe, "export", "sqlite", "-o", "out.db", "--force"],
            "files",
            goal=0.6,
        ),
        Row(
            "render md (cold)",
            [*exe, "render", "-o", "out.md", "--force"],
            "files",
            goal_note="≤ 1.5× tally",
        ),
        Row(
            "render html (cold)",
            [*exe, "render", "--format", "html", "-o", "out.html", "--force"],
            "files",
            goal_note="≤ 1.5× tally",
        ),
        Row("agree, 3 coders (cold)", [*exe, "agree"], "files", goal_note="≤ 1.5× tally"),
        Row("agree, 3 coders (warm)", [*exe, "agree"], "files", warm=True),
    ]


def corpus_bytes(root: Path, which: str = "files") -> int:
    files = list(root.glob("cases/*.yaml"))
    if which == "files":
        files += list(root.glob("codings/*/*.yaml"))
    return sum(p.stat().st_size for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--per-case", type=int, default=1_000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="build (or reuse) here")
    parser.add_argument("--only", default="", help="comma-separated words a row must contain")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="egovcode-bench-"))
    if not (root / "cases").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        build(root, args.excerpts, args.per_case)
    if args.build_only:
        print(root)
        return 0
    bundled = root.parent / f"{root.name}-bundled"
    if not bundled.is_dir():
        for name in ("cases", "codings", "codebooks", "templates", "texts"):
            if (REPO / name).is_dir():
                shutil.copytree(REPO / name, bundled / name)
    # compiled once, as pip does on install
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "egovcode")],
        env=ENV,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    exe = [sys.executable, "-m", "egovcode"]
    floors = {
        "pass": [sys.executable, "-c", "pass"],
        "files": [sys.executable, "-c", FLOOR_FILES],
    }
    clear = [*exe, "cache", "clear"]
    only = [w for w in args.only.split(",") if w]
    print(
        f"corpus: {args.excerpts:,} excerpts in {len(list(root.glob('cases/*.yaml')))} case "
        f"files ({corpus_bytes(root, 'cases') / 1e6:.1f} MB), coder files "
        f"{(corpus_bytes(root) - corpus_bytes(root, 'cases')) / 1e6:.1f} MB; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}",
        flush=True,
    )
    print(
        "\n| command | CPU s (median) | floor CPU s | ratio | goal | peak RSS MB | RSS / corpus "
        "| met? |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        flush=True,
    )
    tally_cpu: float | None = None
    for row in rows(exe):
        if only and not any(w in row.name for w in only):
            continue
        ratios, cpus, floor_cpus, peaks = [], [], [], []
        where = bundled if row.bundled else root
        for _ in range(args.pairs):
            measure(clear, where)
            if row.warm:
                measure(row.argv, where)  # fills the cache
            run = measure(row.argv, where)
            floor = measure(floors[row.floor], where)
            cpus.append(run.cpu)
            floor_cpus.append(floor.cpu)
            peaks.append(run.rss_mb)
            ratios.append(run.cpu / max(floor.cpu, 1e-3))
        ratio = statistics.median(ratios)
        cpu = statistics.median(cpus)
        peak = max(peaks)
        per_corpus = (
            "—" if row.floor == "pass" else f"{peak * 2**20 / corpus_bytes(root, row.floor):.1f}×"
        )
        if row.name == "tally (cold)":
            tally_cpu = cpu
        goal, met = "—", ""
        if row.goal is not None:
            goal = f"≤ {row.goal}×"
            met = "met" if ratio <= row.goal else f"missed by {ratio / row.goal:.1f}×"
        elif row.goal_note and tally_cpu:
            goal = row.goal_note
            share = cpu / tally_cpu
            met = f"{share:.2f}× tally: " + ("met" if share <= 1.5 else "missed")
        print(
            f"| `{row.name}` | {cpu:.2f} | {statistics.median(floor_cpus):.2f} | {ratio:.2f}× "
            f"| {goal} | {peak:.0f} | {per_corpus} | {met} |",
            flush=True,
        )
    if args.keep is None:
        shutil.rmtree(root)
        shutil.rmtree(bundled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
