"""The one way the plugin runs an outside tool (Node with stdlib.mjs, the Pyodide command line): a tool
that cannot start, runs too long or fails stops the build with its name, what is likely wrong and the
end of what it printed, never with a traceback."""

from __future__ import annotations

import subprocess

from mkdocs.exceptions import PluginError


def run_tool(command: list[str], *, name: str, hint: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """Run `command` (text output captured); `name` says which tool it is, `hint` what is likely wrong
    when it fails."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PluginError(f"dak-pyodide: cannot run {name}: {error}") from None
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        raise PluginError(f"dak-pyodide: {name} failed ({hint}), exit {result.returncode}:\n{output}")
    return result
