"""Cold start and peak memory of the ``jieba`` segmenter beside jieba, each in a new process.

    python benchmarks/segment_startup.py [--runs 3]

Cold start: a new interpreter imports the segmenter and segments one
sentence (the compiled dictionary and kernels come from the on-disk caches,
which the first run fills). The time is measured inside the process, from
before the import to after the first sentence, and for the whole process;
"exit" is the part of the whole spent after the script's last line
(interpreter teardown).
Peak RSS: a new process segments the benchmark corpus (about 4 MB) into
strings; ``ru_maxrss`` at the end.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

SENTENCE = "我来到北京清华大学，GPT-4和ChatGPT-3发布了"

COLD = {
    "hanpipe": (
        "from hanpipe.builtin.segment.jieba import JiebaSegmenter\n"
        "words = JiebaSegmenter().cut(SENTENCE)\n"
    ),
    "hanpipe (Pipeline)": (
        "import hanpipe\n"
        "words = hanpipe.Pipeline(convert=None, extract=None, clean=None, segment='jieba')(SENTENCE).words\n"
    ),
    "jieba": (
        "import logging, jieba\n"
        "jieba.setLogLevel(logging.WARNING)\n"
        "words = jieba.lcut(SENTENCE)\n"
    ),
    # what the two rows above share before any segmenting: numba, and the package (which imports no engine)
    "import numba only": "import numba\nwords = []\n",
    "import hanpipe only": "import hanpipe\nwords = []\n",
}

MEMORY = {
    "hanpipe": "from hanpipe.builtin.segment.jieba import JiebaSegmenter\nwords = JiebaSegmenter().cut(TEXT)\n",
    "jieba": "import logging, jieba\njieba.setLogLevel(logging.WARNING)\nwords = jieba.lcut(TEXT)\n",
    "rjieba": "import rjieba\nwords = rjieba.cut(TEXT)\n",
}

PRELUDE = (
    "import time\n"
    "t0 = time.perf_counter()\n"
    "SENTENCE = {sentence!r}\n"
)

CORPUS = (
    "import sys\n"
    "sys.path.insert(0, 'benchmarks')\n"
    "from corpus import scale, seed_texts\n"
    "TEXT = scale(list(seed_texts().values()))\n"
)

EPILOGUE = (
    "import json, resource\n"
    "print(json.dumps({'seconds': time.perf_counter() - t0, 'words': len(words),"
    " 'maxrss_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'end': time.time()}), flush=True)\n"
)


def run(code: str) -> dict[str, float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - start
    result["exit_seconds"] = time.time() - result["end"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    prelude = PRELUDE.format(sentence=SENTENCE)
    for body in (COLD["hanpipe"], COLD["jieba"]):
        run(prelude + body + EPILOGUE)  # fill the on-disk caches first
    print(f"cold start, median of {args.runs} new processes (import + first sentence)")
    for name, body in COLD.items():
        results = [run(prelude + body + EPILOGUE) for _ in range(args.runs)]
        inside = statistics.median(r["seconds"] for r in results)
        whole = statistics.median(r["process_seconds"] for r in results)
        exit_ = statistics.median(r["exit_seconds"] for r in results)
        print(f"  {name:<20} {inside:6.3f} s in process   {whole:6.3f} s whole process   ({exit_:.3f} s exit)")
    print("peak RSS, segmenting the ~4 MB corpus to strings in a new process")
    for name, body in MEMORY.items():
        try:
            result = run(prelude + CORPUS + body + EPILOGUE)
        except subprocess.CalledProcessError as exc:
            print(f"  {name:<20} failed: {exc.stderr.strip().splitlines()[-1] if exc.stderr else exc}")
            continue
        mb = result["maxrss_kb"] / 1024
        print(f"  {name:<20} {mb:7.1f} MB   ({result['words']} words, {result['seconds']:.2f} s)")


if __name__ == "__main__":
    main()
