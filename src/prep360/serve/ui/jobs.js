// The job list: every job (GET /v1/jobs), live progress with ETA and per-stage timing from its
// Server-Sent Events (GET /v1/jobs/{id}/events), cancel (DELETE) and resume (POST .../resume).
import { api, el, getJson, showMessage } from './api.js';

const sources = new Map();  // job id -> EventSource
const rows = new Map();     // job id -> row elements
const ended = new Set();    // jobs whose stream ended once (a resumed one is then polled)

function fmtSeconds(s) {
  if (!Number.isFinite(s)) return '–';
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function stageChart(stages) {
  const entries = Object.entries(stages || {}).filter(([, s]) => (s.seconds ?? s.busy_s) > 0);
  const max = Math.max(1e-9, ...entries.map(([, s]) => s.seconds ?? s.busy_s));
  return el('div', { class: 'stages', 'data-testid': 'stage-chart' }, ...entries.map(([name, s]) => {
    const secs = s.seconds ?? s.busy_s;
    return el('div', { class: 'stage' }, el('span', { text: name }),
      el('span', { class: 'bar', style: `width:${Math.max(2, (120 * secs) / max)}px` }),
      el('span', { text: `${(secs * 1000).toFixed(0)} ms` }));
  }));
}

function errorText(job) {
  const lines = [];
  if (job.error) lines.push(job.error);
  for (const e of job.errors || []) lines.push(`${e.file}: ${e.reason}`);
  return lines.join('\n');
}

function render(job, r, onBrowse, refresh) {
  r.state.textContent = job.state;
  r.row.dataset.state = job.state;
  const p = job.progress || {};
  if (p.total > 0) { r.bar.max = p.total; r.bar.value = p.done; }
  r.count.textContent = p.total > 0 ? `${p.done}/${p.total}` : '';
  const err = errorText(job);
  r.error.textContent = err;
  r.error.hidden = !err;
  if (job.timing) r.chart.replaceChildren(stageChart(job.timing.stages));
  const active = job.state === 'queued' || job.state === 'running';
  r.actions.replaceChildren();
  if (active) r.actions.append(el('button', { type: 'button', text: 'Cancel', 'data-testid': 'job-cancel',
    'aria-label': `Cancel job ${job.id}`, onclick: () => act(`/v1/jobs/${job.id}`, 'DELETE', refresh) }));
  if (job.state === 'failed' || job.state === 'cancelled') r.actions.append(el('button', { type: 'button',
    text: 'Resume', 'data-testid': 'job-resume', 'aria-label': `Resume job ${job.id}`,
    onclick: () => act(`/v1/jobs/${job.id}/resume`, 'POST', refresh) }));
  if (job.state === 'done') r.actions.append(el('button', { type: 'button', text: 'Browse', 'data-testid': 'job-browse',
    'aria-label': `Browse the dataset of job ${job.id}`, onclick: () => onBrowse(job.id) }));
}

async function act(path, method, refresh) {
  try {
    await api(path, { method });
    await refresh();
  } catch (e) {
    showMessage(e.message);
  }
}

function listen(job, r, onBrowse, refresh) {
  if (sources.has(job.id) || ended.has(job.id)) return;
  const es = new EventSource(`/v1/jobs/${job.id}/events`);
  sources.set(job.id, es);
  es.addEventListener('progress', (e) => {
    const d = JSON.parse(e.data);
    r.bar.max = d.total || 1;
    r.bar.value = d.done;
    r.count.textContent = `${d.done}/${d.total}`;
    r.eta.textContent = d.done < d.total ? `ETA ${fmtSeconds(d.eta_s)}` : `took ${fmtSeconds(d.elapsed_s)}`;
  });
  es.addEventListener('state', (e) => { r.state.textContent = JSON.parse(e.data).state; });
  es.addEventListener('timing', (e) => r.chart.replaceChildren(stageChart(JSON.parse(e.data).stages)));
  es.addEventListener('end', () => {
    es.close();
    ended.add(job.id);
    sources.delete(job.id);
    refresh();
  });
  es.onerror = () => { es.close(); sources.delete(job.id); };
}

export async function refreshJobs(onBrowse) {
  const refresh = () => refreshJobs(onBrowse);
  const list = document.getElementById('job-list');
  const { jobs } = await getJson('/v1/jobs');
  for (const job of jobs) {
    let r = rows.get(job.id);
    if (!r) {
      r = { state: el('b', { 'data-testid': 'job-state' }), bar: el('progress', { max: 1, value: 0, 'aria-label': `Progress of job ${job.id}` }),
            count: el('span'), eta: el('span', { 'data-testid': 'job-eta' }), chart: el('div'),
            error: el('pre', { class: 'error', 'data-testid': 'job-error', hidden: true }), actions: el('span') };
      r.row = el('div', { class: 'job', 'data-testid': 'job', 'data-id': job.id },
        el('div', { class: 'row' }, el('code', { text: job.id }), el('span', { text: `${job.command} → ${job.output}` }),
           r.state, r.bar, r.count, r.eta, r.actions), r.chart, r.error);
      rows.set(job.id, r);
      list.prepend(r.row);
    }
    render(job, r, onBrowse, refresh);
    if (job.state === 'queued' || job.state === 'running') listen(job, r, onBrowse, refresh);
  }
  return jobs;
}
