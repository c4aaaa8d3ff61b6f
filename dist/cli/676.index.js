export const id = 676;
export const ids = [676];
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

/***/ 2676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_RESPONSE_BYTES: () => (/* binding */ MAX_RESPONSE_BYTES),
/* harmony export */   probeTcp: () => (/* binding */ probeTcp)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3802);
// Observes a TCP endpoint: does it accept a connection, and what does it answer to `send`?


/** A TCP answer is read up to this size, then the connection is closed; protocols' greetings and replies are far smaller. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/**
 * Reading stops, without waiting on a clock, at the first of: the peer closes, the cap is reached,
 * or a line ends with a newline (what line protocols such as Redis, SMTP and FTP answer with).
 * Without `send`, the server's greeting is read when a response is expected (SMTP, FTP, SSH
 * banners); otherwise only the connection is observed.
 */
async function probeTcp(spec, options) {
    const started = performance.now();
    const { signal, timedOut, dispose } = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptSignal */ .e)(options);
    const socket = new node_net__WEBPACK_IMPORTED_MODULE_0__.Socket();
    let connected = false;
    let closedByServer = false;
    const chunks = [];
    let size = 0;
    try {
        await new Promise((resolve, reject) => {
            const fail = (error) => reject(error);
            signal.addEventListener('abort', () => fail(signal.reason), { once: true });
            socket.once('error', fail);
            socket.connect(spec.port, spec.host, () => {
                connected = true;
                if (!readsResponse(spec))
                    return resolve();
                socket.on('data', (chunk) => {
                    if (size < MAX_RESPONSE_BYTES)
                        chunks.push(chunk);
                    size += chunk.length;
                    if (size >= MAX_RESPONSE_BYTES || chunk.includes(10))
                        resolve();
                });
                socket.once('end', () => {
                    closedByServer = true;
                    resolve();
                });
                if (spec.send !== undefined)
                    socket.write(spec.send);
            });
        });
        return {
            kind: 'tcp',
            connected,
            response: responseText(chunks, spec),
            ...(closedByServer ? { closedByServer: true } : {}),
            // Reading stopped at the cap: what came after it was not read.
            ...(size >= MAX_RESPONSE_BYTES && { responseTruncated: MAX_RESPONSE_BYTES }),
            durationMs: performance.now() - started
        };
    }
    catch (error) {
        return {
            kind: 'tcp',
            connected,
            response: responseText(chunks, spec),
            error: (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .U)(error, timedOut(), options.timeoutMs),
            timedOut: timedOut(),
            durationMs: performance.now() - started
        };
    }
    finally {
        dispose();
        socket.destroy();
    }
}
function responseText(chunks, spec) {
    return !readsResponse(spec)
        ? undefined
        : Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}
function readsResponse(spec) {
    return spec.send !== undefined || spec.expect.response !== undefined;
}


/***/ })

};
