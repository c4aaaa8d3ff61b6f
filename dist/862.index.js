export const id = 862;
export const ids = [862,879];
export const modules = {

/***/ 43802:
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

/***/ 49879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   probeHttp: () => (/* binding */ probeHttp)
/* harmony export */ });
/* harmony import */ var _secrets_url_password_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13824);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43802);
/* harmony import */ var _http_pools_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(21589);
/* harmony import */ var _undici_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(11699);




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

/***/ 66862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_ANSWER_BYTES: () => (/* binding */ MAX_ANSWER_BYTES),
  probeMetrics: () => (/* binding */ probeMetrics),
  probePrometheus: () => (/* binding */ probePrometheus)
});

// EXTERNAL MODULE: ./src/metrics/selector.ts
var selector = __webpack_require__(51500);
// EXTERNAL MODULE: ./src/metrics/quoted.ts
var metrics_quoted = __webpack_require__(26673);
;// CONCATENATED MODULE: ./src/metrics/exposition.ts
// The Prometheus text exposition format (version 0.0.4, which OpenMetrics text also reads as):
// one sample per line, `name{label="value",...} value [timestamp]`, with `# HELP` and `# TYPE`
// lines and other comments. Histograms and summaries are plain samples here (`_bucket{le=...}`,
// `_sum`, `_count`, `{quantile=...}`), which selectors pick like any other.


const TYPES = new Set([
    'counter',
    'gauge',
    'histogram',
    'summary',
    'untyped',
    'unknown',
    'info',
    'stateset',
    'gaugehistogram'
]);
const FLOAT = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
const TIMESTAMP = /^-?\d+$/;
function parseExposition(text) {
    const samples = [];
    const lines = text.split('\n');
    for (const [index, raw] of lines.entries()) {
        const line = raw.replace(/\r$/, '').trim();
        if (line === '')
            continue;
        const problem = line.startsWith('#') ? commentProblem(line) : readSample(line, samples);
        if (problem !== undefined)
            return { samples, problem: { line: index + 1, message: problem } };
    }
    return { samples };
}
/** `# HELP name text` and `# TYPE name type` must be well formed; any other comment is free text. */
function commentProblem(line) {
    const [, keyword, name, rest = ''] = /^#\s+(HELP|TYPE)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(line) ?? [];
    if (keyword === undefined)
        return undefined;
    if (name === undefined || selector/* METRIC_NAME */.X7.exec(name)?.[0] !== name)
        return `# ${keyword} names no metric`;
    if (keyword === 'TYPE' && !TYPES.has(rest.trim()))
        return `# TYPE ${name} has an unknown type '${rest.trim()}'`;
    return undefined;
}
function readSample(line, samples) {
    const name = selector/* METRIC_NAME */.X7.exec(line)?.[0];
    if (name === undefined)
        return 'a sample must start with a metric name';
    let rest = line.slice(name.length).trimStart();
    const labels = {};
    if (rest.startsWith('{')) {
        rest = rest.slice(1).trimStart();
        while (!rest.startsWith('}')) {
            const label = selector/* LABEL_NAME */.jP.exec(rest)?.[0];
            if (label === undefined)
                return `${name}: expected a label name or }`;
            rest = rest.slice(label.length).trimStart();
            if (!rest.startsWith('='))
                return `${name}: expected = after label ${label}`;
            const quoted = (0,metrics_quoted/* readQuoted */.z)(rest.slice(1).trimStart());
            if ('problem' in quoted)
                return `${name}, label ${label}: ${quoted.problem}`;
            if (label in labels)
                return `${name}: label ${label} is given twice`;
            labels[label] = quoted.value;
            rest = quoted.rest.trimStart();
            if (rest.startsWith(','))
                rest = rest.slice(1).trimStart();
            else if (!rest.startsWith('}'))
                return `${name}: expected , or } after label ${label}`;
        }
        rest = rest.slice(1);
    }
    const [written = '', timestamp, extra] = rest.trim().split(/\s+/);
    const value = parseSampleValue(written);
    if (value === undefined)
        return `${name}: '${written}' is not a number`;
    if (extra !== undefined)
        return `${name}: unexpected '${extra}' after the timestamp`;
    if (timestamp !== undefined && !TIMESTAMP.test(timestamp)) {
        return `${name}: timestamp '${timestamp}' is not whole milliseconds`;
    }
    samples.push({
        name,
        labels,
        value,
        ...(timestamp !== undefined && { timestampMs: Number(timestamp) })
    });
    return undefined;
}
/** A sample value as Go writes floats: 1.5, 1e3, NaN, +Inf, -Inf; undefined for anything else. */
function parseSampleValue(text) {
    if (!FLOAT.test(text))
        return undefined;
    // Number() reads 1e3 and Infinity but not Go's Inf or NaN spellings in any case.
    const word = text.replace(/^[+-]/, '').toLowerCase();
    if (word === 'nan')
        return NaN;
    if (word === 'inf' || word === 'infinity')
        return text.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
}

// EXTERNAL MODULE: ./src/probes/http.ts
var probes_http = __webpack_require__(49879);
;// CONCATENATED MODULE: ./src/probes/metrics.ts


