"""Show the source of an nnlib function in a notebook, so lessons never copy it."""

import inspect


def show_source(obj):
    """Display the source code of ``obj`` (a function, class or module) as a highlighted block."""
    from IPython.display import Markdown, display

    source = inspect.getsource(obj)
    where = inspect.getsourcefile(obj).replace("\\", "/")
    where = where[where.rfind("nnlib/"):] if "nnlib/" in where else where.rsplit("/", 1)[-1]
    display(Markdown(f"From `{where}`:\n\n```python\n{source.rstrip()}\n```"))
