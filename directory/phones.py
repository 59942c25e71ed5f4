"""UK phone numbers written in their usual groups (0808 802 4040, 07936 364165, 020 7946 0000), for display.

The record keeps what the source wrote; only what a worker reads is regrouped, and a number that is not
an 11-digit UK number is shown exactly as recorded.
"""

from __future__ import annotations

import re


def grouped(number: str) -> str:
    """`number` in the usual UK grouping, or unchanged if it isn't an 11-digit UK number."""
    digits = re.sub(r"[\s()-]", "", number)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0\d{10}", digits):
        return number
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if re.match(r"01\d1|011", digits) or digits[1] in "389":
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"  # 07 mobiles and most 01 area codes
