"""Command line: ``qualint check``, and the other commands.

Imports are kept inside the commands so that ``qualint --version`` and a hook run on a small file
start fast (rich, pint, docx and pdf libraries load only when used).
"""

from __future__ import annotations

import sys

import click

from qualint import __version__

FORMATS = ("terminal", "json", "jsonl")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qualint")
def main() -> None:
    """qualint: checks the numbers in written reports (质量年度报告) against each other."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="Output format.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the chosen format to FILE; the terminal still shows the summary.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of messages (default zh).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still for unreadable files).")
@click.option("--verbose", "-v", is_flag=True, help="Also show info findings, encodings and tables not understood.")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary on the terminal.")
@click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="MB",
              help="Largest text report to read, in MB (default 32).")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def check(paths: tuple[str, ...], fmt: str, output: str | None, lang: str | None, fail_on: str | None,
          exit_zero: bool, verbose: bool, quiet: bool, max_size: int | None, debug: bool) -> None:
    """Check reports (files or folders) and report inconsistent numbers."""
    from qualint.discover import discover
    from qualint.engine import Options, check_file
    from qualint.findings import FileResult
    from qualint.readers import DEFAULT_MAX_BYTES
    from qualint.rulepack import load

    lang = lang or "zh"
    fail_on = fail_on or "error"
    options = Options(max_bytes=(max_size * 1024 * 1024) if max_size else DEFAULT_MAX_BYTES, debug=debug)
    files, missing = discover(paths)
    results = [check_file(f, options) for f in files]
    results += [FileResult(path=p, error=e) for p, e in missing]
    pack = load()
    _emit(results, pack, fmt, output, lang, verbose, quiet)
    sys.exit(exit_code(results, pack, fail_on, exit_zero))


def _emit(results, pack, fmt: str, output: str | None, lang: str, verbose: bool, quiet: bool) -> None:
    """Write the machine format to stdout or FILE; the terminal gets findings or at least a summary."""
    from qualint.reporters import terminal

    if fmt == "terminal":
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                terminal.render(results, pack, lang, file=fh, verbose=verbose, color=False)
        terminal.render(results, pack, lang, file=sys.stdout, verbose=verbose, show_findings=not quiet)
        return
    from qualint.reporters import json as json_reporter

    text = json_reporter.render(results, pack, lang) if fmt == "json" else json_reporter.render_lines(results, pack, lang)
    if output:
        from qualint.atomic import write_text

        write_text(output, text)
        terminal.render(results, pack, lang, file=sys.stderr, verbose=False, show_findings=not quiet)
    else:
        sys.stdout.write(text)
        for r in results:
            if r.error:
                click.echo(f"qualint: {r.path}: {r.error}", err=True)


def exit_code(results, pack, fail_on: str, exit_zero: bool) -> int:
    from qualint.findings import Severity
    from qualint.reporters.model import active
    from qualint.rulepack import severity_of

    if any(r.error for r in results):
        return EXIT_ERROR
    if exit_zero or fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity(fail_on).rank
    for r in results:
        if any(severity_of(pack, f).rank >= threshold for f in active(r.findings)):
            return EXIT_FINDINGS
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    main()
