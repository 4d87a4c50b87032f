// Page extras: export buttons, opening a saved project, drag and drop of
// .txt/.html/.json files, iframe mode and the service worker. app.js calls
// installExtras() once with a small interface to its state.
import { FORMATS, parseProject, viewAnnotation, viewMeta, headline } from './exports.js';
import { startEmbed } from './embed.js';

/**
 * page: {
 *   getText() -> string, getAnnotation() -> result|null  (what the view shows)
 *   getView() -> {hidden, marksInBoilerplate, hideBoilerplate}  (the view's settings)
 *   show(text, result)        show a saved annotation without re-annotating
 *   load(text)                put text in the input and annotate it
 *   loadHtml(html)            annotate HTML with the core's HTML path; the
 *                             input gets the text derived from it
 *   annotate(text, options)   Promise of a result (the page's worker)
 *   setStatus(msg, kind)      kind: info | busy | done | error
 *   version() -> string
 *   ready                     Promise resolved when the annotator is loaded
 * }
 */
export function installExtras(page, doc = document) {
  addExportButtons(page, doc);
  addDragAndDrop(page, doc);
  // Listening at once; requests wait for the annotator (www/embed.js).
  startEmbed({ annotate: page.annotate, show: page.show, version: page.version, ready: page.ready });
  registerServiceWorker();
}

function download(doc, name, mime, body) {
  const url = URL.createObjectURL(new Blob([body], { type: `${mime};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function addExportButtons(page, doc) {
  // A section at the end of the side panel, so the main toolbar keeps its
  // order.
  const section = doc.createElement('section');
  section.setAttribute('aria-labelledby', 'exports-h');
  const h = doc.createElement('h2');
  h.id = 'exports-h';
  h.textContent = 'Export and open';
  const box = doc.createElement('div');
  box.className = 'actions exports';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Export and open');
  section.append(h, box);

  for (const [key, f] of Object.entries(FORMATS)) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.dataset.export = key;
    b.textContent = f.label;
    b.title = `Download the annotation as ${f.label}, as the page shows it`;
    b.addEventListener('click', () => exportAs(page, doc, key));
    box.appendChild(b);
  }
  // The toolbar's "Download HTML" is the HTML page export.
  const html = doc.getElementById('export');
  if (html) html.addEventListener('click', () => exportAs(page, doc, 'html', 'annotated-article.html'));

  const input = doc.createElement('input');
  input.type = 'file';
  input.accept = '.json,.txt,.html,.htm,application/json,text/plain,text/html';
  input.hidden = true;
  input.id = 'open-file';
  input.addEventListener('change', () => {
    if (input.files && input.files[0]) openFile(page, input.files[0]);
    input.value = '';
  });
  const open = doc.createElement('button');
  open.type = 'button';
  open.id = 'open';
  open.textContent = 'Open file…';
  open.title = 'Open a saved project (.json), or a .txt or .html file to annotate';
  open.addEventListener('click', () => input.click());
  box.append(open, input);
  (doc.querySelector('.side') || doc.body).appendChild(section);
}

/**
 * Downloads export `key` of what the page shows: layers switched off, names
 * inside boilerplate (unless shown) are left out, and the metadata says so.
 * Clean text is the whole text without its boilerplate lines.
 */
export function exportAs(page, doc, key, name = null) {
  const f = FORMATS[key];
  const text = page.getText();
  const ann = page.getAnnotation();
  if (!text || !ann) {
    page.setStatus('Nothing to export yet: annotate a text first.');
    return;
  }
  try {
    const view = page.getView ? page.getView() : {};
    const shown = key === 'clean' ? ann : viewAnnotation(ann, view);
    const body = f.make(text, shown, { annotator: page.version() || null, view: viewMeta(view), title: headline(text, ann) });
    download(doc, name || `article.${f.ext}`, f.mime, body);
    page.setStatus(`Exported ${f.label} of what the page shows.`, 'done');
  } catch (e) {
    page.setStatus(`Could not export ${f.label}: ${e.message}`, 'error');
  }
}

/** Reads a dropped or chosen file: a project, an HTML page or plain text. */
export async function openFile(page, file) {
  const name = (file.name || '').toLowerCase();
  try {
    const isHtml = /\.html?$/.test(name) || file.type === 'text/html';
    // An HTML file is bytes in its own encoding (<meta charset>, a BOM); the rest is UTF-8.
    const body = isHtml ? await page.decodeHtml(new Uint8Array(await file.arrayBuffer())) : await file.text();
    if (name.endsWith('.json') || file.type === 'application/json') {
      const p = parseProject(body);
      page.show(p.text, p.annotation);
      page.setStatus(`Opened the project ${file.name}${p.annotator ? ` (annotator ${p.annotator})` : ''}.`, 'done');
    } else if (isHtml) {
      // Read only by the core's own HTML parser (in the worker): nothing in
      // it runs, loads or reaches the page's DOM; the page's structure
      // (nav, headings, asides) informs the boilerplate layer.
      page.loadHtml(body);
    } else {
      page.load(body.replace(/\r\n?/g, '\n'));
    }
  } catch (e) {
    page.setStatus(`Could not open ${file.name}: ${e.message}`, 'error');
  }
}

function addDragAndDrop(page, doc) {
  const hasFiles = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].includes('Files');
  doc.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
    doc.documentElement.classList.add('dropping');
  });
  doc.addEventListener('dragleave', (ev) => {
    if (!ev.relatedTarget) doc.documentElement.classList.remove('dropping');
  });
  doc.addEventListener('drop', (ev) => {
    doc.documentElement.classList.remove('dropping');
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    const file = ev.dataTransfer.files[0];
    if (file) openFile(page, file);
  });
}

function registerServiceWorker() {
  // Only over http(s): file:// pages (the single-file build) have none.
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn(`service worker: ${e.message}`));
}
