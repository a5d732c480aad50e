"""What every command-line test prints and counts: one line per check, the failures kept for the exit code,
and a subprocess run that captures its output (its timeout a bound for a hung process, never a schedule)."""
import subprocess

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, env=None, timeout=600):
    return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=timeout)
