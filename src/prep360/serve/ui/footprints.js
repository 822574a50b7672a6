// The footprints canvas: the panorama (GET /v1/fs/equirect) with each view's outline as the
// server traces it (POST /v1/rig/footprints: the geometry of `rig show --picture`), the nadir cap,
// and the selected view drawn thicker. A click selects the view whose centre is nearest.
export class Footprints {
  constructor(canvas, onSelect) {
    this.canvas = canvas;
    this.data = null;
    this.background = null;
    this.selected = null;
    this.nadir = -1;
    canvas.addEventListener('click', (e) => {
      const r = canvas.getBoundingClientRect();
      const name = this.nearest(((e.clientX - r.left) / r.width) * 360, ((e.clientY - r.top) / r.height) * 180);
      if (name) onSelect(name);
    });
    canvas.addEventListener('keydown', (e) => {
      if (!this.data || !['ArrowLeft', 'ArrowRight'].includes(e.key)) return;
      const names = this.data.views.map((v) => v.name);
      const i = names.indexOf(this.selected);
      onSelect(names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length]);
      e.preventDefault();
    });
  }

  setBackground(url) {
    if (!url) { this.background = null; this.draw(); return Promise.resolve(); }
    return new Promise((resolve) => {
      const img = new Image();
      img.onload = () => { this.background = img; this.draw(); resolve(); };
      img.onerror = () => { this.background = null; this.draw(); resolve(); };
      img.src = url;
    });
  }

  nearest(u, v) {
    if (!this.data) return null;
    const dir = (uu, vv) => {
      const lon = ((uu - 180) * Math.PI) / 180, lat = ((90 - vv) * Math.PI) / 180;
      return [Math.cos(lat) * Math.sin(lon), Math.sin(lat), Math.cos(lat) * Math.cos(lon)];
    };
    const d = dir(u, v);
    let best = null, bestDot = -2;
    for (const view of this.data.views) {
      const c = dir(view.centre[0], view.centre[1]);
      const dot = c[0] * d[0] + c[1] * d[1] + c[2] * d[2];
      if (dot > bestDot) { bestDot = dot; best = view.name; }
    }
    return best;
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    const w = this.canvas.width, h = this.canvas.height, sx = w / 360, sy = h / 180;
    ctx.fillStyle = '#181818';
    ctx.fillRect(0, 0, w, h);
    if (this.background) ctx.drawImage(this.background, 0, 0, w, h);
    if (this.nadir >= 0) {
      ctx.fillStyle = 'rgba(255, 0, 64, 0.35)';
      ctx.fillRect(0, (90 + this.nadir) * sy, w, h);
    }
    if (!this.data) return;
    for (const view of this.data.views) {
      const sel = view.name === this.selected;
      ctx.strokeStyle = `rgb(${view.colour.join(',')})`;
      ctx.lineWidth = sel ? 4 : 1.5;
      for (const shift of [-360, 0, 360]) {
        ctx.beginPath();
        view.outline.forEach(([u, v], i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, (u + shift) * sx, v * sy));
        // Back to the first point on the unwrapped side (an outline around a pole ends 360 away).
        const [u0, v0] = view.outline[0], last = view.outline[view.outline.length - 1][0];
        ctx.lineTo((u0 + 360 * Math.round((last - u0) / 360) + shift) * sx, v0 * sy);
        ctx.stroke();
      }
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.arc(view.centre[0] * sx, view.centre[1] * sy, sel ? 6 : 3.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#fff';
      ctx.font = '11px sans-serif';
      ctx.fillText(view.name, view.centre[0] * sx + 6, view.centre[1] * sy - 4);
    }
  }
}
