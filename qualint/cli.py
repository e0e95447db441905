"""Command line: ``qualint check``, and the other commands.

Imports are kept inside the commands so that ``qualint --version`` and a hook run on a small file
start fast (rich, pint, docx and pdf libraries load only when used).
"""

from __future__ import annotations

import sys

import click

from qualint import __version__

FORMATS = ("terminal", "json", "jsonl", "sarif", "github", "junit", "html")
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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check files in N parallel processes (default: the number of cores).")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Skip files and folders matching this .gitignore-style pattern; may be repeated.")
@click.option("--previous", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Last year's report: earlier-year figures quoted now must match what it said.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this qualint.toml / pyproject.toml for every file (default: the nearest one).")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False), metavar="PATH",
              help="Extra rule pack (rules, wording, indicator aliases); may be repeated.")
@click.option("--select", default=None, metavar="IDS", help="Only these rules (comma-separated ids, prefixes or ALL).")
@click.option("--ignore", default=None, metavar="IDS", help="Also switch these rules off.")
@click.option("--extend-select", default=None, metavar="IDS", help="Also switch these rules on.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in FILE (then exit 0) so that later runs report only new ones.")
def check(paths: tuple[str, ...], fmt: str, output: str | None, lang: str | None, fail_on: str | None,
          exit_zero: bool, verbose: bool, quiet: bool, max_size: int | None, debug: bool,
          config_path: str | None, rule_packs: tuple[str, ...], select: str | None, ignore: str | None,
          extend_select: str | None, baseline_path: str | None, write_baseline: str | None,
          jobs: int | None = None, exclude: tuple[str, ...] = (), previous: str | None = None) -> None:
    """Check reports (files or folders) and report inconsistent numbers."""
    from qualint import baseline
    from qualint.config import ConfigError
    from qualint.discover import discover
    from qualint.engine import Options
    from qualint.findings import FileResult
    from qualint.policy import Plan, overrides_from_cli
    from qualint.readers import DEFAULT_MAX_BYTES
    from qualint.rulepack import PackError

    if baseline_path and write_baseline:
        raise click.UsageError("--baseline and --write-baseline cannot be combined")
    options = Options(max_bytes=(max_size * 1024 * 1024) if max_size else DEFAULT_MAX_BYTES, debug=debug)
    files, missing = discover(paths, exclude)
    if output and _is_one_of(output, [*files, *([previous] if previous else [])]):
        raise click.UsageError(f"--output {output} is one of the reports: qualint never writes over its input")
    if write_baseline and _is_one_of(write_baseline, [*files, *([previous] if previous else [])]):
        raise click.UsageError(f"--write-baseline {write_baseline} is one of the reports: qualint never writes over its input")
    try:
        plan = Plan.create(config_path, overrides_from_cli(select, ignore, extend_select, fail_on, lang, rule_packs))
        per_file = {f: plan.options_for(f, options) for f in files}
        pack = plan.display_pack(files)
        accepted = baseline.load(baseline_path) if baseline_path else None
    except (ConfigError, PackError, baseline.BaselineError) as exc:
        click.echo(f"qualint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    lang, fail_on = plan.lang, plan.fail_on
    if previous:
        from qualint.errors import InputError
        from qualint.previous import load_previous, with_previous

        try:
            last_year = load_previous(previous, plan.options_for(previous, options))
            per_file = {f: with_previous(o, last_year) for f, o in per_file.items()}
        except InputError as exc:
            click.echo(f"qualint: --previous {previous}: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    from qualint.batch import check_files, wants_progress

    results = check_files(files, per_file, jobs, progress=wants_progress(len(files), quiet))
    results += [FileResult(path=p, error=e) for p, e in missing]
    if write_baseline:
        count = baseline.write(write_baseline, results)
        click.echo(f"qualint: {count} finding(s) recorded in {write_baseline}", err=True)
        sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_CLEAN)
    if accepted is not None:
        results, _ = accepted.filter(results)
    _emit(results, pack, fmt, output, lang, verbose, quiet)
    sys.exit(exit_code(results, pack, fail_on, exit_zero))


def _emit(results, pack, fmt: str, output: str | None, lang: str, verbose: bool, quiet: bool) -> None:
    """The chosen format goes to FILE (atomically) or stdout. With FILE, or with the terminal format,
    stdout shows the human output: findings (not with --quiet), batch tables, the summary line."""
    if output:
        from qualint.atomic import write_text  # tempfile and friends only when writing a file

        write_text(output, render_format(fmt, results, pack, lang, verbose))
    if output or fmt == "terminal":
        _human(results, pack, lang, verbose, quiet, file=sys.stdout)
        return
    sys.stdout.write(render_format(fmt, results, pack, lang, verbose))
    for r in results:
        if r.error:
            click.echo(f"qualint: {r.path}: {r.error}", err=True)


def _is_one_of(path: str, inputs: list[str]) -> bool:
    import os

    for other in inputs:
        try:
            if os.path.samefile(path, other):
                return True
        except OSError:
            continue
    return False


def render_format(fmt: str, results, pack, lang: str, verbose: bool = False) -> str:
    """The whole output of ``--format fmt`` as text (the terminal format without colour)."""
    if fmt == "terminal":
        import io

        buffer = io.StringIO()
        _human(results, pack, lang, verbose, quiet=False, file=buffer, color=False)
        return buffer.getvalue()
    if fmt in ("json", "jsonl"):
        from qualint.reporters import json as json_reporter

        return (json_reporter.render if fmt == "json" else json_reporter.render_lines)(results, pack, lang)
    if fmt == "github":
        from qualint.reporters import github

        return github.render(results, pack, lang, verbose=verbose)
    from importlib import import_module

    return import_module(f"qualint.reporters.{fmt}").render(results, pack, lang)


def _human(results, pack, lang: str, verbose: bool, quiet: bool, file, color: bool | None = None) -> None:
    """Findings, then (for several files, not with --quiet) the per-file and frequent-rule tables,
    then the one-line summary."""
    from qualint.reporters import terminal

    terminal.render(results, pack, lang, file=file, verbose=verbose, show_findings=not quiet,
                    show_summary=False, color=color)
    if len(results) > 1 and not quiet:
        from qualint.batch import render_summary

        render_summary(results, pack, lang, file=file, color=color)
    terminal.render_summary_line(results, pack, lang, file=file, color=color)


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


def _rule_setup(config_path: str | None, rule_packs: tuple[str, ...], where: str):
    """The pack and policy that apply to ``where`` (a file or folder), for ``rules`` and ``explain``."""
    from qualint.config import ConfigError
    from qualint.policy import Overrides, Plan
    from qualint.rulepack import PackError

    try:
        plan = Plan.create(config_path, Overrides(rule_packs=rule_packs))
        return plan, plan.pack_for(where), plan.policy_for(where)
    except (ConfigError, PackError) as exc:
        click.echo(f"qualint: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@main.command("rules")
@click.argument("path", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the summaries.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration to apply (default: the nearest to PATH or the current folder).")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False), metavar="PATH",
              help="Extra rule pack; may be repeated.")
def rules_command(path: str | None, lang: str | None, config_path: str | None, rule_packs: tuple[str, ...]) -> None:
    """List the rules: id, name, severity and whether they are on (for PATH, if given)."""
    from qualint.policy import rules_listing

    plan, pack, policy = _rule_setup(config_path, rule_packs, path or ".")
    click.echo(rules_listing(pack, policy, lang or plan.lang, path), nl=False)


@main.command("explain")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the explanation.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None)
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(dir_okay=False), metavar="PATH",
              help="Extra rule pack; may be repeated.")
