// One test (/tests/{id}): its state and rate, quarantine controls for admins, its history as a pass/fail strip,
// and its failure rate over time.
import {api, reposWithRequests} from '../api.js';
import {onChange} from '../live.js';
import {badge, clock, debounce, emptyNote, fill, h, pct, renderIfChanged, since, table} from '../dom.js';
import {testActions} from '../actions.js';
import {timeChart} from '../charts.js';
import {failed, failuresFromRuns, historyOf, intervalOf, lastFailureOf, rateOf, runsOf, stateOf, testName}
    from '../tests-data.js';

const WINDOW = 20;

export async function render(main, [id]) {
    const body = h('div', {});
    fill(main, h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '/tests'}, 'Tests')), body);
    async function load() {
        const t = await api.optional(`/api/tests/${encodeURIComponent(id)}`);
        document.title = `${t ? testName(t) : id} · Tests · Gatekeeper`;
        if (t !== null) {
            renderIfChanged(body, t, x => testView(x, id, load));
            return;
        }
        const reported = failuresFromRuns(await reposWithRequests(1000)).find(e => e.name === id);
        renderIfChanged(body, reported ? reported.occurrences.map(o => [o.at, o.request.id]) : null,
            () => reportedView(id, reported));
    }
    await load();
    const later = debounce(() => load().catch(() => {}), 1000);
    onChange(c => {
        if (c === null || c.type === 'test') later();
    });
}

function testView(t, id, reload) {
    const i = intervalOf(t);
    const history = historyOf(t);
    const quarantined = stateOf(t) === 'quarantined' || t.quarantined === true;
    return [
        h('div', {class: 'page-head'}, h('h1', {}, testName(t), ' ', badge(stateOf(t))),
            testActions(id, quarantined, reload)),
        h('dl', {class: 'facts'},
            fact('Repository', t.repo || '–'),
            fact('Sporadic-failure rate', [pct(rateOf(t), 2), i ? ` (95% interval ${pct(i[0], 2)} – ${pct(i[1], 2)})` : '']),
            fact('Runs', String(runsOf(t))),
            fact('Last failure', since(lastFailureOf(t))),
            t.owner ? fact('Owner', t.owner) : null,
            t.quarantineReason || t.reason ? fact('Quarantine reason', t.quarantineReason || t.reason) : null),
        h('section', {'aria-labelledby': 'strip-title'}, h('h2', {id: 'strip-title'}, 'History'),
            history.length ? strip(history) : emptyNote('No executions recorded.')),
        history.length >= 2 ? h('section', {'aria-labelledby': 'rate-title'}, h('h2', {id: 'rate-title'}, 'Rate over time'),
            rateChart(t, history)) : null,
        history.length ? h('section', {'aria-labelledby': 'runs-title'}, h('h2', {id: 'runs-title'}, 'Recent executions'),
            table(null, ['When', 'Outcome', 'Tier', 'Candidate', 'Attempt', 'Context'],
                history.slice(-50).reverse().map(e => h('tr', {},
                    h('td', {}, clock(e.time)), h('td', {}, badge(e.outcome)), h('td', {}, e.tier || ''),
                    h('td', {}, e.candidate ? h('code', {}, String(e.candidate).slice(0, 10)) : ''),
                    h('td', {}, e.attempt ?? ''), h('td', {}, e.context || e.kind || ''))))) : null,
    ];
}

/** Without the flaky-test model: where the tiers reported this test failing. */
function reportedView(id, reported) {
    const note = 'This server keeps no per-test history yet (GET /api/tests is not available).';
    if (!reported) return [h('h1', {}, id), emptyNote(`${note} No tier run reported this test failing.`)];
    return [h('h1', {}, id, ' ', badge('failed', `${reported.failures} failure${reported.failures === 1 ? '' : 's'}`)),
        h('p', {class: 'muted'}, `${note} Below: the tier runs that reported it failing.`),
        table(null, ['When', 'Request', 'Repository', 'Tier', 'Outcome'],
            [...reported.occurrences].sort((a, b) => b.at - a.at).map(o => h('tr', {},
                h('td', {}, clock(o.at)),
                h('th', {scope: 'row'}, h('a', {href: `/requests/${o.request.id}`}, o.request.branch)),
                h('td', {}, o.request.repo), h('td', {}, o.tier), h('td', {}, badge(o.request.state)))))];
}

function fact(label, value) {
    return h('div', {class: 'fact'}, h('dt', {}, label), h('dd', {}, value));
}

/** One cell per execution, oldest to newest; the outcome is in each cell's label, not only its colour. */
function strip(history) {
    const shown = history.slice(-200);
    const fails = shown.filter(e => failed(e.outcome)).length;
    return h('div', {class: 'strip-wrap'},
        h('ol', {class: 'strip', 'aria-label': `Last ${shown.length} executions, ${fails} failed, oldest first`},
            shown.map(e => h('li', {class: `cell outcome-${e.outcome.replace(/[^a-z]/g, '')}`,
                title: `${e.outcome} · ${clock(e.time)}${e.tier ? ` · ${e.tier}` : ''}`},
            h('span', {class: 'sr-only'}, `${e.outcome} ${clock(e.time)}`)))));
}

/** The API's own rate series when it has one; else the failure share over a moving window of executions. */
function rateChart(t, history) {
    const series = t.rateHistory || t.rates || null;
    if (Array.isArray(series) && series.length) {
        const pts = series.map(p => ({x: new Date(p.at ?? p.time).getTime() / 1000, y: Number(p.rate) * 100}));
        return timeChart({title: 'Estimated sporadic-failure rate (%)', x: pts.map(p => p.x),
            series: [{label: 'rate %', values: pts.map(p => p.y)}], yLabel: '%'});
    }
    const x = [];
    const y = [];
    history.forEach((e, i) => {
        const win = history.slice(Math.max(0, i - WINDOW + 1), i + 1);
        x.push(e.time / 1000);
        y.push(100 * win.filter(w => failed(w.outcome)).length / win.length);
    });
    return timeChart({title: `Failures in the last ${WINDOW} executions (%)`, x, series: [{label: 'failing %', values: y}],
        yLabel: '%', summary: `Latest: ${y[y.length - 1].toFixed(0)}% of the last ${Math.min(WINDOW, history.length)} runs failed.`});
}
