// The dataset browser: a finished job's images as a grid by view and frame (GET
// /v1/jobs/{id}/files), with a mask-overlay toggle, a summary of its report.json, its rig drawn
// like `rig show --picture` (rig.json through POST /v1/rig/footprints) and the next commands.
import { el, getJson, showMessage } from './api.js';
import { Footprints } from './footprints.js';

let rigCanvas = null;

function nextCommands(out) {
  const q = (s) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const d = q(out);
  return [
    ['Structure from motion with COLMAP (prep360 runs it)', `prep360 sfm ${d}`],
    ['Then export for nerfstudio', `prep360 export ${d} --to nerfstudio`],
    ['Or for RealityScan / Metashape', `prep360 export ${d} --to realityscan\nprep360 export ${d} --to metashape`],
    ['Or run COLMAP yourself (docs/colmap.md)',
     `colmap feature_extractor --database_path ${d}/database.db --image_path ${d}/images ` +
     `--ImageReader.single_camera_per_folder 1 --ImageReader.camera_model PINHOLE\n` +
     `colmap rig_configurator --database_path ${d}/database.db --rig_config_path ${d}/rig_config.json\n` +
     `colmap sequential_matcher --database_path ${d}/database.db\n` +
     `mkdir -p ${d}/sparse && colmap mapper --database_path ${d}/database.db --image_path ${d}/images --output_path ${d}/sparse`],
  ];
}

function renderCommands(out) {
  const box = document.getElementById('next-commands');
  box.replaceChildren(...nextCommands(out).map(([title, text], i) => {
    const pre = el('pre', { text, id: `cmd-${i}` });
    const copy = el('button', { type: 'button', text: 'Copy', 'aria-label': `Copy: ${title}`, onclick: async () => {
      try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; } catch (_) { copy.textContent = 'Select and copy'; }
    } });
    return el('div', { class: 'cmd' }, el('p', { text: title }), pre, copy);
  }));
}

function renderReport(r) {
  const c = r.counts || {};
  const t = r.timing || {};
  const items = [['command', r.command], ['ok', String(r.ok)], ['frames', c.frames_done], ['views written', c.views_written],
                 ['masks written', c.masks_written], ['failures', (r.failures || []).length], ['wall time', t.wall_s && `${t.wall_s.toFixed(2)} s`]];
  document.getElementById('report').replaceChildren(el('dl', { class: 'numbers' },
    ...items.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })])));
}

function openImage(url, name) {
  const dialog = document.getElementById('image-dialog');
  document.getElementById('image-dialog-img').src = url;
  document.getElementById('image-dialog-name').textContent = name;
  dialog.showModal();
}

export async function browseJob(id) {
  try {
    const base = `/v1/jobs/${id}/files`;
    const { output, files } = await getJson(base);
    const images = files.filter((f) => /^images\/[^/]+\/[^/]+\.(jpg|jpeg|png|tif|tiff)$/i.test(f));
    const views = [...new Set(images.map((f) => f.split('/')[1]))].sort();
    const frames = [...new Set(images.map((f) => f.split('/')[2]))].sort();
    const masks = new Set(files.filter((f) => f.startsWith('masks/')));
    const table = el('table', { class: 'dataset' }, el('tr', {}, el('th', { text: 'frame' }), ...views.map((v) => el('th', { text: v }))));
    for (const frame of frames) {
      const tr = el('tr', {}, el('th', { text: frame }));
      for (const view of views) {
        const path = `images/${view}/${frame}`;
        if (!images.includes(path)) { tr.append(el('td')); continue; }
        const maskPath = `masks/${view}/${frame.replace(/\.[^.]+$/, '')}.png`;
        const cell = el('button', { type: 'button', class: 'thumb', 'data-testid': 'dataset-image', 'data-path': path,
                                    'aria-label': `Open ${path}`, onclick: () => openImage(`${base}/${path}`, path) },
          el('img', { src: `${base}/${path}`, alt: path, loading: 'lazy' }),
          masks.has(maskPath) ? el('img', { src: `${base}/${maskPath}`, alt: `mask of ${path}`, class: 'mask', loading: 'lazy' }) : null);
        tr.append(el('td', {}, cell));
      }
      table.append(tr);
    }
    document.getElementById('dataset-grid').replaceChildren(table);
    if (files.includes('report.json')) renderReport(await getJson(`${base}/report.json`));
    if (files.includes('rig.json')) {
      rigCanvas ||= new Footprints(document.getElementById('dataset-rig'), () => {});
      rigCanvas.data = await getJson('/v1/rig/footprints', { json: { rig: await getJson(`${base}/rig.json`), samples: 2000 } });
      rigCanvas.draw();
    }
    renderCommands(output);
    document.getElementById('browse-job').value = id;
  } catch (e) {
    showMessage(e.message);
  }
}
