"""Sessions: tests, plugins, ray, tests_nojit, bench, bench_check, lint, typecheck."""

from __future__ import annotations

import glob
import os

import nox

nox.needs_version = ">=2024.3.2"
nox.options.sessions = ["tests", "plugins", "ray", "lint", "typecheck"]
nox.options.reuse_venv = "yes"

PLUGINS = sorted(glob.glob("plugins/hanpipe-*"))
TEST_ENV = {"NUMBA_BOUNDSCHECK": "1", "PYTHONHASHSEED": "0"}
CACHE = os.path.abspath(".nox/hanpipe-cache")
WARM = "import hanpipe; hanpipe.Pipeline().process('預熱 warm-up 1200萬美元')"


def _install(session: nox.Session, extras: str) -> None:
    session.install(f".[{extras}]")
    for path in PLUGINS:
        session.install(path)
    session.install("./tests/plugin_pkg")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, the example plugins' tests and the benchmarks once, untimed."""
    _install(session, "test,bench")
    env = {**TEST_ENV, "HANPIPE_CACHE": CACHE}
    session.run("pytest", "tests", *_plugin_tests(), *session.posargs, env=env)
    session.run("pytest", "benchmarks", "--benchmark-disable", "-q", "-p", "no:cacheprovider", env=env)


def _plugin_tests() -> list[str]:
    return [f"{path}/tests" for path in PLUGINS if os.path.isdir(f"{path}/tests")]


@nox.session
def plugins(session: nox.Session) -> None:
    """Install every plugin in plugins/ with hanpipe into one environment and run their tests."""
    session.install(".")
    for path in PLUGINS:
        session.install(f"{path}[test]")
    session.run("pytest", *_plugin_tests(), *session.posargs, env={**TEST_ENV, "HANPIPE_CACHE": CACHE})


@nox.session
def ray(session: nox.Session) -> None:
    """The Ray Data adapter against a real local cluster (2 CPUs, no dashboard, usage stats off)."""
    session.install(".[ray,test]")
    env = {**TEST_ENV, "HANPIPE_CACHE": CACHE, "RAY_USAGE_STATS_ENABLED": "0"}
    session.run("pytest", "tests/test_ray.py", "-p", "no:cacheprovider", *session.posargs, env=env)


@nox.session(default=False)
def tests_nojit(session: nox.Session) -> None:
    """Run the tests with numba's JIT off, measuring coverage of the kernels as Python."""
    _install(session, "test")
    session.install("coverage[toml]")
    # compiled dictionaries are built with the JIT on first (plain Python would take minutes)
    session.run("python", "-c", WARM, env={"HANPIPE_CACHE": CACHE})
    env = {**TEST_ENV, "NUMBA_DISABLE_JIT": "1", "HANPIPE_CACHE": CACHE}
    session.run(
        "coverage", "run", "--source=hanpipe", "-m", "pytest", "tests", "-m", "not slow", *session.posargs, env=env
    )
    session.run("coverage", "report", "--skip-covered", "--sort=cover")


@nox.session
def bench(session: nox.Session) -> None:
    """Time every stage beside its peer; prints MB/s and the ratio to the peer (Ray beside worker processes too)."""
    _install(session, "test,bench,ray")
    session.run(
        "pytest",
        "benchmarks",
        "--benchmark-autosave",
        "--benchmark-columns=min,median,mean,rounds",
        *session.posargs,
    )


@nox.session(default=False)
def bench_check(session: nox.Session) -> None:
    """Time the benchmarks that have peers; fail if a ratio fell over 15 % since the last kept bench run here."""
    _install(session, "test,bench")
    run = os.path.join(session.create_tmp(), "bench-check.json")
    # this run is not kept (no autosave): only `nox -s bench` runs are baselines; posargs choose the benchmarks
    session.run("pytest", "benchmarks", f"--benchmark-json={run}", *(session.posargs or ["-k", "not hostile"]))
    session.run("python", "-m", "benchmarks.history", "check", run, "--storage", ".benchmarks")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the package, tests, benchmarks and plugins."""
    session.install("ruff")
    session.run("ruff", "check", "src", "tests", "benchmarks", "plugins", "noxfile.py", *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy over the package."""
    session.install("-e", ".", "mypy")
    session.run("mypy", *session.posargs)
