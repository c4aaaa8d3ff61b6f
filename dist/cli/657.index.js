export const id = 657;
export const ids = [657,879];
export const modules = {

/***/ 9879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeHttp: () => (/* binding */ probeHttp)
/* harmony export */ });
/* harmony import */ var _secrets_url_password_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3824);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3802);
/* harmony import */ var _http_pools_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1589);
/* harmony import */ var _undici_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1699);




async function probeHttp(spec, options) {
    const started = performance.now();
    const { signal, timedOut, dispose } = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptSignal */ .e)(options);
    // Outside a run (no pools of its own to reuse), the request gets a pool that ends with it.
    const pools = options.httpPools ?? new _http_pools_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpPools */ .K();
    const headers = { 'user-agent': 'deploy-verify', ...spec.headers };
    let body = spec.body;
    if (spec.json !== undefined) {
        body = JSON.stringify(spec.json);
        // Header names are case-insensitive: a user's own Content-Type wins.
        if (!Object.keys(headers).some(name => name.toLowerCase() === 'content-type')) {
            headers['content-type'] = 'application/json';
        }
    }
    const { url, authorization } = withoutCredentials(spec.url);
    // As curl does: credentials in the URL become Basic auth, unless the user set Authorization.
    if (authorization && !Object.keys(headers).some(name => name.toLowerCase() === 'authorization')) {
        headers.authorization = authorization;
    }
    try {
        const { request } = await (0,_undici_js__WEBPACK_IMPORTED_MODULE_3__/* .undici */ .p)();
        const response = await request(url, {
            method: spec.method,
            headers,
            body,
            signal,
            dispatcher: await pools.for(spec)
        });
        const { text, truncated } = await readCapped(response.body, spec.maxBodyBytes);
        const responseHeaders = flattenHeaders(response.headers);
        const history = response.context?.history ?? [];
        return {
            kind: 'http',
            url: history.length ? String(history[history.length - 1]) : spec.url,
            status: response.statusCode,
            headers: responseHeaders,
            body: text,
            bodyTruncated: truncated,
            json: parseJson(text, truncated),
            redirects: Math.max(0, history.length - 1),
            durationMs: performance.now() - started
        };
    }
    catch (error) {
        return {
            kind: 'http',
            url: spec.url,
            error: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .U)(error, timedOut(), options.timeoutMs),
            timedOut: timedOut(),
            durationMs: performance.now() - started
        };
    }
    finally {
        dispose();
        if (pools !== options.httpPools)
            await pools.close();
    }
}
/** The URL to request, without `user:password@`, and the Basic auth those credentials make. */
function withoutCredentials(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return { url };
    }
    if (!parsed.username && !parsed.password)
        return { url };
    const credentials = `${(0,_secrets_url_password_js__WEBPACK_IMPORTED_MODULE_0__/* .percentDecoded */ .oF)(parsed.username)}:${(0,_secrets_url_password_js__WEBPACK_IMPORTED_MODULE_0__/* .percentDecoded */ .oF)(parsed.password)}`;
    parsed.username = '';
    parsed.password = '';
    return { url: parsed.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}
/** Reads at most `limit` bytes, then stops the download: a health check never needs more. */
async function readCapped(body, limit) {
    const chunks = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of body) {
        const buffer = chunk;
        if (size + buffer.length > limit) {
            chunks.push(buffer.subarray(0, limit - size));
            truncated = true;
            body.destroy();
            break;
        }
        chunks.push(buffer);
        size += buffer.length;
    }
    return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}
function flattenHeaders(headers) {
    const flat = {};
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined)
            flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return flat;
}
function parseJson(text, truncated) {
    if (truncated || !text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 9657:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   observeAuth: () => (/* binding */ observeAuth),
/* harmony export */   observeCors: () => (/* binding */ observeCors),
/* harmony export */   observeHeaders: () => (/* binding */ observeHeaders),
/* harmony export */   observeTls: () => (/* binding */ observeTls),
/* harmony export */   scanPorts: () => (/* binding */ scanPorts)
/* harmony export */ });
/* unused harmony export DISALLOWED_ORIGIN */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(370);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3802);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9879);
// The security probes: each observes and returns plain data for the judge, bounded in time, and
// never throws for what a server does. Requests carry no credentials of the configuration, so they
// do not need a trusted chain to be safe: they look at the answer even when TLS would be refused,
// and whether TLS should be refused is the TLS rules' verdict.





