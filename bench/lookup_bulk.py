"""End-to-end lookups for organizers' lists and the page, used by bench/lookup.py.

1. Generates a state-sized TIGER/Line ADDRFEAT shapefile (`--segments`, default 700,000
   street segments with the real field layout) on random streets inside the real towns,
   and times its import.
2. 50,000 points from a CSV file to JSON lines through `points_lookup`.
3. The parser's own cost per address (usaddress + normaliser, no cache).
4. 50,000 addresses from a CSV file through the local geocoder to JSON lines.
5. The "Find your legislators" page: POSTed addresses through Django's test client, p99.

Nothing generated is kept: it all lives in the temporary directory of the run.
"""

from __future__ import annotations

import csv
import json
import random
import time
from pathlib import Path

import numpy as np

TYPES = ["St", "Ave", "Rd", "Ln", "Dr", "Way", "Ct", "Pl", "Ter", "Cir"]
SYLLABLES = ["ash", "bel", "cor", "dan", "el", "fair", "glen", "hart", "iv", "jun", "ken",
             "lin", "mor", "nor", "oak", "pem", "quin", "ros", "sum", "tal", "up", "ver",
             "wel", "yar"]  # fmt: skip
MA_BBOX = (-73.51, 41.23, -69.92, 42.89)


def _names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3))))
        names.add(f"{word.capitalize()} {rng.choice(TYPES)}")
    return sorted(names)


def generate_addrfeat(folder: Path, *, segments: int, seed: int = 1) -> tuple[Path, list[tuple]]:
    """Write a zipped ADDRFEAT of `segments` random segments inside real towns.

    Returns the zip and a sample of (number, street, town, zip) answers to query with.
    """
    import shapefile
    from django.utils import timezone

    from beacon.geo.index import index_for

    sys_path = Path(__file__).resolve().parent.parent / "tests" / "geo"
    import importlib.util

    spec = importlib.util.spec_from_file_location("addressdata", sys_path / "addressdata.py")
    addressdata = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(addressdata)

    rng = random.Random(seed)
    index = index_for(timezone.localdate())
    names = _names(rng, 6000)
    counters: dict[tuple[str, str], int] = {}
    sample: list[tuple] = []
    folder.mkdir(parents=True, exist_ok=True)
    stem = "tl_2024_25000_addrfeat"
    minx, miny, maxx, maxy = MA_BBOX
    with shapefile.Writer(str(folder / stem), shapeType=shapefile.POLYLINE) as w:
        for name, kind, size in addressdata.ADDRFEAT_FIELDS:
            w.field(name, kind, size=size)
        written = 0
        while written < segments:
            lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            place = next((d for d in index.divisions_at(lon, lat) if d.kind == "place"), None)
            if place is None:
                continue
            street = names[hash((place.pk, rng.randrange(400))) % len(names)]
            k = counters[(place.name, street)] = counters.get((place.name, street), 0) + 1
            angle = rng.uniform(0, np.pi)
            dx, dy = np.cos(angle) * 0.0015, np.sin(angle) * 0.0011
            w.line([[[lon, lat], [lon + dx / 2, lat + dy / 2 + 1e-5], [lon + dx, lat + dy]]])
            zip_code = f"0{1000 + place.pk % 1700:04d}"
            w.record(written + 1, 1, 2, "", "", "", street, str(100 * k + 1), str(100 * k + 99),
                     str(100 * k), str(100 * k + 98), zip_code, zip_code, "S1400", "S1400",
                     "O", "E", "", "", "", "", "", "", "N", "N")  # fmt: skip
            if len(sample) < 200_000 and rng.random() < 0.3:
                sample.append((100 * k + rng.randrange(0, 98), street, place.name, zip_code))
            written += 1
    (folder / f"{stem}.prj").write_text(addressdata._prj(4269))
    return addressdata._zip(folder, stem, folder / f"{stem}.zip"), sample


def _rate(
    label: str, count: int, seconds: float, unit: str = "rows", cpu: float | None = None
) -> None:
    line = f"{label:<58} {count:>8,} {unit} in {seconds:6.2f} s = {count / seconds:>9,.0f}/s"
    if cpu:  # On a shared machine the CPU time is the figure an idle core would approach.
        line += f" (CPU {cpu:.2f} s = {count / cpu:,.0f}/s of CPU)"
    print(line)


