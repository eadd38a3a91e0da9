"""The registry of every diagnostic code: stable, never reused, each with a title, hint and example.

The docs page ``docs/diagnostics.md`` is generated from this table (``python -m egovcode.check.docs``).
Codes are grouped: ``EGC0xx`` reading files, ``EGC1xx`` file structure, ``EGC2xx`` cross-references,
``EGC3xx`` the project, ``EGC4xx`` codebook lint, ``EGC5xx`` agreement tables, ``EGC6xx`` coder files,
``EGC70x``–``EGC71x`` source texts, spans and transcript import, ``EGC72x``–``EGC73x`` refusals of
the coding commands (``excerpt add``, ``code``, ``codings init``), ``EGC74x``–``EGC75x`` refusals of
the workbench's saves (``egovcode serve``), ``EGC8xx`` REFI-QDA import and export.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    slug: str
    severity: str
    title: str
    hint: str
    example: str


def _table(*rows: tuple[str, str, str, str, str, str]) -> dict[str, CodeInfo]:
    return {row[0]: CodeInfo(*row) for row in rows}


# fmt: off
CODES: dict[str, CodeInfo] = _table(
    # -- reading a file ---------------------------------------------------------------------------
    ('EGC001', 'file-too-large', 'error', 'File is larger than the size limit', 'Split the case into several files, or raise the limit with EGOVCODE_MAX_BYTES.', 'cases/all.yaml is 80 MiB; the limit is 64 MiB'),
    ('EGC002', 'not-utf8', 'error', 'File is not valid UTF-8', 'Re-save the file as UTF-8 (a BOM is allowed); latin-1 or cp1252 bytes are not.', "a byte 0xE9 (latin-1 'é') at line 4"),
    ('EGC003', 'binary-file', 'error', 'File looks binary', 'Point the case globs at YAML files only.', 'a NUL byte at line 1'),
    ('EGC004', 'empty-file', 'error', 'File is empty', "Write the file's content, or delete it.", 'cases/new.yaml holds no YAML document'),
    ('EGC005', 'yaml-syntax', 'error', 'YAML syntax error', 'Check indentation, colons and quotes around the position given.', 'a tab or an unclosed quote'),
    ('EGC006', 'duplicate-key', 'error', 'Duplicate key in a mapping', 'Keep one of the two keys; YAML would silently drop the first.', 'two `text:` keys in one excerpt'),
    ('EGC007', 'alias-limit', 'error', 'Too many alias expansions', 'Write the data out instead of nesting anchors and aliases.', "a 'billion laughs' document"),
    ('EGC008', 'nesting-limit', 'error', 'Nesting is too deep', 'Flatten the structure; egovcode files need only a few levels.', '200 nested lists'),
    ('EGC009', 'unsupported-tag', 'error', 'Unsupported YAML tag', 'Remove the tag; egovcode reads plain YAML only (no !!python, !!binary, !!set or merge keys).', '!!python/object:os.system'),
    ('EGC010', 'not-a-mapping', 'error', 'Document is not a mapping', 'A case file, codebook or config is a mapping of keys to values at the top level.', 'a file holding only a list'),
    ('EGC011', 'multiple-documents', 'error', 'More than one YAML document in a file', 'Keep one document per file (remove the extra `---`).', 'two documents in cases/kediri.yaml'),
    ('EGC012', 'recursive-alias', 'error', 'An alias refers to its own ancestor', 'Remove the recursive alias.', '&a [*a]'),
    ('EGC013', 'impossible-date', 'error', 'A date or time that does not exist', "Correct the date (YYYY-MM-DD) or time, or put it in quotes to keep it as text.", 'date: 2024-02-30'),
    ('EGC014', 'bad-tagged-value', 'error', 'A tagged value cannot be read as its tag says', 'Remove the `!!` tag, or write a value of the type it names.', 'value: !!int tiga'),
    ('EGC015', 'number-too-long', 'error', 'A number has too many digits to read', 'Shorten the number, or put it in quotes if it is an identifier or text.', 'a 5,000-digit value'),
    ('EGC016', 'not-finite', 'error', 'A number is NaN or infinite', 'Write a finite number, or leave the field out when there is no value (NaN and infinity are never valid data).', 'value: .nan'),
    ('EGC017', 'too-many-items', 'error', 'A list or mapping holds more items than the limit', 'Split the file (one case per file, one coder file per case); the limit (200,000 items) is far above any real study, so check that the file is what you meant.', '300,000 excerpts in one case file, or a list of a million codes'),
    ('EGC018', 'value-too-long', 'error', 'A value is longer than the limit', "Shorten the value: an excerpt quotes a passage, not a whole document (keep the full text in the source's text file, texts/<case>/<source>.txt). The limit is 1,000,000 characters.", 'a 10 MB transcript pasted into one `text:`'),
    # -- structure of a file ----------------------------------------------------------------------
    ('EGC101', 'missing-field', 'error', 'Required field is missing', 'Add the field named in the message.', 'an excerpt without `text`'),
    ('EGC102', 'unknown-field', 'error', 'Unknown field', 'Check the spelling against the file format in the README.', '`valance:` instead of `valence:`'),
    ('EGC103', 'invalid-value', 'error', 'Value is not one of the allowed values', 'Use one of the values listed in the message.', 'valence: positive'),
    ('EGC104', 'wrong-type', 'error', 'Value has the wrong type', 'Write the kind of value the message asks for.', 'codes: APP (a string, not a list)'),
    ('EGC105', 'invalid-id', 'error', 'Identifier has characters that are not allowed', "Use letters, digits, '_', '-' and '.', starting with a letter or digit.", "id: 'kdr 01'"),
    ('EGC106', 'yaml11-coercion', 'error', 'YAML turned a plain value into another type', 'Quote the value: YAML 1.1 reads yes/no/on/off as booleans, 2023-10-01 as a date, 1.10 as 1.1.', 'valence: no (read as false)'),
    ('EGC107', 'value-out-of-range', 'error', 'Value is out of range', 'Use a value within the range given in the message.', 'year: 23'),
    ('EGC108', 'empty-value', 'error', 'Value must not be empty', 'Fill in the value or remove the key.', 'label: {}'),
    ('EGC109', 'span-paraphrase', 'error', 'An excerpt with a span is marked as a paraphrase', "A span points at the source's own words, so the excerpt is a quote: remove `form: paraphrase`, or remove the span if the text is your rendering.", 'span: [120, 188] with form: paraphrase'),
    ('EGC120', 'control-character', 'error', 'Text holds a control character', 'Remove the escape (\\e, \\x1b, \\a, \\r, ...) from the double-quoted text; control characters would reach a terminal or a report raw. Line breaks and tabs are fine.', 'text: "\\e[31mred"'),
    ('EGC130', 'too-many-codes', 'error', 'The codebook has more codes than the limit', 'A codebook holds at most 50,000 codes; check that the file is a codebook and not generated data, or merge codes.', 'a codebook of 60,000 codes'),
    ('EGC131', 'hierarchy-too-deep', 'error', 'The code hierarchy is deeper than the limit', "Move the code up: a code hierarchy has at most 32 levels (a top-level code is level 1). Check its `parent:` chain for a mistake.", 'a chain of 40 codes, each the parent of the next'),
    # -- cross-references -------------------------------------------------------------------------
    ('EGC201', 'duplicate-id', 'error', 'Identifier is used twice', 'Give each case, source and excerpt an id that is unique across the whole project.', 'two excerpts with id kdr-001'),
    ('EGC202', 'unknown-code', 'error', 'Excerpt uses a code that is not in the codebook', 'Add the code to the codebook or correct the id.', 'codes: [APPS] where the codebook has APP'),
    ('EGC203', 'unknown-source', 'error', 'Excerpt refers to a source that does not exist', 'Add the source to `sources:` of the same case file or correct the id.', 'source: intrview-1'),
    ('EGC204', 'empty-text', 'error', 'Excerpt text is empty', "Write the excerpt's text, or delete the excerpt.", "text: ''"),
    ('EGC205', 'duplicate-code-on-excerpt', 'warning', 'The same code is applied twice to an excerpt', 'List each code once.', 'codes: [APP, APP]'),
    ('EGC206', 'translation-same-language', 'warning', "A translation is in the excerpt's own language", "Remove the translation, or fix the excerpt's `lang`.", 'lang: id with translations: {id: ...}'),
    ('EGC207', 'uncoded-excerpt', 'info', 'Excerpt has no codes yet', 'Code it when you are ready; uncoded excerpts are valid.', 'codes: []'),
    ('EGC208', 'duplicate-index', 'warning', 'The same index and year appear twice in a case', 'Keep one entry per index and year.', 'two IPP 2023 entries'),
    ('EGC210', 'memo-language-not-configured', 'warning', "A memo is written in a language the project does not list", "Use one of the project's `languages:` as the key (e.g. en, id), or add the language there.", 'memo: {eng: ...} in a project with languages [en, id]'),
    ('EGC211', 'memo-missing-language', 'info', "A bilingual memo lacks one of the project's languages", "Add the memo's text in every language listed under `languages:`; until then, reports in the missing language show it in another language.", 'memo: {en: ...} in a project with languages [en, id]'),
    ('EGC212', 'factor-without-valence', 'warning', 'An excerpt coded to a factor is neither supporting nor inhibiting', 'A factor supports or inhibits: set `valence: supporting` or `valence: inhibiting`, or code the excerpt to a component instead.', 'codes: [FAC.LEADERSHIP] with valence: neutral'),
    ('EGC213', 'quote-without-locator', 'warning', 'A quotation does not say where in its source it stands', "Give the excerpt (or its source) a `locator` such as a section, page or timestamp, so a reader can find the quoted words.", 'form: quote with no locator'),
    ('EGC214', 'synthetic-mixed', 'warning', "Some of a coder's files say synthetic: true and others do not", "A coder is either a demonstration coder or a real one: mark every file of the coder `synthetic: true`, or none. Until then the coder is treated as synthetic.", 'codings/ana/kediri.yaml synthetic, codings/ana/jember.yaml not'),
    ('EGC220', 'translation-language-not-configured', 'warning', "A translation is in a language the project does not list", "Write it under one of the project's `languages:` (the message suggests the closest), or add the language there.", 'translations: {eng: ...} with languages: [en, id]'),
    ('EGC221', 'interview-without-role', 'warning', 'An interview source names no informant role', "Add `informant_role:` with the speaker's role (never a name), e.g. Head of the IT office.", 'kind: interview with no informant_role'),
    ('EGC222', 'unused-anchor', 'warning', 'An anchor that nothing refers to took text off a value', "YAML reads `&word` at the start of a value as an anchor and drops it; put the value in quotes if & belongs to the text.", 'text: &kami mulai (read as "mulai")'),
    ('EGC223', 'text-cut-by-comment', 'warning', 'A comment cuts a text short', "A space followed by # starts a comment; put the whole text in quotes if # belongs to it, or put the comment on a line of its own.", 'text: Kami pakai # sistem lama (read as "Kami pakai")'),
    # -- the project ------------------------------------------------------------------------------
    ('EGC301', 'codebook-not-found', 'error', 'The codebook file does not exist', 'Create it, or name the right file under `codebook:` in egovcode.yaml.', 'codebook: codebooks/missing.yaml'),
    ('EGC302', 'no-case-files', 'warning', 'No case files matched the case globs', 'Put case files in cases/ or set `cases:` in egovcode.yaml.', 'an empty cases/ folder'),
    ('EGC303', 'case-file-name', 'info', "A case file's name differs from its case id", 'Name the file after the case id (cases/<id>.yaml) so it is easy to find.', 'cases/kota.yaml holding case id kediri'),
    # -- the analyst's synthesis (synthesis.yaml) and key quotes ----------------------------------
    ('EGC304', 'synthesis-unknown-excerpt', 'error', 'The synthesis cites an excerpt that does not exist', "Correct the id under `cites:`; it must be an excerpt id from one of the case files.", 'cites: [kdr-099] where no case has that excerpt'),
    ('EGC305', 'synthesis-unknown-component', 'error', 'A conclusion is about a code that is not a component of the codebook', 'Write conclusions under `components:` keyed by a top-level code id of the codebook.', 'components: {APPS: ...} where the codebook has APP'),
    ('EGC306', 'synthesis-unknown-case', 'error', 'A conclusion is about a case the project does not have', 'Key conclusions under `cases:` by a case id from cases/.', 'cases: {kedri: ...} where the case is kediri'),
    ('EGC307', 'synthesis-missing-language', 'warning', "A synthesis text is missing one of the project's languages", 'Add the text in every language listed under `languages:` in egovcode.yaml, or write it as one plain string.', 'summary: {text: {en: ...}} in a project with languages [en, id]'),
    ('EGC308', 'synthesis-cite-elsewhere', 'warning', 'A conclusion cites an excerpt from another component or case', 'Cite excerpts coded to the component (or from the case) the conclusion is about, or move the conclusion.', 'the conclusion on APP cites an excerpt coded only REG'),
    ('EGC309', 'synthesis-empty-text', 'warning', 'A synthesis text is empty', 'Write the text, or remove the key.', "abstract: ''"),
    ('EGC310', 'synthesis-unknown-language', 'warning', "A synthesis text is in a language the project does not report in", 'Use a language listed under `languages:` in egovcode.yaml (for example en or id).', 'abstract: {eng: ...}'),
    ('EGC311', 'key-quote-uncoded', 'warning', 'A key quote has no codes', 'Code the excerpt: the report shows key quotes in the sections of their components, so an uncoded one never appears.', 'key: true on an excerpt with codes: []'),
    ('EGC320', 'config-path', 'error', 'A path or glob in egovcode.yaml cannot be used', 'Write paths and globs relative to the project folder, inside it, e.g. cases/*.yaml.', "cases: ['/home/me/*.yaml'] or codebook: ../other.yaml"),
    ('EGC321', 'lang-not-configured', 'error', "The default language is not one of the project's languages", 'Set `lang:` to one of `languages:`, or add it there (and give every label and definition in it).', 'lang: fr with languages: [en, id]'),
    ('EGC322', 'skipped-case-file', 'warning', 'A YAML file in cases/ is not read', 'Rename it to .yaml, or add a glob for it under `cases:` in egovcode.yaml; otherwise the case drops out of every count.', 'cases/wanasari.yml with the default glob cases/*.yaml'),
    ('EGC330', 'too-many-coders', 'error', 'More coders than the limit', 'Agreement compares every pair of coders, so a project holds at most 100 coders (folders of codings/, or coders of an agreement table); remove the folders of coders who are not part of the study.', '150 folders under codings/'),
    # -- codebook lint (egovcode codebook check; validate runs these too) -------------------------
    ('EGC401', 'duplicate-code-id', 'error', 'Code id is defined twice', 'Keep one definition per code id.', 'two codes with id APP'),
    ('EGC402', 'duplicate-label', 'error', 'Two codes share a label in one language', 'Give each code a distinct label in every language.', "APP and REG both labelled 'Apps' in en"),
    ('EGC403', 'unknown-parent', 'error', 'Code names a parent or replacement that is not in the codebook', 'Correct the id or add the missing code.', 'parent: APPS'),
    ('EGC404', 'parent-cycle', 'error', 'Codes form a cycle of parents', 'Break the cycle: a code cannot be its own ancestor.', "A's parent is B and B's parent is A"),
    ('EGC405', 'missing-label', 'error', 'Code has no label in a configured language', 'Add the label in every language listed under `languages:`.', 'label: {en: Apps} in a project with languages [en, id]'),
    ('EGC406', 'missing-definition', 'error', 'Code has no definition in a configured language', 'Add the definition in every language listed under `languages:`.', 'definition: {en: ...} without id'),
    ('EGC407', 'missing-criteria', 'warning', 'Code has no inclusion or exclusion criteria', 'Say when to apply the code and when not to (`inclusion:`, `exclusion:`).', 'a code without `exclusion:`'),
    ('EGC408', 'missing-examples', 'warning', 'Code has no examples', 'Add one or two short examples per language under `examples:`.', 'a code without `examples:`'),
    ('EGC409', 'shared-keyword', 'warning', 'One keyword is claimed by two codes', 'Keep each keyword with the one code it signals.', "'portal' under APP and CIT"),
    ('EGC410', 'unused-code', 'info', 'Code is never applied in the project', 'Apply it, deprecate it, or leave it as a placeholder.', 'CAP.PARTNER with no excerpt'),
    ('EGC411', 'deprecated-code-used', 'warning', 'Excerpt is coded with a deprecated code', 'Recode the excerpt with the code that replaces it.', 'codes: [OLD] where OLD is deprecated'),
    ('EGC412', 'kind-differs-from-parent', 'warning', "A code's kind differs from its parent's", "Keep factors apart from components: move the code to the top level (or under a code of the same kind), or drop its `kind:` so it inherits the parent's.", 'a code of kind factor whose parent is a component'),
    # -- agreement tables (egovcode agree --table) ------------------------------------------------
    ('EGC501', 'table-no-data', 'error', 'Agreement table has no data', 'Write the header line unit,coder,code and then one row per applied code.', 'an empty agreement.csv, or one with only its header'),
    ('EGC502', 'table-not-utf8', 'error', 'Agreement table is not valid UTF-8', 'Re-save the file as UTF-8 (a BOM is allowed); latin-1 or cp1252 bytes are not.', 'a spreadsheet export in cp1252'),
    ('EGC503', 'table-header', 'error', 'Agreement table header is wrong', 'Make the first line exactly: unit,coder,code', 'excerpt,rater,code'),
    ('EGC504', 'table-row-fields', 'error', 'Row does not have three fields', 'Give each row a unit, a coder and a code (empty for none); quote a field with a comma.', 'u1,ann,APP,extra'),
    ('EGC505', 'table-empty-unit', 'error', 'Row has an empty unit', 'Fill in the unit id, or delete the row.', ',ann,APP'),
    ('EGC506', 'table-empty-coder', 'error', 'Row has an empty coder', 'Fill in the coder id, or delete the row.', 'u1,,APP'),
    ('EGC507', 'table-repeated-row', 'error', 'Row repeats an earlier row', 'Delete one of the two rows.', 'u1,ann,APP on lines 2 and 5'),
    ('EGC508', 'table-two-categories', 'error', 'Coder gave a unit more than one category', 'In single mode each coder gives each unit one category; keep one row, or use --mode multi if several codes may apply.', 'u1,ann,APP and u1,ann,REG with --mode single'),
    ('EGC509', 'table-not-csv', 'error', 'Agreement table is not readable CSV', 'Close the quote that is left open, or remove the NUL bytes (is it a binary file?).', 'u1,ann,"APP (a quote left open)'),
    # -- coder files (codings/<coder>/<case>.yaml) ------------------------------------------------
    ('EGC601', 'coder-folder-mismatch', 'error', "A coder file's coder differs from its folder", 'Make `coder:` equal the folder name (codings/<coder>/<case>.yaml), or move the file to its coder\'s folder.', 'coder: budi in codings/ana/kediri.yaml'),
    ('EGC602', 'unknown-coding-case', 'error', 'A coder file names a case that does not exist', 'Set `case:` to the id of a case in cases/ (e.g. kediri).', 'case: kedri'),
    ('EGC603', 'unknown-coding-excerpt', 'error', 'A coder rates an excerpt that is not in the case', "Use the id of an excerpt of the file's case, or move the coding to the file of the excerpt's case.", 'jbr-001 in a file with case: kediri'),
    ('EGC604', 'unknown-coding-code', 'error', 'A coder applies a code that is not in the codebook', 'Add the code to the codebook or correct the id.', 'codes: [APP.PORTL]'),
    ('EGC605', 'duplicate-coder-file', 'error', "Two files hold one coder's codings of the same case", "Keep one file per coder and case: move the codings into codings/<coder>/<case>.yaml and delete the other file.", 'codings/ana/kediri.yaml and codings/ana/kota.yaml both with case: kediri'),
    ('EGC606', 'duplicate-code-in-coding', 'warning', 'A coder lists the same code twice for an excerpt', 'List each code once.', 'codes: [APP, APP]'),
    ('EGC607', 'coding-file-name', 'info', "A coder file's name differs from its case id", 'Name the file after the case id (codings/<coder>/<case>.yaml) so it is easy to find.', 'codings/ana/kota.yaml holding case: kediri'),
    ('EGC608', 'deprecated-code-in-coding', 'warning', 'A coder applies a deprecated code', 'Recode the excerpt with the code that replaces it.', 'codes: [OLD] where OLD is deprecated'),
    # -- source texts and spans (texts/<case>/<source>.txt) ---------------------------------------
    ('EGC701', 'source-file-missing', 'error', "A source's text file does not exist", 'Restore the file (texts/<case>/<source>.txt), or correct `file:`; `egovcode import transcript` writes it.', 'file: texts/kediri/wawancara-01.txt, which is not there'),
    ('EGC702', 'source-file-outside', 'error', 'A source names a file outside the project', 'Keep source texts and originals inside the project, under texts/<case>/, and name them by a relative path with forward slashes.', 'file: ../other/interview.txt'),
    ('EGC703', 'source-text-not-utf8', 'error', "A source's text file is not valid UTF-8", 'Import the transcript again with `egovcode import transcript --encoding ...`: source texts are UTF-8.', "a byte 0xE9 (latin-1 'é') in texts/kediri/wawancara-01.txt"),
    ('EGC704', 'source-text-not-nfc', 'error', "A source's text file is not in Unicode NFC", 'Restore the file from version control, or import the transcript again: the importer writes NFC.', "'e' followed by a combining acute accent instead of 'é'"),
    ('EGC705', 'source-text-cr', 'error', "A source's text file has CR line ends", 'Restore the file from version control (an editor or git may have turned LF into CRLF; see .gitattributes), or import the transcript again.', 'CRLF line ends in texts/kediri/wawancara-01.txt'),
    ('EGC706', 'source-text-bom', 'error', "A source's text file starts with a byte order mark", 'Restore the file from version control, or import the transcript again: source texts have no BOM.', 'texts/kediri/wawancara-01.txt saved by an editor that adds a BOM'),
    ('EGC707', 'source-text-too-large', 'error', "A source's text file is larger than the size limit", 'Split the source, or raise the limit with EGOVCODE_MAX_BYTES.', 'a 100 MiB text file'),
    ('EGC708', 'span-out-of-range', 'error', "An excerpt's span does not fit its source's text", 'A span is [start, end] in characters of the text file, with 0 <= start < end <= its length.', 'span: [120, 80]'),
    ('EGC709', 'span-text-mismatch', 'error', "An excerpt's text differs from its source's text at the span", 'Write the span where the text occurs (the message says where), or correct the text.', 'span: [139, 194] where the file now reads something else'),
    ('EGC710', 'span-without-file', 'error', 'An excerpt has a span but its source names no text file', "Give the source its `file:` (texts/<case>/<source>.txt), or remove the excerpt's `span:`.", 'span: [0, 20] on an excerpt of a source without `file:`'),
    ('EGC711', 'original-missing', 'warning', "A source's original file does not exist", 'Restore the original (the .docx or .vtt the text came from), or remove `original:`.', 'original: texts/kediri/wawancara-01.docx, which is not there'),
    ('EGC712', 'respan-not-found', 'error', "An excerpt's text does not occur exactly once in its source's text", 'Write the span by hand (`span: [start, end]`), or correct the excerpt\'s text from the file.', 'egovcode excerpt respan a-001 where the text occurs twice'),
    ('EGC713', 'speaker-unknown', 'warning', "An excerpt's speaker is not one of its source's speaker labels", "Write the label as it stands in the source's text and in its `speakers` attribute (the message suggests the closest one), or add the label to `speakers` with its role.", "speaker: Peserta 4 where the source has speakers: 'Moderator=interviewer, Peserta 1=informant'"),
    # -- REFI-QDA import and export (egovcode import qdpx|qde|qdc, export qdc|qdpx) --------------
    ('EGC801', 'refi-unsafe-xml', 'error', 'REFI-QDA file has a DTD, an entity declaration or an external reference', 'REFI-QDA files never need one; ask the tool that wrote it for a plain export, or remove the <!DOCTYPE ...> block.', 'a billion-laughs entity bomb, or <!ENTITY x SYSTEM "file:///etc/passwd">'),
    ('EGC802', 'refi-malformed', 'error', 'REFI-QDA file is not well-formed XML or not a readable zip', 'Export the file again from the tool that wrote it; a .qdpx is a zip archive with one .qde inside.', 'a .qdpx truncated during download'),
    ('EGC803', 'refi-too-large', 'error', 'REFI-QDA XML is larger than the size limit', 'Raise the limit with EGOVCODE_REFI_MAX_BYTES if the file is genuine.', 'a 300 MiB project.qde'),
    ('EGC804', 'refi-zip-bomb', 'error', 'A zip member is too large or expands far more than it should', 'Refused to protect memory; export the project again, or raise EGOVCODE_REFI_MAX_BYTES for a genuine large text.', 'a 1 KiB member that inflates to 4 GiB'),
    ('EGC805', 'refi-zip-members', 'error', 'The archive has too many members', 'A .qdpx holds one .qde and its sources; check that this is the right file.', 'an archive with 50,000 members'),
    ('EGC806', 'refi-zip-unsafe-member', 'error', 'An archive member has an unsafe name or is a link', "Refused: member names must stay inside the archive (no '..', no absolute paths, no links).", "a member named ../../.bashrc"),
    ('EGC807', 'refi-not-refi', 'error', 'Not a REFI-QDA project or codebook', 'Give a .qdpx, a .qde or a .qdc file whose root element is <Project> or <CodeBook>.', 'an HTML page saved as .qde'),
    ('EGC808', 'refi-no-qde', 'error', 'The archive holds no .qde project, or several', 'A .qdpx holds exactly one .qde file at its root; export the project again.', 'a zip of source texts only'),
    ('EGC809', 'refi-offsets-other-counting', 'warning', "A selection's positions fit only under another way of counting", 'Nothing to do: egovcode converted the positions to code points of the text; the message names the counting that fitted.', 'positions in UTF-16 units from a tool that counts so, in a text with emoji'),
    ('EGC810', 'refi-selection-mismatch', 'warning', "A selection's positions do not fit its text under any counting", "The selection was skipped, never shifted; check it in the tool that wrote the file.", 'endPosition beyond the end of the text'),
    ('EGC811', 'refi-missing-text', 'warning', "A source's text file is missing from the archive", "The source and its selections were skipped; export the project again with the texts included.", 'plainTextPath="internal://4F3A....txt" with no such member'),
    ('EGC812', 'refi-id-clash', 'error', 'An imported id is already used in the target project', 'Import into a new folder, or rename the case or code in one of the two projects first.', 'a case id kediri in both projects'),
    ('EGC813', 'refi-dangling-reference', 'warning', 'A REFI-QDA element refers to a GUID that is not in the file', 'The reference was dropped; the file is inconsistent, so check it in the tool that wrote it.', 'a Coding whose CodeRef names no code'),
    ('EGC814', 'refi-onto-unmatched', 'warning', "A foreign selection overlaps no excerpt, or several equally", 'Code the passage as an excerpt first, or check the listed selection by hand; it was left out of the coder file.', 'a selection spanning two excerpts half each'),
    ('EGC815', 'refi-non-bmp', 'warning', 'An exported text holds characters outside the Basic Multilingual Plane', 'Tools that count UTF-16 units may shift selections after such characters (emoji); check them after import.', 'an online comment with an emoji'),
    # -- coding commands (excerpt add, code, codings init): refusals; nothing is written --------
    ('EGC720', 'quote-not-found', 'error', "The quote is not in the source's text", "Copy the passage from the source's text file (`file:` of the source); whitespace and quote marks may differ, words may not. The message shows the closest passage when there is one.", 'excerpt add --quote "kami memakai aplikasi" where the text says "kami pakai aplikasi"'),
    ('EGC721', 'quote-ambiguous', 'error', "The quote occurs more than once in the source's text", 'Add --occurrence N to take the N-th match listed (counted from 1), or quote a longer passage.', '--quote "Ya." in an interview with many short answers'),
    ('EGC722', 'occurrence-out-of-range', 'error', 'There is no match with that number', 'Give a number between 1 and the number of matches listed.', '--occurrence 3 when the quote occurs twice'),
    ('EGC723', 'source-without-text', 'error', 'The source has no text file to quote from', 'Import its transcript (`egovcode import transcript`) or give the source `file: texts/<case>/<source>.txt`; for a source without a text, write the excerpt in the case file.', 'excerpt add --source fauzi-hakim-2024 (a published article)'),
    ('EGC724', 'excerpt-exists', 'error', 'The passage is already an excerpt', 'Code the existing excerpt with `egovcode code ID CODE...`, or quote a different passage.', 'the same span of the same source as kdr-004'),
    ('EGC725', 'edit-unknown-excerpt', 'error', 'No excerpt has this id', 'Use the id of an excerpt in cases/ (`egovcode query` lists them).', 'egovcode code kdr-0001 APP'),
    ('EGC726', 'edit-unknown-code', 'error', 'The code is not in the codebook', 'Use a code of the codebook (`egovcode codebook show`), or add it to the codebook first.', 'egovcode code kdr-001 APPS'),
    ('EGC727', 'code-not-applied', 'error', 'The excerpt does not have the code to remove', 'Name one of the codes the message lists.', 'egovcode code kdr-001 REG --remove when kdr-001 is coded APP'),
    ('EGC728', 'edit-file-has-errors', 'error', 'The file to edit has errors of its own', 'Fix the errors `egovcode validate` reports in that file, then run the command again.', 'a YAML syntax error in cases/kediri.yaml'),
    ('EGC729', 'edit-file-changed', 'error', 'The file changed while it was being edited', 'Run the command again.', 'an editor saved the case file at the same moment'),
    ('EGC730', 'edit-not-possible', 'error', 'The edit cannot be made in place', 'Write the value in the simple form the message names (for example `codes: []`, or a block list), then run the command again.', 'codes written as a multi-line plain scalar'),
    ('EGC731', 'not-rated', 'error', 'The coder has not rated the excerpt', 'Apply codes first (without --remove); a `null` entry or a missing one has no codes to remove.', 'egovcode code kdr-001 APP --remove --coder ana while kdr-001: null'),
    ('EGC732', 'invalid-coder-name', 'error', "The name cannot be a coder's", "Use letters, digits, '_', '-' and '.', starting with a letter or digit (it names the folder codings/<coder>/).", '--coder "Ana Putri"'),
    ('EGC733', 'edit-invalid-valence', 'error', 'The valence is not one of the allowed values', 'Use supporting, inhibiting or neutral.', '--valence positive'),
    ('EGC734', 'nothing-to-do', 'error', 'The command was given nothing to change', 'Name codes to apply or remove, or give --valence or --memo.', 'egovcode code kdr-001'),
    ('EGC735', 'edit-unknown-case', 'error', 'The case is not in the project', 'Use the id of a case in cases/.', '--case kedri'),
    ('EGC736', 'edit-unknown-source', 'error', 'The source is not in the case', "Use the id of one of the case's sources.", '--source interview-01 when the source is interview-1'),
    # -- the workbench's saves (egovcode serve) ----------------------------------------------------
    ('EGC740', 'span-not-a-passage', 'error', "The selected span is not a passage of the source's text", "Select at least one character that is not a space, inside the source's text.", 'span: [40, 40], or a span past the end of the text'),
    ('EGC741', 'excerpt-still-rated', 'error', 'The excerpt to delete is rated in a coder file or a merge record', "Take the excerpt out of the coder files and codings/_merge/ first (or keep it and change its codes): deleting it would leave their ratings pointing at nothing.", "deleting kdr-004 while codings/ana/kediri.yaml rates it"),
    ('EGC742', 'page-out-of-date', 'error', 'The file changed on disk since the page was built', 'Nothing was saved; the page reloads with the file as it is now. Make the change again there.', 'an editor or `git pull` changed cases/kediri.yaml while the workbench page was open'),
)
# fmt: on
