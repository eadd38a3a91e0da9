"""Moving a project's data in and out of egovcode: CSV, JSON and SQLite exports, pseudonyms.

Every exporter takes a loaded, valid ``Project`` and either returns the data (text or a plain
dict) or writes it to a path atomically; none of them prints.
"""
