// The audit log (/audit): bypasses, push-requests, pauses, quarantines, users and tokens. Read-only, like the API.
import {api} from '../api.js';
import {onChange} from '../live.js';
import {clock, debounce, emptyNote, fill, h, renderIfChanged, shortSha, table} from '../dom.js';

export async function render(main) {
    document.title = 'Audit · Gatekeeper';
    const params = new URLSearchParams(location.search);
    const repo = h('select', {id: 'a-repo'}, h('option', {value: ''}, 'all repositories'));
    const action = h('input', {id: 'a-action', type: 'search', placeholder: 'bypass, pause, …', value: params.get('action') || ''});
    const body = h('div', {});
    fill(main, h('div', {class: 'page-head'}, h('h1', {}, 'Audit log'),
        h('p', {class: 'muted'}, 'Append-only: every bypass, push-request, priority change, freeze, quarantine, role change and token.')),
    h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter the audit log', onsubmit: e => e.preventDefault()},
        h('div', {class: 'field inline'}, h('label', {for: 'a-repo'}, 'Repository'), repo),
        h('div', {class: 'field inline'}, h('label', {for: 'a-action'}, 'Action'), action)),
    body);

    (await api.get('/api/repos')).forEach(r => repo.append(h('option', {value: r.name}, r.name)));
    if (params.get('repo')) repo.value = params.get('repo');
    let rows = [];
    const show = () => {
        const q = action.value.trim().toLowerCase();
        renderIfChanged(body, {rows, q}, ({rows: all}) => {
            const shown = all.filter(a => !q || (a.action || '').toLowerCase().includes(q));
            return shown.length ? table(null, ['When', 'Who', 'Action', 'Repository', 'Target', 'Head', 'Reason'],
                shown.map(a => h('tr', {'data-audit-id': a.id, 'data-action': a.action},
                    h('td', {}, clock(a.at)), h('td', {}, a.actor || ''), h('th', {scope: 'row'}, a.action),
                    h('td', {}, a.repo || ''), h('td', {}, a.target || ''),
                    h('td', {}, a.oldHead || a.newHead ? h('code', {}, `${shortSha(a.oldHead)} → ${shortSha(a.newHead)}`) : ''),
                    h('td', {class: 'reason-cell'}, a.reason || ''))))
                : emptyNote('No audit records match.');
        });
    };
    async function load() {
        rows = await api.get(`/api/audit?limit=500${repo.value ? `&repo=${encodeURIComponent(repo.value)}` : ''}`);
        show();
    }
    repo.addEventListener('input', () => load());
    action.addEventListener('input', show);
    await load();
    const later = debounce(() => load().catch(() => {}), 500);
    onChange(() => later());
}
