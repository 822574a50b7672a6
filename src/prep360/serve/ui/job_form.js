// The job form, generated from the job JSON Schema (GET /v1/openapi.json, components.schemas
// .JobDocument): one control per field of every group, with its description as help text; the
// groups a command does not use (the schema's allOf rules) are hidden and not sent. Only fields
// that differ from their defaults are sent.
import { el } from './api.js';

let schema = null;

function controlFor(id, prop) {
  const common = { id, 'data-testid': `field-${id.slice(6)}`, title: prop.description || '' };
  const type = prop.type || (prop.anyOf && prop.anyOf[0].type);
  if (prop.enum) {
    const s = el('select', common, ...prop.enum.map((v) => el('option', { value: v, text: v })));
    s.value = prop.default ?? prop.enum[0];
    return s;
  }
  if (type === 'boolean') return el('input', { ...common, type: 'checkbox', checked: prop.default === true });
  if (type === 'integer' || type === 'number') {
    const lo = prop.minimum ?? (prop.anyOf ? Math.min(...prop.anyOf.map((a) => a.minimum ?? a.const ?? 0)) : undefined);
    return el('input', { ...common, type: 'number', value: prop.default ?? '', min: lo, max: prop.maximum,
                         step: type === 'integer' ? 1 : 'any', class: 'num' });
  }
  if (type === 'array') return el('input', { ...common, type: 'text', size: 30, value: (prop.default || []).join(', ') });
  return el('input', { ...common, type: 'text', value: prop.default ?? '' });
}

function valueOf(input, prop) {
  const type = prop.type || (prop.anyOf && prop.anyOf[0].type);
  if (input.type === 'checkbox') return input.checked;
  if (prop.enum) return input.value;
  if (type === 'integer' || type === 'number') return input.value === '' ? prop.default : Number(input.value);
  if (type === 'array') return input.value.split(',').map((s) => s.trim()).filter(Boolean);
  return input.value;
}

function excludedGroups(command) {
  for (const rule of schema.allOf || []) {
    if (rule.if?.properties?.command?.const === command)
      return new Set(Object.entries(rule.then.properties).filter(([, v]) => v === false).map(([k]) => k));
  }
  return new Set();
}

function showGroups(form) {
  const excluded = excludedGroups(form.querySelector('#field-command').value);
  for (const fs of form.querySelectorAll('fieldset[data-group]')) fs.hidden = excluded.has(fs.dataset.group);
}

export function buildJobForm(form, jobSchema, onSubmit) {
  schema = jobSchema;
  const props = schema.properties;
  form.replaceChildren();
  const top = el('div', { class: 'row' });
  for (const key of ['command', 'inputs', 'output']) {
    const id = `field-${key}`;
    const prop = props[key];
    const input = controlFor(id, prop);
    if (key === 'inputs') input.value = '';
    top.append(el('label', { for: id, text: key, title: prop.description }), input);
  }
  form.append(top);
  const groups = el('div', { class: 'groups' });
  for (const [group, gprop] of Object.entries(props)) {
    if (gprop.type !== 'object') continue;
    const fs = el('fieldset', { 'data-group': group }, el('legend', { text: group, title: gprop.description }));
    const body = el('details', {}, el('summary', { text: gprop.description || group }));
    for (const [field, prop] of Object.entries(gprop.properties)) {
      const id = `field-${group}.${field}`;
      body.append(el('div', { class: 'field' }, el('label', { for: id, text: field }), controlFor(id, prop),
                     el('small', { text: prop.description || '' })));
    }
    fs.append(body);
    groups.append(fs);
  }
  form.append(groups);
  form.append(el('div', { class: 'row' },
    el('label', {}, el('input', { type: 'checkbox', id: 'use-editor-rig', 'data-testid': 'use-editor-rig', checked: true }),
       ' Use the rig from the editor (rig.name)'),
    el('button', { type: 'submit', id: 'job-submit', 'data-testid': 'job-submit', text: 'Start job' })));
  form.querySelector('#field-command').addEventListener('change', () => showGroups(form));
  showGroups(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit();
  });
}

// Sets a field of the form (e.g. "mask.dilate"), as the mask controls do.
export function setField(path, value) {
  const input = document.getElementById(`field-${path}`);
  if (!input) return;
  if (input.type === 'checkbox') input.checked = !!value;
  else input.value = Array.isArray(value) ? value.join(', ') : value;
}

export function getField(path) {
  const input = document.getElementById(`field-${path}`);
  return input ? input.value : '';
}

// The job document: command, inputs, output, and every changed field of the command's groups.
export function jobDocument(form) {
  const props = schema.properties;
  const doc = {
    command: form.querySelector('#field-command').value,
    inputs: valueOf(form.querySelector('#field-inputs'), props.inputs),
    output: form.querySelector('#field-output').value,
  };
  const excluded = excludedGroups(doc.command);
  for (const [group, gprop] of Object.entries(props)) {
    if (gprop.type !== 'object' || excluded.has(group)) continue;
    for (const [field, prop] of Object.entries(gprop.properties)) {
      const value = valueOf(document.getElementById(`field-${group}.${field}`), prop);
      if (JSON.stringify(value) === JSON.stringify(prop.default)) continue;
      (doc[group] ||= {})[field] = value;
    }
  }
  return doc;
}
