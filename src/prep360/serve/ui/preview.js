// The live preview: the selected view, or every view as a contact sheet, rendered by the server
// (POST /v1/views) from the chosen panorama; with the mask overlay (mask_overlay.js) on request.
import { api, el, showMessage } from './api.js';
import { clearMask, drawMaskPng, maskRequest, maskWanted } from './mask_overlay.js';

let sequence = 0;
let lastUrl = null;

async function viewJpeg(path, view, width) {
  const res = await api('/v1/views', {
    json: { path, view: { yaw: view.yaw, pitch: view.pitch, roll: view.roll, hfov: view.hfov }, width, height: width },
  });
  return res.blob();
}

// Draws the selected view's mask (the sphere mask seen by the view) over the preview. A later
// preview (seq) supersedes this one: the overlay keeps its last finished mask until the new one is
// ready, so readers never see a half-done state.
async function drawMask(state, view, overlay, seq) {
  if (!maskWanted(state)) {
    clearMask(overlay);
    return;
  }
  const json = { ...maskRequest(state), view: { yaw: view.yaw, pitch: view.pitch, roll: view.roll, hfov: view.hfov },
                 width: overlay.width, height: overlay.height };
  await drawMaskPng('/v1/mask/view', json, overlay, () => seq === sequence);
}

// state: {source, views, selected, mode, mask: {show, model, classes, dilate, nadir}}
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
    await drawMask(state, view, overlay, seq);
  } catch (e) {
    if (seq === sequence) showMessage(e.message);
  }
}
