#!/usr/bin/env python3
"""Checks that docs/errors.md carries the table generated from tests/cli/errors.toml.
Usage: docs_table.py errors.toml errors.md"""
import os
import subprocess
import sys

table_file, doc_file = sys.argv[1:3]
runner = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_errors.py")
table = subprocess.run([sys.executable, runner, "--markdown", table_file], check=True,
                       capture_output=True, text=True).stdout
with open(doc_file, encoding="utf-8") as f:
    doc = f.read()
begin, end = "<!-- table:begin -->\n", "<!-- table:end -->"
published = doc[doc.index(begin) + len(begin):doc.index(end)]
if published != table:
    print(f"{doc_file} is out of date: regenerate its table with\n"
          f"  python3 tests/cli/run_errors.py --markdown {table_file}")
    sys.exit(1)
rows = table.count("\n") - 2
print(f"ok: {doc_file} publishes all {rows} cases")
