export const id = 676;
export const ids = [676];
export const modules = {

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
