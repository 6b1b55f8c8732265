// Runner nodes as GET /api/nodes shows them (name, labels, state, current allocation, last heartbeat). Read
// loosely: the pool's JSON may grow fields, and an allocation may be an object, an id or a description.

export function nodeName(n) {
    return n.name || n.id || n.nodeId || '?';
}

export function nodeLabels(n) {
    const l = n.labels;
    return Array.isArray(l) ? l : typeof l === 'string' && l ? l.split(',') : [];
}

export function allocationOf(n) {
    return n.allocation ?? n.currentAllocation ?? n.allocated ?? null;
}

/** When the node's current allocation began, if the API says. */
export function allocatedSince(n) {
    const a = allocationOf(n);
    return (a && typeof a === 'object' && (a.since || a.startedAt || a.createdAt || a.allocatedAt))
        || n.allocatedAt || n.since || n.stateSince || null;
}

export function describeAllocation(a) {
    if (a === null || a === undefined) return '';
    if (typeof a !== 'object') return String(a);
    const parts = [];
    if (a.repo) parts.push(a.repo);
    if (a.tier) parts.push(`tier ${a.tier}`);
    if (a.candidate) parts.push(`candidate ${String(a.candidate).slice(0, 10)}`);
    if (a.runId ?? a.run) parts.push(`run ${a.runId ?? a.run}`);
    if (a.requestIds || a.requests) parts.push(`requests ${(a.requestIds || a.requests).join(', ')}`);
    if (!parts.length && (a.id !== undefined)) parts.push(`allocation ${a.id}`);
    return parts.join(' · ');
}

/** Whether a node serves one of these runs, this candidate, or these requests. */
export function nodeHolds(n, {runIds, candidate, requestIds}) {
    const a = allocationOf(n);
    if (a === null || a === undefined) return false;
    if (typeof a !== 'object') return runIds.has(Number(a));
    const run = Number(a.runId ?? a.run);
    if (!isNaN(run) && runIds.has(run)) return true;
    if (candidate && a.candidate && String(a.candidate) === candidate) return true;
    const reqs = a.requestIds || a.requests || [];
    return Array.isArray(reqs) && reqs.some(id => requestIds.includes(Number(id)));
}
