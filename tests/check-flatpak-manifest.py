#!/usr/bin/python3
# check-flatpak-manifest.py: the Flatpak manifest as Flathub checks it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-flatpak-manifest.py MANIFEST.json
#
# Valid JSON; every remote source pinned (a git source by its full commit,
# an archive or file by its sha256), since Flathub refuses the others; no
# D-Bus name that a portal serves inside the sandbox (the Secret portal
# for libsecret); the GNOME runtime no older than the one this check
# names. Prints what is wrong and exits 1.

import json
import re
import sys

# GNOME 51, September 2026; 49 and older are out of support by then.
OLDEST_RUNTIME = 51
PORTAL_NAMES = {"org.freedesktop.secrets"}


def sources(modules):
    for module in modules:
        if isinstance(module, str):
            continue
        for source in module.get("sources", []):
            yield module.get("name", "?"), source
        yield from sources(module.get("modules", []))


def main(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    problems = []

    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append("the runtime is not org.gnome.Platform")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < OLDEST_RUNTIME:
        problems.append(f"runtime-version {version!r} is older than {OLDEST_RUNTIME}")

    for arg in manifest.get("finish-args", []):
        name = arg.split("=", 1)[1] if arg.startswith("--talk-name=") else None
        if name in PORTAL_NAMES:
            problems.append(f"{arg}: a portal serves it inside the sandbox")

    for module, source in sources(manifest.get("modules", [])):
        kind = source.get("type")
        if kind == "git":
            if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                problems.append(f"{module}: git source without a full commit")
        elif kind in ("archive", "file"):
            if "url" in source and not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problems.append(f"{module}: {kind} source without a sha256")
        elif kind != "dir":
            problems.append(f"{module}: source of type {kind!r} is not checked here")

    for problem in problems:
        print(f"{path}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
