#!/usr/bin/env python3
# gen-schema-names.py: the names of lotse-schema.c's tables and fields as C
# constants (lotse-schema-names.h), so that a misspelt table or field in
# the UI or the CLI fails to compile instead of failing at run time.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# lotse-schema.c stays the one definition: it carries the labels (N_() for
# xgettext), limits and enums, and reads as the data model. This script
# reads only its field arrays and its table of tables, and refuses any line
# in them it does not understand, so the header cannot fall behind it.
#
#   gen-schema-names.py lotse-schema.c lotse-schema-names.h

import re
import sys

FIELDS_START = re.compile(r'^static const LotseField (\w+)\[\] = \{$')
FIELD = re.compile(r'^\s*[A-Z_]+ \("(\w+)",')
TABLES_START = re.compile(r'^static const LotseTable tables\[\] = \{$')
TABLE = re.compile(r'^\s*(?:TABLE \(|\{ )"(\w+)", N_\("[^"]*"\), (\w+),')
SKIP = re.compile(r'^\s*(/\*.*\*/|/\*.*|\*.*|[A-Z_]+\s*\}?,?)?$')


def fail(path, number, line, why):
    sys.exit(f'{path}:{number}: {why}: {line.strip()}')


def parse(path):
    arrays = {}
    tables = []
    current = None
    in_tables = False

    with open(path, encoding='utf-8') as source:
        for number, line in enumerate(source, 1):
            line = line.rstrip('\n')
            if current is None and not in_tables:
                match = FIELDS_START.match(line)
                if match:
                    current = arrays.setdefault(match.group(1), [])
                in_tables = TABLES_START.match(line) is not None
                continue
            if line == '};':
                current = None
                in_tables = False
                continue
            if current is not None:
                match = FIELD.match(line)
                if match:
                    current.append(match.group(1))
                elif not SKIP.match(line):
                    fail(path, number, line, 'not a field')
            else:
                match = TABLE.match(line)
                if match:
                    tables.append((match.group(1), match.group(2)))
                elif not SKIP.match(line):
                    fail(path, number, line, 'not a table')

    if not tables:
        sys.exit(f'{path}: no table of tables found')
    return [(name, arrays[array]) for name, array in tables]


def constants(tables):
    seen = {}
    for table, fields in tables:
        names = [(f'LOTSE_TABLE_{table.upper()}', table)]
        names += [(f'LOTSE_{table.upper()}_{field.upper()}', field) for field in fields]
        for macro, value in names:
            if macro in seen:
                sys.exit(f'{macro} would name both “{seen[macro]}” and “{value}”')
            seen[macro] = value
            yield macro, value
        yield None, None


def main():
    source, output = sys.argv[1:3]
    lines = [
        '/* lotse-schema-names.h: generated from lotse-schema.c by gen-schema-names.py',
        ' *',
        ' * LOTSE_TABLE_<TABLE> names a table, LOTSE_<TABLE>_<FIELD> a field of it.',
        ' * Do not edit: change lotse-schema.c (and a migration) instead.',
        ' */',
        '',
        '#pragma once',
        '',
    ]
    for macro, value in constants(parse(source)):
        lines.append('' if macro is None else f'#define {macro} "{value}"')
    with open(output, 'w', encoding='utf-8') as header:
        header.write('\n'.join(lines))


if __name__ == '__main__':
    main()
