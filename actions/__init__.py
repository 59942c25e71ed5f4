"""Rasa SDK actions: thin adapters from the conversation to directory/, knowledge/ and language/."""
