#!/usr/bin/env python3
"""Convert Princeton WordNet 3.0 into the English synonym list TalksBot embeds.

usage: wordnet-to-tsv.py > src/TalksBot/Search/Dictionaries/eng-synonyms.tsv
needs Debian's wordnet-base (apt-get install it first).

Each output line: a word, a tab, and its synonyms separated by "; ": the other one-word members
of the synsets of its most common senses (those WordNet's sense-tagged corpus saw, at most
SENSES of them per part of speech; the first sense of a word the corpus never saw). Rare senses are left out because they mostly mislead
("free" as "dislodge"); multi-word members are left out because queries are read word by word.
Irregular forms (verb.exc, noun.exc: "held", "freed" is regular) get the entry of their base form.
"""
import collections
import re

ROOT = "/usr/share/wordnet"
POS = ["noun", "verb", "adj", "adv"]
SENSES = 2


def synsets(pos):
    members = {}
    for line in open(f"{ROOT}/data.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
        members[fields[0]] = [w.replace("-", "") for w in words if "_" not in w]
    return members


def common_senses(pos):
    for line in open(f"{ROOT}/index.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        tagged = int(fields[5 + pointer_count])
        offsets = fields[6 + pointer_count:6 + pointer_count + synset_count]
        if "_" in lemma:
            continue
        yield lemma.replace("-", ""), offsets[:max(1, min(tagged, SENSES))]


def main():
    synonyms = collections.defaultdict(list)
    for pos in POS:
        members = synsets(pos)
        for lemma, offsets in common_senses(pos):
            for offset in offsets:
                for word in members[offset]:
                    if word != lemma and word not in synonyms[lemma]:
                        synonyms[lemma].append(word)
    for pos in ["noun", "verb"]:
        for line in open(f"{ROOT}/{pos}.exc", encoding="latin-1"):
            form, base = line.split()[:2]
            if form not in synonyms and synonyms.get(base):
                synonyms[form] = synonyms[base]
    print("# Princeton WordNet 3.0 synonyms, WordNet 3.0 license (BSD-style), https://wordnet.princeton.edu/ (converted by tools/wordnet-to-tsv.py)")
    for word in sorted(synonyms):
        if synonyms[word]:
            print(word + "\t" + "; ".join(synonyms[word]))


main()
