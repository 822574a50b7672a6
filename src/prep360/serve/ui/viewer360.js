// The 360 viewer: the panorama on the inside of a sphere (three.js, served from /vendor/ where
// scripts/bootstrap placed the npm package), with each view's outline from POST
// /v1/rig/footprints drawn on it. Without three.js it shows a note instead.
const THREE_URL = '/vendor/three/build/three.module.min.js';

// A point of the 360 x 180 footprint plane on the sphere, mapped as SphereGeometry maps its texture
// (mirrored in x, as the sphere is seen from inside).
function onSphere(THREE, u, v, r) {
  const phi = (u / 360) * 2 * Math.PI, theta = (v / 180) * Math.PI;
  return new THREE.Vector3(r * Math.cos(phi) * Math.sin(theta), r * Math.cos(theta), r * Math.sin(phi) * Math.sin(theta));
}

export class Viewer360 {
  constructor(box, note) {
    this.box = box;
    this.note = note;
    this.three = null;
    this.look = [180, 90];
  }

  async start() {
    if (this.three) return true;
    try {
      this.THREE = await import(THREE_URL);
    } catch (_) {
      this.note.textContent = 'The 360 viewer needs three.js in the vendor folder (run scripts/bootstrap; prep360 serve --ui-vendor DIR).';
      this.note.hidden = false;
      return false;
    }
    const THREE = this.THREE;
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setSize(640, 360);
    this.box.replaceChildren(renderer.domElement);
    renderer.domElement.setAttribute('aria-label', '360 viewer: drag or use the arrow keys to look around');
    renderer.domElement.tabIndex = 0;
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(75, 640 / 360, 0.1, 100);
    const geometry = new THREE.SphereGeometry(10, 64, 32);
    geometry.scale(-1, 1, 1);
    this.material = new THREE.MeshBasicMaterial({ color: 0x333333 });
    scene.add(new THREE.Mesh(geometry, this.material));
    this.frusta = new THREE.Group();
    scene.add(this.frusta);
    this.three = { renderer, scene, camera };
    this.bindControls(renderer.domElement);
    this.render();
    return true;
  }

  bindControls(canvas) {
    let drag = null;
    canvas.addEventListener('pointerdown', (e) => { drag = [e.clientX, e.clientY, ...this.look]; canvas.setPointerCapture(e.pointerId); });
    canvas.addEventListener('pointerup', () => { drag = null; });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag) return;
      this.look = [drag[2] - (e.clientX - drag[0]) * 0.2, Math.min(179, Math.max(1, drag[3] - (e.clientY - drag[1]) * 0.2))];
      this.render();
    });
    canvas.addEventListener('keydown', (e) => {
      const d = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, -5], ArrowDown: [0, 5] }[e.key];
      if (!d) return;
      this.look = [this.look[0] + d[0], Math.min(179, Math.max(1, this.look[1] + d[1]))];
      this.render();
      e.preventDefault();
    });
  }

  setPanorama(url) {
    if (!this.three || !url) return;
    new this.THREE.TextureLoader().load(url, (texture) => {
      texture.colorSpace = this.THREE.SRGBColorSpace;
      this.material.map = texture;
      this.material.color.set(0xffffff);
      this.material.needsUpdate = true;
      this.box.dataset.panorama = url;  // the texture now shown (the browser test waits for it)
      this.render();
    });
  }

  setFootprints(data) {
    if (!this.three || !data) return;
    const THREE = this.THREE;
    this.frusta.clear();
    for (const view of data.views) {
      const points = view.outline.map(([u, v]) => onSphere(THREE, u, v, 9.9));
      const colour = new THREE.Color(`rgb(${view.colour.join(',')})`);
      this.frusta.add(new THREE.LineLoop(new THREE.BufferGeometry().setFromPoints(points), new THREE.LineBasicMaterial({ color: colour })));
    }
    this.box.dataset.frusta = String(this.frusta.children.length);
    this.render();
  }

  render() {
    if (!this.three) return;
    const { renderer, scene, camera } = this.three;
    camera.lookAt(onSphere(this.THREE, this.look[0], this.look[1], 1));
    renderer.render(scene, camera);
    this.box.dataset.renders = String(Number(this.box.dataset.renders || 0) + 1);
    this.box.dataset.look = this.look.map((x) => x.toFixed(1)).join(',');
  }
}
