#!/usr/bin/env python3
"""Convert a FreeDict dictd dictionary into the word list TalksBot embeds.

usage: freedict-to-tsv.py nld-eng > src/TalksBot/Search/Dictionaries/nld-eng.tsv
needs Debian's dict-freedict-nld-eng / dict-freedict-eng-nld (apt-get install them first).

Each output line: headword, a tab, and up to four translations (all of the first sense,
then the first of each further sense),
separated by "; ". Multi-word headwords are left out: queries are translated word by word.
"""
import gzip, re, sys

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def number(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def translations(body):
    """Every translation of the first sense, then the first of each further sense."""
    found = []
    for i, line in enumerate(l.strip() for l in body.split("\n")[1:] if l.strip()):
        sense = re.sub(r"\([^)]*\)", "", re.sub(r"^\d+\.\s*", "", line))
        items = [t.strip() for t in sense.split(",") if t.strip()]
        found += items if i == 0 else items[:1]
    return found


def main():
    pair = sys.argv[1]
    data = gzip.open(f"/usr/share/dictd/freedict-{pair}.dict.dz").read()
    entries = {}
    for line in open(f"/usr/share/dictd/freedict-{pair}.index", encoding="utf-8"):
        word, offset, length = line.rstrip("\n").split("\t")
        if word.startswith("00database") or " " in word:
            continue
        body = data[number(offset):number(offset) + number(length)].decode("utf-8")
        for t in translations(body):
            entries.setdefault(word.lower(), [])
            if t not in entries[word.lower()] and len(entries[word.lower()]) < 4:
                entries[word.lower()].append(t)
    print(f"# FreeDict {pair}, GPL-2.0-or-later, https://freedict.org/ (converted by tools/freedict-to-tsv.py)")
    for word in sorted(entries):
        if entries[word]:
            print(word + "\t" + "; ".join(entries[word]))


main()
