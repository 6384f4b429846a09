#!/usr/bin/env python3
"""Autograde one assignment with several nbgrader workers at once, into one gradebook.

    cd COURSE && python3 /path/to/deploy/grade_parallel.py level3 --workers 8 [--force]
           [--db-url postgresql+psycopg://grader@dbhost/nn_backprop] [--student ID ...] [--shard I/N]

nbgrader grades one notebook at a time (every notebook in a fresh kernel: 4-53 s each here).
This starts one ``nbgrader autograde ASSIGNMENT --student ID`` per student who has a submission
in submitted/, at most WORKERS at once; each writes its own autograded/ID/ folder, and all
write their scores into the same gradebook (nbgrader's ``CourseDirectory.db_url``). SQLite
(the default gradebook.db) serializes writers: fine for a few workers on one machine (a worker
that meets "database is locked" is tried again); for more, or workers on several machines
sharing the course folder, give a PostgreSQL URL (pip install "psycopg[binary]" where nbgrader
runs). Run generate_assignment and collect first, as for a serial autograde. A worker per core
is the most that helps: the kernels are CPU-bound (one BLAS thread each).
"""

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def students_with_submissions(course, assignment):
    submitted = Path(course) / "submitted"
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) if submitted.is_dir() else []


def grade_one(student, args, attempts=3):
    """(student, seconds, returncode, the output's tail) for one student's autograde."""
    cmd = [sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--student", student]
    if args.force:
        cmd.append("--force")
    if args.db_url:
        cmd.append(f"--CourseDirectory.db_url={args.db_url}")
    start = time.perf_counter()
    for _ in range(attempts):
        result = subprocess.run(cmd, cwd=args.course, capture_output=True, text=True)
        output = result.stdout + result.stderr
        if result.returncode == 0 or not ("database is locked" in output or "Kernel died before replying" in output):
            break
    return student, time.perf_counter() - start, result.returncode, output[-2000:]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    parser.add_argument("--db-url", default=os.environ.get("NBGRADER_DB_URL"),
                        help="one gradebook for all workers, e.g. postgresql+psycopg://grader@dbhost/nn_backprop "
                             "(default: NBGRADER_DB_URL, else the course's gradebook.db)")
    parser.add_argument("--student", action="append", help="only these students (repeat)")
    parser.add_argument("--force", action="store_true", help="grade again what was graded")
    parser.add_argument("--shard", help="I/N: grade only every N-th student from the I-th (0-based), for N machines "
                                        "or pods sharing the course folder (deploy/kubernetes/grading-job.yaml)")
    args = parser.parse_args(argv)
    students = args.student or students_with_submissions(args.course, args.assignment)
    if args.shard:
        index, count = (int(part) for part in args.shard.split("/"))
        students = students[index::count]
    if not students:
        sys.exit(f"[grade] no submissions of {args.assignment} in {Path(args.course).resolve() / 'submitted'} "
                 "(run `nbgrader collect` first)")
    print(f"[grade] {len(students)} submissions of {args.assignment}, {args.workers} workers", flush=True)
    start = time.perf_counter()
    failed = []
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for student, seconds, code, tail in pool.map(lambda s: grade_one(s, args), students):
            print(f"[grade] {student}: {'ok' if code == 0 else 'FAILED'} in {seconds:.1f} s", flush=True)
            if code != 0:
                failed.append(student)
                print(tail, file=sys.stderr)
    wall = time.perf_counter() - start
    print(f"[grade] {len(students) - len(failed)} graded, {len(failed)} failed, {wall:.1f} s wall clock")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
