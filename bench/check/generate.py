#!/usr/bin/env python3
"""Write synthetic sites and incidents in Vigil's canonical CSV layouts, for the cross-check
benchmark.

    python3 bench/check/generate.py [--sites N] [--incidents N] [--seed S]
                                    [--sites-out FILE] [--incidents-out FILE]

Sites: header `id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties`, ids
`site-000001`. Incidents: header `id,kind,lon,lat,radius_m,start,end`, ids `inc-0000001`.
Every row is valid, so `vigil import` must accept both files whole.

Both files cover the same region (the conflict areas of bench/import/generate.py: Syria, Iraq,
Yemen, Libya, the Sahel, north-east Nigeria, Afghanistan) and are clustered as real data is:

- incidents, as in bench/import: most around 41 towns and cities with many recorded conflict
  events (a normal spread of 3 km per axis), the rest uniformly over the countryside;
- sites follow settlements rather than fighting: some in those same 41 cities (spread 4 km, as a
  city's schools and clinics spread further than its front lines), most in a few thousand
  smaller towns and villages placed over the same countries (each with a size drawn from a
  heavy-tailed law, spread 0.3-1.5 km by size), the rest scattered (rural clinics, water
  stations, camps).

So incidents in a city have that city's sites within reach, incidents in the countryside rarely
have any, and a "within 25 km" incident covers a whole town. `--stats` prints how the draws came
out.

Same seed and sizes give the same bytes on any Python 3: every draw comes from
random.Random(seed).random() (sites and incidents each from their own stream, so the incidents
file does not depend on the number of sites) and is turned into choices here, not by library
helpers whose algorithm could change between versions. Standard library only.
"""

import argparse
import datetime
import math
import os
import sys

import random

# (name, lon, lat, weight): towns and cities with many recorded conflict events 2014-2020, as in
# bench/import/generate.py (copied, so that editing that benchmark does not change this one's
# data). Weights are rough relative activity, not data.
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

KM_PER_DEG_LAT = 111.32
FIRST_DAY = datetime.date(2014, 1, 1)
LAST_DAY = datetime.date(2020, 12, 31)

# ---- incidents ------------------------------------------------------------------------------

# Event kinds with rough relative frequency in conflict data.
INCIDENT_KINDS = [
    ("airstrike", 22), ("shelling", 22), ("missile", 4), ("barrel_bomb", 5), ("explosion", 8),
    ("ground_attack", 9), ("armed_entry", 4), ("occupation", 2), ("looting", 2), ("arson", 2),
    ("demolition", 1), ("arrest", 5), ("abduction", 3), ("obstruction", 3), ("threat", 4),
    ("unknown", 3), ("other", 1),
]

# Location precision: an exact point, within 250 m, 1 km, 5 km, 25 km. Geolocated strikes and
# reports that name a street or a facility make up most of a documentation team's records;
# "somewhere in this town" (5 km) is common in event data; 25 km (a district) is rare.
INCIDENT_RADII = [(0, 36), (250, 30), (1000, 25), (5000, 8), (25000, 1)]

# Duration in days (end - start): most events are single-day.
DURATIONS = [(0, 72), (1, 10), (2, 7), (3, 5), (4, 2), (5, 2), (7, 2)]

INCIDENT_CLUSTERED_SHARE = 0.8   # share of incidents near a city centre
INCIDENT_SPREAD_KM = 3.0         # standard deviation of the offset from the centre, per axis

# ---- sites ----------------------------------------------------------------------------------

# (kind, weight, [(radius_m, weight)]): mostly schools, clinics and hospitals; the radius is the
# site's extent, so it follows the kind (a camp covers hundreds of metres, a water point none).
SITE_KINDS = [
    ("school", 38, [(50, 60), (150, 35), (500, 5)]),
    ("clinic", 20, [(0, 35), (50, 60), (150, 5)]),
    ("hospital", 10, [(50, 20), (150, 65), (500, 15)]),
    ("water_station", 6, [(0, 60), (50, 40)]),
    ("bakery", 5, [(0, 50), (50, 50)]),
    ("civil_defence_centre", 3, [(0, 30), (50, 70)]),
    ("aid_warehouse", 3, [(50, 50), (150, 50)]),
    ("camp", 4, [(150, 30), (500, 70)]),
    ("ambulance_point", 3, [(0, 80), (50, 20)]),
    ("field_hospital", 2, [(50, 70), (150, 30)]),
    ("cultural_property", 3, [(0, 20), (50, 40), (150, 30), (500, 10)]),
    ("other", 3, [(0, 40), (50, 40), (150, 20)]),
]
SITE_NAMES = {
    "school": "School", "clinic": "Clinic", "hospital": "Hospital", "water_station": "Water station",
    "bakery": "Bakery", "civil_defence_centre": "Civil defence centre", "aid_warehouse": "Aid warehouse",
    "camp": "Camp", "ambulance_point": "Ambulance point", "field_hospital": "Field hospital",
    "cultural_property": "Cultural property", "other": "Protected site",
}

