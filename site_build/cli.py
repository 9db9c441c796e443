"""The `handbook` command: compile the rules, build the site, serve it with live reload.

handbook compile-rules [--check]   rules/*.yml -> dakcore/data/rules.json
handbook build                     content + rules -> site/ (both languages)
handbook serve                     build, then serve at http://127.0.0.1:8000, rebuilding on change
"""

from __future__ import annotations

import argparse
import sys

from click.exceptions import Abort, ClickException

from site_build.content.loader import ContentError
from site_build.rules.compiler import COMPILED, compile_rules, render_json, write_compiled


def _compile_rules(args: argparse.Namespace) -> int:
    if args.only:
        data = compile_rules(only=args.only)
        print(f"{', '.join(args.only)}: {len(data['rules'])} rules compile cleanly (nothing written)")
        return 0
    if args.check:
        expected = render_json(compile_rules())
        actual = COMPILED.read_text(encoding="utf-8") if COMPILED.exists() else ""
        if expected != actual:
            print(f"{COMPILED} is out of date: run `handbook compile-rules`", file=sys.stderr)
            return 1
        print(f"{COMPILED} is up to date")
        return 0
    print(f"wrote {COMPILED}" if write_compiled() else f"{COMPILED} is up to date")
    return 0


def _build(args: argparse.Namespace) -> int:
    from site_build.site import build_site

    build_site(strict=args.strict)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from site_build.site import serve_site

    serve_site(host=args.host, port=args.port)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    compile_parser = commands.add_parser("compile-rules", help="compile rules/*.yml for dakcore")
    compile_parser.add_argument("--check", action="store_true", help="fail if the compiled file is stale")
    compile_parser.add_argument(
        "--only", nargs="+", metavar="FILE", help="check just these rules files; write nothing"
    )
    compile_parser.set_defaults(run=_compile_rules)
    build_parser = commands.add_parser("build", help="build the site into site/")
    build_parser.add_argument("--no-strict", dest="strict", action="store_false")
    build_parser.set_defaults(run=_build)
    serve_parser = commands.add_parser("serve", help="build and serve with live reload")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.set_defaults(run=_serve)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except (ClickException, Abort) as error:  # MkDocs' own failures: it has logged what went wrong
        message = getattr(error, "message", "") or "aborted"
        print(f"handbook: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
