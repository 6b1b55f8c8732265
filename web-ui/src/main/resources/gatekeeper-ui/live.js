// The change feed (GET /api/events, server-sent events). One connection per page; the browser reconnects by
// itself, and every (re)connection tells listeners to re-read everything, because events are not replayed.
// The stream is closed when the page is hidden for navigation: a page kept in the back/forward cache would
// otherwise hold its connection, and browsers allow only six per server over HTTP/1.1.
const listeners = new Set();
let source = null;
let statusEl = null;

/** fn(change) for each change ({type, repo, id, state, at}); fn(null) after each (re)connection. */
export function onChange(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
}

function status(state, text) {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    statusEl.textContent = text;
    statusEl.title = state === 'live' ? 'Updates arrive as they happen' : 'Not receiving updates right now';
}

function connect(announceFirstOpen) {
    source = new EventSource('/api/events');
    let announce = announceFirstOpen;
    source.addEventListener('open', () => {
        status('live', 'live');
        if (announce) listeners.forEach(fn => fn(null));
        announce = true;
    });
    source.addEventListener('error', () => status('offline', 'reconnecting'));
    source.addEventListener('message', ev => {
        let change;
        try {
            change = JSON.parse(ev.data);
        } catch (e) {
            return;
        }
        listeners.forEach(fn => fn(change));
    });
}

export function startLive(el) {
    if (source || !window.EventSource) return;
    statusEl = el;
    connect(false);
    window.addEventListener('pagehide', () => {
        if (source) source.close();
        source = null;
        status('offline', 'paused');
    });
    window.addEventListener('pageshow', ev => {
        if (ev.persisted && !source) connect(true);
    });
}
