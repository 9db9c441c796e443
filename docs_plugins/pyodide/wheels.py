"""Pure-Python wheels of PyPI packages that the site hosts beside dakcore's (openpyxl and et_xmlfile,
loaded only when a reader opens or saves a workbook): exactly the versions and files pinned in
requirements.lock, checked against its hashes.

They are downloaded once into a cache folder (`pip download --require-hashes`, from whatever index
pip is set up to use; dev/bootstrap.sh does it, so a build after the bootstrap needs no network) and
copied from there into the site.

    python -m docs_plugins.pyodide.wheels [mkdocs.yml]    (the plugin's `wheels` settings)
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
_HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    hashes: frozenset[str]

    def requirement(self) -> str:
        return f"{self.name}=={self.version} " + " ".join(f"--hash=sha256:{h}" for h in sorted(self.hashes))


def pins(lock: Path, names: list[str]) -> list[Pin]:
    """The pinned version and allowed hashes of each name in a `uv pip compile --generate-hashes`
    lock file; a name the lock does not pin stops the build."""
    found: dict[str, Pin] = {}
    current: tuple[str, str] | None = None
    hashes: set[str] = set()
    for line in [*lock.read_text(encoding="utf-8").splitlines(), ""]:
        pin = _PIN.match(line)
        if pin or not line.startswith(" "):
            if current:
                found[normalized(current[0])] = Pin(current[0], current[1], frozenset(hashes))
            current, hashes = ((pin[1], pin[2]) if pin else None), set()
        hashes.update(_HASH.findall(line))
    missing = [n for n in names if normalized(n) not in found]
    if missing:
        raise PluginError(f"dak-pyodide: wheels: {lock} pins no {', '.join(missing)}")
    return [found[normalized(n)] for n in names]


def _pinned_wheel(pin: Pin, cache: Path) -> Path | None:
    prefix = normalized(pin.name).replace("-", "_") + f"-{pin.version}-"
    for path in sorted(cache.glob("*.whl")):
        if (
            path.name.lower().startswith(prefix)
            and hashlib.sha256(path.read_bytes()).hexdigest() in pin.hashes
        ):
            return path
    return None


def locked_wheels(lock: Path, names: list[str], cache: Path) -> list[Path]:
    """The wheel file of each name, as pinned and hashed in `lock`, from `cache` (downloaded into it
    with pip when missing)."""
    wanted = pins(lock, names)
    missing = [pin for pin in wanted if _pinned_wheel(pin, cache) is None]
    if missing:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write("\n".join(pin.requirement() for pin in missing) + "\n")
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:"]
        command += ["--require-hashes", "-r", handle.name, "-d", str(cache)]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        Path(handle.name).unlink(missing_ok=True)
        if result.returncode != 0:
            output = (result.stdout + result.stderr)[-2000:]
            raise PluginError(
                f"dak-pyodide: wheels: `pip download` of {', '.join(p.name for p in missing)} failed "
                f"(no network? dev/bootstrap.sh fetches them once):\n{output}"
            )
    wheels = []
    for pin in wanted:
        wheel = _pinned_wheel(pin, cache)
        if wheel is None or not wheel.name.endswith("-none-any.whl"):
            raise PluginError(
                f"dak-pyodide: wheels: no pure-Python wheel of {pin.name}=={pin.version} in {cache}"
            )
        wheels.append(wheel)
    return wheels


def configured_wheels(mkdocs_yml: Path) -> list[Path]:
    """The wheels the `dak-pyodide` entry of mkdocs.yml asks for, fetched into its cache."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and the like
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)
    entries = [
        p["dak-pyodide"] for p in config.get("plugins", []) if isinstance(p, dict) and "dak-pyodide" in p
    ]
    settings = (entries[0] if entries else None) or {}
    if not settings.get("wheels"):
        return []
    here = mkdocs_yml.parent
    lock = here / settings.get("wheels_lock", "requirements.lock")
    return locked_wheels(lock, settings["wheels"], here / settings.get("wheels_cache", ".cache/dak-wheels"))


if __name__ == "__main__":
    for wheel_path in configured_wheels(Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")):
        print(wheel_path)
