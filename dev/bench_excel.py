"""Excel benchmarks (called by dev/bench.py): reading a 100,000-row roster workbook with
openpyxl's read-only mode, and a reviewer's batch of 500 regional plans into one summary workbook."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl

from dakcore.engine import validate
from dakcore.roster import check_roster
from dakcore.rules import load_rules
from dakcore.workbook import summary_workbook

TARGETS = {
    "check a 100,000-row roster workbook, s": 6.0,
    "same, as saved by LibreOffice, s": 6.0,
    "batch of 500 plans + summary workbook, s": 2.0,
}


def _roster_workbook(rows: int, rng: random.Random) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append(["Nama", "Tanggal Lahir", "Pendidikan Terakhir", "NIB"])
    for index in range(rows):
        born = date(rng.randint(1960, 2010), rng.randint(1, 12), rng.randint(1, 28))
        sheet.append([f"Peserta {index}", born, rng.choice(["SD", "SMP", "SMA", "S1"]), "ya"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _saved_by_office(data: bytes) -> bytes | None:
    """The workbook as a spreadsheet program saves it (shared strings, as Excel does; openpyxl writes
    every text inline, which is slower to read), when LibreOffice is there (bootstrap --browser)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dak-bench-lo-") as scratch:
        folder = Path(scratch)
        (folder / "in").mkdir()
        (folder / "in" / "peserta.xlsx").write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder),
                str(folder / "in" / "peserta.xlsx"),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return (folder / "peserta.xlsx").read_bytes()


def bench_excel(plans: list[dict]) -> dict[str, float]:
    """`plans`: regional plans (bench.py's make_plans); the first 500 are the batch."""
    rules = load_rules()
    data = _roster_workbook(100_000, random.Random(20232))
    print(f"roster workbook: 100,000 rows, {len(data) / 1e6:.1f} MB")
    figures: dict[str, float] = {}
    for name, workbook in (
        ("check a 100,000-row roster workbook, s", data),
        ("same, as saved by LibreOffice, s", _saved_by_office(data)),
    ):
        if workbook is not None:
            start, cpu = time.perf_counter(), time.process_time()
            check_roster(
                rules, workbook, activity="pelatihan-teknis-produksi", year=2023, on=date(2023, 6, 1)
            )
            figures[name] = time.perf_counter() - start
            print(f"{name}: {figures[name]:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    texts = [json.dumps({**plan, "region": f"Kabupaten {i}"}) for i, plan in enumerate(plans[:500])]
    start, cpu = time.perf_counter(), time.process_time()
    reports = [(f"rencana-{i}.json", validate(rules, text)) for i, text in enumerate(texts)]
    summary_workbook(rules, reports)
    figures["batch of 500 plans + summary workbook, s"] = time.perf_counter() - start
    found = sum(len(r["findings"]) for _, r in reports)
    print(f"batch: {time.process_time() - cpu:.2f} s CPU, {found} findings")
    for name, value in figures.items():
        print(f"{name} (target < {TARGETS[name]:g}): {value:.2f}")
    return figures
