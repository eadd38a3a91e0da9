"""A generated project for measuring `egovcode suggest`: thousands of coded excerpts.

    python benchmarks/suggest_corpus.py OUT [--excerpts 3000] [--cases 6] [--seed 11]

Each excerpt is coded with one or two leaf codes of the repository's codebook. Its Indonesian text
mixes everyday filler words with words drawn from its codes' Indonesian definitions and
inclusion criteria; one of a code's keywords appears in only about a third of its excerpts, and
one excerpt in ten mentions a keyword of a code it is *not* coded with. One excerpt in twenty
carries a wrong code, as careless coding would. So neither coder can be perfect, and the model
has something to learn beyond the keywords. docs/suggest.md records `suggest --evaluate` on it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
FILLER = [
    *[
        "pemerintah",
        "daerah",
        "tahun",
        "kota",
        "kabupaten",
        "warga",
        "dinas",
        "program",
        "kegiatan",
        "pelaksanaan",
    ],
    *[
        "upaya",
        "kemudian",
        "selain",
        "itu",
        "menurut",
        "bahwa",
        "dalam",
        "untuk",
        "dengan",
        "pada",
        "oleh",
        "telah",
        "akan",
    ],
    *[
        "masih",
        "sudah",
        "juga",
        "karena",
        "sehingga",
        "namun",
        "serta",
        "yaitu",
        "bagian",
        "hasil",
        "kondisi",
        "proses",
    ],
]
STOP = {
    *[
        "dan",
        "yang",
        "di",
        "ke",
        "dari",
        "atau",
        "bagi",
        "para",
        "satu",
        "tidak",
        "dalam",
        "untuk",
        "dengan",
        "pada",
        "oleh",
    ]
}


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in STOP]


def _inclusion(code: dict[str, Any]) -> str:
    return str(code.get("inclusion", {}).get("id", ""))


def build(root: Path, excerpts: int, cases: int, seed: int) -> None:
    rng = random.Random(seed)
    codebook_path = REPO / "codebooks" / "indrajit.yaml"
    codebook = yaml.safe_load(codebook_path.read_text(encoding="utf-8"))
    codes = codebook["codes"]
    parents = {c.get("parent") for c in codes}
    leaves = [c for c in codes if c["id"] not in parents and c.get("parent")]
    vocab = {
        c["id"]: sorted(set(words(c.get("definition", {}).get("id", "") + " " + _inclusion(c))))
        for c in leaves
    }
    keywords = {c["id"]: c.get("keywords", {}).get("id", []) for c in leaves}
    ids = sorted(vocab)
    (root / "codebooks").mkdir(parents=True, exist_ok=True)
    (root / "cases").mkdir(exist_ok=True)
    shutil.copy(codebook_path, root / "codebooks" / "indrajit.yaml")
    per_case = excerpts // cases
    for c in range(cases):
        lines = [
            f"case: {{id: case{c:02d}, name: Kabupaten {c:02d}, type: kabupaten}}",
            "language: id",
            "sources:",
            "  - {id: doc, kind: document, citation: Generated document}",
            "excerpts:",
        ]
        for i in range(per_case):
            chosen = rng.sample(ids, rng.choice([1, 1, 1, 2]))
            text = [rng.choice(FILLER) for _ in range(rng.randint(10, 25))]
            for code in chosen:
                if vocab[code]:
                    text += rng.sample(vocab[code], min(len(vocab[code]), rng.randint(2, 4)))
                if keywords[code] and rng.random() < 0.35:
                    text.append(rng.choice(keywords[code]))
            if rng.random() < 0.10:
                other = rng.choice([k for k in ids if k not in chosen])
                if keywords[other]:
                    text.append(rng.choice(keywords[other]))
            rng.shuffle(text)
            coded = list(chosen)
            if rng.random() < 0.05:
                coded[0] = rng.choice(ids)
            lines += [
                f"  - id: c{c:02d}-{i:05d}",
                "    source: doc",
                f"    text: {json.dumps(' '.join(text).capitalize() + '.', ensure_ascii=False)}",
                f"    codes: [{', '.join(sorted(set(coded)))}]",
            ]
        (root / "cases" / f"case{c:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "egovcode.yaml").write_text("codebook: codebooks/indrajit.yaml\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--excerpts", type=int, default=3000)
    parser.add_argument("--cases", type=int, default=6)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    build(args.out, args.excerpts, args.cases, args.seed)
    print(f"wrote {args.excerpts // args.cases * args.cases} excerpts to {args.out}")


if __name__ == "__main__":
    main()
