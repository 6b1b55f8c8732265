// History (/history): landings and rejections over a day or a week with their reasons, throughput, and time to
// merge (push to landing).
import {reposWithRequests} from '../api.js';
import {onChange} from '../live.js';
import {badge, clock, debounce, duration, emptyNote, fill, h, median, table, toDate} from '../dom.js';
import {buckets, timeChart} from '../charts.js';

const HOUR = 3600 * 1000;
const RANGES = {day: {span: 24 * HOUR, bucket: HOUR, label: 'last 24 hours', per: 'per hour'},
    week: {span: 7 * 24 * HOUR, bucket: 24 * HOUR, label: 'last 7 days', per: 'per day'}};

export async function render(main) {
    document.title = 'History · Gatekeeper';
    const params = new URLSearchParams(location.search);
    let range = params.get('range') === 'week' ? 'week' : 'day';
    const rangeButtons = Object.keys(RANGES).map(k => h('button', {type: 'button', 'data-range': k,
        'aria-pressed': String(k === range), onclick: () => {
            range = k;
            rangeButtons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.range === k)));
            show();
        }}, k === 'day' ? 'Day' : 'Week'));
    const repo = h('select', {id: 'h-repo'}, h('option', {value: ''}, 'all repositories'));
    const outcome = h('select', {id: 'h-outcome'}, ['', 'merged', 'rejected', 'cancelled'].map(v =>
        h('option', {value: v}, v || 'all outcomes')));
    const charts = h('div', {class: 'charts'});
    const list = h('div', {});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'History')),
        h('form', {class: 'filters', 'aria-label': 'Filter history', onsubmit: e => e.preventDefault()},
            h('div', {class: 'field inline', role: 'group', 'aria-label': 'Range'}, h('span', {class: 'label-text'}, 'Range'),
                rangeButtons),
            h('div', {class: 'field inline'}, h('label', {for: 'h-repo'}, 'Repository'), repo),
            h('div', {class: 'field inline'}, h('label', {for: 'h-outcome'}, 'Outcome'), outcome)),
        charts, list);

    let data = [];
    function show() {
        const r = RANGES[range];
        const from = Date.now() - r.span;
        const finished = data.filter(x => (!repo.value || x.repo === repo.value) && x.finishedAt
            && ['merged', 'rejected', 'cancelled'].includes(x.state) && toDate(x.finishedAt) >= from);
        fill(charts, chartsView(finished, r));
        const shown = finished.filter(x => !outcome.value || x.state === outcome.value)
            .sort((a, b) => toDate(b.finishedAt) - toDate(a.finishedAt));
        fill(list, h('h2', {}, `Landings and rejections, ${r.label}`), shown.length
            ? table(null, ['Finished', 'Repository', 'Request', 'Outcome', 'Time to merge', 'Reason'], shown.slice(0, 500).map(x =>
                h('tr', {'data-request-id': x.id, 'data-state': x.state},
                    h('td', {}, clock(x.finishedAt)), h('td', {}, x.repo),
                    h('th', {scope: 'row'}, h('a', {href: `/requests/${x.id}`}, x.branch)),
                    h('td', {}, badge(x.state)),
                    h('td', {}, x.state === 'merged' ? duration(toDate(x.finishedAt) - toDate(x.createdAt)) : '–'),
                    h('td', {class: 'reason-cell'}, (x.reason || '').split('\n')[0]))))
            : emptyNote('Nothing finished in this range.'));
    }
    async function load() {
        const repos = await reposWithRequests(1000);
        data = repos.flatMap(x => x.requests);
        repos.forEach(x => {
            if (![...repo.options].some(o => o.value === x.repo.name)) repo.append(h('option', {value: x.repo.name}, x.repo.name));
        });
        show();
    }
    [repo, outcome].forEach(el => el.addEventListener('input', show));
    await load();
    const later = debounce(() => load().catch(() => {}), 500);
    onChange(c => {
        if (c === null || (c.type === 'request' && ['merged', 'rejected', 'withdrawn', 'cancelled'].includes(c.state))) later();
    });
}

function chartsView(finished, r) {
    const count = Math.round(r.span / r.bucket);
    const merged = finished.filter(x => x.state === 'merged');
    const rejected = finished.filter(x => x.state === 'rejected');
    const m = buckets(merged.map(x => toDate(x.finishedAt).getTime()), r.bucket, count);
    const j = buckets(rejected.map(x => toDate(x.finishedAt).getTime()), r.bucket, count);
    const ttm = merged.map(x => ({at: toDate(x.finishedAt).getTime(), ms: toDate(x.finishedAt) - toDate(x.createdAt)}))
        .sort((a, b) => a.at - b.at);
    const p50 = median(ttm.map(x => x.ms));
    const inMinutes = ttm.some(x => x.ms >= 120000);
    const unit = inMinutes ? 'minutes' : 'seconds';
    return [
        timeChart({title: `Throughput (${r.per})`, x: m.x, yLabel: 'requests', pad: r.bucket / 2000,
            series: [{label: 'landed', values: m.counts, bars: true, color: '#16a34a'},
                {label: 'rejected', values: j.counts, color: '#dc2626'}],
            summary: `${merged.length} landed, ${rejected.length} rejected in the ${r.label}.`}),
        ttm.length ? timeChart({title: `Time to merge (${unit}, push to landing)`, x: ttm.map(x => x.at / 1000),
            series: [{label: unit, values: ttm.map(x => Number((x.ms / (inMinutes ? 60000 : 1000)).toFixed(2)))}],
            yLabel: unit,
            summary: `Median ${duration(p50)} over ${ttm.length} landing${ttm.length === 1 ? '' : 's'}.`})
            : emptyNote('No landings in this range, so no time-to-merge chart.'),
    ];
}