def explain_command(rule_id: str, lang: str | None, config_path: str | None, rule_packs: tuple[str, ...]) -> None:
    """Describe one rule (by id or name) with its examples."""
    from qualint.rulepack import explain

    plan, pack, _ = _rule_setup(config_path, rule_packs, ".")
    rule = pack.by_name(rule_id) or pack.by_name(rule_id.upper())
    if rule is None:
        click.echo(f"qualint: unknown rule {rule_id!r} (`qualint rules` lists them)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(explain(rule, lang or plan.lang), nl=False)


@main.command("annotate")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", "-o", "output", required=True, type=click.Path(dir_okay=False),
              help="The commented copy to write (must differ from the input).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the comments (default zh).")
@click.option("--verbose", "-v", is_flag=True, help="Also comment info findings (e.g. truncation).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this qualint.toml / pyproject.toml (default: the nearest one).")
@click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="MB", help="Largest report to read, in MB.")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def annotate_command(source: str, output: str, lang: str | None, verbose: bool, exit_zero: bool,
                     config_path: str | None, max_size: int | None, debug: bool) -> None:
    """Write a copy of a Word report with a comment on each wrong number (author "qualint")."""
    from qualint.annotate import annotate
    from qualint.config import ConfigError
    from qualint.engine import Options
    from qualint.errors import InputError
    from qualint.policy import Overrides, Plan
    from qualint.readers import DEFAULT_MAX_BYTES
    from qualint.rulepack import PackError

    try:
        plan = Plan.create(config_path, Overrides(lang=lang))
        options = plan.options_for(source, Options(
            max_bytes=(max_size * 1024 * 1024) if max_size else DEFAULT_MAX_BYTES, debug=debug))
        pack = plan.display_pack([source])
    except (ConfigError, PackError) as exc:
        click.echo(f"qualint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        done = annotate(source, output, lang=plan.lang, options=options, include_info=verbose, pack=pack)
    except InputError as exc:
        click.echo(f"qualint: {source}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        click.echo(f"qualint: {output}: cannot write ({exc.strerror or exc})", err=True)
        sys.exit(EXIT_ERROR)
    _human([done.result], pack, plan.lang, verbose, quiet=False, file=sys.stdout)
    note = f"qualint: wrote {output} ({done.comments} comment(s)"
    note += f", {len(done.unanchored)} finding(s) without a place in the document body)" if done.unanchored else ")"
    click.echo(note, err=True)
    sys.exit(exit_code([done.result], pack, plan.fail_on, exit_zero))


if __name__ == "__main__":  # pragma: no cover
    main()
