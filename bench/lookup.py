"""Point lookup benchmark over the real Massachusetts boundaries.

Imports House, Senate and town boundaries from BEACON_DATA_DIR into a throwaway SQLite
database with the same code path as `beacon load_ma_data`, builds the point index, then
times lookups of random points in Massachusetts's bounding box on one core.

    .venv/bin/python bench/lookup.py [--points 100000] [--seed 1]
        [--segments 700000] [--bulk-points 50000] [--addresses 50000] [--no-bulk]

Then, unless --no-bulk, the end-to-end figures of bench/lookup_bulk.py: a generated
state-sized ADDRFEAT import, points and addresses from CSV files to JSON lines, the
parser's own cost, and the page's p99.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

MA_BBOX = (-73.51, 41.23, -69.92, 42.89)  # min lon, min lat, max lon, max lat
LAYERS = [("house2021", "sldl"), ("senate2021", "sldu"), ("city_town_2024", "place")]
# Also loaded when present, so that bulk lookups report every district kind.
EXTRA_LAYERS = [("congressma118", "cd"), ("govcouncil2021", "govcouncil")]


def setup_django(db_path: str) -> None:
    """Production settings (DEBUG off: cached templates, no query log) on a throwaway
    SQLite database and var/ folder beside it."""
    import secrets

    os.environ.pop("DATABASE_URL", None)
    os.environ["BEACON_SQLITE_PATH"] = db_path
    os.environ["BEACON_VAR_DIR"] = str(Path(db_path).parent / "var")
    os.environ["BEACON_DEBUG"] = "0"
    os.environ["BEACON_SSL_REDIRECT"] = "0"
    os.environ.setdefault("BEACON_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beacon.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)


def percentiles(samples_ns: list[int]) -> dict[str, float]:
    ordered = sorted(samples_ns)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1000  # noqa: E731
    return {
        "p50": pick(0.50),
        "p99": pick(0.99),
        "mean": statistics.fmean(ordered) / 1000,
        "max": ordered[-1] / 1000,
    }


def timed(fn, points) -> tuple[list[int], int]:
    samples, hits = [], 0
    clock = time.perf_counter_ns
    for lat, lon in points:
        start = clock()
        found = fn(lat, lon)
        samples.append(clock() - start)
        hits += bool(found)
    return samples, hits


def report(label: str, samples: list[int], hits: int) -> None:
    stats = percentiles(samples)
    total_s = sum(samples) / 1e9
    print(
        f"{label:<44} {len(samples) / total_s:>10,.0f} lookups/s  "
        f"p50 {stats['p50']:6.1f} µs  mean {stats['mean']:6.1f} µs  "
        f"p99 {stats['p99']:6.1f} µs  max {stats['max']:8.1f} µs  ({hits:,} inside)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="also time STRtree predicates")
    parser.add_argument("--segments", type=int, default=700_000)
    parser.add_argument("--bulk-points", type=int, default=50_000)
    parser.add_argument("--addresses", type=int, default=50_000)
    parser.add_argument("--no-bulk", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.sqlite3"))
        run(args)
        if not args.no_bulk:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from lookup_bulk import run_bulk

            run_bulk(args, Path(tmp))


def run(args) -> None:
    import datetime
    import random

    import shapely
    from django.conf import settings

    from beacon.geo import index
    from beacon.geo.selectors import division_list_for_point
    from beacon.geo.services import boundaries_import

    boundaries = Path(settings.BEACON_DATA_DIR) / "ma" / "boundaries"
    if not (boundaries / "house2021.geojson").exists():
        sys.exit(f"No boundary data in {boundaries}")
    started = time.perf_counter()
    extra = [(n, k) for n, k in EXTRA_LAYERS if (boundaries / f"{n}.geojson").exists()]
    for name, kind in LAYERS + extra:
        boundaries_import(
            path=boundaries / f"{name}.geojson",
            kind=kind,
            set_name="2021 plan",
            effective_from=datetime.date(2022, 1, 1),
        )
    kinds = ", ".join(k for _n, k in LAYERS + extra)
    print(f"Import of boundaries ({kinds}): {time.perf_counter() - started:.2f} s")

    index.index_invalidate()
    started = time.perf_counter()
    built = index.index_for(datetime.date.today())
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"Index build ({len(built)} boundaries, {len(built.grid):,} grid cells): {elapsed:.0f} ms"
    )

    rng = random.Random(args.seed)
    minx, miny, maxx, maxy = MA_BBOX
    points = [(rng.uniform(miny, maxy), rng.uniform(minx, maxx)) for _ in range(args.points)]
    print(f"{args.points:,} random points in Massachusetts's bounding box, one core:")
    # Long-lived objects (models, geometries) moved out of the collector's way, as in a
    # server process after its first requests.
    gc.collect()
    gc.freeze()
    report(
        "DivisionIndex.divisions_at (grid)",
        *timed(lambda la, lo: built.divisions_at(lo, la), points),
    )
    settings.BEACON_GEO_INDEX_TTL = 60
    division_list_for_point(lat=points[0][0], lon=points[0][1])
    report(
        "division_list_for_point (TTL 60 s)",
        *timed(lambda la, lo: division_list_for_point(lat=la, lon=lo), points),
    )
    inside = [(la, lo) for la, lo in points if built.divisions_at(lo, la)]
    report(
        "division_list_for_point, points inside MA only",
        *timed(lambda la, lo: division_list_for_point(lat=la, lon=lo), inside),
    )
    settings.BEACON_GEO_INDEX_TTL = 0
    sample = inside[:2000]
    report(
        "division_list_for_point (TTL 0: a query each)",
        *timed(lambda la, lo: division_list_for_point(lat=la, lon=lo), sample),
    )
    if args.compare:
        geoms = built.geometries
        tree = shapely.STRtree(geoms)

        def bbox_then_prepared(lat, lon):
            candidates = tree.query(shapely.Point(lon, lat))
            return candidates[shapely.contains_xy(geoms[candidates], lon, lat)].tolist()

        def with_predicate(lat, lon):
            return tree.query(shapely.Point(lon, lat), predicate="intersects").tolist()

        report("STRtree bbox + prepared contains_xy", *timed(bbox_then_prepared, points))
        report("STRtree.query(predicate='intersects')", *timed(with_predicate, points))


if __name__ == "__main__":
    main()
