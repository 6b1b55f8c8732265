// The queue (/): per repository, head, the candidates being tested with their tiers, the waiting requests in
// order, and the last landings. Live: every change on the feed re-reads that repository.
import {api} from '../api.js';
import {onChange} from '../live.js';
import {badge, coalesce, debounce, duration, emptyNote, fill, h, median, progress, renderIfChanged, shortSha, since, toDate}
    from '../dom.js';
import {repoActions, requestActions} from '../actions.js';
import {nodeHolds, nodeName} from '../nodes.js';

const enc = encodeURIComponent;
const LIMIT = 100;

export async function render(main) {
    document.title = 'Queue · Gatekeeper';
    const list = h('div', {class: 'repos'});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Queue')), list);
    const sections = new Map();
    let nodes = null;

    async function loadNodes() {
        nodes = await api.optional('/api/nodes').catch(() => null);
    }

    async function refreshRepo(name) {
        const s = sections.get(name);
        if (!s) return;
        const [repo, requests] = await Promise.all([api.get(`/api/repos/${enc(name)}`),
            api.get(`/api/repos/${enc(name)}/requests?limit=${LIMIT}`)]);
        s.last = {repo, requests, nodes};
        renderIfChanged(s.el, s.last, d => repoView(d, () => refreshRepo(name)));
    }

    async function refreshAll() {
        const repos = await api.get('/api/repos');
        await loadNodes();
        for (const repo of repos) {
            if (!sections.has(repo.name)) {
                const el = h('section', {class: 'repo', 'aria-labelledby': `repo-${repo.name}`, 'data-repo': repo.name});
                sections.set(repo.name, {el, refresh: coalesce(() => refreshRepo(repo.name).catch(showError))});
                list.append(el);
            }
        }
        if (!repos.length) fill(list, emptyNote('No repositories yet. An admin adds one with POST /api/repos.'));
        await Promise.all(repos.map(r => refreshRepo(r.name)));
    }

    function showError(e) {
        document.getElementById('live').textContent = `update failed: ${e.message}`;
    }

    await refreshAll();
    const refreshNodes = debounce(async () => {
        await loadNodes();
        sections.forEach(s => s.refresh());
    }, 200);
    onChange(change => {
        if (change === null) refreshAll().catch(showError);
        else if (change.type === 'node') refreshNodes();
        else if (change.repo && sections.has(change.repo)) sections.get(change.repo).refresh();
        else refreshAll().catch(showError);
    });
    // A safety net for what the feed does not announce (a tier's row appearing just after "run started").
    setInterval(() => sections.forEach(s => {
        if (s.last && s.last.requests.some(r => r.state === 'testing')) s.refresh();
    }), 5000);
}

function repoView({repo, requests, nodes}, refresh) {
    const paused = pausedInfo(repo);
    const broken = repo.headBroken || repo.broken || repo.headState === 'broken';
    const testing = requests.filter(r => r.state === 'testing');
    const waiting = requests.filter(r => r.state === 'queued').sort(byQueueOrder);
    const landed = requests.filter(r => r.state === 'merged').sort(byFinished).slice(0, 5);
    const rejected = requests.filter(r => r.state === 'rejected').sort(byFinished).slice(0, 3);
    const expected = expectedTierDurations(requests);
    return [
        h('header', {class: 'repo-head'},
            h('div', {},
                h('h2', {id: `repo-${repo.name}`}, repo.name),
                h('p', {class: 'head-line'}, 'head ', h('code', {}, repo.headBranch), ' at ',
                    h('code', {class: 'sha', title: repo.head || ''}, shortSha(repo.head)),
                    broken ? [' ', badge('broken', 'head broken')] : null,
                    paused ? [' ', badge('paused', 'paused')] : null),
                paused && paused.reason ? h('p', {class: 'notice'}, `Landings paused: ${paused.reason}`,
                    paused.until ? [' (until ', since(paused.until, 'until'), ')'] : null) : null),
            repoActions(repo, !!paused, refresh)),
        h('div', {class: 'queue-grid'},
            h('section', {class: 'pipeline', 'aria-labelledby': `testing-${repo.name}`},
                h('h3', {id: `testing-${repo.name}`}, `Testing (${testing.length})`),
                testing.length ? candidates(testing).map(c => candidateCard(c, expected, nodes, refresh))
                    : emptyNote('Nothing under test.')),
            h('section', {class: 'waiting', 'aria-labelledby': `waiting-${repo.name}`},
                h('h3', {id: `waiting-${repo.name}`}, `Waiting (${waiting.length})`),
                waiting.length ? h('ol', {class: 'req-list'}, waiting.map(r => waitingItem(r, refresh)))
                    : emptyNote(`Nothing waiting. Push a branch named pull-request/<name> to ${repo.cloneUrl}.`)),
            h('section', {class: 'landed', 'aria-labelledby': `landed-${repo.name}`},
                h('h3', {id: `landed-${repo.name}`}, 'Last landings'),
                landed.length ? h('ul', {class: 'req-list'}, landed.map(landedItem)) : emptyNote('No landings yet.'),
                rejected.length ? [h('h3', {}, 'Recently rejected'),
                    h('ul', {class: 'req-list'}, rejected.map(r => rejectedItem(r, refresh)))] : null)),
    ];
}