SITES_IN_CITIES = 0.05      # share of sites in the 41 cities (by the cities' weights)
SITES_IN_TOWNS = 0.70       # share in smaller towns and villages; the rest scattered
CITY_SITE_SPREAD_KM = 5.0
TOWNS = 4000                # smaller towns and villages over the regions
TOWN_SIZE_SHAPE = 1.1       # Pareto shape of town sizes (heavy tail: a few large towns)
TOWN_SIZE_CAP = 200.0       # largest town relative to the smallest
TOWN_SPREAD_KM = (0.3, 1.5) # spread of the smallest and of the largest town

NOTIFIED_SHARE = 1.0 / 3.0  # sites with a notification window
OPEN_ENDED_SHARE = 0.4      # of those, still in force (empty notified_to)
PARTIES = [("party-gov", 40), ("party-ally", 25), ("party-coalition", 20), ("party-armed-group", 15)]


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
    """Return f(u) mapping a uniform u in [0, 1) to a value, by weight (linear scan for short
    lists, bisection for long ones)."""
    values, cum = cumulative(weighted)
    if len(values) > 32:
        import bisect

        def pick_long(u):
            return values[min(bisect.bisect_right(cum, u), len(values) - 1)]

        return pick_long
    pairs = list(zip(cum, values))

    def pick(u):
        for c, v in pairs:
            if u < c:
                return v
        return values[-1]

    return pick


def offset(rnd, lon0, lat0, spread_km):
    """A point at a 2-D normal offset (spread_km per axis) from (lon0, lat0) (Box-Muller)."""
    r = spread_km * math.sqrt(-2.0 * math.log(1.0 - rnd()))
    a = 2.0 * math.pi * rnd()
    lat = lat0 + r * math.sin(a) / KM_PER_DEG_LAT
    lon = lon0 + r * math.cos(a) / (KM_PER_DEG_LAT * math.cos(math.radians(lat0)))
    return lon, max(-90.0, min(90.0, lat))


def uniform_in(rnd, box):
    lon_min, lon_max, lat_min, lat_max = box
    return lon_min + (lon_max - lon_min) * rnd(), lat_min + (lat_max - lat_min) * rnd()


def day_names(extra):
    n_days = (LAST_DAY - FIRST_DAY).days + 1
    return n_days, [(FIRST_DAY + datetime.timedelta(days=i)).isoformat() for i in range(n_days + extra)]


def towns(rnd):
    """The smaller towns: (lon, lat, size, spread_km), placed over the regions by weight."""
    pick_region = picker([(box[:4], box[4]) for box in REGIONS])
    out = []
    lo, hi = TOWN_SPREAD_KM
    for _ in range(TOWNS):
        lon, lat = uniform_in(rnd, pick_region(rnd()))
        size = min(TOWN_SIZE_CAP, (1.0 - rnd()) ** (-1.0 / TOWN_SIZE_SHAPE))
        spread = lo + (hi - lo) * math.log(size) / math.log(TOWN_SIZE_CAP)
        out.append((lon, lat, size, spread))
    return out


