// The public JSON API, as the browser calls it: the session cookie rides along, and every change carries the
// session's CSRF token. Pages use nothing else, so anything they show a script can get too.

let csrfToken = null;

export function setCsrfToken(token) {
    csrfToken = token;
}

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function call(method, path, body, accept = 'application/json') {
    const headers = {'Accept': accept};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let res;
    try {
        res = await fetch(path, {
            method, headers, credentials: 'same-origin', cache: 'no-store',
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch (e) {
        throw new ApiError(0, `cannot reach the server (${e.message})`);
    }
    const type = res.headers.get('Content-Type') || '';
    const payload = res.status === 204 ? null
        : type.includes('json') ? await res.json().catch(() => null) : await res.text();
    if (!res.ok) {
        const message = payload && typeof payload === 'object' && payload.message ? payload.message
            : typeof payload === 'string' && payload ? payload.slice(0, 300) : `${res.status} ${res.statusText}`;
        throw new ApiError(res.status, message);
    }
    return payload;
}

export const api = {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body === undefined ? {} : body),
    del: path => call('DELETE', path),
    /** GET that answers null instead of failing when an endpoint does not exist (yet) on this server. */
    optional: async path => {
        try {
            return await call('GET', path);
        } catch (e) {
            if (e.status === 404 || e.status === 405) return null;
            throw e;
        }
    },
    /** A run's log as plain text. */
    text: path => call('GET', path, undefined, 'text/plain, */*'),
};

/** Every repository with its requests, newest first. */
export async function reposWithRequests(limit = 200) {
    const repos = await api.get('/api/repos');
    return Promise.all(repos.map(async repo => ({
        repo, requests: await api.get(`/api/repos/${encodeURIComponent(repo.name)}/requests?limit=${limit}`),
    })));
}
