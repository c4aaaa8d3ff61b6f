export const id = 879;
export const ids = [879];
export const modules = {

/***/ 3802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ describeError),
/* harmony export */   e: () => (/* binding */ attemptSignal)
/* harmony export */ });
// What every probe shares for one attempt: a signal that fires on the attempt's timeout or when
// the run is cancelled, and failure wording in plain words.
function attemptSignal(options) {
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
        expired = true;
        controller.abort(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const cancel = () => controller.abort(new Error('cancelled'));
    if (options.signal?.aborted)
        cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
    return {
        signal: controller.signal,
        timedOut: () => expired,
        dispose: () => {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', cancel);
        }
    };
}
/** What makes a certificate from a private CA trusted: both work without turning verification off. */
const TRUST_ADVICE = "trust its CA: name the CA's PEM file as the service's ca_file, or set NODE_EXTRA_CA_CERTS to it in the step's env";
const CODES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'connection timed out',
    DEPTH_ZERO_SELF_SIGNED_CERT: `TLS: the server certificate is self-signed and not trusted; ${TRUST_ADVICE}`,
    SELF_SIGNED_CERT_IN_CHAIN: `TLS: the certificate chain ends in an untrusted self-signed CA; ${TRUST_ADVICE}`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `TLS: the server certificate cannot be verified; ${TRUST_ADVICE}`,
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `TLS: the server certificate is signed by a CA that is not trusted; ${TRUST_ADVICE}`,
    CERT_HAS_EXPIRED: 'TLS: the server certificate has expired',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: the certificate does not match the host name'
};
/** A probe failure in words a user acts on, e.g. "connection refused (127.0.0.1:5999)". */
function describeError(error, timedOut, timeoutMs) {
    if (timedOut)
        return `timed out after ${timeoutMs} ms`;
    const err = error;
    const cause = err?.cause;
    const code = err?.code && CODES[err.code] ? err.code : cause?.code;
    const known = code ? CODES[code] : undefined;
    const message = err?.message ?? String(error);
    const where = /\d{1,3}(\.\d{1,3}){3}:\d+|\[[0-9a-f:]+\]:\d+/i.exec(`${message} ${cause?.message ?? ''}`)?.[0];
    if (known)
        return where ? `${known} (${where})` : known;
    // The HTTP client's own words blame its connection pools; the server is what redirects in a circle.
    const loop = /^Redirect loop detected\. Cannot redirect to (\S+?)\.?(\s|$)/.exec(message);
    if (loop)
        return `redirect loop: the server redirects back to a URL it already redirected from (${loop[1]})`;
    return message;
}


/***/ }),

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


/***/ })

};
