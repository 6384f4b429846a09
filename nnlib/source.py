"""Show the source of an nnlib function in a notebook, so lessons never copy it."""

import inspect


def show_source(obj):
    """Display the source code of ``obj`` (a function, class or module) as a highlighted block."""
    from IPython.display import Markdown, display

    if not (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj) or inspect.ismethod(obj)):
        raise TypeError(
            f"show_source shows a function, class or module, such as nnlib.backprop; got {type(obj).__name__}. "
            "Pass the function itself, without calling it: nnlib.show_source(nnlib.cost), not nnlib.cost(...)."
        )
    source = inspect.getsource(obj)
    where = inspect.getsourcefile(obj).replace("\\", "/")
    where = where[where.rfind("nnlib/"):] if "nnlib/" in where else where.rsplit("/", 1)[-1]
    display(Markdown(f"From `{where}`:\n\n```python\n{source.rstrip()}\n```"))
