"""Recall of text-dedup's MinHash clusters on a corpus written by
`parallax eval generate`: the peer that scripts/bench-corpus-peers runs
beside parallax.

text-dedup removes near duplicates; it reports clusters, not pairs. Run
with --debug, it saves its union-find of row numbers (uf.pkl). A planted
pair counts as found when both its documents are in one cluster, which is
generous to the peer: a cluster joins documents through chains, and the
pair need not have been compared. Prints one JSON object: documents,
clusters, the largest cluster, the pairs the clusters imply, and recall by
kind and by Jaccard, in the shape of scripts/corpus_peer.py.
"""

import json
import pickle
import sys
from collections import Counter
from pathlib import Path

from planted_recall import recall


def main(corpus_directory, output_directory):
    corpus_directory = Path(corpus_directory)
    with open(corpus_directory / "corpus.jsonl", encoding="utf-8") as corpus:
        identifiers = [json.loads(line)["id"] for line in corpus]
    with open(Path(output_directory) / "uf.pkl", "rb") as dump:
        union_find = pickle.load(dump)
    # Rows are numbered in the order of the file.
    cluster = {row: union_find.find(row) for row in range(len(identifiers))}
    by_identifier = {identifiers[row]: root for row, root in cluster.items()}
    sizes = Counter(cluster.values())
    print(json.dumps({
        "documents": len(identifiers),
        "clusters": sum(1 for size in sizes.values() if size > 1),
        "largest_cluster": max(sizes.values(), default=0),
        "pairs_implied": sum(size * (size - 1) // 2 for size in sizes.values()),
        "recall": recall(corpus_directory, lambda source, copy:
                         by_identifier[source] == by_identifier[copy]),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
