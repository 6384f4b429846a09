NOTEBOOK = "tests/fixtures/solutions/00_fixture.ipynb"

MISTAKES = {
    "square_answer": {
        "doubles instead of squaring": ("return 2 * x", "doubled"),
        "returns the input": "return x",
        "squares in place": ("x **= 2\nreturn x", "in place"),
    },
    "answer_answer": {
        "square's sides": ("answer = 4", "square"),
        "a string": "answer = 'three'",
    },
}
MISTAKES["square_answer"]["forgets to return"] = ("y = x ** 2", "return")