/** An origin no deployment allows: `.invalid` is reserved (RFC 2606). */
const DISALLOWED_ORIGIN = 'https://deploy-verify.invalid';
/** The security probes read headers; bodies are not needed beyond this. */
const MAX_BODY_BYTES = 4096;
const DEFAULT_SCAN_CONCURRENCY = 16;
async function observeTls(target, options) {
    const servername = target.servername ?? target.host;
    const base = { host: target.host, port: target.port, servername };
    const attempt = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .attemptSignal */ .e)(options);
    let socket;
    try {
        return await new Promise((resolve, reject) => {
            socket = (0,node_tls__WEBPACK_IMPORTED_MODULE_1__.connect)({
                host: target.host,
                port: target.port,
                // Server Name Indication carries names only, never addresses.
                servername: isAddress(servername) ? undefined : servername,
                ca: target.ca ? [...node_tls__WEBPACK_IMPORTED_MODULE_1__.rootCertificates, target.ca] : undefined,
                // Observe everything; the judge decides. Old protocols must be reachable to be reported.
                rejectUnauthorized: false,
                checkServerIdentity: () => undefined,
                minVersion: 'TLSv1',
                ciphers: 'DEFAULT:@SECLEVEL=0'
            });
            socket.once('secureConnect', () => {
                const tls = socket;
                resolve({
                    ...base,
                    chainTrusted: tls.authorized,
                    chainError: tls.authorizationError === undefined ? undefined : String(tls.authorizationError),
                    protocol: tls.getProtocol() ?? undefined,
                    certificate: certificateFacts(tls.getPeerCertificate())
                });
            });
            socket.once('error', reject);
            attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
        });
    }
    catch (error) {
        return { ...base, error: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .U)(error, attempt.timedOut(), options.timeoutMs) };
    }
    finally {
        attempt.dispose();
        socket?.destroy();
    }
}
function certificateFacts(certificate) {
    if (!certificate.valid_to)
        return undefined;
    return {
        subjectCommonName: first(certificate.subject?.CN),
        subjectAltName: certificate.subjectaltname,
        issuer: first(certificate.issuer?.CN ?? certificate.issuer?.O),
        validFrom: new Date(certificate.valid_from),
        validTo: new Date(certificate.valid_to)
    };
}
/** Distinguished-name fields repeat as arrays when a certificate has several. */
function first(value) {
    return Array.isArray(value) ? value[0] : value;
}
function isAddress(host) {
    return /^[\d.]+$/.test(host) || host.includes(':');
}
/** A request for headers only: no redirects, no credentials, a short body read. */
function headRequest(url, method, headers) {
    const plain = withoutUserInfo(url);
    return {
        kind: 'http',
        method,
        url: plain,
        headers,
        tls: { insecureSkipVerify: true },
        followRedirects: false,
        maxRedirects: 0,
        maxBodyBytes: MAX_BODY_BYTES,
        expect: { status: [] }
    };
}
/** Credentials written in a URL would turn into Basic auth: the security probes send none. */
function withoutUserInfo(url) {
    try {
        const parsed = new URL(url);
        parsed.username = '';
        parsed.password = '';
        return parsed.toString();
    }
    catch {
        return url;
    }
}
/**
 * A preflight and a simple request from each origin: the allowed one given (if any) and an origin
 * nobody allows.
 */
async function observeCors(url, allowedOrigin, options) {
    const origins = [...(allowedOrigin && allowedOrigin !== '*' ? [allowedOrigin] : []), DISALLOWED_ORIGIN];
    const requests = origins.flatMap(origin => [
        {
            kind: 'preflight',
            origin,
            spec: headRequest(url, 'OPTIONS', {
                origin,
                'access-control-request-method': 'GET',
                'access-control-request-headers': 'authorization'
            })
        },
        { kind: 'simple', origin, spec: headRequest(url, 'GET', { origin }) }
    ]);
    return Promise.all(requests.map(async ({ kind, origin, spec }) => {
        const answer = await (0,_http_js__WEBPACK_IMPORTED_MODULE_3__.probeHttp)(spec, options);
        return {
            kind,
            origin,
            status: answer.status,
            error: answer.error,
            allowOrigin: answer.headers?.['access-control-allow-origin'],
            allowCredentials: answer.headers?.['access-control-allow-credentials']
        };
    }));
}
async function observeHeaders(url, options) {
    const answer = await (0,_http_js__WEBPACK_IMPORTED_MODULE_3__.probeHttp)(headRequest(url, 'GET', {}), options);
    return { url: answer.url, status: answer.status, error: answer.error, headers: answer.headers ?? {} };
}
/** The endpoint asked without any credentials. */
async function observeAuth(url, options) {
    const answer = await (0,_http_js__WEBPACK_IMPORTED_MODULE_3__.probeHttp)(headRequest(url, 'GET', {}), options);
    return { url: answer.url, status: answer.status, error: answer.error };
}
/** Which of `ports` on `host` accept a TCP connection, a bounded number at a time. */
async function scanPorts(host, ports, options) {
    const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_4__/* ["default"] */ .A)(options.concurrency ?? DEFAULT_SCAN_CONCURRENCY);
    return Promise.all(ports.map(port => limit(() => knock(host, port, options))));
}
async function knock(host, port, options) {
    const attempt = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .attemptSignal */ .e)(options);
    const socket = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.connect)({ host, port });
    try {
        await new Promise((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('error', reject);
            attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
        });
        return { port, open: true };
    }
    catch (error) {
        return { port, open: false, reason: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .U)(error, attempt.timedOut(), options.timeoutMs) };
    }
    finally {
        attempt.dispose();
        socket.destroy();
    }
}


/***/ })

};