/** Open requests group into the candidates testing them; a request whose candidate is still building stands alone. */
function candidates(testing) {
    const groups = new Map();
    for (const r of [...testing].sort(byQueueOrder)) {
        const key = r.candidate || `building-${r.id}`;
        if (!groups.has(key)) groups.set(key, {candidate: r.candidate, requests: []});
        groups.get(key).requests.push(r);
    }
    return [...groups.values()];
}

function candidateCard({candidate, requests}, expected, nodes, refresh) {
    const lead = requests[0];
    const ran = new Map((lead.tiers || []).map(t => [t.name, t]));
    const names = [...ran.keys()];
    expected.order.forEach(n => {
        if (!ran.has(n)) names.push(n);
    });
    const eta = requests.map(r => toDate(r.eta)).filter(Boolean).sort((a, b) => b - a)[0];
    const runIds = new Set((lead.tiers || []).map(t => t.runId));
    const held = (nodes || []).filter(n => nodeHolds(n, {runIds, candidate, requestIds: requests.map(r => r.id)}));
    return h('article', {class: 'candidate', 'aria-label': `Candidate ${shortSha(candidate) || 'being built'}`},
        h('div', {class: 'candidate-head'},
            h('span', {}, 'candidate ', candidate ? h('code', {class: 'sha', title: candidate}, shortSha(candidate))
                : h('em', {}, 'being built')),
            eta ? h('span', {class: 'eta'}, 'lands ', since(eta, 'until')) : null),
        h('ul', {class: 'req-list compact'}, requests.map(r => h('li', {class: 'req', 'data-request-id': r.id,
            'data-state': r.state}, requestLink(r), ' ', h('span', {class: 'muted'}, r.author || ''),
            r.priority ? [' ', h('span', {class: 'prio', title: 'priority'}, `p${r.priority}`)] : null,
            requestActions(r, refresh)))),
        h('ol', {class: 'tiers', 'aria-label': 'Tiers'}, names.map(n => tierRow(n, ran.get(n), expected.ms[n]))),
        held.length ? h('p', {class: 'nodes muted'}, 'nodes: ', held.map(nodeName).join(', ')) : null);
}

function tierRow(name, tier, expectedMs) {
    const state = tier ? tier.state : 'waiting';
    const running = tier && !tier.finishedAt;
    const start = tier && toDate(tier.startedAt);
    let detail;
    if (running && start) {
        detail = [since(tier.startedAt, 'elapsed'), ' elapsed',
            expectedMs ? [' · ', h('span', {'data-left-from': start.getTime(), 'data-left-ms': expectedMs},
                `~${duration(expectedMs - (Date.now() - start.getTime()))} left`)] : null];
    } else if (tier && tier.finishedAt) {
        detail = duration(toDate(tier.finishedAt) - start);
    } else {
        detail = expectedMs ? `usually ${duration(expectedMs)}` : '';
    }
    const bar = running ? progress(`${name} tier progress`, tier.startedAt, expectedMs)
        : h('div', {class: `bar state-${state}${tier && tier.finishedAt ? ' complete' : ''}`, role: 'img',
            'aria-label': `${name}: ${state}`}, h('div', {class: 'fill'}));
    return h('li', {class: 'tier', 'data-tier': name, 'data-state': state},
        h('span', {class: 'tier-name'}, name), bar,
        h('span', {class: 'tier-detail'}, badge(running ? 'running' : state),
            tier && tier.attempts > 1 ? ` ${tier.attempts} attempts ` : ' ', detail));
}

