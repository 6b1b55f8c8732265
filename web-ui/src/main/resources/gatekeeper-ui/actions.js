// Role-based actions. Each one opens a dialog that asks for what the API needs (always a reason), then calls the
// public endpoint. The server decides: a button shown by mistake still gets the server's 403, shown in the dialog.
import {api} from './api.js';
import {h, fill} from './dom.js';
import {session} from './session.js';

const enc = encodeURIComponent;

/** Opens a form dialog; run(values) performs the call; done() runs after success. */
export function openAction({title, text, fields, confirm, run, done}) {
    const dialog = document.getElementById('dialog');
    const error = h('p', {class: 'error', role: 'alert', hidden: true});
    const inputs = fields.map((f, i) => {
        const id = `action-${f.name}-${i}`;
        const input = f.type === 'textarea'
            ? h('textarea', {id, name: f.name, required: f.required, rows: 3})
            : h('input', {id, name: f.name, type: f.type || 'text', required: f.required, value: f.value,
                min: f.min, max: f.max, step: f.step});
        return {f, input, row: h('div', {class: 'field'}, h('label', {for: id}, f.label), input,
            f.hint ? h('small', {class: 'muted'}, f.hint) : null)};
    });
    const submit = h('button', {type: 'submit', class: 'primary'}, confirm);
    const form = h('form', {class: 'action-form', 'aria-label': title},
        inputs.map(x => x.row),
        h('div', {class: 'buttons'}, submit,
            h('button', {type: 'button', class: 'link', onclick: () => dialog.close()}, 'Cancel')),
        error);
    form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const values = {};
        inputs.forEach(({f, input}) => {
            const v = input.value.trim();
            if (v !== '') values[f.name] = f.type === 'number' ? Number(v) : v;
        });
        submit.disabled = true;
        error.hidden = true;
        try {
            await run(values);
            dialog.close();
            if (done) done();
        } catch (e) {
            error.textContent = e.status === 404 || e.status === 405
                ? `This server does not offer this action yet (${e.status}).` : e.message;
            error.hidden = false;
        } finally {
            submit.disabled = false;
        }
    });
    fill(dialog, h('h2', {id: 'dialog-title'}, title), text ? h('p', {}, text) : null, form);
    dialog.showModal();
    inputs[0]?.input.focus();
}

const reasonField = (label = 'Reason') => ({name: 'reason', label, type: 'textarea', required: true});

/** Buttons for one request, by role: bypass (privileged; queued, testing or rejected), priority (privileged; open). */
export function requestActions(r, done) {
    const buttons = [];
    const open = r.state === 'queued' || r.state === 'testing';
    if (session.can('privileged') && (open || r.state === 'rejected')) {
        buttons.push(h('button', {type: 'button', class: 'danger', 'data-action': 'bypass', 'data-key': `bypass-${r.id}`,
            'aria-label': `Bypass ${r.branch}`, onclick: () => openAction({
                title: `Bypass ${r.branch}`,
                text: 'Lands this request now, without waiting for its tiers. It is tested on head afterwards; '
                    + 'a bypass is audited and should be rare.',
                fields: [reasonField('Reason (required, audited)')],
                confirm: 'Bypass and land now',
                run: v => api.post(`/api/repos/${enc(r.repo)}/bypass`, {branch: r.branch, reason: v.reason}),
                done,
            })}, 'Bypass'));
    }
    if (session.can('privileged') && open) {
        buttons.push(h('button', {type: 'button', 'data-action': 'priority', 'data-key': `priority-${r.id}`,
            'aria-label': `Change priority of ${r.branch}`, onclick: () => openAction({
                title: `Priority of ${r.branch}`,
                text: 'A higher priority moves the request ahead of others in the queue.',
                fields: [{name: 'priority', label: 'Priority', type: 'number', required: true,
                    value: String((r.priority || 0) + 1), step: 1}, reasonField()],
                confirm: 'Set priority',
                run: v => api.post(`/api/requests/${r.id}/priority`, {priority: v.priority, reason: v.reason}),
                done,
            })}, 'Priority'));
    }
    return buttons.length ? h('div', {class: 'actions'}, buttons) : null;
}

/** Pause / resume landings on a repository (admin). */
export function repoActions(repo, paused, done) {
    if (!session.can('admin')) return null;
    if (paused) {
        return h('div', {class: 'actions'}, h('button', {type: 'button', 'data-action': 'resume',
            'data-key': `resume-${repo.name}`, 'aria-label': `Resume landings on ${repo.name}`, onclick: () => openAction({
                title: `Resume ${repo.name}`, fields: [reasonField()], confirm: 'Resume landings',
                run: v => api.post(`/api/repos/${enc(repo.name)}/resume`, {reason: v.reason}), done,
            })}, 'Resume'));
    }
    return h('div', {class: 'actions'}, h('button', {type: 'button', 'data-action': 'pause',
        'data-key': `pause-${repo.name}`, 'aria-label': `Pause landings on ${repo.name}`, onclick: () => openAction({
            title: `Pause ${repo.name}`,
            text: 'Stops landings on this repository; tests may go on. Everyone sees the freeze and its reason.',
            fields: [reasonField(), {name: 'until', label: 'Until (optional)', type: 'datetime-local'}],
            confirm: 'Pause landings',
            run: v => api.post(`/api/repos/${enc(repo.name)}/pause`, {
                reason: v.reason, ...(v.until ? {until: new Date(v.until).toISOString()} : {}),
            }),
            done,
        })}, 'Pause'));
}

/** Quarantine / release a test by hand (admin). */
export function testActions(id, quarantined, done) {
    if (!session.can('admin')) return null;
    const verb = quarantined ? 'release' : 'quarantine';
    const label = quarantined ? 'Release from quarantine' : 'Quarantine';
    return h('div', {class: 'actions'}, h('button', {type: 'button', 'data-action': verb, 'data-key': verb,
        onclick: () => openAction({
            title: label,
            text: quarantined ? 'Its failures block landings again.'
                : 'It keeps running and being recorded, but its failures no longer block landings.',
            fields: [reasonField()], confirm: label,
            run: v => api.post(`/api/tests/${enc(id)}/${verb}`, {reason: v.reason}), done,
        })}, label));
}
