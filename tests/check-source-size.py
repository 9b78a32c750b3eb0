#!/usr/bin/python3
# check-source-size.py: no C file in src/ over 1,000 lines, no function over 80
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-source-size.py SRCDIR
#
# A function is found the way GNOME style writes one: its name at the start
# of a line, followed by "(", after a line with its return type; it runs up
# to the first "}" at the start of a line after its "{". That misses
# functions written otherwise, which is fine for a limit meant to keep the
# code readable, not to prove it.
#
# Nothing is exempt: what was over a limit when the check came has been
# split (issue 19). A file or function that grows over a limit is split
# along its seams, not allowed.

import os
import re
import sys

MAX_FILE_LINES = 1000
MAX_FUNCTION_LINES = 80

NAME = re.compile(r'^([a-z_][a-z0-9_]*) *\(')
RETURN_TYPE = re.compile(r'^[A-Za-z_].*[A-Za-z0-9_*]$')


def functions(lines):
    """Yields (name, length in lines) of each function defined in lines."""
    i = 0
    while i < len(lines):
        match = NAME.match(lines[i])
        if match is None or i == 0 or not RETURN_TYPE.match(lines[i - 1].rstrip()):
            i += 1
            continue
        start = i
        # The parameters run to "{" on a line of its own; ";" first makes
        # this a declaration.
        j = i
        while j < len(lines) and lines[j].rstrip() != '{' and not lines[j].rstrip().endswith(';'):
            j += 1
        if j >= len(lines) or lines[j].rstrip() != '{':
            i = j + 1
            continue
        while j < len(lines) and not lines[j].startswith('}'):
            j += 1
        yield match.group(1), j - start + 1
        i = j + 1


def violations(root, srcdir):
    for dirpath, dirnames, filenames in os.walk(srcdir):
        dirnames.sort()
        for filename in sorted(filenames):
            if not filename.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, filename)
            relpath = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                lines = f.read().split('\n')
            if lines and lines[-1] == '':
                lines.pop()
            if len(lines) > MAX_FILE_LINES:
                yield relpath, f'{len(lines)} lines'
            for name, length in functions(lines):
                if length > MAX_FUNCTION_LINES:
                    yield f'{relpath}:{name}', f'{length} lines'


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} SRCDIR', file=sys.stderr)
        return 2
    srcdir = sys.argv[1]
    root = os.path.dirname(os.path.abspath(srcdir))
    found = dict(violations(root, srcdir))

    for key in sorted(found):
        print(f'over the limit ({MAX_FILE_LINES} lines a file, {MAX_FUNCTION_LINES} a function): '
              f'{key} ({found[key]})')

    print(f'{len(found)} over the limits')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
