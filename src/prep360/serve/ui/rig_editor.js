// The rig editor's tables: rings and single views, editable, with add and remove.
import { el } from './api.js';
import { rig } from './rig_model.js';

const RING_FIELDS = [
  ['count', 'Count', 1, 64, 1],
  ['pitch', 'Pitch', -90, 90, 1],
  ['yaw_offset', 'Yaw offset', -180, 180, 1],
  ['hfov', 'hfov', 10, 170, 1],
];
const SINGLE_FIELDS = [
  ['yaw', 'Yaw', -180, 180, 1],
  ['pitch', 'Pitch', -90, 90, 1],
  ['roll', 'Roll', -180, 180, 1],
  ['hfov', 'hfov', 10, 170, 1],
];

// A number input and a slider for one field, kept in step; onChange on every movement.
function numberCell(obj, field, label, min, max, step, onChange, testid) {
  const num = el('input', { type: 'number', min, max, step, value: obj[field], 'aria-label': label,
                            'data-testid': testid, class: 'num' });
  const slider = el('input', { type: 'range', min, max, step, value: obj[field], 'aria-label': `${label} slider`,
                               'data-testid': `${testid}-slider` });
  const set = (v, from) => {
    if (!Number.isFinite(v)) return;
    v = Math.min(max, Math.max(min, v));
    obj[field] = v;
    if (from !== num) num.value = v;
    if (from !== slider) slider.value = v;
    onChange();
  };
  num.addEventListener('input', () => set(parseFloat(num.value), num));
  slider.addEventListener('input', () => set(parseFloat(slider.value), slider));
  return el('td', {}, num, slider);
}

export function renderEditor(onChange) {
  const rings = document.querySelector('#rings tbody');
  rings.replaceChildren();
  rig.rings.forEach((r, i) => {
    const tr = el('tr', { 'data-testid': `ring-${i}` });
    for (const [f, label, min, max, step] of RING_FIELDS)
      tr.append(numberCell(r, f, `Ring ${i + 1} ${label}`, min, max, step, onChange, `ring-${i}-${f}`));
    tr.append(el('td', {}, el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ring ${i + 1}`,
      onclick: () => { rig.rings.splice(i, 1); renderEditor(onChange); onChange(); } })));
    rings.append(tr);
  });
  const singles = document.querySelector('#singles tbody');
  singles.replaceChildren();
  rig.singles.forEach((s, i) => {
    const tr = el('tr', { 'data-testid': `single-${i}` });
    const name = el('input', { type: 'text', value: s.name, size: 8, 'aria-label': `View ${i + 1} name`,
                               'data-testid': `single-${i}-name`, pattern: '[A-Za-z0-9_.\\-]+' });
    name.addEventListener('change', () => { s.name = name.value; onChange(); });
    tr.append(el('td', {}, name));
    for (const [f, label, min, max, step] of SINGLE_FIELDS)
      tr.append(numberCell(s, f, `View ${s.name} ${label}`, min, max, step, onChange, `single-${i}-${f}`));
    tr.append(el('td', {}, el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove view ${s.name}`,
      onclick: () => { rig.singles.splice(i, 1); renderEditor(onChange); onChange(); } })));
    singles.append(tr);
  });
}

export function wireEditorButtons(onChange) {
  document.getElementById('ring-add').addEventListener('click', () => {
    rig.rings.push({ count: 6, pitch: 0, yaw_offset: 0, hfov: 90 });
    renderEditor(onChange);
    onChange();
  });
  document.getElementById('single-add').addEventListener('click', () => {
    const names = new Set(rig.singles.map((s) => s.name));
    let k = 0;
    while (names.has(`view${k}`)) k++;
    rig.singles.push({ name: `view${k}`, yaw: 0, pitch: 0, roll: 0, hfov: 90 });
    renderEditor(onChange);
    onChange();
  });
}
