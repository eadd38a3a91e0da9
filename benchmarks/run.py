"""Corpus-scale benchmark: build a synthetic project and time the main commands.

    python benchmarks/run.py [--excerpts 100000] [--cases 10] [--keep DIR]

It writes a project of ``--cases`` case files holding ``--excerpts`` excerpts in all, coded with
the bundled Indrajit codebook, then times ``validate``, ``tally``, ``export sqlite``, ``render``
and the start-up of ``egovcode --version`` in fresh processes (best of three; render once).
Figures go to stdout as a Markdown table; docs/performance.md records a run. Nothing here runs in
the test suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODES = [
    "APP.PORTAL",
    "APP.SUPERAPP",
    "COMP.RECRUIT",
    "COMP.TRAINING",
    "CONN.INTRANET",
    "CONN.PDN",
    "REG.LOCAL",
    "REG.SOP",
    "CIT.APPS",
    "CAP.OWN",
    "GOAL.USE",
    "GOAL.SATISF",
]
VALENCES = ["supporting", "inhibiting", "neutral"]


def build(root: Path, excerpts: int, cases: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    (root / "codebooks").mkdir(parents=True)
    (root / "cases").mkdir()
    shutil.copy(REPO / "codebooks" / "indrajit.yaml", root / "codebooks" / "indrajit.yaml")
    per_case = excerpts // cases
    for c in range(cases):
        lines = [
            "case:",
            f"  id: case{c:03d}",
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
        for e in range(per_case):
            codes = rng.sample(CODES, rng.randint(1, 3))
            lines += [
                f"  - id: c{c}-e{e}",
                f"    source: c{c}-s{rng.randrange(20)}",
                f"    locator: hal. {rng.randint(1, 200)}",
                "    text: Pemerintah daerah mengembangkan layanan digital untuk masyarakat "
                f"dengan nomor {e}.",
                f"    translations: {{en: The local government develops digital service {e}.}}",
                f"    codes: [{', '.join(codes)}]",
                f"    valence: {rng.choice(VALENCES)}",
            ]
        (root / "cases" / f"case{c:03d}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def best_of(cmd: list[str], cwd: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="egovcode-bench-"))
    if root.exists() and any(root.iterdir()):
        shutil.rmtree(root)
    build(root, args.excerpts, args.cases)
    size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
    exe = [sys.executable, "-m", "egovcode"]
    rows = [
        ("python -c pass (bare interpreter)", best_of([sys.executable, "-c", "pass"], root)),
        ("egovcode --version", best_of([*exe, "--version"], root)),
        ("egovcode validate", best_of([*exe, "validate", "-q"], root)),
        ("egovcode tally --format json", best_of([*exe, "tally", "--format", "json"], root)),
        (
            "egovcode export sqlite",
            best_of([*exe, "export", "sqlite", "-o", "b.db", "--force"], root),
        ),
        ("egovcode render --format html", best_of([*exe, "render", "--format", "html"], root, 1)),
    ]
    print(f"corpus: {args.excerpts:,} excerpts in {args.cases} case files, {size / 2**20:.1f} MiB")
    print("\n| command | seconds (best of 3) |\n| --- | ---: |")
    for name, seconds in rows:
        print(f"| `{name}` | {seconds:.2f} |")
    if args.keep is None:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
