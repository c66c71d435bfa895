"""Recall of the planted pairs of a corpus written by `parallax eval
generate`, by kind and by Jaccard, for the peers the benchmark scripts run
beside parallax (scripts/corpus_peer.py, scripts/corpus_peer_text_dedup.py).
"""

import json
from pathlib import Path

NAMES = ["verbatim", "rewrite", "paraphrase", "paragraph",
         "jaccard ≥ 0.5", "jaccard 0.3–0.5", "jaccard < 0.3"]


def recall(directory, found):
    """Each kind and Jaccard band with its planted pairs and how many of
    them `found(source, copy)` says the peer found, in the shape `parallax
    eval candidates --json` uses."""
    counts = {name: [0, 0] for name in NAMES}
    with open(Path(directory) / "truth.jsonl", encoding="utf-8") as truth:
        for line in truth:
            pair = json.loads(line)
            hit = found(pair["source"], pair["copy"])
            jaccard = pair["jaccard"]
            band = ("jaccard ≥ 0.5" if jaccard >= 0.5
                    else "jaccard 0.3–0.5" if jaccard >= 0.3 else "jaccard < 0.3")
            for name in (pair["kind"], band):
                if name in counts:
                    counts[name][0] += 1
                    counts[name][1] += int(hit)
    return [{"name": name, "planted": planted, "found": hits,
             "recall": hits / planted if planted else 0.0}
            for name, (planted, hits) in counts.items()]
