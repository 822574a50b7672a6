// Calls to the prep360 service; errors become Error(message) with the server's one-line reason.
export async function api(path, options = {}) {
  const init = { ...options };
  if (init.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(init.json);
    delete init.json;
  }
  const res = await fetch(path, init);
  if (!res.ok) {
    let reason = res.statusText;
    try {
      const j = await res.json();
      reason = j.error || reason;
    } catch (_) { /* not JSON */ }
    const e = new Error(reason);
    e.status = res.status;
    throw e;
  }
  return res;
}

export const getJson = async (path, options) => (await api(path, options)).json();

export function showMessage(text, kind = 'error') {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = kind;
  m.hidden = !text;
}

// fn, called at most once per `ms` after the last call.
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
