"""Git for the review tests: fictional test identities commit to a project copy."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TRANSLATOR = "Translator One <t1@example.test>"
REVIEWER = "Reviewer One <r1@example.test>"
SECTION = "thermal-rhizotomy#risks"


def git(root: Path, *args: str, who: str | None = None) -> str:
    """Run git in ``root``, as ``who`` (``Name <email>``) when given."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if who is not None:
        name, email = who[: who.index(" <")], who[who.index("<") + 1 : -1]
        env.update(
            GIT_AUTHOR_NAME=name,
            GIT_AUTHOR_EMAIL=email,
            GIT_COMMITTER_NAME=name,
            GIT_COMMITTER_EMAIL=email,
        )
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


def commit_all(root: Path, who: str, message: str) -> None:
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", message, who=who)
