// The live preview: the selected view, or every view as a contact sheet, rendered by the server
// (POST /v1/views) from the chosen panorama; with the mask overlay (POST /v1/mask) on request.
import { api, el, showMessage } from './api.js';

let sequence = 0;
let lastUrl = null;

async function viewJpeg(path, view, width) {
  const res = await api('/v1/views', {
    json: { path, view: { yaw: view.yaw, pitch: view.pitch, roll: view.roll, hfov: view.hfov }, width, height: width },
  });
  return res.blob();
}

// Draws the mask of `blob` over the preview. A later preview (seq) supersedes this one: the overlay
// keeps its last finished mask until the new one is ready, so readers never see a half-done state.
async function drawMask(blob, mask, overlay, seq) {
  const ctx = overlay.getContext('2d');
  if (!mask.show || !mask.model) {
    ctx.clearRect(0, 0, overlay.width, overlay.height);
    overlay.dataset.masked = '0';
    return;
  }
  const query = new URLSearchParams({ model: mask.model, dilate: String(mask.dilate), style: 'colmap' });
  const res = await api(`/v1/mask?${query}`, { method: 'POST', headers: { 'Content-Type': 'image/jpeg' }, body: blob });
  const png = await createImageBitmap(await res.blob());
  if (seq !== sequence) return;
  const tmp = new OffscreenCanvas(overlay.width, overlay.height);
  const t = tmp.getContext('2d');
  t.drawImage(png, 0, 0, overlay.width, overlay.height);
  const px = t.getImageData(0, 0, overlay.width, overlay.height);
  let count = 0;
  for (let i = 0; i < px.data.length; i += 4) {
    const masked = px.data[i] < 128;
    count += masked;
    px.data[i] = 255; px.data[i + 1] = 0; px.data[i + 2] = 64;
    px.data[i + 3] = masked ? 110 : 0;
  }
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  ctx.putImageData(px, 0, 0);
  overlay.dataset.masked = (count / (overlay.width * overlay.height)).toFixed(4);  // share of pixels masked
}

// state: {source, views, selected, mode, mask: {show, model, dilate}}
export async function updatePreview(state) {
  const seq = ++sequence;
  const img = document.getElementById('view-preview');
  const sheet = document.getElementById('contact-sheet');
  const overlay = document.getElementById('mask-overlay');
  if (!state.source || !state.views.length) return;
  try {
    if (state.mode === 'sheet') {
      img.parentElement.hidden = true;
      sheet.hidden = false;
      const blobs = await Promise.all(state.views.map((v) => viewJpeg(state.source, v, 160)));
      if (seq !== sequence) return;
      for (const old of sheet.querySelectorAll('img')) URL.revokeObjectURL(old.src);
      sheet.replaceChildren(...state.views.map((v, i) => el('figure', {},
        el('img', { src: URL.createObjectURL(blobs[i]), alt: `View ${v.name}`, width: 160, height: 160 }),
        el('figcaption', { text: v.name }))));
      sheet.dataset.views = String(state.views.length);
      return;
    }
    img.parentElement.hidden = false;
    sheet.hidden = true;
    const view = state.views.find((v) => v.name === state.selected) || state.views[0];
    const blob = await viewJpeg(state.source, view, 640);
    if (seq !== sequence) return;
    if (lastUrl) URL.revokeObjectURL(lastUrl);
    lastUrl = URL.createObjectURL(blob);
    await new Promise((resolve) => { img.onload = resolve; img.onerror = resolve; img.src = lastUrl; });
    img.alt = `Preview of view ${view.name}`;
    img.dataset.view = view.name;
    img.dataset.seq = String(seq);
    await drawMask(blob, state.mask, overlay, seq);
  } catch (e) {
    if (seq === sequence) showMessage(e.message);
  }
}
