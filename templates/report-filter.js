/* calint report filters. The report is complete without this script; with it, the findings can be narrowed by
   severity, rule, policy and text. Allowed by the page's Content-Security-Policy through its sha256 hash only. */
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="severity"]'));
  var rule = document.getElementById('filter-rule');
  var policy = document.getElementById('filter-policy');
  var query = document.getElementById('filter-q');
  var count = document.getElementById('filter-count');
  var empty = document.getElementById('filter-empty');
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-finding]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('[data-group]'));
  var cards = items.filter(function (el) { return el.getAttribute('data-finding') === 'card'; });
  // The text a query is matched against: an entry that links to a finding (the "Findings by policy" table shows only
  // its number, severity and risk) is matched with the finding's own text, so a search never empties that table.
  var texts = items.map(function (el) {
    var text = el.textContent;
    var link = el.getAttribute('data-finding') === 'card' ? null : el.querySelector('a[href^="#finding-"]');
    var card = link ? document.getElementById(link.getAttribute('href').slice(1)) : null;
    if (card) text += ' ' + card.textContent;
    return text.toLowerCase();
  });

  function apply() {
    var severities = {};
    boxes.forEach(function (b) { severities[b.value] = b.checked; });
    var r = rule.value;
    var p = policy.value;
    var q = query.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (el, i) {
      var ok = severities[el.getAttribute('data-severity')] === true &&
        (!r || el.getAttribute('data-rule') === r) &&
        (!p || el.getAttribute('data-policy') === p) &&
        (!q || texts[i].indexOf(q) !== -1);
      el.hidden = !ok;
      if (ok && el.getAttribute('data-finding') === 'card' && !el.closest('#accepted-risk')) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector('[data-finding]:not([hidden])');
    });
    var total = cards.filter(function (el) { return !el.closest('#accepted-risk'); }).length;
    count.textContent = shown === total ? total + ' open findings' : shown + ' of ' + total + ' open findings shown';
    empty.hidden = shown !== 0 || total === 0;
  }

  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  rule.addEventListener('change', apply);
  policy.addEventListener('change', apply);
  query.addEventListener('input', apply);
  apply();
})();
