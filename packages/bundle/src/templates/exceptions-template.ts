/**
 * exceptions.html: every gap grouped by kind, then by the control, policy or pull request it
 * concerns, with filters (the portal's one script; without it every row shows). Each kind's table
 * holds the marker `<!--evident:rows-->` where its rows go, a chunk at a time. Last, when there are
 * any, the management responses under exceptions/ that answer no exception listed, at their file and line.
 */
export const exceptionsTemplate = `<h1>Exceptions</h1>
<p>Every deviation Evident found as of {{asOf}}, with its owner and the management response written under exceptions/ (also in exceptions.csv, with the full values). {{total}} in all, {{unanswered}} without a management response.</p>
<table class="summary">
<thead><tr><th>Kind</th><th>What it means</th><th>Exceptions</th><th>Without response</th></tr></thead>
<tbody>{{#each groups}}<tr><td><a href="#kind-{{kind}}">{{kind}}</a></td><td>{{meaning}}</td><td>{{count}}</td><td>{{unanswered}}</td></tr>{{else}}<tr><td colspan="4" class="muted">No exception.</td></tr>{{/each}}</tbody>
</table>
{{#if groups.length}}<div id="filters" class="filters" hidden>
<label>Kind <select id="filter-kind"><option value="">all</option>{{#each groups}}<option value="{{kind}}">{{kind}}</option>{{/each}}</select></label>
<label>Owner <select id="filter-owner"><option value="">all</option>{{#each owners}}<option value="{{this}}">{{this}}</option>{{/each}}</select></label>
<label>Text <input id="filter-text" type="search" autocomplete="off" placeholder="control, policy, person, PR"></label>
<label><input id="filter-open" type="checkbox"> only without a management response</label>
<span id="filter-count" class="muted" aria-live="polite"></span>
</div>{{/if}}
{{#each groups}}<section class="exception-group" id="kind-{{kind}}" data-kind="{{kind}}">
<h2>{{kind}} ({{count}})</h2>
<p class="muted">{{meaning}}</p>
<table class="exceptions">
<colgroup><col class="c-subject"><col class="c-id"><col class="c-owner"><col class="c-detail"><col class="c-response"></colgroup>
<thead><tr><th>Subject</th><th>Exception</th><th>Owner</th><th>Detail</th><th>Management response</th></tr></thead>
<tbody>
<!--evident:rows-->
</tbody>
</table>
</section>
{{/each}}{{#if stray.length}}<section id="stray-responses">
<h2>Management responses that answer no exception ({{stray.length}})</h2>
<p class="muted">Files under exceptions/ whose <code>id</code> (or file name) names no exception listed above: the exception each was meant for may be listed without its response, or it was closed since and the response is left over.</p>
<table class="stray-responses">
<thead><tr><th>File</th><th>Line</th><th>Problem</th></tr></thead>
<tbody>{{#each stray}}<tr><td>{{file}}</td><td>{{line}}</td><td>{{message}}</td></tr>
{{/each}}</tbody>
</table>
</section>
{{/if}}`;

/** Rows of one kind: a group row when the subject changes, then one row per exception. */
export const exceptionRowsTemplate = `{{#each this}}{{#if group}}<tr class="group" data-group="{{group}}"><th colspan="5">{{#if href}}<a href="{{href}}">{{group}}</a>{{else}}{{group}}{{/if}} <span class="muted">({{count}})</span></th></tr>
{{/if}}<tr id="{{anchor}}" class="exception" data-kind="{{kind}}" data-owner="{{owner}}" data-subject="{{subject}}" data-responded="{{#if response}}yes{{else}}no{{/if}}"><td>{{subject}}</td><td><span class="hash" title="{{id}}">{{shortId}}</span></td><td>{{owner}}</td><td>{{#each detail}}{{#if hash}}<span class="hash" title="{{hash}}">{{short}}</span>{{else}}{{text}}{{/if}}{{/each}}</td><td>{{#if response}}{{response}}{{#if target_date}}<br><span class="muted">Target {{target_date}}{{#if response_file}}, {{response_file}}{{/if}}</span>{{/if}}{{else}}<span class="state state-missing">no response</span>{{/if}}</td></tr>
{{/each}}`;
