#!/usr/bin/python3
# The repository's documents stay what a newcomer can rely on.
#
#   check-docs.py SOURCE_ROOT readme|outside|paths
#
# readme   README.md has at most 150 lines, and its quick start holds exactly
#          two commands, each of them starting a script of the repository.
# outside  No tracked file refers to a document outside the repository (the
#          design notes the project grew from lived beside it, not in it).
# paths    Every repository path that README.md, ARCHITECTURE.md, HACKING.md,
#          bench/README.md and src/server/PROTOCOL.md name in `code` or as a
#          link exists, so the guides follow when files move.

import glob
import os
import re
import subprocess
import sys

README_MAX_LINES = 150
GUIDES = ['README.md', 'ARCHITECTURE.md', 'HACKING.md', 'bench/README.md',
          'src/server/PROTOCOL.md']
# Written in pieces so that this file does not match itself.
OUTSIDE = ['..' + '/shared', '/work' + '/shared', 'DESIGN' + '.md', 'STYLE' + '.md']
TOP_DIRS = ('src/', 'tests/', 'bench/', 'build-aux/', 'data/', 'help/', 'po/',
            'fuzz/', 'flatpak/', '.ci/')


def read(root, name):
    with open(os.path.join(root, name), encoding='utf-8') as f:
        return f.read()


def tracked_files(root):
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '-z'], check=True,
                             capture_output=True).stdout
        return [name for name in out.decode('utf-8').split('\0') if name]
    except (OSError, subprocess.CalledProcessError):
        # Not a checkout (a release tarball): every file but build trees.
        names = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(('_build', '.git'))]
            for name in filenames:
                names.append(os.path.relpath(os.path.join(dirpath, name), root))
        return names


def quick_start_commands(text):
    """The code lines of the section "## Quick start…": indented by four
    spaces, or inside ``` fences."""
    section = re.search(r'^## Quick start.*?$(.*?)(?=^## |\Z)', text, re.M | re.S)
    if section is None:
        return None
    commands = []
    fenced = False
    for line in section.group(1).splitlines():
        if line.startswith('```'):
            fenced = not fenced
            continue
        if (fenced or line.startswith('    ')) and line.strip():
            commands.append(line.strip())
    return commands


def check_readme(root):
    errors = []
    text = read(root, 'README.md')
    n_lines = len(text.splitlines())
    if n_lines > README_MAX_LINES:
        errors.append(f'README.md has {n_lines} lines, more than {README_MAX_LINES}: '
                      'move details to ARCHITECTURE.md, HACKING.md, help/ or bench/README.md')
    commands = quick_start_commands(text)
    if commands is None:
        errors.append('README.md has no "## Quick start" section')
    elif len(commands) != 2:
        errors.append(f'the quick start of README.md holds {len(commands)} command lines, '
                      f'not exactly two: {commands}')
    else:
        for command in commands:
            for script in re.findall(r'(?:^|&&\s*|;\s*)\./([^\s;&]+)', command):
                path = os.path.join(root, script)
                if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                    errors.append(f'the quick start runs ./{script}, which is not an '
                                  'executable file of the repository')
    return errors


def check_outside(root):
    errors = []
    me = os.path.relpath(os.path.abspath(__file__), os.path.abspath(root))
    for name in tracked_files(root):
        if name == me:
            continue
        try:
            with open(os.path.join(root, name), 'rb') as f:
                data = f.read()
        except OSError:
            continue
        if b'\0' in data:
            continue
        text = data.decode('utf-8', errors='replace')
        for number, line in enumerate(text.splitlines(), 1):
            for needle in OUTSIDE:
                if needle in line:
                    errors.append(f'{name}:{number}: refers to {needle}, which is not in '
                                  'the repository: copy what is needed into its own docs')
    return errors


def named_paths(text):
    for token in re.findall(r'`([^`\s]+)`', text):
        yield token
    for target in re.findall(r'\]\(([^)\s#]+)', text):
        if not re.match(r'[a-z]+:', target):
            yield target


def exists(path):
    """Whether @path names a file; a part in capitals that is not a file
    (NNN-topic.sql, TARGET) is a placeholder and stands for any name."""
    if '*' not in path and os.path.exists(path):
        return True
    parts = path.split('/')
    pattern = '/'.join('*' if re.search(r'[A-Z]{2,}', part) and not os.path.exists(
        '/'.join(parts[:i + 1])) else part for i, part in enumerate(parts))
    return bool(glob.glob(pattern))


def check_paths(root):
    errors = []
    for guide in GUIDES:
        if not os.path.isfile(os.path.join(root, guide)):
            errors.append(f'{guide} is missing')
            continue
        text = read(root, guide)
        base = os.path.dirname(guide)
        for token in named_paths(text):
            path = token.rstrip('.,:;)')
            if path.startswith(TOP_DIRS) or path in GUIDES:
                full = os.path.join(root, path)
            elif path.endswith(('.md', '.png')) and '/' not in path and base:
                full = os.path.join(root, base, path)
            elif re.match(r'^[\w./-]+\.(md|png)$', path):
                full = os.path.join(root, base, path)
            else:
                continue
            if not exists(full):
                errors.append(f'{guide}: `{token}` does not exist')
    return errors


def main():
    root, what = sys.argv[1], sys.argv[2]
    errors = {'readme': check_readme, 'outside': check_outside, 'paths': check_paths}[what](root)
    for error in errors:
        print(f'error: {error}')
    if not errors:
        print(f'{what}: ok')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
