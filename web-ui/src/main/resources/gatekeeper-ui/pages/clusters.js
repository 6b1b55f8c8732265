// Clusters (/clusters): every runner node with labels, state, the allocation it serves and for how long, the lost
// ones apart, and the pool's use over the last 24 hours.
import {api, reposWithRequests} from '../api.js';
import {onChange} from '../live.js';
import {badge, debounce, emptyNote, fill, h, pct, renderIfChanged, since, table, toDate} from '../dom.js';
import {allocatedSince, allocationOf, describeAllocation, nodeLabels, nodeName} from '../nodes.js';
import {timeChart} from '../charts.js';

const DAY = 24 * 3600 * 1000;
const BUCKET = 15 * 60 * 1000;

export async function render(main) {
    document.title = 'Clusters · Gatekeeper';
    const nodesEl = h('div', {});
    const chartEl = h('section', {'aria-labelledby': 'use-title'});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Clusters')), nodesEl, chartEl);

    async function refreshNodes() {
        const reply = await api.optional('/api/nodes');
        const nodes = reply === null ? null : Array.isArray(reply) ? reply : reply.nodes || [];
        renderIfChanged(nodesEl, nodes, nodesView);
        return nodes;
    }

    const nodes = await refreshNodes();
    const repos = await reposWithRequests(1000);
    fill(chartEl, h('h2', {id: 'use-title'}, 'Pool use, last 24 hours'), utilisation(repos, nodes));
    const later = debounce(() => refreshNodes().catch(() => {}), 200);
    onChange(c => {
        if (c === null || c.type === 'node' || c.type === 'run') later();
    });
    setInterval(later, 10000);
}

function nodesView(nodes) {
    if (nodes === null) {
        return [emptyNote('This server has no runner pool (GET /api/nodes is not available): tiers run on its local runner.')];
    }
    if (!nodes.length) return [emptyNote('No runner nodes have registered.')];
    const lost = nodes.filter(n => n.state === 'lost');
    const live = nodes.filter(n => n.state !== 'lost');
    const count = s => live.filter(n => n.state === s).length;
    return [
        h('p', {class: 'summary-line'}, `${live.length} node${live.length === 1 ? '' : 's'}: `,
            badge('idle', `${count('idle')} idle`), ' ', badge('allocated', `${count('allocated')} allocated`), ' ',
            badge('busy', `${count('busy')} busy`), lost.length ? [' ', badge('lost', `${lost.length} lost`)] : null),
        table('Nodes', ['Node', 'Labels', 'State', 'Serving', 'For', 'Last heartbeat'], live.map(nodeRow)),
        lost.length ? [h('h2', {}, 'Lost nodes'),
            table('Lost nodes', ['Node', 'Labels', 'State', 'Was serving', 'Since', 'Last heartbeat'], lost.map(nodeRow))]
            : null,
    ];
}

function nodeRow(n) {
    const a = allocationOf(n);
    const from = allocatedSince(n);
    return h('tr', {'data-node': nodeName(n), 'data-state': n.state},
        h('th', {scope: 'row'}, nodeName(n), n.host ? h('div', {class: 'muted'}, n.host) : null),
        h('td', {}, nodeLabels(n).map(l => h('span', {class: 'label'}, l))),
        h('td', {}, badge(n.state)),
        h('td', {}, describeAllocation(a) || h('span', {class: 'muted'}, '–')),
        h('td', {}, a || n.state === 'lost' ? since(from, 'elapsed') : '–'),
        h('td', {}, since(n.lastHeartbeat || n.heartbeatAt || n.lastSeen)));
}

/**
 * Tier runs in progress over time, from the requests' recorded tier runs (the pool's own history is not in the API):
 * the average number of runs going on in each 15-minute slot, and as a share of the pool's live nodes when known.
 */
function utilisation(repos, nodes) {
    const now = Date.now();
    const start = now - DAY;
    const n = DAY / BUCKET;
    const busy = new Array(n).fill(0);
    let runs = 0;
    for (const {requests} of repos) {
        for (const r of requests) {
            for (const t of r.tiers || []) {
                const s = toDate(t.startedAt);
                if (!s) continue;
                const e = toDate(t.finishedAt) || new Date(now);
                if (e < start) continue;
                runs++;
                for (let i = Math.max(0, Math.floor((s - start) / BUCKET)); i < n; i++) {
                    const b0 = start + i * BUCKET;
                    const overlap = Math.min(e, b0 + BUCKET) - Math.max(s, b0);
                    if (overlap <= 0 && b0 > e) break;
                    if (overlap > 0) busy[i] += overlap / BUCKET;
                }
            }
        }
    }
    const x = busy.map((_, i) => (start + (i + 0.5) * BUCKET) / 1000);
    const pool = nodes ? nodes.filter(nd => nd.state !== 'lost').length : 0;
    const values = pool ? busy.map(b => Math.min(100, 100 * b / pool)) : busy;
    const peak = Math.max(...values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const unit = pool ? '% of the pool' : 'runs in progress';
    return timeChart({
        title: pool ? `Nodes in use (% of ${pool} live nodes)` : 'Tier runs in progress (no pool data: local runner)',
        x, series: [{label: pool ? 'in use %' : 'runs', values, bars: true}], yLabel: unit, pad: BUCKET / 2000,
        summary: `${runs} tier run${runs === 1 ? '' : 's'} in the last 24 h; mean ${pool ? pct(mean / 100) : mean.toFixed(2)}`
            + `, peak ${pool ? pct(peak / 100) : peak.toFixed(2)} ${pool ? '' : unit} (15-minute slots).`,
    });
}
