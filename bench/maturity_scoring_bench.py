"""Scoring core benchmark: 100,000 random valid answer sets through dipps.maturity.scoring.

Target (issue 3): under 2 s for 100,000 answer sets. Printed as absolute time and as
a ratio to a floor measured in the same run: touching every answer of the same sets
once (summing their lengths), the least any scorer has to do.

    .venv/bin/python bench/maturity_scoring_bench.py [--n 100000] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from dipps.maturity.frameworks import LEVEL_MAX, TERNARY_VALUES, Framework, load_framework
from dipps.maturity.scoring import answer_problems, score


def random_answers(framework: Framework, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, question in framework.questions.items():
        size = question.size
        if question.type == "multi":
            answers[qid] = rng.sample(range(size), rng.randint(0, size))
        elif question.type == "grid":
            answers[qid] = {
                "already": rng.sample(range(size), rng.randint(0, size)),
                "planned": rng.sample(range(size), rng.randint(0, size)),
            }
        elif question.type == "scale":
            answers[qid] = [rng.randint(0, LEVEL_MAX) for _ in range(size)]
        elif question.type == "ternary":
            answers[qid] = [rng.choice(TERNARY_VALUES) for _ in range(size)]
        else:
            answers[qid] = rng.randint(0, LEVEL_MAX)
    return answers


def floor(answer_sets: list[dict[str, Any]]) -> int:
    total = 0
    for answers in answer_sets:
        for answer in answers.values():
            total += len(answer) if isinstance(answer, list | dict) else answer
    return total


def score_all(framework: Framework, sets: list[dict[str, Any]], validated: bool) -> list[Any]:
    return [score(framework, answers, validated=validated) for answers in sets]


def best_of_3(func: Any, *args: Any) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    for framework_id in ("dipps-dma-sme", "dipps-siri"):
        framework = load_framework(framework_id, 1)
        rng = random.Random(args.seed)
        sets = [random_answers(framework, rng) for _ in range(args.n)]
        assert not answer_problems(framework, sets[0])
        base = best_of_3(floor, sets)
        fast = best_of_3(score_all, framework, sets, True)
        checked = best_of_3(score_all, framework, sets, False)
        print(f"{framework_id}: {args.n:,} answer sets (best of 3)")
        print(f"  floor (touch every answer)  {base:7.3f} s   1.0x")
        print(f"  score, validated=True       {fast:7.3f} s  {fast / base:5.1f}x  (target < 2 s)")
        print(f"  validate + score            {checked:7.3f} s  {checked / base:5.1f}x")


if __name__ == "__main__":
    main()
