"""dakcore: the rules engine of the DAK Nonfisik IKM handbook.

Pure standard-library Python, so that the same code runs under CPython (the `dak` command) and
under Pyodide in the reader's browser. It reads the rules compiled from `rules/` (data/rules.json),
never YAML.
"""

from .errors import InputError
from .findings import Finding, Level
from .plan import parse_plan
from .rules import RuleSet, load_rules

__all__ = ["Finding", "InputError", "Level", "RuleSet", "load_rules", "parse_plan"]
__version__ = "0.1.0"
