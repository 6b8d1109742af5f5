#!/usr/bin/env python3
"""Write N synthetic incidents in Vigil's canonical CSV layout, for the import benchmark.

    python3 bench/import/generate.py [--rows N] [--seed S] [--out FILE]

Layout: header `id,kind,lon,lat,radius_m,start,end`, ids `gen-0000001`, ISO dates. Every row is
valid, so an importer that validates must accept the whole file.

The data is shaped like real conflict-event data (ACLED, UCDP GED, attacks on health care): most
events fall around a few dozen towns and cities in the Middle East and the Sahel, within a few km
of the centre; the rest are scattered over the countryside of the same countries. Radii follow a
precision mix (exact point, within 250 m, 1 km, 5 km, 25 km); start dates lie in 2014-2020 and
most events last one day, some a few days.

Same seed and row count give the same bytes on any Python 3: every draw comes from
random.Random(seed).random() and is turned into choices here, not by library helpers whose
algorithm could change between versions. Standard library only.
"""

import argparse
import datetime
import math
import os
import random
import sys

# (name, lon, lat, weight): towns and cities with many recorded conflict events 2014-2020.
# Weights are rough relative activity, not data.
CITIES = [
    # Syria
    ("Aleppo", 37.160, 36.202, 10), ("Idlib", 36.633, 35.930, 8), ("Damascus/Ghouta", 36.400, 33.530, 8),
    ("Homs", 36.717, 34.733, 5), ("Hama", 36.750, 35.133, 4), ("Deir ez-Zor", 40.141, 35.336, 5),
    ("Raqqa", 39.017, 35.950, 5), ("Daraa", 36.100, 32.625, 4), ("Maarat al-Numan", 36.674, 35.644, 4),
    ("Khan Shaykhun", 36.638, 35.441, 3), ("Douma", 36.400, 33.572, 4), ("Jisr al-Shughur", 36.317, 35.813, 2),
    # Iraq
    ("Mosul", 43.130, 36.340, 8), ("Fallujah", 43.780, 33.350, 4), ("Ramadi", 43.300, 33.420, 4),
    ("Tikrit", 43.680, 34.600, 2), ("Baghdad", 44.366, 33.315, 5), ("Kirkuk", 44.392, 35.468, 2),
    # Yemen
    ("Sanaa", 44.206, 15.369, 6), ("Taiz", 44.021, 13.579, 7), ("Hodeidah", 42.954, 14.798, 6),
    ("Saada", 43.760, 16.940, 5), ("Aden", 45.033, 12.800, 3), ("Marib", 45.326, 15.462, 3),
    # Libya
    ("Tripoli", 13.187, 32.887, 4), ("Benghazi", 20.068, 32.117, 4), ("Sirte", 16.588, 31.205, 2),
    ("Derna", 22.637, 32.767, 2),
    # Sahel and Lake Chad
    ("Gao", -0.044, 16.272, 3), ("Timbuktu", -3.007, 16.773, 2), ("Mopti", -4.198, 14.493, 3),
    ("Menaka", 2.400, 15.917, 2), ("Djibo", -1.627, 14.102, 3), ("Ouagadougou", -1.520, 12.371, 1),
    ("Diffa", 12.611, 13.315, 2), ("Tillaberi", 1.453, 14.207, 2), ("Maiduguri", 13.160, 11.846, 6),
    ("Bama", 13.686, 11.522, 2),
    # Afghanistan
    ("Kunduz", 68.860, 36.728, 3), ("Lashkar Gah", 64.370, 31.593, 3), ("Kabul", 69.207, 34.555, 3),
]

# Countryside: (lon_min, lon_max, lat_min, lat_max, weight), land-ish boxes in the same countries.
REGIONS = [
    (36.0, 41.5, 32.5, 37.0, 6),   # Syria
    (39.5, 47.5, 30.5, 37.0, 4),   # Iraq
    (43.0, 48.0, 13.0, 17.5, 4),   # Yemen
    (10.0, 24.0, 26.0, 32.5, 2),   # Libya
    (-8.0, 4.0, 11.0, 20.0, 3),    # Mali
    (-5.0, 2.0, 10.0, 15.0, 2),    # Burkina Faso
    (0.5, 13.5, 12.0, 17.0, 1),    # Niger
    (10.5, 14.5, 10.0, 13.5, 2),   # north-east Nigeria
    (62.0, 71.0, 31.0, 37.0, 2),   # Afghanistan
]

