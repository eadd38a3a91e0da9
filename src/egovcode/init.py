"""Starting a new project: a config, the default codebook and an example case file."""

from __future__ import annotations

import json
from pathlib import Path

from egovcode.load.project import default_codebook_path
from egovcode.output import check_writable, write_atomic

CONFIG = """\
# egovcode project settings; every key is optional.
title:
  en: {title}
  id: {title}
codebook: codebooks/indrajit.yaml   # the codebook file
cases: ["cases/*.yaml"]             # case files (globs, relative to this folder)
codings: ["codings/*/*.yaml"]       # independent coders' files: codings/<coder>/<case>.yaml
languages: [en, id]                 # languages every label and definition must exist in
lang: en                            # default language of output
pseudonymise: false                 # replace informant roles with Informant 1, 2, ... in output
"""

EXAMPLE_CASE = """\
# A FICTIONAL example case ("Contoh" means "example"): its government, interview and numbers are
# invented to show the format. Replace it with your own cases, or delete it.
# One case per file. Informants are named by role, never by name.
case:
  id: example
  name: Pemerintah Kabupaten Contoh
  name_en: Example Regency Government
  type: kabupaten            # kota | kabupaten | provinsi | kementerian | lembaga | desa | other
  province: Jawa Timur
indices:                     # published scores, e.g. IPP, SPBE, IKM
  - name: SPBE
    year: 2023
    value: 2.5
    predicate: cukup
    source: Kementerian PANRB
sources:
  - id: int-01
    kind: interview          # interview | document | online | observation
    citation: Interview with the head of the communication and informatics office.
    informant_role: Kepala Dinas Kominfo
    date: "2024-05"
excerpts:
  - id: ex-001
    source: int-01
    locator: "transcript, 00:12:30"
    text: Semua layanan kini dapat diakses melalui satu aplikasi.
    translations:
      en: All services can now be reached through one app.
    codes: [APP]
    valence: supporting      # supporting | inhibiting | neutral
    form: quote              # quote (the source's own words) | paraphrase (the default)
    memo:                    # plain text, or one text per language
      en: An analyst's note.
      id: Catatan analis.
"""


def init_project(root: Path, *, title: str = "My case study", force: bool = False) -> list[Path]:
    """Write a new project's files under ``root``; returns the files written.

    Without ``force`` an existing file stops everything. With ``force`` only ``egovcode.yaml`` and
    the JSON Schemas are rewritten: a codebook that exists is kept (it may hold the user's edits),
    and the example case is written only into a project that has no case file yet, so it never
    comes back as an extra case in a study that removed it.

    Each YAML file starts with a ``yaml-language-server`` comment naming its JSON Schema, which
    is written under ``.egovcode/schemas/``, so editors complete and check it as you type.
    """
    from egovcode.schemas import SCHEMA_DIR, modeline, schema_text

    config = root / "egovcode.yaml"
    codebook = root / "codebooks" / "indrajit.yaml"
    example = root / "cases" / "example.yaml"
    files = {
        config: modeline(f"{SCHEMA_DIR}/config.json")
        + CONFIG.format(title=json.dumps(title, ensure_ascii=False)),
        codebook: modeline(f"../{SCHEMA_DIR}/codebook.json")
        + default_codebook_path().read_text("utf-8"),
        example: modeline(f"../{SCHEMA_DIR}/case.json") + EXAMPLE_CASE,
    }
    for name in ("config", "codebook", "case", "coder"):
        files[root / SCHEMA_DIR / f"{name}.json"] = schema_text(name)
    for path in files:
        check_writable(path, force=force)
    if force:
        if codebook.exists() or codebook.is_symlink():
            del files[codebook]
        cases = root / "cases"
        if cases.is_dir() and any(cases.glob("*.y*ml")):
            del files[example]
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text, force=force)
        written.append(path)
    (root / "templates").mkdir(exist_ok=True)
    return written
