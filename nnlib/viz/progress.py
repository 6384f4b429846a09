"""A training callback that shows progress: a bar for the learner, printed lines for the tests."""

import time

from .._validate import whole_number

#: Seconds between two redraws of the bar: ten a second look smooth and cost little.
REDRAW_S = 0.1


class ProgressBar:
    """A ``train`` callback that shows training as it happens.

    In a notebook it displays a progress bar that fills step by step; every
    ``every`` steps (and at the last) it also prints one line: the step, the
    cost J at the start of that step (as in ``TrainResult.history``) and, if
    ``report`` is given, the text ``report(step, thetas)`` returns for the
    weights after the step (e.g. a training accuracy). The printed lines stay
    in the notebook and are deterministic, so tests can compare them; the bar
    is for the learner watching.

        bar = ProgressBar(100, every=10)
        result = train(thetas, X, Y, iterations=100, callback=bar)
    """

    def __init__(self, iterations, every=10, report=None, description="training"):
        iterations = whole_number(iterations, "iterations", hint="Use the same number as train's iterations.")
        every = whole_number(every, "every", hint="The bar prints a line every that many steps.")
        self.iterations, self.every, self.report = iterations, every, report
        self.bar, self._drawn = None, time.perf_counter()
        try:
            import ipywidgets as widgets
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:  # outside a notebook: printed lines only
            return
        if get_ipython() is not None:
            self.bar = widgets.IntProgress(value=0, min=0, max=self.iterations, description=description)
            self.label = widgets.Label(value=f"step 0 of {self.iterations}")
            display(widgets.HBox([self.bar, self.label]))

    def __call__(self, iteration, J, thetas):
        step = iteration + 1  # steps taken so far (train counts iterations from 0)
        # the widgets are redrawn at most ten times a second (each change is a message to the front end,
        # which costs more than a small network's step), and always at the last step, so that what a
        # notebook stores does not depend on the machine's speed
        now = time.perf_counter()
        if self.bar is not None and (now - self._drawn >= REDRAW_S or step >= self.iterations):
            self._drawn = now
            self.bar.value = min(step, self.iterations)
            self.label.value = f"step {step} of {self.iterations}, cost {J:.4f}"
        if step % self.every == 0 or step == self.iterations:
            extra = self.report(step, thetas) if self.report is not None else None
            print(f"step {step:>{len(str(self.iterations))}}: cost {J:.4f}" + (f", {extra}" if extra else ""))
        return False  # never stops training
