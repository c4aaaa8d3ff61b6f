export const id = 960;
export const ids = [960];
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

/***/ 7960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_QUERY_ROWS: () => (/* binding */ MAX_QUERY_ROWS),
/* harmony export */   probePostgres: () => (/* binding */ probePostgres)
/* harmony export */ });
/* harmony import */ var pg__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3849);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3802);
/* harmony import */ var _model_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7206);
// Observes a PostgreSQL server with pg: version, extensions, the requested tables' columns, and the
// configured query. One connection per attempt, always closed, whatever happens.



/** The configured query's rows are kept up to this many: expectations read a few, never millions. */
const MAX_QUERY_ROWS = 1000;
async function probePostgres(spec, options) {
    const started = performance.now();
    const { signal, timedOut, dispose } = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptSignal */ .e)(options);
    const client = new pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Client */ .Ay.Client({
        connectionString: spec.url,
        connectionTimeoutMillis: options.timeoutMs,
        query_timeout: options.timeoutMs,
        // The server stops the statement too, rather than running on after the client gave up.
        statement_timeout: options.timeoutMs,
        application_name: 'deploy-verify'
    });
    // pg takes no AbortSignal: ending the client is what interrupts a pending connect or query.
    const stop = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    client.on('error', () => undefined);
    const observation = { kind: 'postgres', durationMs: 0 };
    try {
        await client.connect();
        observation.serverVersion = (await client.query('SHOW server_version'))
            .rows[0]?.server_version;
        const extensions = await client.query('SELECT extname, extversion FROM pg_extension');
        observation.extensions = Object.fromEntries(extensions.rows.map(r => [r.extname, r.extversion]));
        if (spec.tables.length)
            observation.tables = await tableColumns(client, spec.tables.map(t => t.name));
        if (spec.query) {
            const queryStarted = performance.now();
            try {
                // Values travel as bind parameters, apart from the SQL text.
                const { rows, truncated } = await firstRows(client, spec.query.sql, spec.query.params);
                observation.queryRows = rows;
                if (truncated)
                    observation.queryRowsTruncated = MAX_QUERY_ROWS;
            }
            catch (error) {
                // A query cut off by the attempt's timeout is a timeout of the attempt, not a query error.
                if (timedOut())
                    throw error;
                observation.queryError = (0,_model_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error);
            }
            observation.queryMs = performance.now() - queryStarted;
        }
    }
    catch (error) {
        observation.error = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .U)(error, timedOut(), options.timeoutMs);
        observation.timedOut = timedOut();
    }
    finally {
        dispose();
        signal.removeEventListener('abort', stop);
        await client.end().catch(() => undefined);
    }
    observation.durationMs = performance.now() - started;
    return observation;
}
/**
 * The first MAX_QUERY_ROWS rows of `sql`, counted as they arrive; past them the connection is
 * dropped, which stops both the download and, on its next write, the server's statement.
 */
function firstRows(client, sql, params) {
    return new Promise((resolve, reject) => {
        // The callback (which pg's query timeout needs) keeps the rows too, until the cut.
        const query = new pg__WEBPACK_IMPORTED_MODULE_0__/* ["default"].Query */ .Ay.Query(sql, params ? [...params] : undefined, (error, result) => (error ? reject(error) : resolve({ rows: result.rows, truncated: false })));
        query.on('row', (_row, result) => {
            if (result && result.rows.length >= MAX_QUERY_ROWS) {
                resolve({ rows: result.rows.slice(0, MAX_QUERY_ROWS), truncated: true });
                client.connection.stream.destroy();
            }
        });
        client.query(query);
    });
}
/** Columns of the requested tables that exist, keyed by the name as the user wrote it. */
async function tableColumns(client, names) {
    const qualified = names.map(name => (name.includes('.') ? name : `public.${name}`));
    const result = await client.query(`SELECT table_schema || '.' || table_name AS name, column_name
       FROM information_schema.columns
      WHERE table_schema || '.' || table_name = ANY($1)
      ORDER BY ordinal_position`, [qualified]);
    const tables = {};
    names.forEach((name, i) => {
        const columns = result.rows.filter(r => r.name === qualified[i]).map(r => r.column_name);
        if (columns.length)
            tables[name] = columns;
    });
    return tables;
}


/***/ })

};
