import { createHash } from 'node:crypto';

/**
 * The report's only style sheet and script, inlined. The Content-Security-Policy allows exactly these two
 * by their sha256 and nothing else (no other script, no inline event handler, no network), so even a
 * string a finding carries that escaped escaping could not run.
 */
export const STYLE = `
:root{--critical:#7b1fa2;--high:#c62828;--medium:#e65100;--low:#b8860b;--info:#757575;--line:#ddd;--muted:#555;--bg:#fafafa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:var(--bg)}
header.top,main{max-width:1100px;margin:0 auto;padding:16px 24px}
header.top{border-bottom:1px solid var(--line)}
h1{font-size:1.6em;margin:.2em 0}
h2{font-size:1.3em;margin:1.4em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1.05em;margin:0}
h4{font-size:.95em;margin:.8em 0 .2em}
.meta,.muted{color:var(--muted)}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f3f3f3;border:1px solid var(--line);border-radius:4px;padding:8px 10px;overflow:auto;max-height:28em;white-space:pre-wrap;word-break:break-all}
.cards{display:flex;flex-wrap:wrap;gap:10px;list-style:none;padding:0;margin:.5em 0}
.cards li{background:#fff;border:1px solid var(--line);border-left:6px solid var(--info);border-radius:4px;padding:6px 14px;min-width:110px}
.cards .n{display:block;font-size:1.6em;font-weight:600}
.cards li.critical{border-left-color:var(--critical)}.cards li.high{border-left-color:var(--high)}
.cards li.medium{border-left-color:var(--medium)}.cards li.low{border-left-color:var(--low)}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
.chart{max-width:100%;height:auto}
.chart-label,.chart-value{font-size:12px;fill:#333}
.bar{fill:var(--info)}.bar.critical{fill:var(--critical)}.bar.high{fill:var(--high)}.bar.medium{fill:var(--medium)}
.bar.low{fill:var(--low)}.bar.owasp{fill:#1565c0}.bar.trend{fill:#455a64}
table{border-collapse:collapse;margin:.5em 0;background:#fff}
td,th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;background:#fff;border:1px solid var(--line);border-radius:4px;padding:10px}
form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
form.filters select{font:inherit;max-width:22em}
.finding{background:#fff;border:1px solid var(--line);border-left:6px solid var(--info);border-radius:4px;padding:10px 14px;margin:12px 0}
.finding.critical{border-left-color:var(--critical)}.finding.high{border-left-color:var(--high)}
.finding.medium{border-left-color:var(--medium)}.finding.low{border-left-color:var(--low)}
.finding header{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.badge{display:inline-block;color:#fff;background:var(--info);border-radius:3px;padding:0 6px;font-size:.8em;font-weight:600;text-transform:uppercase}
.badge.critical{background:var(--critical)}.badge.high{background:var(--high)}.badge.medium{background:var(--medium)}.badge.low{background:var(--low)}
.where{margin:.3em 0;color:var(--muted)}
.excerpt{padding:0}.excerpt span{display:block;padding:0 10px}
.excerpt .ln{display:inline-block;min-width:3.5em;color:#888;user-select:none}
.excerpt .hit{background:#fff3c4}
details summary{cursor:pointer;color:#1565c0}
.history .n{font-size:1.4em;font-weight:600}
[hidden]{display:none!important}
`;

export const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  var none = document.getElementById('none-shown');
  if (!form || !shown) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  function value(name) {
    var el = form.elements.namedItem(name);
    return el ? el.value : '';
  }
  function apply() {
    var stage = value('stage');
    var severity = value('severity');
    var owasp = value('owasp');
    var source = value('source');
    var n = 0;
    items.forEach(function (el) {
      var d = el.dataset;
      var ok =
        (!stage || d.stage === stage) &&
        (!severity || d.severity === severity) &&
        (!owasp || (d.owasp || '').split(' ').indexOf(owasp) >= 0) &&
        (!source || d.source === source);
      el.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
    if (none) none.hidden = n !== 0;
  }
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () {
    setTimeout(apply, 0);
  });
  apply();
})();
`;

export function sha256Base64(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/** Nothing loads from anywhere; only our style and script run, each pinned by its hash. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256Base64(STYLE)}'`,
    `script-src 'sha256-${sha256Base64(SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
