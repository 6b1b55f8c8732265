// Tests as GET /api/tests and /api/tests/{id} show them (rate, interval, runs, last failure, state, history). Read
// loosely, because the flaky-test model may name its fields a little differently or add some.

export function testId(t) {
    return String(t.id ?? t.testId ?? t.name);
}

export function testName(t) {
    if (t.name && t.className && !String(t.name).includes(t.className)) return `${t.className}.${t.name}`;
    return t.displayName || t.name || t.test || t.testId || String(t.id);
}

export function rateOf(t) {
    const r = t.rate ?? t.flakeRate ?? t.mean ?? (t.model && t.model.rate);
    return r === undefined || r === null ? null : Number(r);
}

export function intervalOf(t) {
    const i = t.interval ?? t.rateInterval ?? t.ci ?? (t.model && t.model.interval);
    if (Array.isArray(i) && i.length === 2) return i.map(Number);
    if (i && typeof i === 'object') return [Number(i.low ?? i.lower), Number(i.high ?? i.upper)];
    const lo = t.low ?? t.lower ?? t.rateLow;
    const hi = t.high ?? t.upper ?? t.rateHigh;
    return lo !== undefined && hi !== undefined ? [Number(lo), Number(hi)] : null;
}

export function runsOf(t) {
    return Number(t.runs ?? t.executions ?? t.total ?? 0);
}

/** Minutes this test's failures held up landings, when the API counts it. */
export function blockedMinutesOf(t) {
    if (t.blockedMinutes !== undefined) return Number(t.blockedMinutes);
    if (t.blockedSeconds !== undefined) return Number(t.blockedSeconds) / 60;
    if (t.blockedMs !== undefined) return Number(t.blockedMs) / 60000;
    return 0;
}

/** Impact: expected sporadic failures (rate × runs), plus the time it blocked landings, in failure-equivalents. */
export function impactOf(t) {
    return (rateOf(t) || 0) * runsOf(t) + blockedMinutesOf(t) / 10;
}

export function stateOf(t) {
    return t.state || (t.quarantined ? 'quarantined' : 'unknown');
}

export function lastFailureOf(t) {
    return t.lastFailure ?? t.lastFailureAt ?? t.lastFailed ?? null;
}

/** A test's executions, oldest first: [{outcome: pass|fail|error|skip, at, ...}]. */
export function historyOf(t) {
    const h = t.history ?? t.executions ?? t.recent ?? [];
    const list = Array.isArray(h) ? h : Array.isArray(h.executions) ? h.executions : [];
    const at = e => new Date(e.at ?? e.startedAt ?? e.time ?? e.createdAt ?? 0).getTime();
    return [...list].sort((a, b) => at(a) - at(b)).map(e => ({...e, time: at(e),
        outcome: String(e.outcome ?? e.result ?? e.status ?? '').toLowerCase()}));
}

export function failed(outcome) {
    return outcome === 'fail' || outcome === 'failed' || outcome === 'failure' || outcome === 'error';
}

/**
 * Without the flaky-test model (GET /api/tests absent or empty), the failing tests the tiers reported, from the
 * requests' tier runs: [{name, repos, failures, last, lastRequest, occurrences: [{at, request, tier}]}].
 */
export function failuresFromRuns(repos) {
    const byName = new Map();
    for (const {requests} of repos) {
        for (const r of requests) {
            for (const t of r.tiers || []) {
                for (const name of t.failedTests || []) {
                    if (!name) continue;
                    const e = byName.get(name) || {name, repos: new Set(), failures: 0, last: 0, occurrences: []};
                    const at = new Date(typeof t.finishedAt === 'number' ? t.finishedAt * 1000 : t.finishedAt || 0).getTime();
                    e.repos.add(r.repo);
                    e.failures++;
                    e.occurrences.push({at, request: r, tier: t.name});
                    if (at >= e.last) {
                        e.last = at;
                        e.lastRequest = r;
                    }
                    byName.set(name, e);
                }
            }
        }
    }
    return [...byName.values()].sort((a, b) => b.failures - a.failures || b.last - a.last);
}
