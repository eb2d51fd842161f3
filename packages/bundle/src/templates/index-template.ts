/** index.html: scope (what the Description Criteria ask), readiness, search and the criteria table. */
export const indexTemplate = `<h1>{{scope.organization}}: SOC 2 {{scope.auditType}} evidence bundle</h1>
<p class="muted">Audit period {{scope.period.start}} to {{scope.period.end}}{{#if scope.auditor}} · auditor {{scope.auditor}}{{/if}} · gaps assessed as of {{scope.asOf}}</p>
{{#if placeholders}}<p class="banner" id="placeholders" role="alert"><strong>Built with {{placeholders.label}}.</strong> Parts of this program still hold what Evident's starter ships (<code>REPLACE</code> markers, the example organisation, example people or code owners): they describe no real company. The bundle was built with <code>--allow-placeholders</code>, and <code>manifest.json</code> records it. Run <code>evident check</code> to list them (<code>content/placeholder</code>).</p>{{/if}}

<h2 id="scope">Scope and system description</h2>
<dl class="facts">
<dt>Organisation</dt><dd>{{scope.organization}}</dd>
<dt>Services provided</dt><dd>{{#if scope.description}}{{scope.description}}{{else}}<span class="muted">Not described in evident.yaml.</span>{{/if}}</dd>
<dt>Report</dt><dd>SOC 2 {{scope.auditType}}, {{scope.period.start}} to {{scope.period.end}}</dd>
<dt>Trust services categories</dt><dd>{{#each scope.categories}}{{name}}{{#unless @last}}, {{/unless}}{{/each}}</dd>
<dt>Framework</dt><dd>{{scope.framework}}</dd>
</dl>

<h3>System components and boundaries</h3>
<p>The system under audit is made of the systems below; anything not listed is outside the boundary of this report.</p>
<table>
<thead><tr><th>System</th><th>Description</th><th>Components</th></tr></thead>
<tbody>
{{#each scope.systems}}<tr><td>{{name}}</td><td>{{description}}</td><td>{{#each components}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</td></tr>
{{else}}<tr><td colspan="3" class="muted">No systems listed in evident.yaml.</td></tr>
{{/each}}</tbody>
</table>

<h3>Principal service commitments and system requirements</h3>
{{#if scope.commitments.length}}<ul>{{#each scope.commitments}}<li>{{this}}</li>{{/each}}</ul>{{else}}<p class="muted">No commitments listed in evident.yaml.</p>{{/if}}

<h3>Incidents, changes and deviations</h3>
<p><a href="changes.html">{{readiness.changesLabel}}</a> in the period, <a href="exceptions.html">{{readiness.exceptionsLabel}}</a> found by Evident with their management responses, and <a href="records.html">{{readiness.recordsLabel}}</a> (approvals, acknowledgments, exceptions) from the evidence branch.</p>

<h2 id="readiness">Readiness summary</h2>
<div class="cards">
<div class="card"><div class="n" id="readiness-figure">{{readiness.label}}</div>readiness ({{readiness.met}} of {{readiness.total}}){{#if readiness.reason}}<br><span class="muted">{{readiness.reason}}</span>{{/if}}</div>
<div class="card"><div class="n">{{readiness.covered}}/{{readiness.criteria}}</div>criteria mapped to a control</div>
<div class="card"><div class="n">{{readiness.operating}}</div>criteria with an operating control</div>
<div class="card"><div class="n">{{readiness.approved}}/{{readiness.policiesInForce}}</div>policies in force with an approval of their current content</div>
<div class="card"><div class="n">{{readiness.evidenceIncluded}}</div>evidence files in the period{{#if readiness.evidenceExcluded}} ({{readiness.evidenceExcluded}} listed, not included){{/if}}</div>
<div class="card"><div class="n"><a href="exceptions.html">{{readiness.exceptions}}</a></div>exceptions</div>
<div class="card"><div class="n"><span class="state state-{{readiness.chainState}}">{{readiness.chainLabel}}</span></div>evidence chain, {{readiness.records}} records</div>
</div>
{{#if readiness.exceptionKinds.length}}<table>
<thead><tr><th>Exception kind</th><th>Count</th></tr></thead>
<tbody>{{#each readiness.exceptionKinds}}<tr><td>{{kind}}</td><td>{{count}}</td></tr>{{/each}}</tbody>
</table>{{/if}}
<p class="muted">{{readiness.rule}}</p>
<p class="muted">evident check on the same tree: {{readiness.check.error}} errors, {{readiness.check.warning}} warnings.</p>

<h2 id="search-section">Search</h2>
<label for="search">Find a criterion, control or policy by id or title</label><br>
<input id="search" type="search" autocomplete="off" placeholder="e.g. CC6.1, access review, encryption">
<ul id="search-results"></ul>

<h2 id="criteria">Criteria, controls and policies</h2>
<table id="criteria-table">
<thead><tr><th>Criterion</th><th>Topic</th><th>State</th><th>Controls</th><th>Policies</th><th>Evidence files</th></tr></thead>
<tbody>
{{#each criteria}}<tr class="criterion-row"><td><a href="{{href}}">{{id}}</a></td><td>{{topic}}</td><td><span class="state state-{{state}}">{{state}}</span></td><td>{{#each controls}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{/each}}</td><td>{{#each policies}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{/each}}</td><td>{{evidence}}</td></tr>
{{/each}}</tbody>
</table>
<script type="application/json" id="search-data">{{{searchData}}}</script>
`;
