#!/usr/bin/python3
# xlsx-cells.py: the cells of a spreadsheet's first sheet as JSON, for the
# CSV tests: [[{"type": "s"|"n"|"f"|…, "value": "…"}, …], …] (openpyxl's
# data types; "f" is a formula).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

import openpyxl

sheet = openpyxl.load_workbook(sys.argv[1]).active
rows = [[{"type": cell.data_type, "value": None if cell.value is None else str(cell.value)}
         for cell in row] for row in sheet.iter_rows()]
json.dump(rows, sys.stdout, ensure_ascii=False)
