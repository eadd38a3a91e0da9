"""The long mutation fuzz: N mutants of the bundled project, every command on those that validate.

    nice -n 10 python benchmarks/fuzz.py --mutants 10000 --seed 14 --out fuzz-result.json

Each mutant changes one file of a copy of the bundled project (bytes, lines, indentation, values,
keys, references, YAML features; see tests/fuzzing.py) and runs ``validate``. When a mutant
validates and its mutated file holds data not seen before (and, with ``--commands-share``
below 1, for that share of such mutants) (a change to a comment or to spacing
gives the same data as an earlier mutant and the same behaviour of every later command), every
other command runs too (tally, cooccur, query, codebook, the three exports, render md/html/custom
template, agree, merge --dry-run). A command that exits other than 0, 1 or 2, or prints a
traceback, is a crash: its mutation and output are kept in the result file. Progress is written
to the result file every 100 mutants, so an interrupted run still reports what it covered.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzzing import KINDS, Mutation, check_mutant, make_project, project_files
from typer.testing import CliRunner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=Path("fuzz-result.json"))
    parser.add_argument(
        "--commands-share",
        type=float,
        default=1.0,
        help="share of the distinct validating mutants that also run every other command "
        "(1.0: all; lower it to fit a time budget on a busy machine)",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    runner = CliRunner()
    started = time.monotonic()
    exits: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    crashes: list[dict[str, object]] = []
    seen: set[str] = set()
    validated = commands_run = 0
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        root = make_project(tmp / "study")
        files = project_files(root)
        done = 0
        for done in range(1, args.mutants + 1):
            mutation = Mutation(rng.choice(files), rng.choice(KINDS), rng.random(), rng.random())
            kinds[mutation.kind] += 1
            path = root / mutation.file
            new = mutation.apply(path.read_text(encoding="utf-8"))
            key = hashlib.blake2b(f"{mutation.file}\0{_data(new)}".encode(), digest_size=16)
            fresh = key.hexdigest() not in seen and rng.random() < args.commands_share
            seen.add(key.hexdigest())
            first, others = check_mutant(runner, root, tmp, mutation, commands=fresh)
            exits[f"validate:{first.exit_code}"] += 1
            validated += first.exit_code == 0
            commands_run += len(others)
            for outcome in [first, *others]:
                if outcome.command[0] != "validate":
                    exits[f"command:{outcome.exit_code}"] += 1
                if not outcome.clean:
                    crashes.append(
                        {
                            "mutation": mutation.__repr__(),
                            "command": list(outcome.command),
                            "exit_code": outcome.exit_code,
                            "output": outcome.output[-3000:],
                        }
                    )
            if done % 100 == 0 or done == args.mutants:
                _write(args, done, validated, commands_run, exits, kinds, crashes, started)
        _write(args, done, validated, commands_run, exits, kinds, crashes, started)
    print(
        f"{done} mutants, {validated} validated, {commands_run} command runs, "
        f"{len(crashes)} crash(es)"
    )
    return 1 if crashes else 0


def _data(text: str) -> str:
    import yaml

    try:
        return repr(yaml.safe_load(text))
    except Exception:  # any parse problem: validate reports it; the data is "the text"
        return text


def _write(
    args: argparse.Namespace,
    done: int,
    validated: int,
    commands_run: int,
    exits: Counter[str],
    kinds: Counter[str],
    crashes: list[dict[str, object]],
    started: float,
) -> None:
    result = {
        "seed": args.seed,
        "mutants_planned": args.mutants,
        "mutants_done": done,
        "commands_share": args.commands_share,
        "validated": validated,
        "command_runs": commands_run,
        "exit_codes": dict(sorted(exits.items())),
        "mutation_kinds": dict(sorted(kinds.items())),
        "crashes": crashes,
        "seconds": round(time.monotonic() - started, 1),
    }
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
