"""datasketch's MinHashLSH on a corpus written by `parallax eval generate`:
the peer that scripts/bench-corpus runs beside parallax's candidate indexes.

Word 5-grams of each record's text (lower-cased runs of word characters,
as parallax tokenises), 128 permutations, threshold 0.5. Prints one JSON
object: times, candidate count and recall by kind and by Jaccard, in the
shape `parallax eval candidates --json` uses.
"""

import json
import re
import sys
import time
from pathlib import Path

from datasketch import MinHash, MinHashLSH
from planted_recall import recall

WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 5:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)}


def main(directory):
    directory = Path(directory)
    started = time.perf_counter()
    # Reading and tokenising first, timed apart, so that the stage compared
    # is the index's: parallax's "indexing and proposing" starts from
    # cleaned documents (and still includes hashing their words), so the
    # peer is left the lighter stage, not the heavier.
    documents = []
    with open(directory / "corpus.jsonl", encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            documents.append((record["id"], list(shingles(record["text"]))))
    tokenised = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    signatures = {}
    for key, document_shingles in documents:
        signature = MinHash(num_perm=128)
        signature.update_batch(document_shingles)
        lsh.insert(key, signature)
        signatures[key] = signature
    indexed = time.perf_counter()
    candidates = set()
    for key, signature in signatures.items():
        for other in lsh.query(signature):
            if other != key:
                candidates.add((min(key, other), max(key, other)))
    proposed = time.perf_counter()
    print(json.dumps({
        "documents": len(signatures),
        "candidates": len(candidates),
        "seconds_reading": round(tokenised - started, 3),
        "seconds_indexing": round(indexed - tokenised, 3),
        "seconds_proposing": round(proposed - indexed, 3),
        "recall": recall(directory, lambda source, copy:
                         (min(source, copy), max(source, copy)) in candidates),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
