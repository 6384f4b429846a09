"""Typical mistakes per exercise, which each check cell must reject.

MISTAKES[notebook][grade_id of the answer cell][name] is the wrong code that
replaces the answer's solution region, or a pair (code, words) where the
check's message must contain ``words`` (case-insensitive): proof that the
feedback names the mistake, not only that it fails. The blank stub of every
exercise is tried as well, without being listed here.
"""

MISTAKES = {
    "tests/fixtures/solutions/00_fixture.ipynb": {
        "square_answer": {
            "doubles instead of squaring": ("return 2 * x", "doubled"),
            "returns the input": "return x",
            "squares in place": ("x **= 2\nreturn x", "in place"),
        },
        "answer_answer": {
            "square's sides": ("answer = 4", "square"),
            "a string": "answer = 'three'",
        },
    },
}
