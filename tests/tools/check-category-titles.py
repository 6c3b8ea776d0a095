#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Part of the translations_complete test: every finding category a detector
raises (src/core/detect) has a title in English and in Russian in
src/core/report/findinglabels.cpp and its advice in the message catalogue;
every message id the core uses is in src/core/report/messagecatalog.cpp or
errorcatalog.cpp,
and every catalogue row has Russian text that names no argument its English
lacks. Prints what is missing; exit 1.
Usage: check-category-titles.py SOURCE_DIR
"""
import glob
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else '.'
raised = set()
for path in glob.glob(os.path.join(src, 'src/core/detect/*.cpp')):
    text = open(path, encoding='utf-8').read()
    raised.update(re.findall(r'category\s*=\s*QStringLiteral\("([a-z_]+)"\)', text))
    if path.endswith('indicatorlist.cpp'):
        m = re.search(r'kCategories\s*=\s*\{(.*?)\};', text, re.S)
        raised.update(re.findall(r'QStringLiteral\("([a-z_]+)"\)', m.group(1)) if m else [])
labels = open(os.path.join(src, 'src/core/report/findinglabels.cpp'), encoding='utf-8').read()
titled = {m[0] for m in re.findall(r'Title\{"([a-z_]+)",\s*"([^"]+)",\s*"([^"]+)"\}', labels)}
missing = sorted(raised - titled)
for c in missing:
    print(f'category without an English and a Russian title in findinglabels.cpp: {c}')
print(f'{len(raised)} categories, {len(missing)} without titles')

# The message catalogue: Row{"id", "English", "Russian"} (strings may be split
# over lines as adjacent literals).
catalogue = ''.join(open(os.path.join(src, 'src/core/report', name), encoding='utf-8').read()
                    for name in ('messagecatalog.cpp', 'errorcatalog.cpp'))
literal = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
rows = {}
for m in re.finditer(r'Row\{"([a-z_.]+)",\s*' + literal + r',\s*' + literal + r'\}', catalogue):
    join = lambda lit: ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', lit))
    rows[m.group(1)] = (join(m.group(2)), join(m.group(3)))
untranslated = []
for mid, (en, ru) in sorted(rows.items()):
    if not ru.strip() or not set(re.findall(r'%[1-9]', ru)) <= set(re.findall(r'%[1-9]', en)):
        untranslated.append(mid)
        print(f'message without a whole Russian text in messagecatalog.cpp: {mid}')
for c in sorted(raised):
    if f'advice.{c}' not in rows:
        untranslated.append(c)
        print(f'category without its advice (advice.{c}) in messagecatalog.cpp: {c}')
# Every health item kind (src/core/health/healthkinds.cpp) is named and explained.
kinds = re.findall(r'\{"([a-z_]+)", "(?:note|warning|error)"\}', open(os.path.join(src, 'src/core/health/healthkinds.cpp'), encoding='utf-8').read())
for k in kinds:
    for part in ('noun', 'meaning'):
        if f'health.{k}.{part}' not in rows:
            untranslated.append(k)
            print(f'health kind without health.{k}.{part} in messagecatalog.cpp: {k}')
if not kinds:
    untranslated.append('health kinds')
    print('no health kinds found in src/core/health/healthkinds.cpp')
# Every kind of timeline event (src/core/timeline) has a title in both languages.
timeline_src = ''.join(open(p, encoding='utf-8').read() for p in glob.glob(os.path.join(src, 'src/core/timeline/*.cpp')))
kinds = set(re.findall(r'timelineEvent\([^;]*?QStringLiteral\("([a-z_]+)"\)', timeline_src, re.S))
m = re.search(r'kKindNames\[\]\s*=\s*\{(.*?)\}', timeline_src, re.S)
kinds.update(re.findall(r'"([a-z_]+)"', m.group(1)) if m else [])
kinds.update(re.findall(r'TimelineEvent\s*\w*\{[^,;]*,[^,;]*,\s*QStringLiteral\("([a-z_]+)"\)', timeline_src, re.S))
block = re.search(r'kTimelineKindTitles\s*=\s*\{(.*?)\};', labels, re.S)
kind_titles = set(re.findall(r'Title\{"([a-z_]+)",\s*"[^"]+",\s*"[^"]+"\}', block.group(1))) if block else set()
for k in sorted(kinds - kind_titles):
    untranslated.append(k)
    print(f'timeline event kind without an English and a Russian title in findinglabels.cpp: {k}')
if len(kinds) < 10:
    untranslated.append('timeline kinds')
    print(f'only {len(kinds)} timeline event kinds found in src/core/timeline (expected 10 or more)')
# Ids the detectors name: string literals shaped like a catalogue id.
prefixes = sorted({mid.split('.')[0] for mid in rows})
used = set()
for path in sum((glob.glob(os.path.join(src, 'src/core', d)) for d in
                ('detect/*.cpp', 'health/*.cpp', 'timeline/*.cpp', 'capture/*.cpp', 'capture/*.h', 'service/*.cpp', 'util/*.cpp', 'live/*.cpp', 'history/*.cpp', '../server/*.cpp')), []):
    text = open(path, encoding='utf-8').read()
    used.update(re.findall(r'"((?:' + '|'.join(prefixes) + r')\.[a-z_.]+)"', text))
unknown = sorted(used - set(rows))
for mid in unknown:
    print(f'message id used in src/core but not in messagecatalog.cpp: {mid}')
print(f'{len(rows)} messages, {len(untranslated)} without Russian, {len(unknown)} used but unknown')
sys.exit(1 if missing or not raised or untranslated or unknown or not rows else 0)
