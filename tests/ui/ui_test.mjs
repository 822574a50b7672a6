// The web UI's browser tests (run by tests/ui/run_ui_test, which sets the environment): every
// case of issue 10's list, on a real `prep360 serve` and Debian's chromium. Exits 1 when a case
// fails; no console error or warning may appear in any page.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const ROOT = process.env.UI_ROOT;
const ART = process.env.UI_ARTIFACTS;
const PANO = `${ROOT}/panos/pano_1.jpg`;

function startServer() {
  const model = process.env.UI_MODEL ? ['--model', `seg=${process.env.UI_MODEL}`] : [];
  const server = spawn(process.env.PREP360, ['serve', '--root', ROOT, '--port', '0', '--workers', '1', ...model],
                       { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/[^ ]+)/.exec(err);
      if (m) resolve({ server, url: m[1] });
    });
    server.on('exit', (code) => reject(new Error(`prep360 serve exited (${code}): ${err}`)));
  });
}

const consoleProblems = [];
const results = [];
let browser, base;

async function newPage(width = 1280, height = 800) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return page;
}

function check(cond, what) {
  if (!cond) throw new Error(what);
}

async function run(name, fn) {
  if (process.env.UI_ONLY && !name.includes(process.env.UI_ONLY) && !name.startsWith('no console')) return;
  const start = Date.now();
  const took = () => `(${((Date.now() - start) / 1000).toFixed(1)} s)`;  // where the suite's time goes, not checked
  try {
    await fn();
    results.push([name, 'ok']);
    console.log(`ok   ${name} ${took()}`);
  } catch (e) {
    results.push([name, e.message]);
    console.log(`FAIL ${name} ${took()}: ${e.message}`);
  }
}

// Picks the example panorama through the file browser (root -> panos -> pano_1.jpg).
async function pickPanorama(page) {
  await page.click(`[data-testid=fs-entry][data-name="${ROOT}"]`);
  await page.click('[data-testid=fs-entry][data-name="panos"]');
  const seq = await page.getAttribute('[data-testid=view-preview]', 'data-seq');
  await page.click('[data-testid=fs-entry][data-name="pano_1.jpg"]');
  await page.waitForFunction((s) => {
    const img = document.querySelector('[data-testid=view-preview]');
    return img.dataset.seq && img.dataset.seq !== s && img.naturalWidth === 640;
  }, seq);
}

// The pixels of the footprints canvas and of the preview image, read in the page.
async function pixels(page) {
  return page.evaluate(() => {
    // Each read copies into a fresh canvas (one readback per context: no willReadFrequently warning).
    const read = (source, w, h) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(source, 0, 0);
      return Array.from(ctx.getImageData(0, 0, w, h).data);
    };
    const fp = document.querySelector('[data-testid=footprints]');
    const img = document.querySelector('[data-testid=view-preview]');
    return { footprints: read(fp, fp.width, fp.height), preview: read(img, img.naturalWidth, img.naturalHeight) };
  });
}

function changedFraction(a, b) {
  check(a.length === b.length && a.length > 0, 'pixel arrays of different sizes');
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 30) changed++;
  }
  return changed / (a.length / 4);
}

async function openGroup(page, group) {
  await page.evaluate((g) => { document.querySelector(`fieldset[data-group="${g}"] details`).open = true; }, group);
}