function waitingItem(r, refresh) {
    return h('li', {class: 'req', 'data-request-id': r.id, 'data-state': r.state},
        h('div', {class: 'req-main'},
            r.position !== null && r.position !== undefined ? h('span', {class: 'pos', title: 'position'}, `#${r.position}`)
                : null,
            requestLink(r),
            r.priority ? h('span', {class: 'prio', title: 'priority'}, `priority ${r.priority}`) : null,
            h('span', {class: 'muted'}, r.author || '')),
        h('div', {class: 'req-sub muted'},
            r.waitingFor ? `waiting for ${r.waitingFor}` : 'waiting', ' · queued ', since(r.queuedAt || r.createdAt),
            r.eta ? [' · lands ', since(r.eta, 'until')] : null),
        requestActions(r, refresh));
}

function landedItem(r) {
    const ttm = toDate(r.finishedAt) - toDate(r.createdAt);
    return h('li', {class: 'req', 'data-request-id': r.id, 'data-state': r.state},
        requestLink(r), ' ', h('span', {class: 'muted'}, r.author || ''),
        h('div', {class: 'req-sub muted'}, 'landed ', since(r.finishedAt), isNaN(ttm) ? '' : ` · took ${duration(ttm)}`,
            r.candidate ? [' · ', h('code', {class: 'sha'}, shortSha(r.candidate))] : null));
}

function rejectedItem(r, refresh) {
    return h('li', {class: 'req', 'data-request-id': r.id, 'data-state': r.state},
        requestLink(r), ' ', h('span', {class: 'muted'}, since(r.finishedAt)),
        h('div', {class: 'reason'}, (r.reason || '').split('\n')[0]), requestActions(r, refresh));
}

function requestLink(r) {
    return h('a', {href: `/requests/${r.id}`, class: 'req-link'}, r.branch);
}

function pausedInfo(repo) {
    const p = repo.paused ?? repo.frozen ?? repo.pause ?? null;
    if (!p) return null;
    if (typeof p === 'object') return {reason: p.reason, until: p.until};
    return {reason: repo.pauseReason || repo.pausedReason || repo.freezeReason, until: repo.pausedUntil};
}

function byQueueOrder(a, b) {
    const pa = a.position ?? Infinity;
    const pb = b.position ?? Infinity;
    if (pa !== pb) return pa - pb;
    if ((b.priority || 0) !== (a.priority || 0)) return (b.priority || 0) - (a.priority || 0);
    return (toDate(a.queuedAt || a.createdAt) || 0) - (toDate(b.queuedAt || b.createdAt) || 0);
}

function byFinished(a, b) {
    return (toDate(b.finishedAt) || 0) - (toDate(a.finishedAt) || 0);
}

/** Typical duration of each tier (median of passed runs seen here), and the tiers' usual order. */
export function expectedTierDurations(requests) {
    const samples = {};
    let order = [];
    for (const r of requests) {
        const tiers = r.tiers || [];
        if (r.state === 'merged' && tiers.length > order.length) order = tiers.map(t => t.name);
        for (const t of tiers) {
            const start = toDate(t.startedAt);
            const end = toDate(t.finishedAt);
            if (t.state === 'passed' && start && end) (samples[t.name] ||= []).push(end - start);
        }
    }
    const ms = {};
    Object.entries(samples).forEach(([n, xs]) => {
        ms[n] = Math.max(1000, median(xs.slice(0, 20)));
    });
    return {ms, order};
}
