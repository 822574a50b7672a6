// The prep360 web UI: wires the source picker, rig editor, preview, masks, job form, job list
// and dataset browser to the service's routes (docs/ui.md, docs/service.md).
import { api, debounce, el, getJson, showMessage } from './api.js';
import { rig, expand, load } from './rig_model.js';
import { renderEditor, wireEditorButtons } from './rig_editor.js';
import { Footprints } from './footprints.js';
import { updatePreview } from './preview.js';
import { maskWanted, updateEquirectMask } from './mask_overlay.js';
import { buildJobForm, jobDocument, setField } from './job_form.js';
import { refreshJobs } from './jobs.js';
import { browseJob } from './browse.js';
import { Viewer360 } from './viewer360.js';

const $ = (id) => document.getElementById(id);
const state = { source: '', views: [], selected: null, mode: 'single', preset: null, footprints: null,
                mask: { show: false, model: '', classes: [], dilate: 0, nadir: -1 } };
const viewer = new Viewer360($('viewer360'), $('viewer-note'));
const footprints = new Footprints($('footprints'), (name) => select(name));
let footprintSeq = 0;

function select(name) {
  state.selected = name;
  footprints.selected = name;
  $('selected-name').textContent = name || '';
  footprints.draw();
  schedulePreview();
}

const schedulePreview = debounce(() => {
  const nadir = maskWanted(state) ? -1 : state.mask.nadir;  // the equirect overlay shows the cap itself
  if (footprints.nadir !== nadir) {
    footprints.nadir = nadir;
    footprints.draw();
  }
  updatePreview(state);
  updateEquirectMask(state);
}, 120);

const scheduleFootprints = debounce(async () => {
  const seq = ++footprintSeq;
  try {
    const body = { rig: expand(), min_latitude: state.mask.nadir >= 0 ? -state.mask.nadir : -90 };
    const data = await getJson('/v1/rig/footprints', { json: body });
    if (seq !== footprintSeq) return;
    state.footprints = data;
    footprints.data = data;
    footprints.draw();
    $('footprints').dataset.seq = String(seq);
    viewer.setFootprints(data);
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    $('coverage').textContent = pct(data.coverage.covered);
    $('overlapped').textContent = pct(data.coverage.overlapped);
    const [a, b] = data.coverage.worst;
    $('min-overlap').textContent = a < 0 ? '–' : `${pct(data.coverage.min_neighbour_overlap)} (${data.views[a].name}, ${data.views[b].name})`;
    if (state.rigError) showMessage('');  // clears only its own earlier error
    state.rigError = false;
  } catch (e) {
    if (seq !== footprintSeq) return;
    state.rigError = true;
    showMessage(e.message);
  }
}, 100);

// After any change of the rig; `byUser`: the rig is no longer the preset it was loaded from.
function rigChanged(byUser = true) {
  if (byUser) state.preset = null;
  const { views } = expand();
  state.views = views;
  $('view-count').textContent = String(views.length);
  if (!views.some((v) => v.name === state.selected)) select(views.length ? views[0].name : null);
  scheduleFootprints();
  schedulePreview();
}

async function loadRig(json, presetName) {
  load(json);
  renderEditor(() => rigChanged(true));
  state.preset = presetName;
  rigChanged(false);
}

async function loadPreset(name) {
  try {
    const data = await getJson('/v1/rig/footprints', { json: { preset: name, samples: 100 } });
    await loadRig({ name, views: data.views }, name);
  } catch (e) {
    showMessage(e.message);
  }
}

async function setupPresets() {
  const { presets, default: def } = await getJson('/v1/rig/presets');
  const select = $('rig-preset');
  for (const p of presets) {
    const names = p.name === 'ring:N' ? ['ring:4', 'ring:6', 'ring:8', 'ring:12'] : p.name === 'fibonacci:N' ? ['fibonacci:20', 'fibonacci:40'] : [p.name];
    for (const n of names) select.append(el('option', { value: n, text: n, title: p.description }));
  }
  select.value = def;
  select.addEventListener('change', () => loadPreset(select.value));
  await loadPreset(def);
}

