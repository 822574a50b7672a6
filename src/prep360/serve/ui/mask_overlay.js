// The mask overlays. Both come from the server's one sphere mask of the panorama (the objects as
// split finds them for mask.objects, with the nadir cap): the selected view's is that mask seen
// by the view (POST /v1/mask/view), the equirect's is the mask itself (POST /v1/mask/equirect),
// so the two agree. Each overlay keeps its last finished mask until a newer request's is ready.
import { api, showMessage } from './api.js';

// The request fields both routes share.
export function maskRequest(state) {
  const m = state.mask;
  return { path: state.source, model: m.model, classes: m.classes, dilate: m.dilate, nadir: m.nadir };
}

export function maskWanted(state) {
  return !!(state.source && state.mask.show && state.mask.model);
}

export function clearMask(canvas) {
  canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
  canvas.dataset.masked = '0';
}

// Fetches the mask PNG (objects 0) and, when `isCurrent()` still holds, draws its objects tinted on
// `canvas`; data-masked is the share of pixels masked.
export async function drawMaskPng(route, json, canvas, isCurrent) {
  const res = await api(route, { json });
  const png = await createImageBitmap(await res.blob());
  if (!isCurrent()) return;
  const tmp = new OffscreenCanvas(canvas.width, canvas.height);
  const t = tmp.getContext('2d');
  t.drawImage(png, 0, 0, canvas.width, canvas.height);
  const px = t.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < px.data.length; i += 4) {
    const masked = px.data[i] < 128;
    count += masked;
    px.data[i] = 255; px.data[i + 1] = 0; px.data[i + 2] = 64;
    px.data[i + 3] = masked ? 110 : 0;
  }
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.putImageData(px, 0, 0);
  canvas.dataset.masked = (count / (canvas.width * canvas.height)).toFixed(4);
}

let equirectSeq = 0;

// The equirect overlay over the footprints. Dilation is given in preview pixels of the selected
// view (640 across its hfov); the equirect is dilated by the same angle.
export async function updateEquirectMask(state) {
  const seq = ++equirectSeq;
  const canvas = document.getElementById('equirect-mask');
  if (!maskWanted(state)) { clearMask(canvas); return; }
  const view = state.views.find((v) => v.name === state.selected) || state.views[0];
  const degPerPx = (view ? view.hfov : 90) / 640;
  const dilate = Math.round(state.mask.dilate * degPerPx * (canvas.width / 360));
  try {
    await drawMaskPng('/v1/mask/equirect', { ...maskRequest(state), dilate, width: canvas.width }, canvas,
                      () => seq === equirectSeq);
  } catch (e) {
    if (seq === equirectSeq) showMessage(e.message);
  }
}
