/** The check page: plain HTML and a few lines of script, no network beyond this server. */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PeerLens: check a note</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; margin: 0.5rem 0; }
  textarea { width: 100%; min-height: 12rem; font: inherit; padding: 0.5rem; box-sizing: border-box; }
  label { font-weight: 600; }
  button { font: inherit; padding: 0.4rem 1rem; margin-top: 0.5rem; }
  .unit { padding: 0.2rem 0.4rem; margin: 0.15rem 0; border-left: 0.4rem solid; }
  .peer { border-color: #1a6b3c; background: #e8f5ec; }
  .overlap { border-color: #5b4a9e; background: #efecf8; }
  .clinical { border-color: #9c3b12; background: #fbeee6; }
  .neutral { border-color: #6b6b6b; background: #f3f3f3; }
  .conflict { border-color: #a01616; background: #fbe9e9; }
  .errand { border-color: #7a5c00; background: #fbf4dd; }
  .tag { font-size: 0.8rem; font-weight: 700; text-transform: uppercase; margin-right: 0.5rem; }
  li { margin: 0.4rem 0; }
</style>
</head>
<body>
<header><h1>PeerLens</h1><p>Paste a note or a job description to see, sentence by sentence, whether it speaks from a peer, a shared or a clinical perspective. A prompt for reflection, not a verdict.</p></header>
<main>
<form id="form">
  <label for="text">Text</label>
  <textarea id="text" name="text"></textarea>
  <fieldset><legend>This text is</legend>
    <label><input type="radio" name="kind" value="note" checked> a note</label>
    <label><input type="radio" name="kind" value="document"> a job description or task list</label>
  </fieldset>
  <button type="submit">Check</button>
</form>
<section aria-live="polite" id="out"></section>
</main>
<script>
const out = document.getElementById('out');
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
document.getElementById('form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const text = document.getElementById('text').value;
  const kind = new FormData(ev.target).get('kind');
  const res = await fetch('/api/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, kind }) });
  const data = await res.json();
  out.replaceChildren();
  if (!res.ok) { out.append(el('p', '', data.error)); return; }
  if (data.kind === 'note') {
    const a = data.analysis;
    out.append(el('h2', '', 'Sentences'));
    for (const s of a.sentences) { const d = el('div', 'unit ' + s.label); d.append(el('span', 'tag', s.label), document.createTextNode(s.text)); out.append(d); }
    out.append(el('h2', '', 'Findings (' + a.findings.length + ')'));
    const ul = el('ul');
    for (const f of a.findings) { const li = el('li'); li.append(el('strong', '', f.actual + ': '), document.createTextNode(f.message + (f.expected.length ? ' Perhaps: ' + f.expected.join('; ') : ''))); ul.append(li); }
    out.append(ul);
  } else {
    const r = data.review;
    out.append(el('h2', '', r.summary));
    for (const d of r.duties) { const e = el('div', 'unit ' + d.label); e.append(el('span', 'tag', d.label), document.createTextNode(d.text + (d.suggestions.length ? ' (Perhaps: ' + d.suggestions.join('; ') + ')' : ''))); out.append(e); }
  }
});
</script>
</body>
</html>
`;
