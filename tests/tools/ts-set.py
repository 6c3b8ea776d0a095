#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sets translations in a Qt .ts file: reads "source<TAB>translation" lines on
standard input (\\n for a newline), fills every message with that source
(whatever its context) and marks it finished; reviewed entries lupdate filled
by heuristics ("unfinished" with a text) are marked finished with --accept.
Prints the sources still unfinished. Usage: ts-set.py FILE.ts [--accept] < pairs.tsv
"""
import html
import re
import sys

path = sys.argv[1]
accept = '--accept' in sys.argv
pairs = {}
for line in sys.stdin.read().splitlines():
    if '\t' in line:
        s, t = line.split('\t', 1)
        pairs[s.replace('\\n', '\n')] = t.replace('\\n', '\n')
text = open(path, encoding='utf-8').read()


def fix(m):
    src = html.unescape(m.group(2))
    body = m.group(0)
    if src in pairs and '<numerusform>' not in body:
        t = html.escape(pairs[src], quote=False).replace('"', '&quot;').replace("'", '&apos;')
        return re.sub(r'<translation[^>]*>.*?</translation>', '<translation>' + t + '</translation>', body, flags=re.S)
    if accept:
        return re.sub(r'<translation type="unfinished">(.+?)</translation>', r'<translation>\1</translation>', body, flags=re.S)
    return body


text = re.sub(r'(<message[^>]*>\s*<source>)(.*?)(</source>.*?</message>)', fix, text, flags=re.S)
open(path, 'w', encoding='utf-8').write(text)
for m in re.finditer(r'<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?<translation type="unfinished"', text, re.S):
    print('unfinished:', html.unescape(m.group(1)))
