"""``egovcode serve``: a local coding workbench in the browser over the same files as the CLI.

The server (Starlette on uvicorn, the optional extra ``egovcode[serve]``) is a thin screen: pages
are built from the loaded project, and every save goes through the core's editing functions, so
all it does appears in ``git diff`` as ordinary YAML edits. Nothing here is imported by the CLI
until ``egovcode serve`` runs.
"""
