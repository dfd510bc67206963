#!/usr/bin/env python3
"""Every unit test case runs under CTest: doctest_discover_tests turns each name into one
CTest test, and a name with a ';' is cut in two by CMake's lists, so its test would match no
case and pass without running anything. Such names are refused here.

  names.py UNIT_TEST_BINARY
"""
import subprocess
import sys

listing = subprocess.run([sys.argv[1], "--list-test-cases", "--no-version"],
                         capture_output=True, text=True, check=True).stdout
names = [line for line in listing.splitlines()
         if line and not line.startswith("[doctest]") and not line.startswith("=====")]
bad = [name for name in names if ";" in name]
for name in bad:
    print(f"test case name with ';' (CTest would run nothing for it): {name}")
assert len(names) > 100, f"only {len(names)} test cases listed"
sys.exit(1 if bad else 0)