function setupImportExport() {
  $('rig-import').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      const json = JSON.parse(await file.text());
      await getJson('/v1/rig/footprints', { json: { rig: json, samples: 100 } });  // the server checks it
      await loadRig({ ...json, name: json.name || file.name.replace(/\.json$/i, '') }, null);
      showMessage(`Imported ${file.name}: ${state.views.length} views`, 'info');
    } catch (err) {
      showMessage(`${file.name}: ${err.message}`);
    }
    e.target.value = '';
  });
  $('rig-export').addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(expand(), null, 2) + '\n'], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `${rig.name || 'rig'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
  });
}

// --- Source -------------------------------------------------------------------------------
async function browse(path) {
  try {
    const listing = await getJson(`/v1/fs?path=${encodeURIComponent(path)}`);
    state.folder = listing.path;
    $('browser-path').textContent = listing.path || '(roots)';
    $('browser-up').onclick = () => browse(listing.parent || '');
    $('browser-up').disabled = !listing.path;
    $('browser-list').replaceChildren(...listing.entries.map((e) => el('li', {}, el('button', {
      type: 'button', class: `entry ${e.kind}`, 'data-testid': 'fs-entry', 'data-name': e.name, text: e.type === 'dir' ? `${e.name}/` : e.name,
      onclick: () => (e.type === 'dir' ? browse(e.path) : useSource(e.path, e.kind)) }))));
  } catch (e) {
    showMessage(e.message);
  }
}

async function useSource(path, kind) {
  if (!path) return;
  if (kind === undefined) kind = /\.(mp4|mov|mkv|insv|360|avi|webm|m4v)$/i.test(path) ? 'video' : 'image';
  try {
    if (kind === 'video') {
      const frame = await getJson('/v1/frame', { json: { path, time: Number($('scrub-time').value) || 0 } });
      state.video = path;
      $('scrub').hidden = false;
      $('scrub-time').max = String(Math.max(0, frame.duration - 0.05));
      setField('command', 'run');
      setField('inputs', path);
      return usePanorama(frame.path, false);
    }
    $('scrub').hidden = true;
    state.video = null;
    setField('command', 'split');
    setField('inputs', path);
    await usePanorama(path, true);
  } catch (e) {
    showMessage(e.message);
  }
}

async function usePanorama(path) {
  const url = `/v1/fs/equirect?path=${encodeURIComponent(path)}&width=1440`;
  await api(url);  // a path outside the roots or a bad file: its one-line reason
  state.source = path;
  $('source-path').value = state.video || path;
  document.querySelector('#job-form #field-command').dispatchEvent(new Event('change'));
  const out = document.getElementById('field-output');
  if (out && !out.value) out.value = `${(state.video || path).replace(/\/[^/]*$/, '')}/prep360_dataset`;
  await footprints.setBackground(url);
  viewer.setPanorama(url);
  showMessage('');
  schedulePreview();
}

// A first check in the page (the server checks again, following links): an absolute path, once
// `.` and `..` are folded, must be a root or lie below one.
function outsideRoots(path) {
  if (!path.startsWith('/')) return false;  // relative paths are taken from the first root
  const parts = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  const norm = `/${parts.join('/')}`;
  return !state.roots.some((r) => norm === r || norm.startsWith(r.endsWith('/') ? r : `${r}/`));
}

function setupSource() {
  $('source-open').addEventListener('click', () => {
    const path = $('source-path').value.trim();
    if (outsideRoots(path)) return showMessage(`${path}: outside every root (${state.roots.join(', ')})`);
    if (/\.(jpe?g|png|tiff?|webp|mp4|mov|mkv|insv|360|avi|webm|m4v)$/i.test(path)) return useSource(path);
    return browse(path);
  });
  $('source-upload').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      const folder = state.folder || state.roots[0];
      const body = { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file };
      const up = await getJson(`/v1/fs/upload?path=${encodeURIComponent(`${folder}/${file.name}`)}`, body);
      await browse(folder);
      await useSource(up.path, up.kind === 'video' ? 'video' : 'image');
    } catch (err) {
      showMessage(`${file.name}: ${err.message}`);
    }
    e.target.value = '';
  });
  $('source-path').addEventListener('keydown', (e) => { if (e.key === 'Enter') $('source-open').click(); });
  $('scrub-time').addEventListener('input', () => { $('scrub-out').textContent = $('scrub-time').value; });
  $('scrub-use').addEventListener('click', () => useSource(state.video, 'video'));
}

// --- Masks --------------------------------------------------------------------------------
async function setupMasks(schema) {
  const { models } = await getJson('/v1/models');
  const sel = $('mask-model');
  sel.append(el('option', { value: '', text: '(none)' }),
             ...models.map((m) => el('option', { value: m.name, text: m.name, 'data-path': m.path })));
  $('mask-note').textContent = models.length ? '' : 'No model is loaded (prep360 serve --model NAME=PATH): object masks are off.';
  $('mask-classes').value = schema.properties.detect.properties.classes.default.join(', ');
  state.mask.classes = schema.properties.detect.properties.classes.default;
  const sync = () => {
    const m = state.mask;
    m.model = sel.value;
    m.dilate = Number($('mask-dilate').value);
    const nadir = Number($('mask-nadir').value);
    m.nadir = nadir < 90 ? nadir : -1;
    m.show = $('mask-show').checked;
    m.classes = $('mask-classes').value.split(',').map((c) => c.trim()).filter((c) => c);
    $('mask-dilate-out').textContent = String(m.dilate);
    $('mask-nadir-out').textContent = m.nadir < 0 ? 'off' : `${m.nadir}°`;
    setField('detect.model', m.model ? sel.selectedOptions[0].dataset.path : '');  // a job names the file
    setField('detect.classes', $('mask-classes').value);
    setField('mask.objects', !!m.model);
    setField('mask.dilate', m.dilate);
    setField('mask.nadir', m.nadir);
    footprints.nadir = maskWanted(state) ? -1 : m.nadir;  // else the equirect overlay shows the cap
    footprints.draw();
    scheduleFootprints();
    schedulePreview();
  };
  for (const id of ['mask-model', 'mask-classes', 'mask-dilate', 'mask-nadir', 'mask-show']) $(id).addEventListener('input', sync);
}

// --- Run ----------------------------------------------------------------------------------
async function submitJob() {
  const form = $('job-form');
  try {
    const doc = jobDocument(form);
    const usesRig = !!document.querySelector('fieldset[data-group="rig"]:not([hidden])');
    if (usesRig && $('use-editor-rig').checked) {
      doc.rig ||= {};
      if (state.preset) {
        doc.rig.name = state.preset;
      } else {
        const saved = await getJson('/v1/rig/files', { json: { path: `${doc.output.replace(/\/+$/, '')}.rig.json`, rig: expand() } });
        doc.rig.name = saved.path;
      }
    }
    const { id } = await getJson('/v1/jobs', { json: doc });
    showMessage(`Job ${id} queued`, 'info');
    await refreshAll();
  } catch (e) {
    showMessage(e.message);
  }
}

async function refreshAll() {
  const jobs = await refreshJobs(browseJob);
  const sel = $('browse-job');
  const current = sel.value;
  sel.replaceChildren(el('option', { value: '', text: '(choose a finished job)' }),
    ...jobs.filter((j) => j.state === 'done').map((j) => el('option', { value: j.id, text: `${j.id} ${j.output}` })));
  sel.value = current;
}

async function main() {
  try {
    const info = await getJson('/v1/info');
    $('server-info').textContent = `${info.version} · roots: ${info.roots.join(', ')}`;
    state.roots = info.roots;
    const openapi = await getJson('/v1/openapi.json');
    const schema = openapi.components.schemas.JobDocument;
    buildJobForm($('job-form'), schema, submitJob);
    wireEditorButtons(() => rigChanged(true));
    setupImportExport();
    setupSource();
    await setupMasks(schema);
    $('preview-mode').addEventListener('change', () => { state.mode = $('preview-mode').value; schedulePreview(); });
    $('viewer-on').addEventListener('change', async () => {
      $('viewer360').hidden = !$('viewer-on').checked;
      if ($('viewer-on').checked && await viewer.start()) {
        if (state.source) viewer.setPanorama(`/v1/fs/equirect?path=${encodeURIComponent(state.source)}&width=2048`);
        viewer.setFootprints(state.footprints);
      }
    });
    $('browse-job').addEventListener('change', () => $('browse-job').value && browseJob($('browse-job').value));
    $('browse-masks').addEventListener('change', () => $('dataset-grid').classList.toggle('show-masks', $('browse-masks').checked));
    await setupPresets();
    await browse('');
    await refreshAll();
    setInterval(() => refreshAll().catch(() => {}), 3000);
    document.body.dataset.ready = '1';
  } catch (e) {
    showMessage(e.message);
  }
}

main();