def generate_sites(out, rows, seed, stats=None):
    rnd = random.Random(f"{seed}/sites").random
    town_list = towns(rnd)
    pick_city = picker([((lon, lat), w) for _, lon, lat, w in CITIES])
    pick_town = picker([(t, t[2]) for t in town_list])
    pick_region = picker([(box[:4], box[4]) for box in REGIONS])
    pick_kind = picker([((k, picker(radii)), w) for k, w, radii in SITE_KINDS])
    pick_party = picker(PARTIES)
    n_days, iso = day_names(0)
    width = max(6, len(str(rows)))
    counts = {"city": 0, "town": 0, "scattered": 0, "notified": 0, "open": 0}

    out.write("id,kind,name,lon,lat,radius_m,notified_from,notified_to,notified_parties\n")
    buf = []
    for i in range(1, rows + 1):
        u = rnd()
        if u < SITES_IN_CITIES:
            lon0, lat0 = pick_city(rnd())
            lon, lat = offset(rnd, lon0, lat0, CITY_SITE_SPREAD_KM)
            counts["city"] += 1
        elif u < SITES_IN_CITIES + SITES_IN_TOWNS:
            lon0, lat0, _, spread = pick_town(rnd())
            lon, lat = offset(rnd, lon0, lat0, spread)
            counts["town"] += 1
        else:
            lon, lat = uniform_in(rnd, pick_region(rnd()))
            counts["scattered"] += 1
        kind, pick_radius = pick_kind(rnd())
        radius = pick_radius(rnd())
        frm = to = parties = ""
        if rnd() < NOTIFIED_SHARE:
            counts["notified"] += 1
            # Notified some time from 2013 (a year before the first incident) to mid-2020.
            start = int(rnd() * (n_days + 365 - 180)) - 365
            frm = (FIRST_DAY + datetime.timedelta(days=start)).isoformat()
            if rnd() < OPEN_ENDED_SHARE:
                counts["open"] += 1
            else:
                # In force for one month to two years.
                to = (FIRST_DAY + datetime.timedelta(days=start + 30 + int(rnd() * 700))).isoformat()
            n_parties = 1 + int(rnd() * 3)
            chosen = sorted({pick_party(rnd()) for _ in range(n_parties)})
            parties = ";".join(chosen)
        buf.append(f"site-{i:0{width}d},{kind},{SITE_NAMES[kind]} {i},{lon:.5f},{lat:.5f},{radius},"
                   f"{frm},{to},{parties}\n")
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))
    if stats is not None:
        stats.update(counts)


def generate_incidents(out, rows, seed):
    rnd = random.Random(f"{seed}/incidents").random
    pick_city = picker([((lon, lat), w) for _, lon, lat, w in CITIES])
    pick_region = picker([(box[:4], box[4]) for box in REGIONS])
    pick_kind = picker(INCIDENT_KINDS)
    pick_radius = picker(INCIDENT_RADII)
    pick_duration = picker(DURATIONS)
    n_days, iso = day_names(max(d for d, _ in DURATIONS))
    width = max(7, len(str(rows)))

    out.write("id,kind,lon,lat,radius_m,start,end\n")
    buf = []
    for i in range(1, rows + 1):
        if rnd() < INCIDENT_CLUSTERED_SHARE:
            lon0, lat0 = pick_city(rnd())
            lon, lat = offset(rnd, lon0, lat0, INCIDENT_SPREAD_KM)
        else:
            lon, lat = uniform_in(rnd, pick_region(rnd()))
        kind = pick_kind(rnd())
        radius = pick_radius(rnd())
        start = int(rnd() * n_days)
        end = start + pick_duration(rnd())
        buf.append(f"inc-{i:0{width}d},{kind},{lon:.5f},{lat:.5f},{radius},{iso[start]},{iso[end]}\n")
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


def write_atomically(path, fill):
    """Write to a temporary name and rename, so an interrupted run never leaves a short file
    that a cache would take for a finished one."""
    if path == "-":
        fill(sys.stdout)
        return
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            fill(f)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=100_000, help="sites to write (default 100000)")
    parser.add_argument("--incidents", type=int, default=1_000_000,
                        help="incidents to write (default 1000000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--sites-out", help="sites file (omit to skip the sites; - for stdout)")
    parser.add_argument("--incidents-out", help="incidents file (omit to skip the incidents)")
    parser.add_argument("--stats", action="store_true", help="print how the site draws came out")
    args = parser.parse_args(argv)
    if args.sites < 0 or args.incidents < 0:
        parser.error("counts must be >= 0")
    if not args.sites_out and not args.incidents_out:
        parser.error("give --sites-out and/or --incidents-out")

    stats = {}
    if args.sites_out:
        write_atomically(args.sites_out, lambda f: generate_sites(f, args.sites, args.seed, stats))
    if args.incidents_out:
        write_atomically(args.incidents_out, lambda f: generate_incidents(f, args.incidents, args.seed))
    if args.stats and stats:
        print(f"sites: {stats}", file=sys.stderr)


if __name__ == "__main__":
    main()
