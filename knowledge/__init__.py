"""Signpost's sourced knowledge base: programmes, safe-practice guidance and suitability tiers.

Plain Python and YAML; it knows nothing of Rasa. Every entry names its source (a seed document or a
named public source); see the YAML files beside this module.

    >>> from knowledge import find_programme, find_topics
    >>> find_programme("what's the DASH checklist?").id
    'dash'
    >>> [t.id for t in find_topics("should we try couples counselling?")][:1]
    ['not_couples_work']
"""

from knowledge.base import (
    GuidanceTopic,
    KnowledgeError,
    Programme,
    Suitability,
    Tier,
    find_programme,
    find_programmes,
    find_topics,
    load_guidance,
    load_programmes,
    load_suitability,
    normalise,
    programme,
    topic,
)

__all__ = [
    "GuidanceTopic",
    "KnowledgeError",
    "Programme",
    "Suitability",
    "Tier",
    "find_programme",
    "find_programmes",
    "find_topics",
    "load_guidance",
    "load_programmes",
    "load_suitability",
    "normalise",
    "programme",
    "topic",
]
