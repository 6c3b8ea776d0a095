#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Part of the translations_complete test: every finding category a detector
raises (src/core/detect) has a title in English and in Russian in
src/core/report/findinglabels.cpp. Prints the ones that lack them; exit 1.
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
sys.exit(1 if missing or not raised else 0)
