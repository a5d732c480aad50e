#!/usr/bin/env python3
"""Transcribes Minato Ward's FY2021 operating policy (令和3年度 港区運営方針) into geodata/plan/plan.json.

The text is kept exactly as the document has it (HTML list markup and underline tags removed; an
underlined passage is a change from FY2020 and is kept with its flag). English titles, the layer
links and the indicators are the project's own and come from english.json beside this script.

Run once when the plan changes:
  python3 geodata/plan/transcribe.py ../shared/plan/minato-ward-fy2021-operating-policy.txt geodata/plan/plan.json
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ISSUE_RE = re.compile(r"^経営課題\s*(\d)\s+(.+)$")
STRATEGY_RE = re.compile(r"^戦略\s*(\d)\s*[-－]\s*(\d)\s+(.+)$")
BUDGET_RE = re.compile(r"^【予算額\s*(.+?)千円(?:（2年度：([\d,]+)千円）)?】$")
ACTION_RE = re.compile(r"^(\d+)\s+([^\t]+)\t([^\t]*)\t?(.*)$")


def clean(html):
    """Removes list markup; returns (text, changed) where changed marks FY2020 differences (underlined).
    The ・ item marks stay as the document has them: where two items were run together without markup
    there is no reliable way to tell an item mark from a 中黒 inside a phrase, so nothing is split."""
    changed = "<u>" in html
    t = re.sub(r"<p>\(", "(", html)
    t = re.sub(r"</?(ul|li|p)[^>]*>", " ", t)
    t = t.replace("<u>", "").replace("</u>", "")
    t = re.sub(r"\s+", " ", t).strip()
    return t, changed


def parse(lines):
    issues, summary_budget = [], {}
    current_issue = None
    current_strategy = None
    mode = "summary"
    last_summary_issue = None
    pending_summary_item = None
    for raw in lines:
        line = raw.rstrip("\n")
        s = line.strip()
        if not s:
            continue
        m = ISSUE_RE.match(s)
        if m:
            n = int(m.group(1))
            if mode == "summary" and n == 1 and last_summary_issue == 6:
                mode = "detail"
            if mode == "summary":
                last_summary_issue = n
                summary_budget[n] = {"title": m.group(2).strip(), "items": []}
                continue
            current_issue = next(i for i in issues if i["number"] == n) if any(i["number"] == n for i in issues) else None
            if current_issue is None:
                current_issue = {"number": n, "id": str(n), "title_ja": summary_budget[n]["title"],
                                 "summary_ja": summary_budget[n].get("summary", ""),
                                 "budget": summary_budget[n]["items"], "strategies": []}
                issues.append(current_issue)
            current_strategy = None
            continue
        if mode == "summary":
            if last_summary_issue is None:
                continue
            b = BUDGET_RE.match(s)
            if b:
                amount = b.group(1).strip()
                summary_budget[last_summary_issue]["items"].append({
                    "item_ja": pending_summary_item or "",
                    "fy3_thousand_yen": None if amount == "-" else int(amount.replace(",", "")),
                    "fy2_thousand_yen": int(b.group(2).replace(",", "")) if b.group(2) else None,
                })
                pending_summary_item = None
            elif s.startswith("- "):
                pending_summary_item = s[2:].strip()
            elif s != "↓" and "summary" not in summary_budget[last_summary_issue]:
                summary_budget[last_summary_issue]["summary"] = s
            continue
        m = STRATEGY_RE.match(s)
        if m:
            sid = f"{m.group(1)}-{m.group(2)}"
            current_strategy = {"id": sid, "title_ja": m.group(3).strip(), "target_ja": [], "actions": []}
            current_issue["strategies"].append(current_strategy)
            continue
        if current_strategy is None:
            continue
        if s.startswith("- ") and not current_strategy["actions"]:
            current_strategy["target_ja"].append(re.sub(r"^・", "", s[2:].strip()))
            continue
        if s in ("めざす状態",) or s.startswith("具体的") or s.startswith("※"):
            continue
        a = ACTION_RE.match(line.strip())
        if a:
            fy3, fy3_changed = clean(a.group(3))
            fy2, fy2_changed = clean(a.group(4))
            current_strategy["actions"].append({
                "id": f"{current_strategy['id']}-{a.group(1)}",
                "title_ja": a.group(2).strip(),
                "fy3_ja": fy3,
                "fy2_results_ja": fy2,
                "changed_from_fy2": fy3_changed or fy2_changed,
            })
    return issues


def main():
    src = Path(sys.argv[1])
    out = Path(sys.argv[2])
    lines = src.read_text(encoding="utf-8").splitlines()
    issues = parse(lines)
    # The overview: the ward's goal and the mission, exactly as written.
    text = "\n".join(lines)
    goal = re.search(r"区の目標\s*\n\s*\n(.+)", text).group(1).strip()
    english = json.loads((HERE / "english.json").read_text(encoding="utf-8"))
    for i in issues:
        i["title_en"] = english["issues"][i["id"]]
        for s in i["strategies"]:
            e = english["strategies"][s["id"]]
            s["title_en"] = e["title"]
            s["target_en"] = e.get("target", "")
            for a in s["actions"]:
                a["title_en"] = english["actions"].get(a["id"], "")
    plan = {
        "title_ja": "令和3年度 港区運営方針",
        "title_en": "Minato Ward FY2021 operating policy",
        "source": "大阪市港区 令和3年度 港区運営方針(案)概要（別紙2）; transcribed by geodata/plan/transcribe.py",
        "goal_ja": goal,
        "issues": issues,
        "links": english["links"],
        "figures": english["figures"],
    }
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)
    n_s = sum(len(i["strategies"]) for i in issues)
    n_a = sum(len(s["actions"]) for i in issues for s in i["strategies"])
    print(f"{out}: {len(issues)} issues, {n_s} strategies, {n_a} actions")


if __name__ == "__main__":
    main()