def run_bulk(args, tmp: Path) -> None:
    import os

    from django.conf import settings
    from django.core.management import call_command

    from beacon.geo.addressing import address_parse, street_key
    from beacon.geo.services.addresses import address_ranges_import
    from beacon.officials.bulk import addresses_lookup, points_lookup

    people = Path(settings.BEACON_DATA_DIR) / "openstates" / "ma"
    if people.exists():
        call_command("import_officials", str(people), "--no-photos", verbosity=0, stdout=_Null())
    print(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    path, sample = generate_addrfeat(tmp / "addrfeat", segments=args.segments)
    size = sum(p.stat().st_size for p in (tmp / "addrfeat").iterdir() if p.suffix != ".zip")
    print(
        f"Generated {args.segments:,} ADDRFEAT segments in {time.perf_counter() - started:.1f} s: "
        f"shapefile {size / 1e6:.0f} MB, zipped {path.stat().st_size / 1e6:.0f} MB"
    )
    started = time.perf_counter()
    report = address_ranges_import(paths=[path], name="generated")
    _rate("Import (read, reproject, tag towns, store)", report.imported,
          time.perf_counter() - started, "segments")  # fmt: skip

    rng = random.Random(2)
    minx, miny, maxx, maxy = MA_BBOX
    points_csv = tmp / "points.csv"
    with points_csv.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["member_id", "lat", "lon"])
        for i in range(args.bulk_points):
            out.writerow([i, f"{rng.uniform(miny, maxy):.6f}", f"{rng.uniform(minx, maxx):.6f}"])
    _bulk("Points CSV -> JSON lines (points_lookup)", points_lookup, points_csv, tmp)

    queries = rng.sample(sample, min(args.addresses, len(sample)))
    lines = [f"{n} {street}" for n, street, _town, _zip in queries]
    street_key.cache_clear()
    address_parse.cache_clear()
    started, cpu = time.perf_counter(), time.process_time()
    parsed = lines[:20_000]
    for line in parsed:
        address_parse.__wrapped__(line)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"Parser alone (usaddress + normaliser, uncached), {len(parsed):,} addresses: "
          f"{elapsed / len(parsed) * 1e6:.0f} µs an address "
          f"({cpu / len(parsed) * 1e6:.0f} µs of CPU)")  # fmt: skip
    address_parse.cache_clear()
    addresses_csv = tmp / "addresses.csv"
    with addresses_csv.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["street", "city", "zip"])
        out.writerows((line, q[2], q[3]) for line, q in zip(lines, queries, strict=True))
    _bulk("Addresses CSV -> JSON lines (local geocoder)", addresses_lookup, addresses_csv, tmp)
    _page(queries[:600])


def _bulk(label: str, lookup, source: Path, tmp: Path) -> None:
    import cProfile
    import os
    import pstats

    target = tmp / "out.jsonl"
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    started, cpu = time.perf_counter(), time.process_time()
    with source.open(newline="") as fh, target.open("w") as out:
        if profile:
            profile.enable()
        report = lookup(csv.reader(fh), write=out.write)
        if profile:
            profile.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profile:  # BENCH_PROFILE=1: where the time goes (slower than without).
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    _rate(label, report.rows, elapsed, cpu=cpu)
    precisions = ", ".join(f"{k} {v:,}" for k, v in sorted(report.by_precision.items()))
    errors = ", ".join(f"{k} {v:,}" for k, v in sorted(report.errors.items())) or "none"
    print(f"    precision: {precisions}; errors: {errors}; "
          f"{report.distinct_sets:,} distinct district sets")  # fmt: skip
    with target.open() as fh:
        json.loads(fh.readline())  # The output is JSON lines.


def _page(queries: list[tuple]) -> None:
    from django.conf import settings
    from django.test import Client

    from beacon.geo.services import address_resolve

    timings = []
    for n, street, town, zip_code in queries:
        started = time.perf_counter_ns()
        address_resolve(street=f"{n} {street}", city=town, zip_code=zip_code)
        timings.append(time.perf_counter_ns() - started)
    timings.sort()
    at = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))] / 1e6  # noqa: E731
    print(f"address_resolve alone (what the page adds to a lookup), {len(timings)} addresses: "
          f"p50 {at(0.5):.2f} ms, p99 {at(0.99):.2f} ms")  # fmt: skip

    settings.ALLOWED_HOSTS = ["*"]
    # Every request comes from this one client; real supporters come from many networks.
    # Lift the per-client lookup limit so that each request is still counted, none held.
    from beacon.core.models import RateLimit

    RateLimit.objects.update_or_create(
        scope="lookup", key="client", defaults={"window_seconds": 60, "maximum": 10**9}
    )
    client = Client()
    client.get("/legislators/")
    import cProfile
    import os
    import pstats

    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") else None
    if profile:
        profile.enable()
    timings, cpu_timings = [], []
    for n, street, town, zip_code in queries:
        started, cpu = time.perf_counter_ns(), time.process_time_ns()
        response = client.post(
            "/legislators/", {"street": f"{n} {street}", "city": town, "zip_code": zip_code}
        )
        timings.append(time.perf_counter_ns() - started)
        cpu_timings.append(time.process_time_ns() - cpu)
        assert response.status_code == 200, response.status_code
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats(
            os.environ.get("BENCH_PROFILE_SORT", "cumulative")
        ).print_stats(40)
    timings.sort()
    pick = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))] / 1e6  # noqa: E731
    worst = timings[-1] / 1e6
    print(f"Page POST /legislators/ (street address, local geocoder), {len(timings)} requests: "
          f"p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {worst:.1f} ms")  # fmt: skip
    cpu_timings.sort()
    cpu_at = lambda q: cpu_timings[min(len(cpu_timings) - 1, int(q * len(cpu_timings)))] / 1e6  # noqa: E731
    print(f"    CPU per request: p50 {cpu_at(0.5):.1f} ms, p99 {cpu_at(0.99):.1f} ms")  # fmt: skip


class _Null:
    def write(self, *_args) -> None:
        pass

    def flush(self) -> None:
        pass
