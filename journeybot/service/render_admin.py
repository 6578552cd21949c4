"""Terminal output for housekeeping commands (erasure, doctor).

Everything a user typed or uploaded is printed as ``Text`` (never parsed as Rich markup),
so a participant called ``[/red]`` prints as itself.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from journeybot.service.doctor import DoctorReport
from journeybot.service.erasure import ParticipantErasure


def participant_erasure(console: Console, erased: ParticipantErasure) -> None:
    line = Text(f"Erased participant {erased.participant} from '{erased.study}': ")
    line.append(f"{erased.segments_removed} segments")
    if erased.sources_removed:
        line.append(f"; removed {', '.join(erased.sources_removed)} (theirs alone)")
    if erased.sources_edited:
        line.append(f"; their words blanked in {', '.join(erased.sources_edited)}")
    console.print(line)


def doctor_report(console: Console, report: DoctorReport) -> None:
    if not report.problems:
        console.print(Text(f"The home at {report.home} is consistent: {report.summary()}."))
        return
    for problem in report.problems:
        mark = "fixed" if problem.repaired else ("can fix" if problem.repairable else "manual")
        console.print(Text(f"[{mark}] ").append(problem.message))
    if report.repaired:
        console.print(Text(f"Repaired {report.repaired} of {len(report.problems)} problems."))
    elif any(p.repairable for p in report.problems):
        console.print(Text("Run `journeybot doctor --repair` to fix what can be fixed."))
