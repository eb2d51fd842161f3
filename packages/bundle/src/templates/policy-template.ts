import { referenceList } from './reference-template.js';

/** policies/<id>.html: a policy version, its content hash, approval, acknowledgments, history and text. */
export const policyTemplate = `<p class="muted"><a href="../policies.html">Policies</a> › {{id}}</p>
<h1>{{title}}</h1>
<dl class="facts">
<dt>Policy</dt><dd>{{id}}</dd>
<dt>Version</dt><dd>{{version}}</dd>
<dt>Status</dt><dd><span class="state state-{{status}}">{{status}}</span></dd>
<dt>Owner</dt><dd>{{owner}}</dd>
<dt>Required approvers</dt><dd>{{#each approvers}}{{this}}{{#unless @last}}, {{/unless}}{{/each}}</dd>
<dt>Effective</dt><dd>{{effective_date}}</dd>
<dt>Review</dt><dd>{{review.cadence}}{{#if review.last_reviewed}}, last {{review.last_reviewed}}{{/if}}{{#if nextReview}}, next {{nextReview}}{{/if}}</dd>
<dt>Criteria</dt><dd>{{#with criteria}}${referenceList()}{{/with}}</dd>
<dt>Controls</dt><dd>{{#each controls}}<a href="{{href}}">{{id}}</a>{{#unless @last}}, {{/unless}}{{else}}<span class="muted">none</span>{{/each}}</dd>
<dt>Content SHA-256</dt><dd><span class="hash">{{sha256}}</span> of <a href="{{markdownHref}}">{{markdownName}}</a> (the file as approved: <code>sha256sum {{markdownName}}</code>)</dd>
</dl>

<section id="approval">
<h2>Approval</h2>
{{#if current}}<p><span class="state state-approved">approved</span> Version {{current.version}} with this exact content was approved in {{#if current.pull_request.url}}<a href="{{current.pull_request.url}}">pull request #{{current.pull_request.number}}</a>{{else}}pull request #{{current.pull_request.number}}{{/if}}{{#if current.pull_request.merged_at}}, merged {{current.pull_request.merged_at}}{{/if}}{{#if current.pull_request.merged_by}} by {{current.pull_request.merged_by}}{{/if}}. Record <a href="{{current.recordHref}}">{{current.record}}</a>.</p>
<table>
<thead><tr><th>Approver</th><th>Person</th><th>Review</th><th>Submitted</th><th>At commit</th></tr></thead>
<tbody>{{#each current.approvals}}<tr><td>{{reviewer}}</td><td>{{person}}</td><td>{{state}}</td><td>{{submitted_at}}</td><td><code>{{commit_id}}</code></td></tr>{{/each}}</tbody>
</table>
{{else}}<p><span class="state state-missing">no approval record</span> No evidence record binds an approval to this content (SHA-256 above). See <a href="../exceptions.html">exceptions</a>.</p>{{/if}}
{{#if approvals.length}}<h3>Approval records for this policy</h3>
<table>
<thead><tr><th>Version</th><th>Pull request</th><th>Approved</th><th>Approvers</th><th>Content SHA-256</th><th>Record</th></tr></thead>
<tbody>{{#each approvals}}<tr><td>{{version}}</td><td>{{#if pull_request.url}}<a href="{{pull_request.url}}">#{{pull_request.number}}</a>{{else}}#{{pull_request.number}}{{/if}}</td><td>{{#if approved}}yes{{else}}no{{/if}}</td><td>{{approvers}}</td><td><span class="hash">{{sha256}}</span></td><td><a href="{{recordHref}}">{{record}}</a></td></tr>{{/each}}</tbody>
</table>{{/if}}
</section>

<section id="acknowledgments">
<h2>Acknowledgments of this version</h2>
{{#if acknowledgment}}<p>Audience: {{acknowledgment.audience}}, within {{acknowledgment.within_days}} days.</p>{{/if}}
{{#if acknowledgments.length}}<table>
<thead><tr><th>Person</th><th>GitHub</th><th>Pull request</th><th>Acknowledged</th></tr></thead>
<tbody>{{#each acknowledgments}}<tr><td>{{person}}</td><td>{{github}}</td><td>#{{pull_request}}</td><td>{{approved_at}}</td></tr>{{/each}}</tbody>
</table>{{else}}<p class="muted">No acknowledgment of this content is recorded.</p>{{/if}}
</section>

<section id="versions">
<h2>Versions in force during the audit period</h2>
{{#if versions.length}}<table>
<thead><tr><th>Version</th><th>In force from</th><th>Until</th><th>Pull request</th><th>Approved</th><th>Text</th></tr></thead>
<tbody>{{#each versions}}<tr><td>{{version}}</td><td>{{from}}</td><td>{{#if to}}{{to}}{{else}}<span class="muted">still in force</span>{{/if}}</td><td>{{#if pullRequest}}#{{pullRequest}}{{/if}}</td><td>{{#if approved}}yes{{else}}<span class="state state-missing">no</span>{{/if}}</td><td><a href="{{href}}">version {{version}}</a> · <a href="{{markdownHref}}">Markdown</a></td></tr>{{/each}}</tbody>
</table>{{else}}<p class="muted">No version of this policy was on the default branch during the period.</p>{{/if}}
</section>

<section id="history">
<h2>Change history</h2>
<table>
<thead><tr><th>Date</th><th>Commit</th><th>Author</th><th>Change</th><th>Pull request</th><th>Approved by</th><th>In period</th></tr></thead>
<tbody>
{{#each history}}<tr><td>{{date}}</td><td><code>{{short}}</code></td><td>{{author}}</td><td>{{subject}}</td><td>{{#if pull_request}}#{{pull_request}}{{/if}}</td><td>{{approvedBy}}</td><td>{{#if inPeriod}}yes{{else}}no{{/if}}</td></tr>
{{else}}<tr><td colspan="7" class="muted">No commit in the git history changed this file.</td></tr>
{{/each}}</tbody>
</table>
</section>

<div class="policy-body">{{{bodyHtml}}}</div>
`;
