"""Problems found in a directory file, with where they are and what to do about them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Problem:
    """One row- or field-level problem; row is the 1-based data row (header = row 1)."""

    message: str
    row: Optional[int] = None
    field: Optional[str] = None
    service_id: Optional[str] = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.service_id:
            where.append(f"service '{self.service_id}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InvalidDirectoryFile(ValueError):
    """Raised with every problem found; nothing has been written when it is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) found; nothing was imported")
        self.problems = problems
