// The rig being edited: rings (count, pitch, yaw offset, hfov) and single views, expanded into the
// rig JSON of docs/rigs.md ({name, views: [{name, yaw, pitch, roll, hfov}]}).
export const rig = { name: 'custom', rings: [], singles: [] };

const round = (x) => Math.round(x * 1000) / 1000;

export function expand() {
  const views = [];
  const used = new Set(rig.singles.map((s) => s.name));
  let n = 0;
  const nextName = () => {
    let name;
    do name = `cam${String(n++).padStart(2, '0')}`; while (used.has(name));
    used.add(name);
    return name;
  };
  for (const r of rig.rings) {
    for (let k = 0; k < r.count; k++) {
      let yaw = r.yaw_offset + (360 * k) / r.count;
      yaw = ((yaw + 180) % 360 + 360) % 360 - 180;
      views.push({ name: nextName(), yaw: round(yaw), pitch: r.pitch, roll: 0, hfov: r.hfov });
    }
  }
  for (const s of rig.singles) views.push({ name: s.name, yaw: s.yaw, pitch: s.pitch, roll: s.roll, hfov: s.hfov });
  return { name: rig.name, views };
}

// Views with the same pitch and hfov, no roll, at least three, evenly spaced in yaw -> a ring;
// every other view stays single.
export function load(json) {
  rig.name = json.name || 'custom';
  rig.rings = [];
  rig.singles = [];
  const groups = new Map();
  for (const v of json.views) {
    const key = `${v.pitch ?? 0}/${v.hfov}/${v.roll ?? 0}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(v);
  }
  for (const vs of groups.values()) {
    const yaws = vs.map((v) => (((v.yaw ?? 0) % 360) + 360) % 360).sort((a, b) => a - b);
    const step = 360 / vs.length;
    const even = vs.length >= 3 && (vs[0].roll ?? 0) === 0 &&
      yaws.every((y, i) => Math.abs(y - yaws[0] - i * step) < 1e-6);
    if (even) {
      let offset = yaws[0] % step;
      if (offset > step / 2) offset -= step;
      rig.rings.push({ count: vs.length, pitch: vs[0].pitch ?? 0, yaw_offset: round(offset), hfov: vs[0].hfov });
    } else {
      for (const v of vs) rig.singles.push({ name: v.name, yaw: v.yaw ?? 0, pitch: v.pitch ?? 0, roll: v.roll ?? 0, hfov: v.hfov });
    }
  }
}
