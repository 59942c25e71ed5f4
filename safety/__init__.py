"""Danger and serious risk: checked before anything else on every message (plain Python, no Rasa).

detector.check() combines the lexicon (what must always trigger) with a classifier trained on
our own corpus; texts holds every safety text the bot says; routes the high-risk routes with
their sources.
"""
