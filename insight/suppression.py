"""Small-number suppression, as UK official statistics do it.

Primary: a count of 1 to 9 (under the threshold, 10 by default) is shown as "fewer than 10"; a nought
is shown, as it counts no search. Secondary: where figures add up (parts and their total: a row, a
column, or a complement a reader can work out), a reader who knows the shown figures and what a label
means ("fewer than 10" is 1 to 9, "withheld" is 10 or more) must not be able to work out a hidden
figure, nor narrow a "fewer than 10" to fewer than half its values. Where a line allows that, another
figure in it is withheld (one never shown first, then the smallest), until no line does. Figures never
shown (a complement, a total) take part too, as a reader could work them out from the ones shown.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

Key = Hashable
FEWER = "fewer than {threshold}"
WITHHELD = "withheld"
INF = math.inf
_TRIES = 12  # candidates tried in turn before the line's total (or its smallest) is withheld


@dataclass
class Table:
    """Cells to protect together: values by key, which are never shown, and the lines that add up."""

    values: dict[Key, int] = field(default_factory=dict)
    hidden: set[Key] = field(default_factory=set)
    lines: list[tuple[tuple[Key, ...], Key]] = field(default_factory=list)  # (parts, total)

    def cell(self, key: Key, value: int, shown: bool = True) -> None:
        self.values[key] = value
        if shown:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)

    def adds_up(self, total: Key, parts: Iterable[Key]) -> None:
        """`total` is the sum of `parts` (every key must be a cell)."""
        parts = tuple(parts)
        if parts:
            self.lines.append((parts, total))


@dataclass(frozen=True)
class Suppressed:
    """The outcome: which cells are under the threshold and which were withheld to protect them."""

    values: dict[Key, int]
    primary: frozenset[Key]
    secondary: frozenset[Key]
    threshold: int

    def shown(self, key: Key) -> bool:
        return key not in self.primary and key not in self.secondary

    def display(self, key: Key) -> str:
        """The figure as a person may see it: the number, 'fewer than 10' or 'withheld'."""
        if key in self.primary:
            return FEWER.format(threshold=self.threshold)
        if key in self.secondary:
            return WITHHELD
        return str(self.values[key])

    def number(self, key: Key) -> int | None:
        return self.values[key] if self.shown(key) else None


class _Problem:
    def __init__(self, table: Table, threshold: int) -> None:
        self.table, self.threshold = table, threshold
        self.primary = {key for key, value in table.values.items() if 0 < value < threshold}
        self.hidden_away = set(self.primary)

    def bounds(self, key: Key) -> tuple[float, float]:
        """What a reader knows of a hidden figure from its label alone."""
        if key in self.primary:
            return 1, self.threshold - 1
        if key in self.table.hidden or self.table.values[key] == 0:
            return 0, INF  # never shown, so no label; a withheld nought (a last resort) is treated alike
        return self.threshold, INF

    def exposed(self, parts: tuple[Key, ...], total: Key) -> bool:
        """Whether this line lets a reader pin a withheld figure or narrow a 'fewer than' too far."""
        signed = [(key, 1) for key in parts] + [(total, -1)]
        unknown = [(key, sign) for key, sign in signed if key in self.hidden_away]
        if not unknown:
            return False
        known = sum(sign * self.table.values[key] for key, sign in signed if key not in self.hidden_away)
        least_width = max(1, math.ceil((self.threshold - 1) / 2))
        spans = [self._span(key, sign) for key, sign in unknown]
        low_sum, high_sum = _Sum([lo for lo, _ in spans]), _Sum([hi for _, hi in spans])
        for (key, sign), (own_low, own_high) in zip(unknown, spans, strict=True):
            # sign * x = -known - (the others' signed values), whose range is [low_sum, high_sum] less its own
            low, high = -known - high_sum.without(own_high), -known - low_sum.without(own_low)
            lo, hi = (low, high) if sign == 1 else (-high, -low)
            label_lo, label_hi = self.bounds(key)
            if min(hi, label_hi) - max(lo, label_lo) + 1 < (least_width if key in self.primary else 2):
                return True
        return False

    def _span(self, key: Key, sign: int) -> tuple[float, float]:
        lo, hi = self.bounds(key)
        return (lo, hi) if sign == 1 else (-hi, -lo)

    def choose(self, parts: tuple[Key, ...], total: Key) -> Key:
        """The figure to withhold next in an exposed line: the first that mends it, else the total."""
        members = [key for key in (*parts, total) if key not in self.hidden_away]
        values = self.table.values
        members.sort(key=lambda key: (key not in self.table.hidden, values[key] == 0, values[key], repr(key)))
        for key in members[:_TRIES]:
            self.hidden_away.add(key)
            mended = not self.exposed(parts, total)
            self.hidden_away.discard(key)
            if mended:
                return key
        return total if total in members else members[0]

    def solve(self) -> Suppressed:
        """Check every line; when a figure is withheld, check again the lines it is in."""
        lines_of: dict[Key, list[int]] = {}
        for index, (parts, total) in enumerate(self.table.lines):
            for key in (*parts, total):
                lines_of.setdefault(key, []).append(index)
        pending = deque(range(len(self.table.lines)))
        queued = set(pending)
        while pending:
            index = pending.popleft()
            queued.discard(index)
            parts, total = self.table.lines[index]
            while self.exposed(parts, total) and any(k not in self.hidden_away for k in (*parts, total)):
                key = self.choose(parts, total)
                self.hidden_away.add(key)
                for other in lines_of[key]:
                    if other not in queued and other != index:
                        queued.add(other)
                        pending.append(other)
        return Suppressed(dict(self.table.values), frozenset(self.primary),
                          frozenset(self.hidden_away - self.primary), self.threshold)


class _Sum:
    """A sum of bounds that may be infinite, from which one term can be taken back out."""

    def __init__(self, terms: list[float]) -> None:
        self.finite = sum(t for t in terms if not math.isinf(t))
        self.up = sum(1 for t in terms if t == INF)
        self.down = sum(1 for t in terms if t == -INF)

    def without(self, term: float) -> float:
        up, down = self.up - (term == INF), self.down - (term == -INF)
        if up:
            return INF
        if down:
            return -INF
        return self.finite - (0 if math.isinf(term) else term)


def suppress(table: Table, threshold: int) -> Suppressed:
    """Primary then secondary suppression over every line of the table."""
    return _Problem(table, threshold).solve()
