#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lists the files over MAX_LINES lines and the function bodies over
MAX_BODY lines under the given folders (default: src). A body is counted
from the line of its opening brace to its closing one; the scan is textual
(comments and strings are skipped, braces matched), good enough for this
code base's style. Exit status 1 when anything is over.

Usage: code-shape.py [--max-lines N] [--max-body N] [DIR...]
"""
import argparse
import os
import re
import sys

SIG = re.compile(r'([A-Za-z_~][A-Za-z0-9_:<>~]*)\s*\([^;{}]*\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->\s*[^{;]+)?\s*(:[^{;]*)?$', re.S)
KEYWORDS = {'if', 'for', 'while', 'switch', 'catch', 'return', 'sizeof', 'namespace'}


def strip(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            out.append('\n' * text.count('\n', i, n if j < 0 else j))
            i = n if j < 0 else j + 2
        elif text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = text.find(')' + m.group(1) + '"', i) if m else -1
            out.append('""' + '\n' * text.count('\n', i, end if end > 0 else n))
            i = n if end < 0 else end + len(m.group(1)) + 2
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(text):
    code = strip(text)
    stack = []  # (kind, name, line)
    line = 1
    for i, c in enumerate(code):
        if c == '\n':
            line += 1
        elif c == '{':
            head = code[max(0, code.rfind(';', 0, i), code.rfind('}', 0, i), code.rfind('{', 0, i)) + 1:i].strip()
            m = SIG.search(head)
            name = m.group(1) if m else ''
            is_fn = bool(m) and name.split('::')[-1] not in KEYWORDS and not head.startswith(('class', 'struct', 'enum', 'namespace'))
            is_fn = is_fn and not any(k == 'fn' for k, _, _ in stack)  # lambdas count with their function
            stack.append(('fn' if is_fn else 'block', name, line))
        elif c == '}' and stack:
            kind, name, start = stack.pop()
            if kind == 'fn':
                yield name, start, line - start + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--max-lines', type=int, default=400)
    ap.add_argument('--max-body', type=int, default=80)
    ap.add_argument('dirs', nargs='*', default=['src'])
    a = ap.parse_args()
    bad = 0
    for d in a.dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith(('.cpp', '.h', '.c')):
                    continue
                p = os.path.join(root, f)
                text = open(p, encoding='utf-8', errors='replace').read()
                lines = text.count('\n')
                if text.startswith('// SPDX-License-Identifier'):
                    lines -= 1  # the license line is not code
                if lines > a.max_lines:
                    print(f'{p}: {lines} lines')
                    bad += 1
                for name, start, length in functions(text):
                    if length > a.max_body:
                        print(f'{p}:{start}: {name}: {length} lines')
                        bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
