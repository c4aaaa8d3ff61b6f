export const id = 266;
export const ids = [266,879];
export const modules = {

/***/ 4266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  examineSecurity: () => (/* binding */ examineSecurity)
});

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./src/judge/security-rules.ts
var security_rules = __webpack_require__(7503);
;// CONCATENATED MODULE: ./src/judge/security.ts
// The security judge: observations in, one finding per rule and target out, then the level (and the
// configuration's overrides) decides whether a broken rule fails, warns or is ignored. Pure.


const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const DAY_MS = 86_400_000;
/** 180 days: below this, HSTS lapses between visits of an ordinary user. */
const MIN_HSTS_MAX_AGE_S = 15_552_000;
/** Longest text of a server's header quoted in a message. */
const QUOTE_CHARS = 80;
/** What the level and the overrides make of a finding. */
function decide(finding, level, overrides = {}) {
    const { rule, target, problem } = finding;
    if (problem === undefined)
        return { rule, target, status: 'passed', message: finding.seen ?? 'as expected' };
    const action = (0,security_rules/* actionFor */.cY)(rule, level, overrides);
    if (action === 'ignore')
        return { rule, target, status: 'ignored', message: `${problem} (ignored at level ${level})` };
    const status = action === 'fail' && !finding.warnOnly ? 'failed' : 'warning';
    return { rule, target, status, message: problem };
}
function judgeTls(target, observation, settings, now) {
    const rules = ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.protocol'];
    const { certificate, error } = observation;
    if (error !== undefined || !certificate) {
        const problem = `no TLS handshake with ${observation.host}:${observation.port}: ${error ?? 'no certificate'}`;
        return rules.map(rule => ({ rule, target, problem }));
    }
    return [
        { rule: 'tls.trusted', target, ...trust(observation) },
        { rule: 'tls.hostname', target, ...hostname(observation.servername, certificate) },
        { rule: 'tls.expiry', target, ...expiry(certificate, settings.minDays, now) },
        { rule: 'tls.protocol', target, ...protocol(observation.protocol, settings.minVersion) }
    ];
}
/** Dates are the expiry rule's concern, so an expired certificate is not also called untrusted. */
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CHAIN_WORDS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'the chain ends in a self-signed CA that is not trusted',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the issuer of the certificate is not known',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the certificate is not known'
};
function trust({ chainTrusted, chainError }) {
    if (chainTrusted || (chainError !== undefined && DATE_ERRORS.has(chainError)))
        return { seen: 'the certificate chain ends in a trusted CA' };
    const words = chainError && (CHAIN_WORDS[chainError] ?? chainError);
    return { problem: `the certificate chain is not trusted${words ? `: ${words}` : ''}` };
}
function hostname(servername, certificate) {
    const names = namesOf(certificate);
    const peer = {
        subject: { CN: certificate.subjectCommonName },
        subjectaltname: certificate.subjectAltName
    };
    if ((0,external_node_tls_.checkServerIdentity)(servername, peer) === undefined)
        return { seen: `issued for ${servername}` };
    return { problem: `issued for ${names.join(', ') || 'no name'}, not ${servername}` };
}
/** The names a certificate is issued for: its alternative names, else its common name. */
function namesOf(certificate) {
    const alternatives = (certificate.subjectAltName ?? '')
        .split(',')
        .map(entry => /^\s*(?:DNS|IP Address):(.+)/.exec(entry)?.[1]?.trim())
        .filter((name) => Boolean(name));
    if (alternatives.length > 0)
        return alternatives;
    return certificate.subjectCommonName ? [certificate.subjectCommonName] : [];
}
function expiry(certificate, minDays, now) {
    const { validFrom, validTo } = certificate;
    if (validFrom.getTime() > now.getTime())
        return { problem: `not valid before ${day(validFrom)}` };
    const days = daysLeft(validTo, now);
    if (validTo.getTime() <= now.getTime())
        return { problem: `expired on ${day(validTo)}, ${count(daysLeft(now, validTo))} ago` };
    const when = `expires on ${day(validTo)}, in ${count(days)}`;
    if (days < minDays.fail)
        return { problem: `${when} (fails under ${minDays.fail})` };
    if (days < minDays.warn)
        return { problem: `${when} (warns under ${minDays.warn})`, warnOnly: true };
    return { seen: when };
}
/** Whole days from `now` until `validTo`: negative once it has passed. */
function daysLeft(validTo, now) {
    return Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
}
function protocol(negotiated, minimum) {
    const rank = TLS_VERSIONS.indexOf(negotiated);
    if (rank >= TLS_VERSIONS.indexOf(minimum))
        return { seen: `negotiated ${negotiated}` };
    return { problem: `negotiated ${negotiated ?? 'an unknown protocol'}, below the minimum ${minimum}` };
}
function judgeCors(target, answers, settings) {
    const rules = ['cors.disallowed-origin', 'cors.reflected-origin', 'cors.wildcard-credentials'];
    const answered = answers.filter(answer => answer.error === undefined);
    if (answered.length === 0) {
        const problem = `no answer to a request with an Origin header: ${answers[0]?.error ?? 'nothing sent'}`;
        return rules.map(rule => ({ rule, target, problem }));
    }
    const allowsAny = settings.allowedOrigins.includes('*');
    const disallowed = answered.filter(answer => !settings.allowedOrigins.includes(answer.origin));
    const withCredentials = (answer) => answer.allowCredentials?.trim().toLowerCase() === 'true';
    const said = (answer) => `a ${answer.kind} request from ${answer.origin} was answered Access-Control-Allow-Origin: ${quote(answer.allowOrigin ?? '')}${withCredentials(answer) ? ' with credentials' : ''}`;
    const allowed = disallowed.find(answer => answer.allowOrigin === answer.origin || (answer.allowOrigin?.trim() === '*' && !allowsAny));
    const reflected = disallowed.find(answer => answer.allowOrigin === answer.origin);
    // A browser sends credentials only where the answer also names an allowed origin: without one,
    // Access-Control-Allow-Credentials alone grants nothing.
    const credentialed = settings.credentials
        ? undefined
        : answered.find(answer => withCredentials(answer) && (answer.allowOrigin?.trim() ?? '') !== '');
    const wildcard = answered.find(answer => answer.allowOrigin?.trim() === '*' && withCredentials(answer));
    const allowedList = settings.allowedOrigins.join(', ') || 'none';
    return [
        allowed
            ? {
                rule: rules[0],
                target,
                problem: `allows an origin not in allowed_origins (${allowedList}): ${said(allowed)}`
            }
            : credentialed
                ? {
                    rule: rules[0],
                    target,
                    problem: `allows credentials, which cors.credentials does not: ${said(credentialed)}`
                }
                : { rule: rules[0], target, seen: `origins outside allowed_origins (${allowedList}) are refused` },
        reflected
            ? { rule: rules[1], target, problem: `reflects any origin: ${said(reflected)}` }
            : { rule: rules[1], target, seen: 'the Origin header is not reflected' },
        wildcard
            ? { rule: rules[2], target, problem: `allows any origin with credentials: ${said(wildcard)}` }
            : { rule: rules[2], target, seen: '* is not combined with credentials' }
    ];
}
function judgeHeaders(target, observation) {
    const rules = [
        'headers.strict-transport-security',
        'headers.x-content-type-options',
        'headers.frame-protection',
        'headers.content-security-policy',
        'headers.referrer-policy',
        'headers.version-leak'
    ];
    if (observation.error !== undefined) {
        const problem = `no answer from ${observation.url}: ${observation.error}`;
        return rules.map(rule => ({ rule, target, problem }));
    }
    const { headers } = observation;
    const https = observation.url.toLowerCase().startsWith('https:');
    return [
        { rule: rules[0], target, ...hsts(headers['strict-transport-security'], https) },
        { rule: rules[1], target, ...contentTypeOptions(headers['x-content-type-options']) },
        { rule: rules[2], target, ...frameProtection(headers) },
        { rule: rules[3], target, ...contentSecurityPolicy(headers['content-security-policy']) },
        { rule: rules[4], target, ...referrerPolicy(headers['referrer-policy']) },
        { rule: rules[5], target, ...versionLeak(headers) }
    ];
}
function hsts(value, https) {
    if (!https)
        return { problem: 'served over plain HTTP, where Strict-Transport-Security has no effect' };
    if (value === undefined)
        return { problem: 'Strict-Transport-Security is missing' };
    const maxAge = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(value)?.[1];
    if (maxAge === undefined)
        return { problem: `Strict-Transport-Security has no max-age: ${quote(value)}` };
    if (Number(maxAge) < MIN_HSTS_MAX_AGE_S)
        return {
            problem: `Strict-Transport-Security max-age=${maxAge} is under 180 days (${MIN_HSTS_MAX_AGE_S} seconds)`
        };
    return { seen: `Strict-Transport-Security: ${quote(value)}` };
}
function contentTypeOptions(value) {
    if (value === undefined)
        return { problem: 'X-Content-Type-Options is missing (expected nosniff)' };
    if (value.trim().toLowerCase() !== 'nosniff')
        return { problem: `X-Content-Type-Options is ${quote(value)}, not nosniff` };
    return { seen: 'X-Content-Type-Options: nosniff' };
}
function frameProtection(headers) {
    const ancestors = directive(headers['content-security-policy'], 'frame-ancestors');
    if (ancestors !== undefined)
        return { seen: `Content-Security-Policy frame-ancestors ${quote(ancestors)}` };
    const frameOptions = headers['x-frame-options']?.trim();
    if (frameOptions === undefined)
        return {
            problem: 'no frame protection: neither X-Frame-Options nor Content-Security-Policy frame-ancestors'
        };
    if (/^(deny|sameorigin)$/i.test(frameOptions))
        return { seen: `X-Frame-Options: ${frameOptions}` };
    return { problem: `X-Frame-Options is ${quote(frameOptions)}: only DENY or SAMEORIGIN protect` };
}
function directive(policy, name) {
    for (const part of (policy ?? '').split(';')) {
        const [key, ...values] = part.trim().split(/\s+/);
        if (key?.toLowerCase() === name)
            return values.join(' ');
    }
    return undefined;
}
function contentSecurityPolicy(value) {
    if (value === undefined || value.trim() === '')
        return { problem: 'Content-Security-Policy is missing' };
    return { seen: `Content-Security-Policy: ${quote(value)}` };
}
/** The policies that send the full URL to other origins, or over plain HTTP. */
const LEAKING_REFERRER = new Set(['unsafe-url', 'no-referrer-when-downgrade']);
function referrerPolicy(value) {
    if (value === undefined)
        return { problem: 'Referrer-Policy is missing' };
    // Browsers use the last policy they understand.
    const policy = value
        .slice(value.lastIndexOf(',') + 1)
        .trim()
        .toLowerCase();
    if (LEAKING_REFERRER.has(policy))
        return { problem: `Referrer-Policy ${policy} sends full URLs to other sites` };
    return { seen: `Referrer-Policy: ${quote(value)}` };
}
const VERSION = /\d+\.\d+|\/\s*\d/;
function versionLeak(headers) {
    const leaks = [
        ['Server', headers.server],
        ['X-Powered-By', headers['x-powered-by']]
    ].filter((pair) => pair[1] !== undefined && VERSION.test(pair[1]));
    if (leaks.length === 0)
        return { seen: 'no software version in Server or X-Powered-By' };
    return {
        problem: `tells the software version: ${leaks.map(([name, value]) => `${name}: ${quote(value)}`).join(', ')}`
    };
}
function judgeAuth(target, observation) {
    const rule = 'auth_required.open';
    const { url, status, error } = observation;
    if (error !== undefined || status === undefined)
        return {
            rule,
            target,
            problem: `${url} did not answer, so it is not known to require credentials: ${error ?? ''}`
        };
    if (status === 401 || status === 403)
        return { rule, target, seen: `${url} answered ${status} without credentials` };
    return { rule, target, problem: `${url} answered ${status} without credentials; it must answer 401 or 403` };
}
function judgePorts(target, host, expected, observations) {
    const rule = 'ports.unexpected-open';
    const open = observations.filter(port => port.open).map(port => port.port);
    const unexpected = open.filter(port => !expected.includes(port));
    const expectedText = expected.length > 0 ? expected.join(', ') : 'none';
    if (unexpected.length > 0) {
        const ports = unexpected.length === 1 ? `port ${unexpected[0]}` : `ports ${unexpected.join(', ')}`;
        return {
            rule,
            target,
            problem: `${ports} on ${host} ${unexpected.length === 1 ? 'accepts' : 'accept'} connections but ${unexpected.length === 1 ? 'is' : 'are'} not expected (expected: ${expectedText})`
        };
    }
    return { rule, target, seen: `open on ${host}: ${open.join(', ') || 'none'} (expected: ${expectedText})` };
}
/** The `exposed_ports` fact of the report: the scanned ports that accepted a connection. */
function exposedPorts(observations) {
    return observations.filter(port => port.open).map(port => port.port);
}
function day(date) {
    return date.toISOString().slice(0, 10);
}
function count(days) {
    return days === 1 ? '1 day' : `${days} days`;
}
/** A server's text, cut short: it is hostile and may be endless. */
function quote(text) {
    const clean = text.replace(/[\r\n]+/g, ' ');
    return clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS)}…` : clean;
}

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./src/probes/attempt.ts
var probes_attempt = __webpack_require__(3802);
// EXTERNAL MODULE: ./src/probes/http.ts
var http = __webpack_require__(9879);
;// CONCATENATED MODULE: ./src/probes/security.ts
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
    const attempt = (0,probes_attempt/* attemptSignal */.e)(options);
    let socket;
    try {
        return await new Promise((resolve, reject) => {
            socket = (0,external_node_tls_.connect)({
                host: target.host,
                port: target.port,
                // Server Name Indication carries names only, never addresses.
                servername: isAddress(servername) ? undefined : servername,
                ca: target.ca ? [...external_node_tls_.rootCertificates, target.ca] : undefined,
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
        return { ...base, error: (0,probes_attempt/* describeError */.U)(error, attempt.timedOut(), options.timeoutMs) };
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
        const answer = await (0,http.probeHttp)(spec, options);
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
    const answer = await (0,http.probeHttp)(headRequest(url, 'GET', {}), options);
    return { url: answer.url, status: answer.status, error: answer.error, headers: answer.headers ?? {} };
}
/** The endpoint asked without any credentials. */
async function observeAuth(url, options) {
    const answer = await (0,http.probeHttp)(headRequest(url, 'GET', {}), options);
    return { url: answer.url, status: answer.status, error: answer.error };
}
/** Which of `ports` on `host` accept a TCP connection, a bounded number at a time. */
async function scanPorts(host, ports, options) {
    const limit = (0,p_limit/* default */.A)(options.concurrency ?? DEFAULT_SCAN_CONCURRENCY);
    return Promise.all(ports.map(port => limit(() => knock(host, port, options))));
}
async function knock(host, port, options) {
    const attempt = (0,probes_attempt/* attemptSignal */.e)(options);
    const socket = (0,external_node_net_.connect)({ host, port });
    try {
        await new Promise((resolve, reject) => {
            socket.once('connect', resolve);
            socket.once('error', reject);
            attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
        });
        return { port, open: true };
    }
    catch (error) {
        return { port, open: false, reason: (0,probes_attempt/* describeError */.U)(error, attempt.timedOut(), options.timeoutMs) };
    }
    finally {
        attempt.dispose();
        socket.destroy();
    }
}

// EXTERNAL MODULE: ./src/phases/check.ts + 1 modules
var check = __webpack_require__(2529);
// EXTERNAL MODULE: ./src/phases/plan.ts
var plan = __webpack_require__(8557);
;// CONCATENATED MODULE: ./src/phases/security.ts






/** Longest header value kept in the report. */
const MAX_FACT_CHARS = 200;
/** The headers the rules read: the ones the report keeps. */
const READ_HEADERS = [
    'strict-transport-security',
    'x-content-type-options',
    'x-frame-options',
    'content-security-policy',
    'referrer-policy',
    'server',
    'x-powered-by'
];
async function examineSecurity(config, options, context) {
    const planned = new Map((0,plan/* securityIdentities */.Lj)(config).map(identity => [identity.key, identity]));
    const probe = { timeoutMs: options.timeoutMs, signal: context.signal };
    const units = [
        ...config.targets.map(target => ({
            target: target.name,
            rules: (0,plan/* targetRules */.ZF)(target.url),
            observe: async () => {
                const url = new URL(target.url);
                const [tls, cors, headers] = await Promise.all([
                    (0,plan/* isHttps */.Q6)(target.url)
                        ? observeTls({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), ca: target.ca }, probe)
                        : undefined,
                    observeCors(target.url, config.cors.allowedOrigins[0], probe),
                    observeHeaders(target.url, probe)
                ]);
                return {
                    target: target.name,
                    facts: {
                        url: target.url,
                        ...(tls ? { tls: tlsFacts(tls, options.now) } : {}),
                        headers: securityHeaders(headers.headers),
                        cors: cors.map(corsFact)
                    },
                    findings: [
                        ...(tls ? judgeTls(target.name, tls, config.tls, options.now) : []),
                        ...judgeCors(target.name, cors, config.cors),
                        ...judgeHeaders(target.name, headers)
                    ]
                };
            }
        })),
        ...config.authRequired.map(endpoint => ({
            target: endpoint.name,
            rules: (0,security_rules/* rulesOfArea */.UF)('auth_required'),
            observe: async () => ({
                target: endpoint.name,
                facts: { url: endpoint.url },
                findings: [judgeAuth(endpoint.name, await observeAuth(endpoint.url, probe))]
            })
        })),
        ...(config.ports ? [config.ports] : []).map(ports => ({
            target: ports.host,
            rules: (0,security_rules/* rulesOfArea */.UF)('ports'),
            observe: async () => {
                const observations = await scanPorts(ports.host, ports.scan, probe);
                return {
                    target: ports.host,
                    facts: { url: ports.host, exposed_ports: exposedPorts(observations) },
                    findings: [judgePorts(ports.host, ports.host, ports.expected, observations)]
                };
            }
        }))
    ];
    const examined = await Promise.all(units.map(async (unit) => {
        const identities = unit.rules.flatMap(rule => planned.get((0,plan/* securityKey */.oS)(rule, unit.target)) ?? []);
        const started = context.clock.now();
        const done = identities.map(identity => context.running?.(identity));
        try {
            const seen = await unit.observe();
            return { ...seen, durationMs: Math.round(context.clock.now() - started) };
        }
        catch (error) {
            // The probes never throw for what a server does: this is our fault, not the target's.
            for (const identity of identities)
                context.record((0,check/* erroredCheck */.QX)(identity, `could not be evaluated: ${(0,errors/* errorMessage */.g)(error)}`));
            return undefined;
        }
        finally {
            for (const finish of done)
                finish?.();
        }
    }));
    const targets = {};
    for (const unit of examined) {
        if (!unit)
            continue;
        // A service and an auth_required URL may share a name: their facts share its entry.
        const entry = {
            ...targets[unit.target],
            ...unit.facts,
            findings: targets[unit.target]?.findings ?? []
        };
        targets[unit.target] = entry;
        for (const finding of unit.findings) {
            const { status, message } = decide(finding, config.level, config.overrides);
            if (status !== 'passed')
                entry.findings.push({ rule: finding.rule, status, message });
            const identity = planned.get((0,plan/* securityKey */.oS)(finding.rule, finding.target));
            if (!identity || status === 'ignored')
                continue;
            context.logger.info(`${identity.id}: ${status}`);
            context.record({ identity, status, message, durationMs: unit.durationMs, attempts: 1 });
        }
    }
    return { level: config.level, targets };
}
function tlsFacts(observation, now) {
    const { certificate } = observation;
    return {
        protocol: observation.protocol ?? null,
        trusted: observation.chainTrusted ?? null,
        chain_error: observation.chainError ?? null,
        names: certificate ? namesOf(certificate) : [],
        issuer: certificate?.issuer ?? null,
        valid_from: certificate?.validFrom.toISOString() ?? null,
        valid_to: certificate?.validTo.toISOString() ?? null,
        days_remaining: certificate ? daysLeft(certificate.validTo, now) : null,
        error: observation.error ?? null
    };
}
function corsFact(answer) {
    return {
        kind: answer.kind,
        origin: answer.origin,
        status: answer.status ?? null,
        allow_origin: answer.allowOrigin === undefined ? null : quote(answer.allowOrigin),
        allow_credentials: answer.allowCredentials === undefined ? null : quote(answer.allowCredentials),
        error: answer.error ?? null
    };
}
/** The headers the rules read, each cut short: a server's text is hostile and may be endless. */
function securityHeaders(headers) {
    return Object.fromEntries(READ_HEADERS.flatMap(name => {
        const value = headers[name];
        return value === undefined ? [] : [[name, value.slice(0, MAX_FACT_CHARS)]];
    }));
}


/***/ }),

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
