// Who is signed in, and the sign-in / sign-out controls in the header.
import {api, setCsrfToken} from './api.js';
import {h, fill} from './dom.js';

const ROLES = ['runner', 'developer', 'privileged', 'admin'];

export const session = {
    user: null,
    role: null,
    signInRequired: false,
    /** Whether the signed-in user has at least this role. */
    can(role) {
        return this.role !== null && ROLES.indexOf(this.role) >= ROLES.indexOf(role);
    },
};

function apply(s) {
    session.user = s.user || null;
    session.role = s.role || null;
    session.signInRequired = !!s.signInRequired;
    setCsrfToken(s.csrfToken || null);
}

export async function loadSession() {
    apply(await api.get('/api/session'));
    return session;
}

export async function signIn(user, token) {
    apply(await api.post('/api/session', {user, token}));
}

export async function signOut() {
    await api.del('/api/session');
    apply({});
}

/** The sign-in form: user name and API token (never stored by the page; the server answers with a cookie). */
export function signInForm(onDone) {
    const error = h('p', {class: 'error', role: 'alert', hidden: true});
    const user = h('input', {id: 'signin-user', name: 'user', autocomplete: 'username', required: true});
    const token = h('input', {id: 'signin-token', name: 'token', type: 'password', autocomplete: 'current-password',
        required: true});
    const form = h('form', {class: 'signin', 'aria-label': 'Sign in'},
        h('div', {class: 'field'}, h('label', {for: 'signin-user'}, 'User'), user),
        h('div', {class: 'field'}, h('label', {for: 'signin-token'}, 'API token'), token),
        h('div', {class: 'buttons'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')),
        error);
    form.addEventListener('submit', async ev => {
        ev.preventDefault();
        error.hidden = true;
        try {
            await signIn(user.value.trim(), token.value);
            token.value = '';
            onDone();
        } catch (e) {
            error.textContent = e.message;
            error.hidden = false;
        }
    });
    return form;
}

/** The header's account area: "Sign in" or "name (role) · Sign out". */
export function renderAccount(el, onChange) {
    const dialog = document.getElementById('dialog');
    if (session.user) {
        fill(el, h('span', {class: 'who', id: 'who'}, session.user, ' ', h('span', {class: 'role'}, `(${session.role})`)),
            h('button', {type: 'button', class: 'link', onclick: async () => {
                await signOut();
                onChange();
            }}, 'Sign out'));
        return;
    }
    fill(el, h('button', {type: 'button', id: 'open-signin', onclick: () => {
        fill(dialog, h('h2', {id: 'dialog-title'}, 'Sign in'),
            h('p', {class: 'muted'}, 'With your user name and an API token (java -jar gatekeeper.jar user add … prints one).'),
            signInForm(() => {
                dialog.close();
                onChange();
            }),
            h('form', {method: 'dialog'}, h('button', {type: 'submit', class: 'link'}, 'Cancel')));
        dialog.showModal();
        dialog.querySelector('#signin-user').focus();
    }}, 'Sign in'));
}
