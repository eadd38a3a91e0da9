"""Importing interview and focus-group transcripts as source texts with uncoded excerpts."""
