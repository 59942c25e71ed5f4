"""Area keys, kinds and name normalisation shared by the geography build and lookups."""

from __future__ import annotations

import re
import unicodedata

# Most specific first: a service covering the district is a closer match than one
# covering the whole police force area or nation. A former district (district_2021: a
# Cumbrian district before the 2023 councils, see former.py) lies inside one district.
FORMER_DISTRICT = "district_2021"
AREA_KINDS = (FORMER_DISTRICT, "district", "county_council", "county", "police_force", "nation", "uk")
KIND_LABELS = {
    FORMER_DISTRICT: "former district (before 2023)",
    "district": "district",
    "county_council": "council area",
    "county": "county",
    "police_force": "police force area",
    "nation": "nation",
    "uk": "UK",
}
# When one name is several kinds of area ("Nottinghamshire"), prefer the widest common
# meaning a worker intends: the county, then the police force, then the council.
NAME_PRIORITY = ("county", "police_force", "county_council", "district", "nation", "uk", FORMER_DISTRICT)
UK_KEY = "uk:united-kingdom"

# Short names for towns in everyday UK use, each mapped to the place name the directory resolves.
# Areas' abbreviations ("Notts", "Brum") are in directory/data/geography/aliases.csv; these are towns,
# which that table (areas only) cannot hold. Only widely used forms; where each comes from:
SHORT_NAMES = {
    "barrow": "Barrow-in-Furness",  # common usage: the town is "Barrow" across Cumbria and in the news
    "boro": "Middlesbrough",  # common usage: "the Boro" (also the football club's nickname)
    "the boro": "Middlesbrough",
    "soton": "Southampton",  # common usage: the long-standing written abbreviation (Soton, soton.ac.uk)
    "skeg": "Skegness",  # common usage: "Skeg"/"Skeggy", the town's everyday names in Lincolnshire
    "skeggy": "Skegness",
    "pompey": "Portsmouth",  # common usage: the city's nickname (and its football club's)
    "brid": "Bridlington",  # common usage: the town's everyday short name on the Yorkshire coast
    # Welsh names of Welsh towns and cities (the official bilingual names, as on council and road signs)
    "caerdydd": "Cardiff",
    "abertawe": "Swansea",
    "wrecsam": "Wrexham",
    "caerfyrddin": "Carmarthen",
    "aberhonddu": "Brecon",
    "pen y bont ar ogwr": "Bridgend",
    "pontypwl": "Pontypool",
    "y fenni": "Abergavenny",
    "aberdaugleddau": "Milford Haven",
    "hwlffordd": "Haverfordwest",
    "caergybi": "Holyhead",
    "merthyr tudful": "Merthyr Tydfil",
}


def normalise_name(text: str) -> str:
    """Lower-case, accents and punctuation removed, single spaces: 'Barrow-in-Furness' -> 'barrow in furness'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\bst\.?\s", "st ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """Stable identifier fragment: 'Merseyside Police' -> 'merseyside-police'."""
    return normalise_name(text).replace(" ", "-")


def area_key(kind: str, name: str) -> str:
    """Key of an area, e.g. ('county', 'Nottinghamshire') -> 'county:nottinghamshire'."""
    if kind == "uk":
        return UK_KEY
    if kind not in AREA_KINDS:
        raise ValueError(f"unknown area kind {kind!r}; use one of {', '.join(AREA_KINDS)}")
    return f"{kind}:{slug(name)}"


def kind_of(key: str) -> str:
    """The kind part of an area key."""
    return key.split(":", 1)[0]


def specificity(key: str) -> int:
    """0 for a former district, 1 for a district, up to 6 for the whole UK; lower ranks first."""
    return AREA_KINDS.index(kind_of(key))
