#!/usr/bin/python3
# check-schema-literals.py: fails when a table or field is named by a string
# literal instead of its constant of lotse-schema-names.h (issue 19) in the
# UI, the CLI, the reports and the server, where a misspelling would compile
# and fail only at run time:
# - an argument to a parameter called table, table_name, field, field_name
#   or order_field (of core's headers or of the checked directory), e.g.
#   lotse_record_get (record, "title") or lotse_store_list (store, "project", …);
# - the field of a LotseFilter: { "project_id", id };
# - the first member of a table of structs whose first member is called
#   table or field: { "project", "portfolio" }.
#
#   check-schema-literals.py SCHEMA_NAMES_H CORE_DIR DIR...
#
# It first checks itself on a scratch file of each mistake.

import os
import re
import sys
import tempfile

PARAMS = {'table', 'table_name', 'field', 'field_name', 'order_field'}

DECL = re.compile(r'^\s*(?:const\s+)?[A-Za-z_]\w*(?:\s+const)?[\s*]+(?:const\s+)?\**\s*([A-Za-z_]\w*)\s*(?:\[\])?\s*$')
# Core's lookups call their argument “name”.
KNOWN = {
    'lotse_schema_lookup_table': ['table'],
    'lotse_table_lookup_field': ['table', 'field'],
    'lotse_table_field_index': ['table', 'field'],
    'lotse_table_lookup_amount': ['table', 'field'],
}


def declared_params(params_text):
    """The parameter names of a declaration, or None for a call."""
    names = []
    for p in params_text.split(','):
        if p.strip() in ('void', '...'):
            continue
        m = DECL.match(p)
        if not m:
            return None
        names.append(m.group(1))
    return names


PROTO = re.compile(r'\b([a-z_][a-z0-9_]*)\s*\(((?:[^();{}]|\([^()]*\))*)\)\s*[;{]', re.S)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# struct { const char *table; … } NAME[] = {
STRUCT_TABLE = re.compile(r'struct\s*\{\s*const\s+char\s*\*\s*(table|field)\s*;[^}]*\}\s*\w+\s*\[\]\s*=\s*\{')


def sources(directory):
    for base, _, names in os.walk(directory):
        for name in sorted(names):
            if name.endswith(('.c', '.h')):
                yield os.path.join(base, name)


def read(path):
    with open(path, encoding='utf-8') as source:
        # Comments out, lengths kept so that offsets still give line numbers.
        return COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), source.read())


def schema_names(header):
    with open(header, encoding='utf-8') as text:
        return set(re.findall(r'^#define LOTSE_\w+ "(\w+)"$', text.read(), re.M))


def named_params(directories):
    """{function: set of argument positions that take a table or field}"""
    found = {name: {i for i, p in enumerate(ps) if p in PARAMS} for name, ps in KNOWN.items()}
    for directory in directories:
        for path in sources(directory):
            for m in PROTO.finditer(read(path)):
                names = declared_params(m.group(2)) or []
                positions = {i for i, n in enumerate(names) if n in PARAMS}
                if positions:
                    found.setdefault(m.group(1), set()).update(positions)
    return found


def arguments(text, open_paren):
    """Yields (index, start, end) of each argument of the call at open_paren."""
    depth, index, start = 0, 0, open_paren + 1
    i = open_paren
    while i < len(text):
        c = text[i]
        if c == '"':
            i = LITERAL.match(text, i).end()
            continue
        if c in '({[':
            depth += 1
        elif c in ')}]':
            depth -= 1
            if depth == 0:
                yield index, start, i
                return
        elif c == ',' and depth == 1:
            yield index, start, i
            index, start = index + 1, i + 1
        i += 1


def problems(path, names, params):
    text = read(path)
    found = []

    def report(offset, what):
        line = text.count('\n', 0, offset) + 1
        found.append(f'{path}:{line}: {what}')

    for m in re.finditer(r'\b([a-z_][a-z0-9_]*)\s*\(', text):
        positions = params.get(m.group(1))
        if not positions:
            continue
        for index, start, end in arguments(text, m.end() - 1):
            literal = LITERAL.fullmatch(text[start:end].strip())
            if index in positions and literal and literal.group(1) in names:
                report(start, f'"{literal.group(1)}" given to {m.group(1)}(): use its LOTSE_ constant')

    for m in STRUCT_TABLE.finditer(text):
        for f in re.finditer(r'\{\s*"(\w+)"\s*,', text[m.end() - 1:text.find(';', m.end())]):
            if f.group(1) in names:
                report(m.end() - 1 + f.start(), f'"{f.group(1)}" as a {m.group(1)}: use its LOTSE_ constant')

    for m in re.finditer(r'LotseFilter\b[^;]*?=\s*\{', text):
        for f in re.finditer(r'\{\s*"(\w+)"\s*,', text[m.end() - 1:text.find(';', m.end())]):
            if f.group(1) in names:
                report(m.end() - 1 + f.start(), f'"{f.group(1)}" in a LotseFilter: use its LOTSE_ constant')
    return found


def check(header, core, directories, quiet=False):
    names = schema_names(header)
    params = named_params([core] + directories)
    found = [p for d in directories for path in sources(d) for p in problems(path, names, params)]
    for problem in found if not quiet else []:
        print(f'error: {problem}')
    return found


def self_test(header, core):
    mistakes = [
        'x = lotse_record_get (record, "title");',
        'lotse_store_list (store,\n  "project", NULL, 0, NULL, 0, 0, NULL);',
        'LotseFilter filters[] = {\n  { "project_id", id },\n};',
        'append_title (self, text, LOTSE_TABLE_PERSON, "presenter_person_id");',
        'static const struct {\n  const char *table;\n  const char *view;\n} views[] = {\n  { "project", "portfolio" },\n};',
    ]
    helper = 'static void append_title (Self *self, GString *text, const char *table, const char *field);\n'
    for mistake in mistakes:
        with tempfile.TemporaryDirectory() as scratch:
            with open(os.path.join(scratch, 'lotse-x.c'), 'w', encoding='utf-8') as source:
                source.write(helper + 'static void\nf (void)\n{\n' + mistake + '\n}\n')
            if not check(header, core, [scratch], quiet=True):
                sys.exit(f'the check misses: {mistake}')
    print('# the check finds each of its mistakes')


if __name__ == '__main__':
    header, core, *directories = sys.argv[1:]
    self_test(header, core)
    sys.exit(1 if check(header, core, directories) else 0)
