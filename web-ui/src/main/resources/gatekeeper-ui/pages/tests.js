// The flaky-test board (/tests): tests sorted by impact (rate × runs, and the time they blocked landings), with
// filters; each links to its history.
import {api, reposWithRequests} from '../api.js';
import {onChange} from '../live.js';
import {badge, debounce, emptyNote, fill, h, pct, since, table} from '../dom.js';
import {blockedMinutesOf, failuresFromRuns, impactOf, intervalOf, lastFailureOf, rateOf, runsOf, stateOf, testId,
    testName} from '../tests-data.js';

const SORTS = {
    impact: (a, b) => impactOf(b) - impactOf(a),
    rate: (a, b) => (rateOf(b) || 0) - (rateOf(a) || 0),
    runs: (a, b) => runsOf(b) - runsOf(a),
    blocked: (a, b) => blockedMinutesOf(b) - blockedMinutesOf(a),
    name: (a, b) => testName(a).localeCompare(testName(b)),
};

export async function render(main) {
    document.title = 'Tests · Gatekeeper';
    const params = new URLSearchParams(location.search);
    const search = h('input', {id: 'f-search', type: 'search', value: params.get('q') || '', placeholder: 'class or method'});
    const state = h('select', {id: 'f-state'}, h('option', {value: ''}, 'all states'));
    const repo = h('select', {id: 'f-repo'}, h('option', {value: ''}, 'all repositories'));
    const sort = h('select', {id: 'f-sort'}, Object.keys(SORTS).map(k => h('option', {value: k}, k)));
    const body = h('div', {});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Tests'),
        h('p', {class: 'muted'}, 'Flaky and broken tests, by impact. Rates are sporadic-failure rates with their interval.')),
    h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter tests', onsubmit: e => e.preventDefault()},
        field('f-search', 'Name', search), field('f-state', 'State', state), field('f-repo', 'Repository', repo),
        field('f-sort', 'Sort by', sort)),
    body);

    let tests = null;
    let fallback = [];
    const show = () => {
        const f = {q: search.value.trim().toLowerCase(), state: state.value, repo: repo.value, sort: sort.value};
        fill(body, boardView(tests, f), tests && tests.length ? null : fallbackView(fallback, f));
    };
    async function load() {
        const reply = await api.optional('/api/tests');
        tests = reply === null ? null : Array.isArray(reply) ? reply : reply.tests || [];
        if (!tests || !tests.length) {
            fallback = failuresFromRuns(await reposWithRequests(1000));
            fillOptions(repo, fallback.flatMap(e => [...e.repos]));
        }
        fillOptions(state, (tests || []).map(stateOf));
        fillOptions(repo, (tests || []).map(t => t.repo).filter(Boolean));
        show();
    }
    [search, state, repo, sort].forEach(el => el.addEventListener('input', show));
    await load();
    const later = debounce(() => load().catch(() => {}), 1000);
    onChange(c => {
        if (c === null || c.type === 'test' || c.type === 'run') later();
    });
}

function field(id, label, control) {
    return h('div', {class: 'field inline'}, h('label', {for: id}, label), control);
}

function fillOptions(select, values) {
    const have = new Set([...select.options].map(o => o.value));
    [...new Set(values)].sort().forEach(v => {
        if (!have.has(v)) select.append(h('option', {value: v}, v));
    });
}

/** The failing tests the tiers reported, while there is no flaky-test model to rank them. */
function fallbackView(entries, f) {
    const shown = entries.filter(e => (!f.q || e.name.toLowerCase().includes(f.q)) && (!f.repo || e.repos.has(f.repo)));
    return h('section', {'aria-labelledby': 'reported-title'},
        h('h2', {id: 'reported-title'}, 'Failing tests reported by recent tier runs'),
        shown.length ? table(null, ['Test', 'Repository', 'Failures', 'Last failure', 'In request'],
            shown.slice(0, 500).map(e => h('tr', {'data-test-id': e.name},
                h('th', {scope: 'row'}, h('a', {href: `/tests/${encodeURIComponent(e.name)}`}, e.name)),
                h('td', {}, [...e.repos].join(', ')),
                h('td', {class: 'num'}, String(e.failures)),
                h('td', {}, since(e.last || null)),
                h('td', {}, h('a', {href: `/requests/${e.lastRequest.id}`}, e.lastRequest.branch)))))
            : emptyNote('No tier run has reported a failing test.'));
}

function boardView(tests, f) {
    if (tests === null) return emptyNote('This server does not record test executions yet (GET /api/tests is not available).');
    if (!tests.length) return emptyNote('No test executions recorded yet: they appear once tiers upload JUnit reports.');
    const shown = tests.filter(t => (!f.q || testName(t).toLowerCase().includes(f.q))
        && (!f.state || stateOf(t) === f.state) && (!f.repo || t.repo === f.repo)).sort(SORTS[f.sort] || SORTS.impact);
    if (!shown.length) return emptyNote('No test matches these filters.');
    return [h('p', {class: 'muted', role: 'status'}, `${shown.length} of ${tests.length} tests`),
        table(null, ['Test', 'State', 'Rate [interval]', 'Runs', 'Impact', 'Blocked', 'Last failure', 'Owner'],
            shown.slice(0, 500).map(t => {
                const i = intervalOf(t);
                return h('tr', {'data-test-id': testId(t), 'data-state': stateOf(t)},
                    h('th', {scope: 'row'}, h('a', {href: `/tests/${encodeURIComponent(testId(t))}`}, testName(t)),
                        t.repo ? h('div', {class: 'muted'}, t.repo) : null),
                    h('td', {}, badge(stateOf(t))),
                    h('td', {class: 'num'}, pct(rateOf(t)), i ? h('span', {class: 'muted'}, ` [${pct(i[0])}, ${pct(i[1])}]`) : ''),
                    h('td', {class: 'num'}, String(runsOf(t))),
                    h('td', {class: 'num'}, impactOf(t).toFixed(1)),
                    h('td', {class: 'num'}, blockedMinutesOf(t) ? `${Math.round(blockedMinutesOf(t))} min` : '–'),
                    h('td', {}, since(lastFailureOf(t))),
                    h('td', {}, t.owner || ''));
            }))];
}
