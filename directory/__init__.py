"""Signpost's directory of local perpetrator interventions: data, geography and search.

Plain Python with SQLAlchemy; it knows nothing of Rasa so it can be used and tested alone.
"""