/** A Prometheus answer is read up to this size; an instant query worth judging is far smaller. */
const MAX_ANSWER_BYTES = 4 * 1_048_576;
/** Warnings kept per answer, each up to this many characters: a server cannot flood the report. */
const MAX_WARNINGS = 10;
const MAX_WARNING_CHARS = 500;
async function probeMetrics(spec, options) {
    const http = await (0,probes_http.probeHttp)(getSpec(spec.url, spec.headers, spec.maxBodyBytes), options);
    const base = { kind: 'metrics', status: http.status, durationMs: http.durationMs, samples: [] };
    const failed = httpError(http);
    if (failed !== undefined)
        return { ...base, error: failed, ...(http.timedOut && { timedOut: true }) };
    // A cut exposition is read up to its last whole line: a cut line would be a false sample.
    const body = http.body ?? '';
    const text = http.bodyTruncated ? body.slice(0, body.lastIndexOf('\n') + 1) : body;
    const { samples, problem } = parseExposition(text);
    if (problem) {
        return {
            ...base,
            error: `line ${problem.line} of the exposition is not in the Prometheus text format: ${problem.message}`
        };
    }
    return { ...base, samples, ...(http.bodyTruncated && { truncatedAt: spec.maxBodyBytes }) };
}
async function probePrometheus(spec, options) {
    const started = performance.now();
    const answers = await Promise.all(spec.rules.map(async (rule) => {
        const url = new URL('api/v1/query', spec.url.endsWith('/') ? spec.url : `${spec.url}/`);
        url.searchParams.set('query', rule.expression);
        const http = await (0,probes_http.probeHttp)(getSpec(url.toString(), spec.headers, MAX_ANSWER_BYTES), options);
        return [rule.name, readAnswer(http)];
    }));
    return { kind: 'prometheus', answers: Object.fromEntries(answers), durationMs: performance.now() - started };
}
function getSpec(url, headers, maxBodyBytes) {
    return {
        kind: 'http',
        method: 'GET',
        url,
        headers,
        tls: { insecureSkipVerify: false },
        followRedirects: true,
        maxRedirects: 5,
        maxBodyBytes,
        expect: { status: ['2xx'] }
    };
}
function httpError(http) {
    if (http.error !== undefined)
        return http.error;
    if (http.status === 401 || http.status === 403) {
        return `answered HTTP ${http.status}: the credentials were refused (check the headers)`;
    }
    if (http.status === undefined || http.status >= 300)
        return `answered HTTP ${http.status}`;
    return undefined;
}
/**
 * The Prometheus HTTP API answers `{status, data: {resultType, result}, warnings}`, or
 * `{status: 'error', errorType, error}` with a 4xx or 5xx. Every field is checked: the answer is
 * data from outside.
 */
function readAnswer(http) {
    const answer = record(http.json);
    const warnings = Array.isArray(answer?.warnings)
        ? answer.warnings.slice(0, MAX_WARNINGS).map(w => String(w).slice(0, MAX_WARNING_CHARS))
        : [];
    const fail = (error) => ({ series: [], warnings, error });
    if (http.error !== undefined)
        return fail(http.error);
    if (answer?.status === 'error') {
        return fail(`Prometheus refused the query (${metrics_text(answer.errorType)}): ${metrics_text(answer.error)}`);
    }
    if (answer === undefined || answer.status !== 'success') {
        const problem = httpError(http);
        if (problem !== undefined)
            return fail(problem);
        return fail(http.bodyTruncated
            ? `the answer is larger than ${MAX_ANSWER_BYTES} bytes: narrow the query`
            : 'the answer is not a Prometheus API answer (is the URL the server, not a page in front of it?)');
    }
    const data = record(answer.data);
    const series = seriesOf(data?.resultType, data?.result);
    return typeof series === 'string' ? fail(series) : { series, warnings };
}
/** The instant values of a vector or scalar result; a problem in words for anything else. */
function seriesOf(type, result) {
    if (type === 'scalar') {
        const value = sampleValue(result);
        return value === undefined ? 'the scalar result has no value' : [{ labels: {}, value }];
    }
    if (type !== 'vector' || !Array.isArray(result)) {
        return `a ${metrics_text(type)} result cannot be judged against a bound: write an instant query whose result is a vector or a scalar`;
    }
    const series = [];
    for (const item of result) {
        const value = sampleValue(record(item)?.value);
        if (value === undefined)
            return 'a series of the result has no value';
        series.push({ labels: labelsOf(record(item)?.metric), value });
    }
    return series;
}
/** `[timestamp, "value"]`, the value a string so that NaN and ±Inf survive JSON. */
function sampleValue(pair) {
    if (!Array.isArray(pair) || typeof pair[1] !== 'string')
        return undefined;
    return parseSampleValue(pair[1]);
}
function labelsOf(metric) {
    return Object.fromEntries(Object.entries(record(metric) ?? {}).map(([name, value]) => [name, String(value)]));
}
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
function metrics_text(value) {
    return String(value).slice(0, MAX_WARNING_CHARS);
}


/***/ })

};
