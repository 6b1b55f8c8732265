// One request (/requests/{id}): the reason in one sentence, what was tested (commits, candidate), each tier's
// outcome, the flaky-test judgements, and each tier's log (live while it runs) with the failing tests marked.
import {api} from '../api.js';
import {onChange} from '../live.js';
import {badge, clock, coalesce, duration, emptyNote, fill, h, pct, renderIfChanged, shortSha, since, table, toDate}
    from '../dom.js';
import {requestActions} from '../actions.js';

const LOG_LINES = 4000;

export async function render(main, [id]) {
    const top = h('div', {class: 'request-top'});
    const logs = h('section', {class: 'logs', 'aria-labelledby': 'logs-title'}, h('h2', {id: 'logs-title'}, 'Logs'));
    fill(main, top, logs);
    const logViews = new Map();
    let current = null;

    async function refresh() {
        current = await api.get(`/api/requests/${id}`);
        document.title = `${current.branch} · ${current.repo} · Gatekeeper`;
        renderIfChanged(top, current, r => requestView(r, refresh));
        for (const t of current.tiers || []) {
            if (!logViews.has(t.runId)) {
                const view = logView(t);
                logViews.set(t.runId, view);
                logs.append(view.el);
            }
            logViews.get(t.runId).update(t);
        }
        if (!(current.tiers || []).length && !logs.querySelector('.empty')) {
            logs.append(emptyNote('No tier has run for this request yet.'));
        } else if ((current.tiers || []).length) {
            logs.querySelector('.empty')?.remove();
        }
    }

    await refresh();
    const later = coalesce(refresh);
    onChange(c => {
        if (c === null || (c.repo === current.repo && (c.type !== 'request' || c.id === Number(id)))) later();
    });
    // Logs grow without events: follow the running ones.
    setInterval(() => logViews.forEach(v => v.follow()), 2000);
}

function requestView(r, refresh) {
    const verdicts = judgements(r);
    return [
        h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '/'}, 'Queue'), ' / ', r.repo),
        h('div', {class: 'page-head'},
            h('h1', {}, r.branch, ' ', badge(r.state)),
            requestActions(r, refresh)),
        r.reason ? reasonBox(r) : null,
        r.waitingFor && (r.state === 'queued' || r.state === 'testing')
            ? h('p', {class: 'notice'}, `Waiting for ${r.waitingFor}`, r.eta ? [' · lands ', since(r.eta, 'until')] : '')
            : null,
        h('dl', {class: 'facts'},
            fact('Repository', r.repo),
            fact('Author', r.author || '–'),
            fact('Kind', r.kind || 'pull-request'),
            fact('Priority', String(r.priority ?? 0)),
            r.position !== null && r.position !== undefined ? fact('Position', `#${r.position}`) : null,
            fact('Commits', commitsText(r)),
            fact('Pushed', h('code', {class: 'sha', title: r.sha || ''}, shortSha(r.sha))),
            fact('Base', h('code', {class: 'sha', title: r.base || ''}, shortSha(r.base))),
            fact('Candidate', r.candidate ? h('code', {class: 'sha', title: r.candidate}, shortSha(r.candidate)) : '–'),
            fact('Created', clock(r.createdAt)),
            fact('Queued', clock(r.queuedAt)),
            r.finishedAt ? fact('Finished', [clock(r.finishedAt), ` (after ${duration(toDate(r.finishedAt) - toDate(r.createdAt))})`])
                : null),
        h('section', {'aria-labelledby': 'tiers-title'}, h('h2', {id: 'tiers-title'}, 'Tiers'),
            (r.tiers || []).length ? table(null, ['Tier', 'Outcome', 'Attempts', 'Exit', 'Duration', 'Message', 'Failing tests'],
                r.tiers.map(t => h('tr', {'data-tier': t.name},
                    h('th', {scope: 'row'}, t.name),
                    h('td', {}, badge(t.finishedAt ? t.state : 'running', t.state)),
                    h('td', {}, String(t.attempts ?? 1)),
                    h('td', {}, t.exitCode ?? '–'),
                    h('td', {}, t.finishedAt ? duration(toDate(t.finishedAt) - toDate(t.startedAt))
                        : t.startedAt ? [since(t.startedAt, 'elapsed'), ' so far'] : '–'),
                    h('td', {}, t.message || ''),
                    h('td', {}, (t.failedTests || []).length
                        ? h('ul', {class: 'failed-tests'}, t.failedTests.map(ft => h('li', {}, h('code', {}, ft))))
                        : '')))) : emptyNote('No tier has run yet.')),
        verdicts.length ? h('section', {'aria-labelledby': 'verdicts-title'},
            h('h2', {id: 'verdicts-title'}, 'Flaky-test judgements'),
            table(null, ['Test', 'Judged', 'Failed', 'Rate [interval]', 'P(change caused)', 'Evidence'],
                verdicts.map(verdictRow))) : null,
    ];
}

