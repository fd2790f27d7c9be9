// The full peer table of a load run (table#peers inside a closed <details>): a click on a header cell with
// data-col sorts the rows by that column (again: the other way), numbers as numbers and a missing value
// ("—") always last; typing in #peer-filter keeps the rows whose peer, kind, role or outcome hold every
// word typed. Rows are moved and hidden, never rebuilt, so it stays quick at a thousand peers.
(function () {
  'use strict';
  var table = document.getElementById('peers');
  if (!table) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById('peer-shown');
  var MISSING = '—';
  var haystack = null;

  function cellValue(row, col) {
    var text = row.cells[col].textContent.trim();
    if (text === MISSING || text === '') {
      return null;
    }
    var n = Number(text);
    return isNaN(n) ? text.toLowerCase() : n;
  }

  function sortBy(th) {
    var col = Number(th.getAttribute('data-col'));
    var descending = th.getAttribute('aria-sort') === 'ascending';
    table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var keyed = rows.map(function (row, i) { return { row: row, v: cellValue(row, col), i: i }; });
    keyed.sort(function (a, b) {
      if (a.v === null || b.v === null) {
        return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      }
      var c = typeof a.v === typeof b.v ? (a.v < b.v ? -1 : a.v > b.v ? 1 : 0) : typeof a.v === 'number' ? -1 : 1;
      return (descending ? -c : c) || a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
  }

  function filter(query) {
    if (haystack === null) {
      haystack = rows.map(function (row) {
        // peer, kind, role and outcome (with its failure)
        return [0, 1, 2, 7].map(function (c) { return row.cells[c] ? row.cells[c].textContent : ''; }).join(' ').toLowerCase();
      });
    }
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var count = 0;
    rows.forEach(function (row, i) {
      var match = words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
      row.hidden = !match;
      count += match ? 1 : 0;
    });
    if (shown) {
      shown.textContent = count + ' of ' + rows.length + ' peers shown';
    }
  }

  table.querySelectorAll('thead th[data-col]').forEach(function (th) {
    th.addEventListener('click', function () { sortBy(th); });
  });
  var box = document.getElementById('peer-filter');
  if (box) {
    box.addEventListener('input', function () { filter(box.value); });
  }
})();
