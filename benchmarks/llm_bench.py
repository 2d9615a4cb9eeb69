"""The ``--summariser llm`` part of ``benchmarks/extraction.py``: build briefs with a model, and its figures.

``extraction.py`` scores the briefs exactly as it scores the extractive
summariser's; this module builds them through ``LlmSummariser`` (so every
option reaches it) and adds what only a model has: the share of items
dropped as ungrounded, by reason, the fallbacks, and seconds and tokens per
article.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path
from typing import Any

SECTIONS = ("summary", "background", "terms", "implications", "actors", "quotes")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--summariser`` and the ``--llm-*`` options to the benchmark's parser."""
    parser.add_argument("--summariser", choices=("extractive", "llm"), default="extractive",
                        help="the summariser to score (default extractive)")
    group = parser.add_argument_group("llm summariser")
    group.add_argument("--llm-url", default=None, help="the chat-completions base URL, e.g. http://127.0.0.1:8080/v1")
    group.add_argument("--llm-model", default=None, help="the model name the endpoint knows")
    group.add_argument("--llm-api-key-env", default="OPENAI_API_KEY", help="the variable holding the API key")
    group.add_argument("--llm-context-tokens", type=int, default=None, help="the model's context size")
    group.add_argument("--llm-timeout", type=float, default=None, help="seconds to wait for one answer")
    group.add_argument("--llm-cache-dir", type=Path, default=None, help="the response cache's folder")
    group.add_argument("--llm-no-cache", action="store_true", help="ask the model even where the cache has an answer")
    group.add_argument("--llm-no-hybrid", action="store_true", help="show the model every sentence, no candidates")


class LlmBriefer:
    """Build briefs with one LlmSummariser and keep each document's report."""

    def __init__(self, args: argparse.Namespace, **brief_options: Any) -> None:
        from briefing.options import BriefOptions
        from briefing.summarise.llm import LlmOptions, LlmSummariser
        from briefing.summarise.llm.summariser import check_endpoint

        if not args.llm_url or not args.llm_model:
            raise SystemExit("--summariser llm needs --llm-url URL and --llm-model NAME")
        given = {"context_tokens": args.llm_context_tokens, "timeout": args.llm_timeout,
                 "cache_dir": args.llm_cache_dir}
        options = LlmOptions(base_url=args.llm_url, model=args.llm_model, api_key_env=args.llm_api_key_env,
                             cache=not args.llm_no_cache, hybrid=not args.llm_no_hybrid,
                             **{k: v for k, v in given.items() if v is not None})
        for warning in check_endpoint(options):
            print(f"warning: {warning}")
        self.summariser = LlmSummariser(BriefOptions(summariser="llm", **brief_options), llm=options)
        self.reports: dict[str, dict[str, Any]] = {}

    def __call__(self, path: Path):
        import briefing

        brief = self.summariser.summarise(briefing.read_document(path))
        report = self.summariser.last_report
        if report is not None:
            self.reports[path.name] = {**report.to_dict(), "kept": sum(len(getattr(brief, s)) for s in SECTIONS)}
        return brief


def grounding_figures(reports: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the share of items dropped (by reason), the fallbacks, and seconds and tokens per article."""
    built = [r for r in reports.values() if "warning" not in r]
    dropped: dict[str, int] = {}
    for report in built:
        for reason, count in report["dropped"].items():
            dropped[reason] = dropped.get(reason, 0) + count
    kept = sum(r["kept"] for r in built)
    total = kept + sum(dropped.values())

    def per_article(key: str) -> dict[str, float] | None:
        values = [r[key] for r in reports.values()]
        return {"mean": statistics.fmean(values), "median": statistics.median(values)} if values else None

    return {
        "articles": len(reports), "by_model": len(built), "fallbacks": len(reports) - len(built),
        "fallback_warnings": {name: r["warning"] for name, r in reports.items() if "warning" in r},
        "items_kept": kept, "items_dropped": sum(dropped.values()),
        "share_dropped": (sum(dropped.values()) / total) if total else None,
        "dropped_by_reason": {k: {"items": v, "share": v / total} for k, v in sorted(dropped.items())},
        "requests": sum(r["requests"] for r in reports.values()),
        "cached": sum(r["cached"] for r in reports.values()),
        "seconds": per_article("seconds"), "prompt_tokens": per_article("prompt_tokens"),
        "completion_tokens": per_article("completion_tokens"),
    }


def print_grounding(figures: dict[str, Any]) -> None:
    """Print the grounding figures under the benchmark's tables."""
    print(f"\nLLM grounding: {figures['by_model']}/{figures['articles']} articles briefed by the model, "
          f"{figures['fallbacks']} fell back to extractive")
    for name, warning in figures["fallback_warnings"].items():
        print(f"  fallback {name}: {warning}")
    share = figures["share_dropped"]
    print(f"items kept {figures['items_kept']}, dropped {figures['items_dropped']}"
          + (f" ({share:.1%} of items answered)" if share is not None else ""))
    for reason, value in figures["dropped_by_reason"].items():
        print(f"  {reason:<20} {value['items']:>5}  {value['share']:.1%}")
    print(f"requests {figures['requests']} (answers from cache: {figures['cached']})")
    for key in ("seconds", "prompt_tokens", "completion_tokens"):
        value = figures[key]
        if value:
            print(f"{key.replace('_', ' ')} per article: mean {value['mean']:.1f}, median {value['median']:.1f}")
