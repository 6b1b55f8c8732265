// Small DOM and formatting helpers. Every text from the API goes in through text nodes, never as HTML.

/** h('a', {href: '/x', class: 'y'}, 'text', child, [more]) builds an element; null/false children are skipped. */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === null || v === undefined || v === false) continue;
        if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
        else if (k === 'dataset') Object.assign(el.dataset, v);
        else if (v === true) el.setAttribute(k, '');
        else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const c of children) {
        if (c === null || c === undefined || c === false || c === '') continue;
        if (Array.isArray(c)) append(el, c);
        else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

/** API times are ISO strings or epoch numbers (seconds with fractions, or millis). */
export function toDate(v) {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'number') return new Date(v > 1e11 ? v : v * 1000);
    const d = new Date(v);
    return isNaN(d) ? null : d;
}

export function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) return '–';
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
    const hr = Math.floor(m / 60);
    if (hr < 48) return `${hr}h ${String(m % 60).padStart(2, '0')}m`;
    return `${Math.floor(hr / 24)}d ${hr % 24}h`;
}

export function ago(v) {
    const d = toDate(v);
    if (!d) return '–';
    const ms = Date.now() - d.getTime();
    return ms < 0 ? `in ${duration(-ms)}` : `${duration(ms)} ago`;
}

export function clock(v) {
    const d = toDate(v);
    if (!d) return '–';
    const sameDay = d.toDateString() === new Date().toDateString();
    return sameDay ? d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'})
        : d.toLocaleString([], {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'});
}

/** A <time> element that the ticker keeps current ("3m 02s ago", "in 40s"). */
export function since(v, mode = 'ago') {
    const d = toDate(v);
    if (!d) return h('span', {class: 'muted'}, '–');
    return h('time', {datetime: d.toISOString(), title: d.toLocaleString(), 'data-tick': mode}, tickText(d, mode));
}

function tickText(d, mode) {
    const ms = Date.now() - d.getTime();
    if (mode === 'elapsed') return duration(ms);
    if (mode === 'until') return ms >= 0 ? 'any moment' : `in ${duration(-ms)}`;
    return ms < 0 ? `in ${duration(-ms)}` : `${duration(ms)} ago`;
}

export function shortSha(sha) {
    return sha ? String(sha).slice(0, 10) : '–';
}

export function pct(x, digits = 1) {
    return x === null || x === undefined || isNaN(x) ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** A status badge; the state word is the text, so colour is never the only cue. */
export function badge(state, extra) {
    return h('span', {class: `badge state-${String(state || 'unknown').replace(/[^a-z-]/gi, '')}`}, extra || state || 'unknown');
}

/**
 * A table inside a scrolling wrapper. Each cell carries its column's name (data-label) so that on a phone the rows
 * stack into labelled cards instead of squeezing columns.
 */
export function table(caption, headers, rows, attrs = {}) {
    const body = h('tbody', {}, rows);
    [...body.children].forEach(tr => [...tr.children].forEach((cell, i) => {
        if (headers[i]) cell.dataset.label = headers[i];
    }));
    return h('div', {class: 'table-wrap stack'},
        h('table', attrs,
            caption ? h('caption', {}, caption) : null,
            h('thead', {}, h('tr', {}, headers.map(x => h('th', {scope: 'col'}, x)))),
            body));
}

export function emptyNote(text) {
    return h('p', {class: 'empty muted'}, text);
}

/** A bar of a running stage: filled by elapsed/expected, updated by the ticker. */
export function progress(label, startedAt, expectedMs) {
    const start = toDate(startedAt);
    const attrs = {class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100};
    const bar = h('div', attrs, h('div', {class: 'fill'}));
    if (start && expectedMs > 0) {
        bar.dataset.start = String(start.getTime());
        bar.dataset.expected = String(expectedMs);
        setProgress(bar);
    } else {
        bar.classList.add('indeterminate');
        bar.setAttribute('aria-valuetext', 'running, duration unknown');
    }
    return bar;
}

function setProgress(bar) {
    const elapsed = Date.now() - Number(bar.dataset.start);
    const expected = Number(bar.dataset.expected);
    const done = Math.min(99, Math.max(1, Math.round(100 * elapsed / expected)));
    bar.firstChild.style.width = `${done}%`;
    bar.setAttribute('aria-valuenow', String(done));
    const left = expected - elapsed;
    bar.setAttribute('aria-valuetext', left > 0 ? `${done}%, about ${duration(left)} left` : `${done}%, overdue`);
    bar.classList.toggle('overdue', left < 0);
}

/** Once a second: refresh every relative time and running bar on the page, without touching anything else. */
export function startTicker() {
    setInterval(() => {
        document.querySelectorAll('time[data-tick]').forEach(t => {
            t.textContent = tickText(new Date(t.getAttribute('datetime')), t.dataset.tick);
        });
        document.querySelectorAll('.bar[data-start]').forEach(setProgress);
        document.querySelectorAll('[data-left-from]').forEach(el => {
            const left = Number(el.dataset.leftFrom) + Number(el.dataset.leftMs) - Date.now();
            el.textContent = left > 0 ? `~${duration(left)} left` : 'overdue';
        });
    }, 1000);
}

/**
 * Runs fn now, or, while a run is in flight, once more when it ends: a burst of events costs at most two reloads
 * and the first one starts without delay.
 */
export function coalesce(fn) {
    let running = false;
    let again = false;
    const run = async () => {
        if (running) {
            again = true;
            return;
        }
        running = true;
        try {
            await fn();
        } catch (e) {
            // the next event or the safety-net poll tries again
        } finally {
            running = false;
            if (again) {
                again = false;
                run();
            }
        }
    };
    return run;
}

/** Runs fn `ms` after the last call: bursts of events cause one reload. */
export function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
}

export function median(xs) {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Re-renders a container only when its data changed, keeping keyboard focus on the same control. */
const rendered = new WeakMap();

export function renderIfChanged(container, data, render) {
    const key = JSON.stringify(data);
    if (rendered.get(container) === key) return false;
    const focused = document.activeElement && container.contains(document.activeElement)
        ? document.activeElement.dataset.key : null;
    rendered.set(container, key);
    fill(container, render(data));
    if (focused) {
        const again = container.querySelector(`[data-key="${CSS.escape(focused)}"]`);
        if (again) again.focus();
    }
    return true;
}