async function main() {
  const { server, url } = await startServer();
  base = `${url.replace(/\/$/, '')}/`;
  // SwiftShader gives headless chromium WebGL for the 360 viewer (software, no GPU needed).
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM,
                                    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  try {
    await run('load the page', async () => {
      const page = await newPage();
      for (const id of ['rig-editor', 'rig-preset', 'footprints', 'view-preview', 'job-form', 'job-list', 'dataset-grid'])
        check(await page.$(`[data-testid=${id}]`), `no data-testid=${id}`);
      check(await page.$('#field-source\\.fps') && await page.$('#field-runtime\\.threads'), 'the job form lacks schema fields');
      check((await page.textContent('[data-testid=view-count]')) === '11', 'default11 is not loaded');
      // Clicking the footprints selects the view whose centre is nearest: default11's ring at +30
      // has views at yaw 0 and 72, and cam10 looks at the zenith.
      const clickAt = async (yaw, pitch) => {
        const box = await page.locator('[data-testid=footprints]').boundingBox();
        await page.mouse.click(box.x + ((yaw + 180) / 360) * box.width, box.y + ((90 - pitch) / 180) * box.height);
        return page.textContent('[data-testid=selected-view]');
      };
      await page.waitForSelector('[data-testid=footprints][data-seq]');
      const atYaw72 = await clickAt(72, 30);
      check(atYaw72 === 'cam01', `the click at yaw 72, pitch 30 selected ${atYaw72}`);
      check(await clickAt(0, 28) === 'cam00', 'the click at yaw 0, pitch 28 did not select cam00');
      check(await clickAt(-150, 85) === 'cam10', 'the click near the zenith did not select cam10');
      check(await clickAt(-72, -30) === 'cam09', 'the click at yaw -72, pitch -30 did not select cam09');
      await page.close();
    });

    await run('pick the example panorama; a ring pitch change changes footprints and preview', async () => {
      const page = await newPage();
      await pickPanorama(page);
      await page.screenshot({ path: `${ART}/ui-rig.png` });
      const fpSeq = await page.getAttribute('[data-testid=footprints]', 'data-seq');
      const before = await pixels(page);
      const previewSeq = await page.getAttribute('[data-testid=view-preview]', 'data-seq');
      await page.fill('[data-testid=ring-0-pitch]', '5');
      await page.waitForFunction(([f, p]) => document.querySelector('[data-testid=footprints]').dataset.seq !== f &&
        document.querySelector('[data-testid=view-preview]').dataset.seq !== p, [fpSeq, previewSeq]);
      const after = await pixels(page);
      const fp = changedFraction(before.footprints, after.footprints);
      const pv = changedFraction(before.preview, after.preview);
      check(fp > 0.005, `footprints changed on only ${(100 * fp).toFixed(2)}% of pixels`);
      check(pv > 0.2, `preview changed on only ${(100 * pv).toFixed(2)}% of pixels`);
      // Setting the pitch back gives the first preview again (the server renders deterministically).
      const seq2 = await page.getAttribute('[data-testid=view-preview]', 'data-seq');
      await page.fill('[data-testid=ring-0-pitch]', '30');
      await page.waitForFunction((p) => document.querySelector('[data-testid=view-preview]').dataset.seq !== p, seq2);
      const back = await pixels(page);
      check(changedFraction(before.preview, back.preview) < 0.001, 'the preview at pitch 30 differs from the first one');
      await page.selectOption('[data-testid=preview-mode]', 'sheet');
      await page.waitForSelector('[data-testid=contact-sheet][data-views="11"]');
      await page.evaluate(() => document.getElementById('preview').scrollIntoView());
      await page.screenshot({ path: `${ART}/ui-sheet.png` });
      await page.close();
    });

    await run('pick a video and use its frame at a time', async () => {
      const page = await newPage();
      await page.click(`[data-testid=fs-entry][data-name="${ROOT}"]`);
      await page.click('[data-testid=fs-entry][data-name="panos"]');
      await page.click('[data-testid=fs-entry][data-name="walk.mp4"]');
      await page.waitForSelector('[data-testid=scrub-time]:visible');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-preview]').naturalWidth === 640);
      const first = await pixels(page);
      check(await page.inputValue('#field-command') === 'run', 'the job form is not set to run the video');
      check(await page.inputValue('#field-inputs') === `${ROOT}/panos/walk.mp4`, 'the job input is not the video');
      const seq = await page.getAttribute('[data-testid=view-preview]', 'data-seq');
      await page.$eval('[data-testid=scrub-time]', (e) => { e.value = '1.5'; e.dispatchEvent(new Event('input')); });
      await page.click('#scrub-use');
      await page.waitForFunction((s) => document.querySelector('[data-testid=view-preview]').dataset.seq !== s, seq);
      const later = await pixels(page);
      check(changedFraction(first.preview, later.preview) > 0.05, 'the frame at 1.5 s previews like the one at 0 s');
      const frame = await (await fetch(`${base}v1/fs?path=${encodeURIComponent(`${ROOT}/panos/.prep360-frames`)}`)).json();
      check(frame.entries.some((e) => e.name === 'walk_1500ms.jpg'), 'no walk_1500ms.jpg beside the video');
      await page.close();
    });

    if (process.env.UI_MODEL) await run('mask overlay from the warm model; dilation grows it; the form follows', async () => {
      const page = await newPage();
      await pickPanorama(page);
      await page.selectOption('[data-testid=mask-model]', 'seg');
      await page.check('[data-testid=mask-show]');
      const masked = () => page.getAttribute('[data-testid=mask-overlay]', 'data-masked');
      // The first overlay runs the model on the detection rig's 22 views (slow under ASan).
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=mask-overlay]').dataset.masked) > 0,
                                 null, { timeout: 120000 });
      const plain = Number(await masked());
      check(plain > 0.05 && plain < 0.95, `masked share ${plain}`);
      await page.$eval('[data-testid=mask-dilate]', (e) => { e.value = '20'; e.dispatchEvent(new Event('input')); });
      await page.waitForFunction((p) => Number(document.querySelector('[data-testid=mask-overlay]').dataset.masked) > p, plain);
      check(await page.inputValue('#field-mask\\.dilate') === '20', 'mask.dilate is not 20 in the job form');
      check(await page.inputValue('#field-detect\\.model') === process.env.UI_MODEL, 'detect.model is not the model file');
      check(await page.isChecked('#field-mask\\.objects'), 'mask.objects is not set');
      await page.evaluate(() => document.getElementById('masks').scrollIntoView());
      await page.screenshot({ path: `${ART}/ui-masks.png` });
      await page.uncheck('[data-testid=mask-show]');
      await page.waitForFunction(() => document.querySelector('[data-testid=mask-overlay]').dataset.masked === '0');
      await page.close();
    });

    if (process.env.UI_MODEL) await run('equirect mask overlay: from the same sphere mask as the view; nadir cap on both', async () => {
      const page = await newPage();
      await pickPanorama(page);
      await page.selectOption('[data-testid=mask-model]', 'seg');
      await page.check('[data-testid=mask-show]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=equirect-mask]').dataset.masked) > 0 &&
        Number(document.querySelector('[data-testid=mask-overlay]').dataset.masked) > 0, null, { timeout: 120000 });
      const selected = await page.textContent('[data-testid=selected-view]');
      const res = await fetch(`${base}v1/rig/footprints`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                            body: JSON.stringify({ preset: 'default11', samples: 100 }) });
      const rig = await res.json();
      check(res.ok, `POST /v1/rig/footprints: ${res.status} ${JSON.stringify(rig)}`);
      const view = rig.views.find((v) => v.name === selected);
      check(view, `no view ${selected} in default11`);
      // Each view overlay pixel's direction (prep360's PanoFromCam = RotY(yaw) RotX(pitch) RotZ(roll), y down)
      // against the equirect overlay pixel it falls in, where the equirect is not at a mask edge.
      const agreement = await page.evaluate((v) => {
        const alpha = (id) => {  // read through a fresh canvas: one readback per context
          const src = document.getElementById(id);
          const c = document.createElement('canvas');
          c.width = src.width;
          c.height = src.height;
          const ctx = c.getContext('2d', { willReadFrequently: true });
          ctx.drawImage(src, 0, 0);
          return { w: c.width, h: c.height, a: ctx.getImageData(0, 0, c.width, c.height).data };
        };
        const vm = alpha('mask-overlay'), em = alpha('equirect-mask');
        const rad = Math.PI / 180, f = vm.w / 2 / Math.tan((v.hfov * rad) / 2);
        const [cy, sy, cp, sp, cr, sr] = [Math.cos(v.yaw * rad), Math.sin(v.yaw * rad), Math.cos(v.pitch * rad),
                                          Math.sin(v.pitch * rad), Math.cos((v.roll || 0) * rad), Math.sin((v.roll || 0) * rad)];
        const masked = (m, x, y) => m.a[4 * (y * m.w + x) + 3] > 0;
        let same = 0, compared = 0, maskedCompared = 0;
        for (let y = 0; y < vm.h; y += 2) {
          for (let x = 0; x < vm.w; x += 2) {
            let [a, b, c] = [(x + 0.5 - vm.w / 2) / f, (y + 0.5 - vm.h / 2) / f, 1];
            [a, b] = [cr * a - sr * b, sr * a + cr * b];
            [b, c] = [cp * b - sp * c, sp * b + cp * c];
            [a, c] = [cy * a + sy * c, -sy * a + cy * c];
            const lon = Math.atan2(a, c), lat = Math.atan2(-b, Math.hypot(a, c));
            const u = Math.min(em.w - 1, Math.floor(((lon + Math.PI) / (2 * Math.PI)) * em.w));
            const w = Math.min(em.h - 1, Math.floor(((Math.PI / 2 - lat) / Math.PI) * em.h));
            const state = masked(em, u, w);
            let edge = false;
            for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
              const yy = Math.min(em.h - 1, Math.max(0, w + dy)), xx = (u + dx + em.w) % em.w;
              if (masked(em, xx, yy) !== state) edge = true;
            }
            if (edge) continue;
            compared++;
            maskedCompared += state;
            same += masked(vm, x, y) === state;
          }
        }
        return { share: same / compared, compared, maskedCompared };
      }, view);
      check(agreement.compared > 10000 && agreement.maskedCompared > 100,
            `too few pixels compared: ${JSON.stringify(agreement)}`);
      check(agreement.share >= 0.98, `the view and equirect overlays agree on ${(100 * agreement.share).toFixed(2)}% only`);
      console.log(`     view and equirect overlays agree on ${(100 * agreement.share).toFixed(2)}% of ${agreement.compared} pixels`);
      await page.evaluate(() => document.getElementById('rig').scrollIntoView());
      await page.screenshot({ path: `${ART}/ui-mask-equirect.png` });
      // The nadir cap (30 degrees below the horizon) is the bottom third of the equirect overlay.
      const eqShare = Number(await page.getAttribute('[data-testid=equirect-mask]', 'data-masked'));
      await page.$eval('[data-testid=mask-nadir]', (e) => { e.value = '30'; e.dispatchEvent(new Event('input')); });
      await page.waitForFunction((p) => Number(document.querySelector('[data-testid=equirect-mask]').dataset.masked) > p + 0.01,
                                 eqShare, { timeout: 60000 }).catch(async () => {
        throw new Error(`after nadir 30 the equirect overlay masks ${await page.getAttribute('[data-testid=equirect-mask]', 'data-masked')}` +
                        ` (before: ${eqShare}); message: ${await page.textContent('[data-testid=message]')}`);
      });
      const bottom = await page.evaluate(() => {
        const src = document.getElementById('equirect-mask');
        const c = document.createElement('canvas');
        c.width = src.width;
        c.height = src.height;
        const ctx = c.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(src, 0, 0);
        const a = ctx.getImageData(0, c.height - 100, c.width, 100).data;
        let n = 0;
        for (let i = 3; i < a.length; i += 4) n += a[i] > 0;
        return n / (a.length / 4);
      });
      check(bottom === 1, `the nadir cap covers ${(100 * bottom).toFixed(1)}% of the equirect's bottom 50 degrees`);
      await page.close();
    });

    await run('360 viewer: renders the panorama, turns, draws the frusta', async () => {
      const page = await newPage();
      await pickPanorama(page);
      const webgl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
      if (!webgl) {
        console.log('skip 360 viewer: chromium has no WebGL here (SwiftShader missing)');
        return;
      }
      await page.check('#viewer-on');
      await page.waitForFunction(() => {
        const box = document.querySelector('[data-testid=viewer360]');
        return box.dataset.panorama && box.dataset.frusta && box.querySelector('canvas');
      }, null, { timeout: 60000 });
      check(await page.getAttribute('[data-testid=viewer360]', 'data-frusta') === '11', 'the viewer does not draw 11 frusta');
      const read = () => page.evaluate(() => {
        const src = document.querySelector('[data-testid=viewer360] canvas');
        const c = document.createElement('canvas');
        c.width = src.width;
        c.height = src.height;
        const ctx = c.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(src, 0, 0);
        return Array.from(ctx.getImageData(0, 0, c.width, c.height).data);
      });
      const first = await read();
      let sum = 0, sum2 = 0;
      for (let i = 0; i < first.length; i += 4) { const l = first[i] + first[i + 1] + first[i + 2]; sum += l; sum2 += l * l; }
      const n = first.length / 4, sd = Math.sqrt(sum2 / n - (sum / n) ** 2);
      check(sd > 20, `the viewer's pixels are uniform (luminance sd ${sd.toFixed(1)})`);
      const renders = await page.getAttribute('[data-testid=viewer360]', 'data-renders');
      await page.focus('[data-testid=viewer360] canvas');
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((r) => document.querySelector('[data-testid=viewer360]').dataset.renders !== r, renders);
      const turned = await read();
      const moved = changedFraction(first, turned);
      check(moved > 0.2, `turning by 30 degrees changed only ${(100 * moved).toFixed(1)}% of the viewer's pixels`);
      const box = await page.locator('[data-testid=viewer360] canvas').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 40, { steps: 5 });
      await page.mouse.up();
      const dragged = await read();
      check(changedFraction(turned, dragged) > 0.2, 'dragging did not turn the viewer');
      await page.evaluate(() => document.getElementById('preview').scrollIntoView());
      await page.locator('[data-testid=viewer360]').screenshot({ path: `${ART}/ui-viewer.png` });
      await page.close();
    });

    await run('upload a panorama into the open folder and use it', async () => {
      const page = await newPage();
      await page.click(`[data-testid=fs-entry][data-name="${ROOT}"]`);
      await page.click('[data-testid=fs-entry][data-name="uploads"]');
      await page.setInputFiles('[data-testid=source-upload]', PANO);
      await page.waitForSelector('[data-testid=fs-entry][data-name="pano_1.jpg"]');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-preview]').naturalWidth === 640);
      check(await page.inputValue('[data-testid=source-path]') === `${ROOT}/uploads/pano_1.jpg`, 'the upload is not the source');
      await page.close();
    });

    await run('import a rig JSON', async () => {
      const page = await newPage();
      const rig = { name: 'tripod3', views: [{ name: 'front', yaw: 0, pitch: 10, hfov: 100 },
                                             { name: 'left', yaw: -100, pitch: 0, hfov: 80 },
                                             { name: 'sky', yaw: 0, pitch: 80, roll: 5, hfov: 120 }] };
      await page.setInputFiles('[data-testid=rig-import]', { name: 'tripod3.json', mimeType: 'application/json',
                                                              buffer: Buffer.from(JSON.stringify(rig)) });
      await page.waitForFunction(() => document.querySelector('[data-testid=view-count]').textContent === '3');
      const names = await page.$$eval('[data-testid$="-name"]', (es) => es.map((e) => e.value));
      check(JSON.stringify(names) === '["front","left","sky"]', `imported names ${names}`);
      check(await page.inputValue('[data-testid=single-2-roll]') === '5', 'roll of "sky" is not 5');
      check((await page.textContent('[data-testid=message]')).includes('Imported tripod3.json'), 'no import message');
      await page.close();
    });

    await run('run a job to completion and open one of its views', async () => {
      const page = await newPage();
      await pickPanorama(page);
      await page.selectOption('[data-testid=rig-preset]', 'cube6');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-count]').textContent === '6');
      await page.fill('#field-output', `${ROOT}/out_done`);
      await openGroup(page, 'rig');
      await page.fill('#field-rig\\.width', '256');
      await page.fill('#field-rig\\.height', '256');
      await page.click('[data-testid=job-submit]');
      const row = `[data-testid=job][data-state="done"]:has-text("${ROOT}/out_done")`;
      await page.waitForSelector(row, { timeout: 240000 });
      await page.screenshot({ path: `${ART}/ui-jobs.png` });
      check(await page.$(`${row} [data-testid=stage-chart] .stage`), 'no stage timing');
      await page.click(`${row} [data-testid=job-browse]`);
      await page.waitForSelector('[data-testid=dataset-image]');
      const cells = await page.$$('[data-testid=dataset-image]');
      check(cells.length === 6, `${cells.length} images in the grid, not 6`);
      await cells[0].click();
      await page.waitForFunction(() => {
        const img = document.getElementById('image-dialog-img');
        return document.querySelector('[data-testid=image-dialog]').open && img.complete && img.naturalWidth === 256;
      });
      check((await page.textContent('#image-dialog-name')) === 'images/cam00/pano_1.jpg', 'opened the wrong view');
      await page.screenshot({ path: `${ART}/ui-view.png` });
      await page.keyboard.press('Escape');
      check((await page.textContent('[data-testid=next-commands]')).includes(`prep360 sfm ${ROOT}/out_done`), 'no sfm command');
      await page.evaluate(() => document.getElementById('browse').scrollIntoView());
      await page.screenshot({ path: `${ART}/ui-browse.png` });
      await page.close();
    });

    await run('cancel a running job', async () => {
      const page = await newPage();
      await pickPanorama(page);
      await page.selectOption('[data-testid=rig-preset]', 'fibonacci:40');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-count]').textContent === '40');
      await page.fill('#field-inputs', `${ROOT}/many`);
      await page.fill('#field-output', `${ROOT}/out_cancel`);
      await page.click('[data-testid=job-submit]');
      const row = '[data-testid=job]:has-text("out_cancel")';
      await page.waitForSelector(`${row}[data-state="running"] [data-testid=job-cancel]`, { timeout: 60000 });
      await page.click(`${row} [data-testid=job-cancel]`);
      await page.waitForSelector(`${row}[data-state="cancelled"]`, { timeout: 60000 });
      check(await page.$(`${row} [data-testid=job-resume]`), 'no resume button on the cancelled job');
      const job = await (await fetch(`${base}v1/jobs/${await page.getAttribute(row, 'data-id')}`)).json();
      check(job.state === 'cancelled' && job.progress.done < job.progress.total, `job ${job.state} ${job.progress.done}/${job.progress.total}`);
      await page.close();
    });

    await run('reject a path outside the roots with a visible message', async () => {
      const page = await newPage();
      await page.fill('[data-testid=source-path]', `${ROOT}/../../etc/passwd.jpg`);
      await page.click('[data-testid=source-open]');
      await page.waitForSelector('[data-testid=message]:visible');
      const text = await page.textContent('[data-testid=message]');
      check(text.includes('outside every root'), `message: ${text}`);
      // The server refuses it too.
      const res = await fetch(`${base}v1/fs?path=${encodeURIComponent('/etc')}`);
      check(res.status === 403, `GET /v1/fs?path=/etc answered ${res.status}`);
      await page.close();
    });

    await run('keyboard only: select a preset and start a job', async () => {
      const page = await newPage();
      const tabTo = async (testid) => {
        for (let i = 0; i < 400; i++) {
          if (await page.evaluate((t) => document.activeElement?.dataset?.testid === t, testid)) return;
          await page.keyboard.press('Tab');
        }
        throw new Error(`Tab never reached ${testid}`);
      };
      await tabTo('source-path');
      await page.keyboard.type(PANO);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-preview]').naturalWidth === 640);
      await tabTo('rig-preset');
      await page.keyboard.type('cube6');
      await page.waitForFunction(() => document.querySelector('[data-testid=view-count]').textContent === '6');
      await tabTo('job-submit');
      await page.keyboard.press('Enter');
      const out = `${ROOT}/panos/prep360_dataset`;
      await page.waitForSelector(`[data-testid=job][data-state="done"]:has-text("${out}")`, { timeout: 240000 });
      const { jobs } = await (await fetch(`${base}v1/jobs`)).json();
      const job = jobs.find((j) => j.output === out);
      check(job && job.state === 'done' && job.counts.views_written === 6, `keyboard job: ${JSON.stringify(job?.counts)}`);
      await page.close();
    });

    for (const [width, height] of [[1920, 1080], [1280, 800]]) await run(`readable at ${width}x${height}`, async () => {
      const page = await newPage(width, height);
      await pickPanorama(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      check(!overflow, `the page scrolls sideways at ${width}x${height}`);
      // The key controls are shown, inside the page's width, and none covers another.
      const ids = ['source-path', 'source-open', 'file-browser', 'rig-preset', 'ring-add', 'footprints', 'coverage',
                   'preview-mode', 'view-preview', 'mask-model', 'mask-dilate', 'mask-nadir', 'mask-show', 'job-submit'];
      const boxes = [];
      for (const id of ids) {
        const box = await page.locator(`[data-testid=${id}]`).boundingBox();
        check(box && box.width > 0 && box.height > 0, `${id} is not shown at ${width}x${height}`);
        check(box.x >= 0 && box.x + box.width <= width, `${id} sticks out of the page at ${width}x${height}`);
        boxes.push([id, box]);
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const overlap = p.x < q.x + q.width - 1 && q.x < p.x + p.width - 1 && p.y < q.y + q.height - 1 && q.y < p.y + p.height - 1;
        check(!overlap, `${a} and ${b} overlap at ${width}x${height}`);
      }
      await page.screenshot({ path: `${ART}/ui-${width}.png` });
      await page.close();
    });

    await run('no console errors or warnings', async () => {
      check(consoleProblems.length === 0, consoleProblems.join(' | '));
    });
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  writeFileSync(`${ART}/results.json`, JSON.stringify(results, null, 1));
  const failed = results.filter(([, r]) => r !== 'ok');
  console.log(`${results.length - failed.length}/${results.length} UI cases passed; screenshots in ${ART}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
