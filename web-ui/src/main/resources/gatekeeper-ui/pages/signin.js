import {h, fill} from '../dom.js';
import {session, signInForm} from '../session.js';

export async function render(main) {
    document.title = 'Sign in · Gatekeeper';
    const next = new URLSearchParams(location.search).get('next');
    const go = () => location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
    fill(main, h('h1', {}, 'Sign in'),
        session.user ? h('p', {}, `Signed in as ${session.user} (${session.role}).`)
            : signInForm(go));
}
