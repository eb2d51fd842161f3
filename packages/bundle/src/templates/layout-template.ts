/** Every portal page: strict CSP, inline style, navigation; `body` is HTML rendered by another template. */
export const layoutTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{{title}} · {{site.organization}}</title>
<style>{{{style}}}</style>
</head>
<body>
<header><span class="org">{{site.organization}}</span><span class="muted">SOC 2 evidence bundle{{#if site.release}} {{site.release}}{{/if}}</span>
<nav><a href="{{root}}index.html">Overview</a><a href="{{root}}index.html#criteria">Criteria</a><a href="{{root}}controls.html">Controls</a><a href="{{root}}policies.html">Policies</a><a href="{{root}}evidence.html">Evidence</a><a href="{{root}}exceptions.html">Exceptions</a><a href="{{root}}policy-history.html">Policy changes</a><a href="{{root}}policy-versions.html">Policy versions</a><a href="{{root}}workforce.html">Workforce</a><a href="{{root}}change-population.html">Change population</a><a href="{{root}}access.html">Access</a><a href="{{root}}records.html">Records</a></nav>
</header>
<main>
{{{body}}}
</main>
<footer>Audit period {{site.period.start}} to {{site.period.end}} · source {{site.source}} · built by Evident {{site.toolVersion}} · check integrity with <code>evident verify</code> or <code>sha256sum -c SHA256SUMS</code> (see README.txt)</footer>
{{#if script}}<script>{{{script}}}</script>
{{/if}}</body>
</html>
`;