# Event kinds with rough relative frequency in conflict data.
KINDS = [
    ("airstrike", 22), ("shelling", 22), ("missile", 4), ("barrel_bomb", 5), ("explosion", 8),
    ("ground_attack", 9), ("armed_entry", 4), ("occupation", 2), ("looting", 2), ("arson", 2),
    ("demolition", 1), ("arrest", 5), ("abduction", 3), ("obstruction", 3), ("threat", 4),
    ("unknown", 3), ("other", 1),
]

# Location precision: exact, within 250 m, 1 km, 5 km, 25 km.
RADII = [("0", 25), ("250", 25), ("1000", 20), ("5000", 18), ("25000", 12)]

# Duration in days (end - start): most events are single-day.
DURATIONS = [(0, 72), (1, 10), (2, 7), (3, 5), (4, 2), (5, 2), (7, 2)]

CLUSTERED_SHARE = 0.8          # share of events near a city centre
SPREAD_KM = 3.0                # standard deviation of the offset from the centre, per axis
KM_PER_DEG_LAT = 111.32
FIRST_DAY = datetime.date(2014, 1, 1)
LAST_DAY = datetime.date(2020, 12, 31)


def cumulative(weighted):
    """[(value, weight)] -> (values, cumulative weights as fractions of 1)."""
    total = float(sum(w for _, w in weighted))
    values, cum, acc = [], [], 0.0
    for value, weight in weighted:
        acc += weight
        values.append(value)
        cum.append(acc / total)
    cum[-1] = 1.0
    return values, cum


def picker(weighted):
    """Return f(u) mapping a uniform u in [0, 1) to a value, by weight (linear scan: lists are short)."""
    values, cum = cumulative(weighted)
    pairs = list(zip(cum, values))

    def pick(u):
        for c, v in pairs:
            if u < c:
                return v
        return values[-1]

    return pick


def generate(out, rows, seed):
    rnd = random.Random(seed).random
    pick_city = picker([((lon, lat), w) for _, lon, lat, w in CITIES])
    pick_region = picker([(box[:4], box[4]) for box in REGIONS])
    pick_kind = picker(KINDS)
    pick_radius = picker(RADII)
    pick_duration = picker(DURATIONS)
    n_days = (LAST_DAY - FIRST_DAY).days + 1
    max_duration = max(d for d, _ in DURATIONS)
    iso = [(FIRST_DAY + datetime.timedelta(days=i)).isoformat() for i in range(n_days + max_duration)]
    width = max(7, len(str(rows)))
    two_pi = 2.0 * math.pi

    out.write("id,kind,lon,lat,radius_m,start,end\n")
    buf = []
    for i in range(1, rows + 1):
        if rnd() < CLUSTERED_SHARE:
            lon0, lat0 = pick_city(rnd())
            # Box-Muller: a 2-D normal offset with SPREAD_KM per axis.
            r = SPREAD_KM * math.sqrt(-2.0 * math.log(1.0 - rnd()))
            a = two_pi * rnd()
            lat = lat0 + r * math.sin(a) / KM_PER_DEG_LAT
            lon = lon0 + r * math.cos(a) / (KM_PER_DEG_LAT * math.cos(math.radians(lat0)))
        else:
            lon_min, lon_max, lat_min, lat_max = pick_region(rnd())
            lon = lon_min + (lon_max - lon_min) * rnd()
            lat = lat_min + (lat_max - lat_min) * rnd()
        kind = pick_kind(rnd())
        radius = pick_radius(rnd())
        start = int(rnd() * n_days)
        end = start + pick_duration(rnd())
        buf.append(f"gen-{i:0{width}d},{kind},{lon:.5f},{lat:.5f},{radius},{iso[start]},{iso[end]}\n")
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", "-n", type=int, default=1_000_000, help="rows to write (default 1000000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", "-o", default="-", help="output file (default: stdout)")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be >= 0")

    if args.out == "-":
        generate(sys.stdout, args.rows, args.seed)
        return
    # Write to a temporary name and rename, so an interrupted run never leaves a short file
    # that a cache would take for a finished one.
    tmp = f"{args.out}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            generate(f, args.rows, args.seed)
        os.replace(tmp, args.out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


if __name__ == "__main__":
    main()
