"""The directory as the rest of Signpost uses it: resolve a place, search, read a record."""

from __future__ import annotations

from functools import cached_property
from typing import Optional

from directory import db, store
from directory.geography.resolver import PlaceResolver
from directory.records import ServiceRecord
from directory.search import DirectorySearch, SearchFilters, SearchOutcome
from directory.settings import Settings


class ServiceDirectory:
    """One per process; the place index is loaded once and shared by every search."""

    def __init__(self, database_url: Optional[str] = None) -> None:
        self.database_url = database_url or Settings.from_env().database_url
        self.engine = db.get_engine(self.database_url)
        self.sessions = db.session_factory(self.database_url)

    @cached_property
    def resolver(self) -> PlaceResolver:
        return PlaceResolver(self.engine)

    @cached_property
    def searcher(self) -> DirectorySearch:
        return DirectorySearch(self.engine, self.resolver)

    def find(self, place: str, filters: SearchFilters = SearchFilters(), limit: int = 20) -> SearchOutcome:
        """Services for a place or postcode; raises UnknownPlace with suggestions."""
        return self.searcher.search(self.resolver.resolve(place), filters, limit)

    def record(self, service_id: str) -> Optional[ServiceRecord]:
        """The full record behind a search result, for cards and follow-up questions."""
        with self.sessions() as session:
            return store.load(session, service_id)

    def names(self, service_ids: list[str]) -> dict[str, str]:
        """Names of these services, without loading whole records."""
        with self.sessions() as session:
            return store.names(session, service_ids)

    def records(self) -> list[ServiceRecord]:
        """Every record the directory holds ("what areas do you cover?" is answered from all of them)."""
        with self.sessions() as session:
            return [r for r in (store.load(session, i) for i in store.all_ids(session)) if r is not None]
