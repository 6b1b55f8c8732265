// The dashboard's entry point: one shell for every page; the path picks the view, which renders itself from the
// public API and keeps itself current from the change feed.
import {h, fill, startTicker} from './dom.js';
import {loadSession, renderAccount, session, signInForm} from './session.js';
import {startLive} from './live.js';
import {ApiError} from './api.js';

const ROUTES = [
    [/^\/$/, 'queue', () => import('./pages/queue.js')],
    [/^\/requests\/(\d+)\/?$/, 'queue', () => import('./pages/request.js')],
    [/^\/clusters\/?$/, 'clusters', () => import('./pages/clusters.js')],
    [/^\/tests\/?$/, 'tests', () => import('./pages/tests.js')],
    [/^\/tests\/(.+)$/, 'tests', () => import('./pages/test.js')],
    [/^\/history\/?$/, 'history', () => import('./pages/history.js')],
    [/^\/audit\/?$/, 'audit', () => import('./pages/audit.js')],
    [/^\/signin\/?$/, null, () => import('./pages/signin.js')],
];

const main = document.getElementById('main');

async function boot() {
    startTicker();
    try {
        await loadSession();
    } catch (e) {
        // the page can still show public views
    }
    renderAccount(document.getElementById('account'), () => location.reload());
    const path = location.pathname;
    const route = ROUTES.find(([re]) => re.test(path));
    document.querySelectorAll('.nav a').forEach(a => {
        if (route && a.dataset.page === route[1]) a.setAttribute('aria-current', 'page');
    });
    if (!route) {
        fill(main, h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', {href: '/'}, 'Back to the queue.')));
        main.setAttribute('aria-busy', 'false');
        return;
    }
    if (session.signInRequired && !session.user && route[1] !== null) {
        showSignIn();
        return;
    }
    startLive(document.getElementById('live'));
    const params = path.match(route[0]).slice(1).map(decodeURIComponent);
    try {
        const page = await route[2]();
        await page.render(main, params);
    } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
            showSignIn();
            return;
        }
        fill(main, h('h1', {}, 'Something went wrong'), h('p', {class: 'error', role: 'alert'}, e.message));
    } finally {
        main.setAttribute('aria-busy', 'false');
    }
}

function showSignIn() {
    fill(main, h('h1', {}, 'Sign in'),
        h('p', {}, 'This Gatekeeper shows its dashboard to signed-in users only.'),
        signInForm(() => location.reload()));
    main.setAttribute('aria-busy', 'false');
}

boot();