/** The reason's first line is the sentence; what follows (a log tail, evidence) folds away beneath it. */
function reasonBox(r) {
    const [sentence, ...rest] = r.reason.split('\n');
    const more = rest.join('\n').trim();
    return h('div', {class: `reason-box state-${r.state}`},
        h('p', {id: 'reason'}, h('strong', {}, r.state === 'merged' ? 'Note: ' : 'Reason: '), sentence),
        more ? h('details', {class: 'reason-more'}, h('summary', {}, 'Details'), h('pre', {}, more)) : null);
}

function fact(label, value) {
    return h('div', {class: 'fact'}, h('dt', {}, label), h('dd', {}, value));
}

function commitsText(r) {
    const n = r.commits;
    if (Array.isArray(n)) return `${n.length}`;
    return n === null || n === undefined ? '–' : `${n} commit${n === 1 ? '' : 's'}`;
}

/** The flaky judgements, wherever the request's JSON carries them (request level or per tier). */
function judgements(r) {
    const found = [];
    const pick = o => ['verdicts', 'judgements', 'flaky', 'flakyVerdicts'].forEach(k => {
        if (Array.isArray(o[k])) found.push(...o[k].map(v => ({...(typeof v === 'object' ? v : {text: v}), tier: o.name})));
    });
    pick(r);
    (r.tiers || []).forEach(pick);
    return found;
}

function verdictRow(v) {
    const interval = v.interval || (v.low !== undefined ? [v.low, v.high] : v.rateInterval || null);
    const failed = v.failures !== undefined && v.attempts !== undefined ? `${v.failures}/${v.attempts}`
        : v.failed !== undefined && v.runs !== undefined ? `${v.failed}/${v.runs}` : '';
    const p = v.pChangeCaused ?? v.changeCaused ?? v.probability;
    return h('tr', {},
        h('th', {scope: 'row'}, h('code', {}, v.test || v.testId || v.name || '?')),
        h('td', {}, badge(v.verdict || v.judgement || v.decision || 'judged')),
        h('td', {}, failed),
        h('td', {}, v.rate !== undefined ? [pct(v.rate), interval ? ` [${pct(interval[0])}, ${pct(interval[1])}]` : ''] : ''),
        h('td', {}, p !== undefined ? pct(p) : ''),
        h('td', {}, v.text || v.summary || v.evidence || v.message || ''));
}

/** One tier's log: loaded when opened, followed while the tier runs, failing tests marked. */
function logView(tier) {
    const pre = h('pre', {class: 'log', tabindex: 0, 'aria-label': `Log of tier ${tier.name}`});
    const note = h('p', {class: 'muted log-note'});
    const summary = h('summary', {}, `${tier.name} log`);
    const details = h('details', {class: 'log-box', 'data-tier': tier.name, 'data-run-id': tier.runId}, summary, note, pre);
    let t = tier;
    let loadedText = null;
    let loading = false;

    async function load() {
        if (loading) return;
        loading = true;
        try {
            const text = await api.text(`/api/runs/${t.runId}/log`);
            if (text !== loadedText) {
                loadedText = text ?? '';
                showLog(pre, note, loadedText, t.failedTests || []);
            }
        } catch (e) {
            // 410: retention removed the log, and the server's message says when and why
            note.textContent = e.status === 410 ? e.message : `log unavailable: ${e.message}`;
        } finally {
            loading = false;
        }
    }

    summary.addEventListener('click', () => {
        details.dataset.touched = 'yes';
    });
    details.addEventListener('toggle', () => {
        if (details.open) load();
    });
    return {
        el: details,
        update(next) {
            const wasRunning = !t.finishedAt;
            t = next;
            summary.textContent = `${t.name} log (${t.finishedAt ? t.state : 'running'})`;
            if (!details.dataset.touched && (!t.finishedAt || t.state !== 'passed')) details.open = true;
            if (details.open && (wasRunning || loadedText === null || !t.finishedAt)) load();
        },
        follow() {
            if (details.open && !t.finishedAt) load();
        },
    };
}

/** Renders the log's tail; lines naming a failing test are marked. */
function showLog(pre, note, text, failedTests) {
    const lines = text.split('\n');
    const shown = lines.length > LOG_LINES ? lines.slice(-LOG_LINES) : lines;
    note.textContent = lines.length > LOG_LINES ? `showing the last ${LOG_LINES} of ${lines.length} lines` : '';
    const needles = failedTests.flatMap(testNeedles);
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    fill(pre, shown.map(line => {
        const hit = needles.find(n => line.includes(n));
        return hit ? [h('mark', {class: 'failing', title: `failing test ${hit}`}, line), '\n'] : line + '\n';
    }));
    if (atBottom) pre.scrollTop = pre.scrollHeight;
}

/** What a log line may call a failing test: its full name, Class.method, Class#method, or method name alone. */
function testNeedles(name) {
    const out = new Set([name]);
    const parts = name.split(/[#.:/\s()\[\]]+/).filter(Boolean);
    if (parts.length >= 2) {
        const cls = parts[parts.length - 2];
        const method = parts[parts.length - 1];
        out.add(`${cls}.${method}`);
        out.add(`${cls}#${method}`);
        out.add(`${cls} > ${method}`);
        if (method.length >= 6) out.add(method);
    }
    return [...out];
}
