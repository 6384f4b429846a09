// The course's static pages have no Python behind them. The sliders drawn in the browser keep
// working (they are linked to their pictures in the page); what Python computes cannot follow:
// - a caption the kernel writes (class nnlib-kernel-caption) is true for the values saved with
//   the lesson; once a slider of its widget moves, it is replaced by a note saying so;
// - a widget the kernel draws (class nnlib-kernel-drawn, the level 2 stepper) shows its saved
//   picture; its controls are switched off, with a note saying where they work.
// Widgets are rendered after the page loads, so new ones are looked for as they appear.
(function () {
  'use strict';
  var lite = document.body.getAttribute('data-lite');
  var where = lite
    ? 'in the <a href="' + lite + '">in-browser version</a> (nothing to install) or in JupyterLab'
    : 'in JupyterLab or in the in-browser version';

  function note(html) {
    var div = document.createElement('div');
    div.className = 'course-note';
    div.innerHTML = html;
    return div;
  }

  function outerBox(element) {
    // the widget's outermost box: the one the output area holds
    var box = element, up = element.parentElement;
    while (up && !up.classList.contains('jp-OutputArea-output')) {
      if (up.classList.contains('widget-box')) box = up;
      up = up.parentElement;
    }
    return box;
  }

  function watchCaption(caption) {
    // wait until the widget is in the page with its sliders drawn and their values shown
    if (!caption.closest('.jp-OutputArea-output')) return;
    var box = outerBox(caption);
    var readouts = Array.prototype.slice.call(box.querySelectorAll('.widget-readout'));
    if (!readouts.length || readouts.some(function (r) { return !r.textContent.trim(); })) return;
    caption.setAttribute('data-course-watched', '');
    var saved = readouts.map(function (r) { return r.textContent; });
    var observer = new MutationObserver(function () {
      var moved = readouts.some(function (r, i) { return r.textContent !== saved[i]; });
      if (!moved) return;
      observer.disconnect();
      var content = caption.querySelector('.widget-html-content') || caption;
      content.innerHTML = '';
      content.appendChild(note('Here Python writes a sentence about the values you chose. This page ' +
        'does not run Python, so the sentence saved with the lesson, true for the values it was ' +
        'saved with, is gone: read it as you move the sliders ' + where + '. The picture is drawn ' +
        'by your browser and is right for the sliders as they are.'));
      caption.setAttribute('data-course-stale', '');
    });
    readouts.forEach(function (r) {
      observer.observe(r, {childList: true, characterData: true, subtree: true});
    });
  }

  function markDrawn(box) {
    box.setAttribute('data-course-marked', '');
    box.parentElement.insertBefore(note('This widget is drawn by Python, which this page does not ' +
      'run: you see the picture saved with the lesson, and its controls are switched off here. ' +
      'They work ' + where + '.'), box);
    Array.prototype.forEach.call(box.children, function (child) {
      if (!child.querySelector('img') && child.tagName !== 'IMG') child.classList.add('course-kernel-drawn-controls');
    });
    box.inert = true;
    box.setAttribute('inert', '');
  }

  function look() {
    document.querySelectorAll('.nnlib-kernel-caption:not([data-course-watched])').forEach(watchCaption);
    document.querySelectorAll('.nnlib-kernel-drawn:not([data-course-marked])').forEach(markDrawn);
  }

  new MutationObserver(look).observe(document.body, {childList: true, subtree: true});
  look();
}());
