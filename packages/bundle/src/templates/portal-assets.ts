import { createHash } from 'node:crypto';

/** The one stylesheet of the portal, inlined in every page. */
export const portalStyle = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--link:#0a58ca}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:var(--soft);border-bottom:1px solid var(--line);padding:.6rem 1.5rem}
header .org{font-weight:600;margin-right:1.5rem}
nav a{margin-right:1rem}
main{max-width:1200px;margin:0 auto;padding:1rem 1.5rem 3rem}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 1.5rem}
a{color:var(--link)}
h1{font-size:1.6rem;margin:.8rem 0}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.state{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;border:1px solid var(--line)}
.state-operating,.state-implemented,.state-ok,.state-approved{color:var(--ok);border-color:var(--ok)}
.state-planned,.state-warn{color:var(--warn);border-color:var(--warn)}
.state-uncovered,.state-bad,.state-missing{color:var(--bad);border-color:var(--bad)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:.8rem}
.card{border:1px solid var(--line);border-radius:.4rem;padding:.6rem .8rem}
.card .n{font-size:1.5rem;font-weight:600}
.muted{color:var(--muted)}
.licensed{border-left:4px solid var(--line);padding:.2rem .8rem;background:var(--soft)}
.banner{border:2px solid var(--bad);border-left-width:6px;border-radius:.4rem;padding:.6rem .9rem;background:#fff5f5}
.policy-body{border-top:1px solid var(--line);margin-top:1.5rem}
#search{width:100%;max-width:32rem;padding:.4rem .6rem;font-size:1rem;border:1px solid var(--line);border-radius:.3rem}
#search-results{list-style:none;padding:0}
#search-results li{padding:.15rem 0}
.kind{display:inline-block;min-width:5.5rem;color:var(--muted);font-size:.8rem;text-transform:uppercase}
[hidden]{display:none!important}
td,th{overflow-wrap:anywhere}
table.exceptions{table-layout:fixed}
table.exceptions col.c-subject{width:12%}
table.exceptions col.c-id{width:16%}
table.exceptions col.c-owner{width:10%}
table.exceptions col.c-detail{width:34%}
table.exceptions col.c-response{width:28%}
table.exceptions tr.group th{background:#eef1f4;font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;margin:.8rem 0;padding:.5rem .7rem;border:1px solid var(--line);border-radius:.4rem;background:var(--soft)}
.filters select,.filters input[type=search]{font:inherit;padding:.15rem .3rem}
.heatmap{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:.3rem}
.heatmap,.swatch{print-color-adjust:exact;-webkit-print-color-adjust:exact}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
ul.legend li{display:flex;align-items:center;gap:.35rem}
.state-met,.state-yes{color:var(--ok);border-color:var(--ok)}
.state-excepted,.state-due{color:var(--warn);border-color:var(--warn)}
.assertion{max-width:48rem}
.signature{margin-top:2rem;border-top:1px solid var(--fg);width:22rem;padding-top:.2rem}
@page{margin:14mm 12mm}
@media print{
body{font-size:10pt;color:#000}
header nav,#search-section,#search,#search-results,.filters,.no-print{display:none!important}
header{background:none;border-bottom:1px solid #000;padding:0 0 .3rem}
main{max-width:none;padding:0}
footer{font-size:8pt;padding:.4rem 0}
a{color:inherit;text-decoration:none}
table{font-size:8.5pt}
thead{display:table-header-group}
tr,.card,dl.facts,.signature{break-inside:avoid}
h1,h2,h3{break-after:avoid}
section.exception-group,h2{break-before:auto}
.policy-body{border-top:2px solid #000}
.cards{grid-template-columns:repeat(4,1fr)}
}
`.trim();

/**
 * The one script of the portal: search over criteria, controls and policies on the index page
 * (from the JSON block `#search-data`), and the filters of the exceptions page. It loads nothing.
 */
export const portalScript = `
(function () {
  var table = document.getElementById('population-table');
  var text = document.getElementById('population-filter');
  var tag = document.getElementById('population-tag');
  var count = document.getElementById('population-count');
  if (!table || !text || !tag || !count) return;
  var rows = table.querySelectorAll('tbody tr[data-tags]');
  function apply() {
    var q = text.value.trim().toLowerCase(), t = tag.value, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!t || (' ' + r.getAttribute('data-tags') + ' ').indexOf(' ' + t + ' ') !== -1) && (!q || (r.textContent || '').toLowerCase().indexOf(q) !== -1);
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' rows shown';
  }
  text.addEventListener('input', apply);
  tag.addEventListener('change', apply);
  apply();
})();
(function () {
  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  var data = document.getElementById('search-data');
  if (!input || !list || !data) return;
  var items = JSON.parse(data.textContent || '[]');
  function show() {
    var q = input.value.trim().toLowerCase();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (q.length < 2) return;
    var shown = 0;
    for (var i = 0; i < items.length && shown < 50; i++) {
      var it = items[i];
      if ((it.id + ' ' + it.t).toLowerCase().indexOf(q) === -1) continue;
      var li = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = it.k;
      var a = document.createElement('a');
      a.href = it.h;
      a.textContent = it.id + ': ' + it.t;
      li.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
      shown++;
    }
    if (shown === 0) {
      var none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'No match.';
      list.appendChild(none);
    }
  }
  input.addEventListener('input', show);
  show();
})();
(function () {
  var box = document.getElementById('filters');
  if (!box) return;
  var kind = document.getElementById('filter-kind');
  var owner = document.getElementById('filter-owner');
  var text = document.getElementById('filter-text');
  var open = document.getElementById('filter-open');
  var count = document.getElementById('filter-count');
  var rows = document.querySelectorAll('tr.exception');
  function apply() {
    var k = kind.value, o = owner.value, q = text.value.trim().toLowerCase(), onlyOpen = open.checked, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!k || r.getAttribute('data-kind') === k) && (!o || r.getAttribute('data-owner') === o) && (!onlyOpen || r.getAttribute('data-responded') === 'no') && (!q || (r.textContent || '').toLowerCase().indexOf(q) !== -1);
      r.hidden = !ok;
      if (ok) shown++;
    }
    var groups = document.querySelectorAll('tr.group');
    for (var g = 0; g < groups.length; g++) {
      var next = groups[g].nextElementSibling, any = false;
      while (next && !next.classList.contains('group')) { if (!next.hidden) any = true; next = next.nextElementSibling; }
      groups[g].hidden = !any;
    }
    var sections = document.querySelectorAll('section.exception-group');
    for (var s = 0; s < sections.length; s++) sections[s].hidden = sections[s].querySelector('tr.exception:not([hidden])') === null;
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  box.hidden = false;
  kind.addEventListener('change', apply);
  owner.addEventListener('change', apply);
  text.addEventListener('input', apply);
  open.addEventListener('change', apply);
  apply();
})();
`.trim();

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The Content-Security-Policy of every page: nothing loads; only the portal's own style and script run. */
export const portalCsp = `default-src 'none'; script-src ${cspHash(portalScript)}; style-src ${cspHash(portalStyle)}; img-src data:; base-uri 'none'; form-action 'none'`;
