import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1916:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = true;
exports.Io = exports.kp = void 0;
var peq = new Uint32Array(0x10000);
var myers_32 = function (a, b) {
    var n = a.length;
    var m = b.length;
    var lst = 1 << (n - 1);
    var pv = -1;
    var mv = 0;
    var sc = n;
    var i = n;
    while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
    }
    for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= ((eq & pv) + pv) ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
            sc++;
        }
        if (pv & lst) {
            sc--;
        }
        mv = (mv << 1) | 1;
        pv = (pv << 1) | ~(xv | mv);
        mv &= xv;
    }
    i = n;
    while (i--) {
        peq[a.charCodeAt(i)] = 0;
    }
    return sc;
};
var myers_x = function (b, a) {
    var n = a.length;
    var m = b.length;
    var mhc = [];
    var phc = [];
    var hsize = Math.ceil(n / 32);
    var vsize = Math.ceil(m / 32);
    for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
    }
    var j = 0;
    for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
            var eq = peq[a.charCodeAt(i)];
            var pb = (phc[(i / 32) | 0] >>> i) & 1;
            var mb = (mhc[(i / 32) | 0] >>> i) & 1;
            var xv = eq | mv_1;
            var xh = ((((eq | mb) & pv_1) + pv_1) ^ pv_1) | eq | mb;
            var ph = mv_1 | ~(xh | pv_1);
            var mh = pv_1 & xh;
            if ((ph >>> 31) ^ pb) {
                phc[(i / 32) | 0] ^= 1 << i;
            }
            if ((mh >>> 31) ^ mb) {
                mhc[(i / 32) | 0] ^= 1 << i;
            }
            ph = (ph << 1) | pb;
            mh = (mh << 1) | mb;
            pv_1 = mh | ~(xv | ph);
            mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] = 0;
        }
    }
    var mv = 0;
    var pv = -1;
    var start = j * 32;
    var vlen = Math.min(32, m - start) + start;
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
    }
    var score = m;
    for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = (phc[(i / 32) | 0] >>> i) & 1;
        var mb = (mhc[(i / 32) | 0] >>> i) & 1;
        var xv = eq | mv;
        var xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += (ph >>> (m - 1)) & 1;
        score -= (mh >>> (m - 1)) & 1;
        if ((ph >>> 31) ^ pb) {
            phc[(i / 32) | 0] ^= 1 << i;
        }
        if ((mh >>> 31) ^ mb) {
            mhc[(i / 32) | 0] ^= 1 << i;
        }
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
    }
    return score;
};
var distance = function (a, b) {
    if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
    }
    if (b.length === 0) {
        return a.length;
    }
    if (a.length <= 32) {
        return myers_32(a, b);
    }
    return myers_x(a, b);
};
exports.Io = distance;
var closest = function (str, arr) {
    var min_distance = Infinity;
    var min_index = 0;
    for (var i = 0; i < arr.length; i++) {
        var dist = distance(str, arr[i]);
        if (dist < min_distance) {
            min_distance = dist;
            min_index = i;
        }
    }
    return arr[min_index];
};
exports.kp = closest;


/***/ }),

/***/ 4632:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ exitOnCancellation)
/* harmony export */ });
/* harmony import */ var _probes_command_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8707);

const SIGNALS = ['SIGINT', 'SIGTERM'];
/** How long the commands get to stop: their grace after SIGTERM, then SIGKILL and a look for stragglers. */
const STOP_WITHIN_MS = _probes_command_js__WEBPACK_IMPORTED_MODULE_0__.KILL_GRACE_MS + 1500;
/** The process is gone by then whatever hangs, well before the runner's SIGKILL. */
const EXIT_WITHIN_MS = 6000;
/**
 * Until the returned function is called, a SIGINT or SIGTERM cancels `validation`, hands its report
 * to `leave` (write the report, the summary, the outputs) and exits with status 1.
 */
function exitOnCancellation(validation, leave) {
    let cancelled = false;
    const onSignal = (signal) => {
        // The runner's SIGTERM after its SIGINT: already on the way out. Still handled, because the
        // default for SIGTERM would end the process before the report is written.
        if (cancelled)
            return;
        cancelled = true;
        setTimeout(() => process.exit(1), EXIT_WITHIN_MS);
        void validation
            .cancel(`the run was cancelled (${signal})`, STOP_WITHIN_MS)
            .then(leave)
            .catch((error) => process.stderr.write(`Could not leave a report: ${error.message}\n`))
            .finally(() => process.exit(1));
    };
    for (const signal of SIGNALS)
        process.on(signal, onSignal);
    return () => {
        for (const signal of SIGNALS)
            process.off(signal, onSignal);
    };
}


/***/ }),

/***/ 5581:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ cli)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cancellation_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4632);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1067);
/* harmony import */ var _judge_verdict_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(9278);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4285);
// The same engine from a terminal: `deploy-verify --config .github/deploy-verify.yml`.
// Flags carry the action's input names, so a workflow step and a local run mean the same thing.





const INPUT_FLAGS = ['config', 'environment', 'mode', 'baseline', 'fail-on', 'working-directory'];
const USAGE = `Usage: deploy-verify [--config FILE] [--environment NAME] [--fail-on failure|warning|never]
                     [--mode verify|baseline] [--baseline BASELINE_FILE]
                     [--working-directory DIR] [--quiet]
Validates the environment described by FILE (default .github/deploy-verify.yml), writes the JSON
report, prints the summary, and exits 1 when the verdict fails the run. --mode baseline records
the environment as a known-good baseline (in BASELINE_FILE, default deploy-verify-baseline.json);
--baseline BASELINE_FILE compares it with one.`;
async function cli(argv) {
    const { values } = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({
        args: argv,
        options: {
            ...Object.fromEntries(INPUT_FLAGS.map(flag => [flag, { type: 'string' }])),
            quiet: { type: 'boolean' },
            help: { type: 'boolean', short: 'h' }
        },
        strict: true
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    const flags = values;
    const logger = terminalLogger(Boolean(values.quiet));
    const validation = new _engine_js__WEBPACK_IMPORTED_MODULE_2__/* .ValidationRun */ .Vd({
        getInput: name => (typeof flags[name] === 'string' ? flags[name] : ''),
        env: process.env,
        workspace: process.cwd(),
        logger
    });
    /** The report and the summary: at the end of the run, or when it is cancelled. */
    const leave = async (finished) => {
        const { report, written } = await validation.saveReport(finished);
        process.stdout.write(`${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .renderSummary */ .B)(report, written ? { reportPath: validation.reportPath } : {})}\n`);
        return report;
    };
    // Ctrl-C or a SIGTERM (a CI job cancelled) still leaves the report.
    (0,_cancellation_js__WEBPACK_IMPORTED_MODULE_1__/* .exitOnCancellation */ .t)(validation, leave);
    const finished = await validation.execute();
    if (validation.cancelled)
        return 1;
    const report = await leave(finished);
    return (0,_judge_verdict_js__WEBPACK_IMPORTED_MODULE_4__/* .shouldFailJob */ .rH)(report.status, validation.inputs.failOn) ? 1 : 0;
}
function terminalLogger(quiet) {
    const write = (line) => process.stderr.write(`${line}\n`);
    return {
        info: message => quiet || write(message),
        warning: message => write(`warning: ${message}`),
        error: message => write(`error: ${message}`),
        debug: message => (process.env.DEPLOY_VERIFY_DEBUG ? write(`debug: ${message}`) : undefined),
        group: async (name, fn) => {
            if (!quiet)
                write(`== ${name}`);
            return fn();
        },
        // The terminal is the user's own; the engine already redacts every message it logs.
        mask: () => undefined
    };
}
process.exitCode = await cli(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`deploy-verify: ${error.message}\n${USAGE}\n`);
    return 2;
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 9329:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ dotted),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   Wn: () => (/* binding */ pointer),
/* harmony export */   XM: () => (/* binding */ pathOf),
/* harmony export */   og: () => (/* binding */ dottedExcerpt),
/* harmony export */   pi: () => (/* binding */ isMapping),
/* harmony export */   sw: () => (/* binding */ defined)
/* harmony export */ });
/* harmony import */ var _report_wording_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5594);
// The plain document a YAML file becomes: mappings, lists and scalars, addressed by paths.

/** Characters of a key or value a message quotes. */
const MAX_EXCERPT = 40;
function isMapping(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The JSON pointer of a path: the form ajv reports and the key of the source map. */
function pointer(path) {
    return path.map(segment => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
/** The path a JSON pointer names in `document`, with list indexes as numbers. */
function pathOf(document, jsonPointer) {
    const path = [];
    let node = document;
    for (const raw of jsonPointer.split('/').slice(1)) {
        const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        const key = Array.isArray(node) ? Number(segment) : segment;
        path.push(key);
        node = Array.isArray(node) ? node[key] : isMapping(node) ? node[segment] : undefined;
    }
    return path;
}
/** `services.api.http.expect.json["$.status"]`: how messages name a place in the document. */
function dotted(path) {
    return path
        .map((segment, index) => {
        if (typeof segment === 'number')
            return `[${segment}]`;
        if (/^[\w-]+$/.test(segment))
            return index === 0 ? segment : `.${segment}`;
        return `[${JSON.stringify(segment)}]`;
    })
        .join('');
}
/**
 * A key or value of the file as a message quotes it: one line of at most 40 characters, so that a
 * file which is not an environment file (a password file named by mistake) is never echoed whole.
 */
function excerpt(text) {
    return (0,_report_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)((0,_report_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(text), MAX_EXCERPT);
}
/** `dotted`, each key cut to an excerpt: for messages about keys the schema does not know. */
function dottedExcerpt(path) {
    return dotted(path.map(segment => (typeof segment === 'string' ? excerpt(segment) : segment)));
}
/** The object without its undefined members, so normalized specs carry only what is set. */
function defined(object) {
    return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}


/***/ }),

/***/ 7840:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $7: () => (/* binding */ readDuration),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   nv: () => (/* binding */ DURATION_FORMS)
/* harmony export */ });
const DURATION = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [3_600_000, 60_000, 1_000, 1];
const DURATION_FORMS = 'a duration such as 250ms, 10s, 5m, 1h or 1m30s';
/** Milliseconds, or undefined when the text is not a duration. */
function parseDuration(text) {
    const match = DURATION.exec(text);
    if (!match)
        return undefined;
    return UNIT_MS.reduce((total, unit, index) => total + Number(match[index + 1] ?? 0) * unit, 0);
}
/** The duration at `cursor` in milliseconds, reporting text that is not one. */
function readDuration(cursor, { positive = false } = {}) {
    const text = cursor.text();
    if (text === undefined)
        return undefined;
    const ms = parseDuration(text);
    if (ms === undefined)
        cursor.report(`${cursor.where} must be ${DURATION_FORMS}, not '${text}'`);
    else if (positive && ms === 0)
        cursor.report(`${cursor.where} must be longer than 0`);
    return positive && ms === 0 ? undefined : ms;
}


/***/ }),

/***/ 8261:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   UU: () => (/* binding */ confinementProblem),
/* harmony export */   Vi: () => (/* binding */ sameFile),
/* harmony export */   g6: () => (/* binding */ inWorkspaceOrRunnerTemp),
/* harmony export */   p7: () => (/* binding */ readConfinedFile),
/* harmony export */   ve: () => (/* binding */ inWorkspace)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_2__);
// The files a configuration names (the environment file, `extends`, `compare_config`, `ca_file`, a
// baseline): where they may live, how they are read, and how messages name them. Whoever writes the
// configuration chooses these paths, so each is read here and nowhere else: only inside its folders
// (symbolic links followed before judging), only a regular file, at most MAX_FILE_BYTES, and only
// valid UTF-8. Nothing is opened before it is judged, so a FIFO or device never blocks or floods a run.



const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILE_WORDS = '10 MB';
const CHUNK_BYTES = 64 * 1024;
// Opening never follows a last-moment symbolic link nor waits for a FIFO's writer (0 where the
// platform has no such flag).
const OPEN_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
/** Files of the configuration: inside the workspace (GITHUB_WORKSPACE, or where a local run started). */
function inWorkspace(workspace) {
    return { roots: [workspace], name: 'the workspace' };
}
/** What a run writes or fetches: the workspace, or the runner's temporary folder. */
function inWorkspaceOrRunnerTemp(workspace, env) {
    if (!env.RUNNER_TEMP)
        return inWorkspace(workspace);
    return { roots: [workspace, env.RUNNER_TEMP], name: 'the workspace or RUNNER_TEMP' };
}
/** The text of the file at `absolute`, or why it may not or cannot be read. */
function readConfinedFile(absolute, where) {
    const outside = confinementProblem(absolute, where);
    if (outside)
        return { problem: outside };
    let real;
    try {
        real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(absolute);
        const seen = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(real);
        const kind = unusable(seen);
        if (kind)
            return { problem: kind };
        return decode(readCapped(real, seen));
    }
    catch (error) {
        if (error instanceof FileRefusal)
            return { problem: error.problem };
        return { problem: { reason: unreadable(error) } };
    }
}
/**
 * Why `absolute` may not be used as a file inside `where`: written outside it, or leading outside it
 * through a symbolic link (the nearest existing folder is judged for a file yet to be written).
 */
function confinementProblem(absolute, where) {
    const fix = `name a file inside ${where.name}`;
    if (!within(absolute, where.roots.map(root => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root))))
        return { reason: `is outside ${where.name}`, fix };
    const real = realOfNearest(absolute);
    if (!within(real, where.roots.map(realOfNearest)))
        return { reason: `is a symbolic link to ${real}, outside ${where.name}`, fix };
    return undefined;
}
/** Whether writing `target` would replace `existing`, reached directly or through a symbolic link. */
function sameFile(target, existing) {
    if (realOfNearest(target) === realOfNearest(existing))
        return true;
    try {
        const [a, b] = [(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(target), (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(existing)];
        return a.dev === b.dev && a.ino === b.ino;
    }
    catch {
        return false;
    }
}
/** Relative to the working directory, with forward slashes: the form of every file in sources and problems. */
function displayPath(workingDirectory, absolute) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workingDirectory, absolute).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
}
function unreadable(error) {
    const code = error.code;
    if (code === 'ENOENT')
        return 'was not found';
    if (code === 'ELOOP')
        return 'is a symbolic link that changed while it was read';
    return `could not be read (${code ?? error.message})`;
}
/** A problem found while the file is open, carried out of the read. */
class FileRefusal extends Error {
    problem;
    constructor(problem) {
        super(problem.reason);
        this.problem = problem;
    }
}
function unusable(stats) {
    if (!stats.isFile())
        return { reason: `is not a regular file (it is ${kindOf(stats)})`, fix: 'name a regular file' };
    if (stats.size > MAX_FILE_BYTES)
        return tooLarge();
    return undefined;
}
function tooLarge() {
    return {
        reason: `is larger than ${MAX_FILE_WORDS}, the most a named file may hold`,
        fix: 'name a smaller file'
    };
}
function kindOf(stats) {
    if (stats.isDirectory())
        return 'a folder';
    if (stats.isFIFO())
        return 'a FIFO';
    if (stats.isCharacterDevice() || stats.isBlockDevice())
        return 'a device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a file';
}
/** The bytes of the file judged as `seen`: the handle is checked again, as the path may have changed since. */
function readCapped(real, seen) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(real, OPEN_FLAGS);
    try {
        const opened = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(fd);
        const changed = opened.dev !== seen.dev || opened.ino !== seen.ino;
        const kind = changed ? { reason: 'changed while it was read', fix: 'run again' } : unusable(opened);
        if (kind)
            throw new FileRefusal(kind);
        const chunks = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.alloc(CHUNK_BYTES);
            const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, chunk, 0, CHUNK_BYTES, null);
            if (read === 0)
                return Buffer.concat(chunks, total);
            chunks.push(chunk.subarray(0, read));
            total += read;
            if (total > MAX_FILE_BYTES)
                throw new FileRefusal(tooLarge());
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
/** UTF-8 text, a leading byte order mark dropped; else the line of the first byte that is not UTF-8. */
function decode(bytes) {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    }
    catch {
        // No byte of a multi-byte UTF-8 sequence is a newline, so lines can be judged one by one.
        let line = 1;
        for (let start = 0; start < bytes.length; line++) {
            const end = bytes.indexOf(0x0a, start);
            const stop = end === -1 ? bytes.length : end;
            if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_2__.isUtf8)(bytes.subarray(start, stop)))
                break;
            start = stop + 1;
        }
        return {
            problem: {
                reason: `is not valid UTF-8 (the first byte that is not UTF-8 is on line ${line})`,
                fix: 'save it as UTF-8',
                line
            }
        };
    }
}
function within(path, roots) {
    return roots.some(root => {
        const inner = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
        return inner === '' || (inner !== '..' && !inner.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`) && !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inner));
    });
}
/** The real path of `path`, through its nearest existing ancestor when it does not exist (yet). */
function realOfNearest(path) {
    const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(path);
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(absolute);
    }
    catch {
        const parent = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(absolute, '..');
        return parent === absolute ? absolute : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(realOfNearest(parent), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(parent, absolute));
    }
}


/***/ }),

/***/ 1281:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  t7: () => (/* binding */ readCommandExpect),
  zz: () => (/* binding */ readCommandSpec),
  fp: () => (/* binding */ readHttp),
  f1: () => (/* binding */ readProbe)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/config/document.ts
var config_document = __nccwpck_require__(9329);
// EXTERNAL MODULE: ./src/config/files.ts
var files = __nccwpck_require__(8261);
// EXTERNAL MODULE: ./src/config/duration.ts
var config_duration = __nccwpck_require__(7840);
;// CONCATENATED MODULE: ./src/config/expectations.ts


const LATENCY = /^(<=?)?\s*(.+)$/;
const STATUS_CODE = /^[1-5]\d\d$/;
const STATUS_CLASS = /^[1-5]xx$/i;
function readMatcher(cursor) {
    const { value } = cursor;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
        return value;
    if (!cursor.exists || Array.isArray(value))
        return undefined;
    const matches = cursor.get('matches');
    const pattern = matches.text();
    if (pattern !== undefined) {
        try {
            new RegExp(pattern);
        }
        catch (error) {
            matches.report(`${matches.where} is not a valid regular expression: ${error.message}`);
        }
    }
    return (0,config_document/* defined */.sw)({
        equals: cursor.get('equals').value,
        contains: cursor.get('contains').text(),
        matches: pattern,
        exists: cursor.get('exists').boolean(),
        lt: cursor.get('lt').number(),
        lte: cursor.get('lte').number(),
        gt: cursor.get('gt').number(),
        gte: cursor.get('gte').number()
    });
}
/** `< 1000ms`, `<= 2s`; a bare duration means `<=`. */
function readLatency(cursor) {
    const text = cursor.text();
    if (text === undefined)
        return undefined;
    const [, op = '<=', duration = ''] = LATENCY.exec(text) ?? [];
    const ms = (0,config_duration/* parseDuration */.E9)(duration);
    if (ms !== undefined)
        return { op: op === '<' ? '<' : '<=', ms };
    cursor.report(`${cursor.where} must be a bound such as < 1000ms or <= 2s, with ${config_duration/* DURATION_FORMS */.nv}; not '${text}'`);
    return undefined;
}
/** A status code, a class such as 2xx, or a list of them; codes written as text become numbers. */
function readStatus(cursor) {
    if (!cursor.exists)
        return undefined;
    const statuses = [];
    for (const item of cursor.oneOrMany()) {
        const text = item.scalarText();
        if (text === undefined)
            continue;
        if (STATUS_CODE.test(text))
            statuses.push(Number(text));
        else if (STATUS_CLASS.test(text))
            statuses.push(text.toLowerCase());
        else
            item.report(`${item.where} must be a status code such as 200 or a class such as 2xx, not '${text}'`);
    }
    return statuses;
}

;// CONCATENATED MODULE: ./src/config/probes.ts
// The probe of a service: exactly one of http, postgres, tcp or command, with its defaults applied.




const PROBE_KINDS = ['http', 'postgres', 'tcp', 'command'];
function readProbe(service, workingDirectory) {
    const kinds = PROBE_KINDS.filter(kind => service.get(kind).exists);
    const [kind] = kinds;
    if (kind === undefined || kinds.length > 1) {
        const problem = kind === undefined ? 'has no probe' : `has more than one probe (${kinds.join(', ')})`;
        service.report(`${service.where} ${problem}: give it exactly one of ${PROBE_KINDS.join(', ')}`, 'key');
        return undefined;
    }
    const probe = service.get(kind);
    switch (kind) {
        case 'http':
            if (probe.get('capture').exists) {
                probe.get('capture').report(`${probe.where}.capture is only for smoke steps: remove it here`, 'key');
            }
            return readHttp(probe, workingDirectory);
        case 'postgres':
            return readPostgres(probe);
        case 'tcp':
            return readTcp(probe);
        case 'command':
            return readCommand(probe, workingDirectory);
    }
}
function readHttp(http, workingDirectory) {
    const url = http.get('url');
    const target = url.text();
    if (target !== undefined && !/^https?:$/.test(parsedUrl(target)?.protocol ?? '')) {
        url.report(`${url.where} must be an absolute http:// or https:// URL, not '${target}'`);
    }
    const method = http.get('method');
    const verb = method.text()?.toUpperCase() ?? 'GET';
    if (!/^[A-Z]+$/.test(verb)) {
        method.report(`${method.where} must be an HTTP method such as GET, HEAD or POST`);
    }
    const body = http.get('body');
    const json = http.get('json');
    if (body.exists && json.exists)
        json.report(`${http.where} has both body and json: keep one of them`, 'key');
    const expect = http.get('expect');
    return (0,config_document/* defined */.sw)({
        kind: 'http',
        method: verb,
        url: target ?? '',
        headers: http.get('headers').mapping(entry => entry.scalarText()),
        body: body.text(),
        json: json.value,
        tls: (0,config_document/* defined */.sw)({
            ca: readCa(http.get('ca_file'), workingDirectory),
            insecureSkipVerify: http.get('insecure_skip_verify').boolean() ?? false
        }),
        followRedirects: http.get('follow_redirects').boolean() ?? true,
        maxRedirects: http.get('max_redirects').integer(0) ?? 5,
        maxBodyBytes: http.get('max_body_bytes').integer(1) ?? 1_048_576,
        expect: (0,config_document/* defined */.sw)({
            status: readStatus(expect.get('status')) ?? ['2xx'],
            headers: optionalMatchers(expect.get('headers'), name => name.toLowerCase()),
            json: optionalMatchers(expect.get('json')),
            body: readMatcher(expect.get('body')),
            latency: readLatency(expect.get('latency'))
        })
    });
}
function readPostgres(postgres) {
    const url = postgres.get('url');
    const target = url.text();
    // The URL holds a password: it is never quoted.
    if (target !== undefined && !/^postgres(ql)?:$/.test(parsedUrl(target)?.protocol ?? '')) {
        url.report(`${url.where} must be a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)`);
    }
    const query = postgres.get('query');
    const expect = postgres.get('expect');
    return (0,config_document/* defined */.sw)({
        kind: 'postgres',
        url: target ?? '',
        extensions: postgres
            .get('extensions')
            .items()
            .map(item => (0,config_document/* defined */.sw)({
            name: item.text() ?? item.get('name').text() ?? '',
            minVersion: item.get('min_version').text()
        })),
        tables: postgres
            .get('tables')
            .items()
            .map(item => ({
            name: item.text() ?? item.get('name').text() ?? '',
            columns: readTextList(item.get('columns'))
        })),
        query: query.exists
            ? (0,config_document/* defined */.sw)({
                sql: query.get('sql').text() ?? '',
                params: query.get('params').exists
                    ? query
                        .get('params')
                        .items()
                        .map(param => param.scalarText() ?? '')
                    : undefined,
                expect: query.get('expect').mapping(readMatcher)
            })
            : undefined,
        expect: (0,config_document/* defined */.sw)({
            serverVersion: readVersionMatcher(expect.get('server_version')),
            latency: readLatency(expect.get('latency'))
        })
    });
}
/** Bounds are version text compared part by part; a version with a dot must be quoted (15.10 ≠ 15.1). */
function readVersionMatcher(cursor) {
    if (typeof cursor.value === 'number' && !Number.isInteger(cursor.value)) {
        cursor.report(`${cursor.where} must be quoted, such as '${cursor.value}': as a YAML number a version loses its trailing zeros (15.10 would read as 15.1)`);
        return undefined;
    }
    const matcher = readMatcher(cursor);
    if (matcher === null || typeof matcher !== 'object')
        return matcher;
    const bound = (op) => cursor.get(op).scalarText();
    return (0,config_document/* defined */.sw)({ ...matcher, lt: bound('lt'), lte: bound('lte'), gt: bound('gt'), gte: bound('gte') });
}
function readTcp(tcp) {
    const expect = tcp.get('expect');
    return (0,config_document/* defined */.sw)({
        kind: 'tcp',
        host: tcp.get('host').text() ?? '',
        port: tcp.get('port').integer(1, 65_535) ?? 0,
        send: tcp.get('send').text(),
        expect: (0,config_document/* defined */.sw)({
            response: readMatcher(expect.get('response')),
            latency: readLatency(expect.get('latency'))
        })
    });
}
function readCommand(command, workingDirectory) {
    return {
        kind: 'command',
        ...readCommandSpec(command, workingDirectory),
        expect: readCommandExpect(command.get('expect'))
    };
}
/** run, shell, env and working_directory: what a command probe, a deploy step and a smoke step share. */
function readCommandSpec(command, workingDirectory) {
    return (0,config_document/* defined */.sw)({
        run: command.get('run').text() ?? '',
        shell: command.get('shell').text(),
        env: command.get('env').mapping(entry => entry.scalarText()),
        // Commands run in the action's working directory unless told otherwise, wherever the process was started.
        workingDirectory: (0,external_node_path_.resolve)(workingDirectory, command.get('working_directory').text() ?? '.')
    });
}
function readCommandExpect(expect) {
    return (0,config_document/* defined */.sw)({
        exitCode: expect.get('exit_code').integer(0, 255) ?? 0,
        stdout: readMatcher(expect.get('stdout')),
        stderr: readMatcher(expect.get('stderr')),
        latency: readLatency(expect.get('latency'))
    });
}
/** PEM text of `ca_file`, a path relative to the file that names it. */
function readCa(caFile, workingDirectory) {
    const written = caFile.text();
    if (written === undefined)
        return undefined;
    const path = (0,external_node_path_.resolve)(workingDirectory, (0,external_node_path_.dirname)(caFile.source('value').file), written);
    const read = (0,files/* readConfinedFile */.p7)(path, caFile.files);
    if ('problem' in read) {
        const { reason, fix } = read.problem;
        caFile.report(`${caFile.where}: '${written}' ${reason} (looked for ${(0,files/* displayPath */.Gt)(workingDirectory, path)})${fix ? `: ${fix}` : ''}`);
        return undefined;
    }
    const pem = read.text;
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        caFile.report(`${caFile.where}: '${written}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    }
    return pem;
}
function readTextList(cursor) {
    return cursor.items().flatMap(item => item.text() ?? []);
}
/** Matchers by name (header names, JSONPath expressions), when the mapping is there at all. */
function optionalMatchers(cursor, key) {
    return cursor.exists ? cursor.mapping(readMatcher, key) : undefined;
}
function parsedUrl(text) {
    return URL.canParse(text) ? new URL(text) : undefined;
}


/***/ }),

/***/ 9009:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H0: () => (/* binding */ capturedVariable),
/* harmony export */   HV: () => (/* binding */ forbidReferences),
/* harmony export */   R7: () => (/* binding */ capturedVariablesIn),
/* harmony export */   eq: () => (/* binding */ CAPTURED_PREFIX),
/* harmony export */   kK: () => (/* binding */ readSmoke),
/* harmony export */   qx: () => (/* binding */ readDeploy),
/* harmony export */   yR: () => (/* binding */ slug)
/* harmony export */ });
/* harmony import */ var _document_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9329);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(7840);
/* harmony import */ var _probes_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1281);
/* harmony import */ var _unsupported_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9365);




const DEPLOY_TIMEOUT_MS = 15 * 60_000;
const DEPLOY_RETRY_DELAY_MS = 10_000;
const SMOKE_RETRY_DELAY_MS = 1_000;
const STEP_REFERENCE = /\$\{steps\.([^.}]*)\.([^}]*)\}/g;
const CAPTURED_PREFIX = 'STEPS_';
const CAPTURED_REFERENCE = /\$\{(STEPS_\w+)(:-[^}]*)?\}/g;
// A header name is an HTTP token (RFC 9110).
const CAPTURE_SOURCE = /^(\$.*|header:[!#$%&'*+.^_`|~0-9A-Za-z-]+)$/;
/** Keys of a run step that an http step has no use for. */
const RUN_ONLY = ['shell', 'env', 'working_directory', 'expect'];
function readDeploy(root, workingDirectory) {
    const list = root.get('deploy');
    const ids = new Set();
    return list.items().map(step => ({
        ...(0,_probes_js__WEBPACK_IMPORTED_MODULE_1__/* .readCommandSpec */ .zz)(step, workingDirectory),
        ...identity(step, ids),
        timeoutMs: (0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .readDuration */ .$7)(step.get('timeout'), { positive: true }) ?? DEPLOY_TIMEOUT_MS,
        retries: step.get('retries').integer(0) ?? 0,
        retryDelayMs: (0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .readDuration */ .$7)(step.get('retry_delay')) ?? DEPLOY_RETRY_DELAY_MS,
        source: step.source('value')
    }));
}
function readSmoke(root, workingDirectory, defaultTimeoutMs) {
    const ids = new Set();
    /** What each earlier step captures, by id; undefined for a step too broken to tell. */
    const captured = new Map();
    /** Environment variable -> the `${steps.<id>.<name>}` it holds, for the steps read so far. */
    const exported = new Map();
    const steps = [];
    for (const step of root.get('smoke').items()) {
        const { id, name } = identity(step, ids);
        const check = readCheck(step, workingDirectory);
        checkReferences(step, captured);
        checkCapturedVariables(step.get('run'), exported);
        captured.set(id, check && (check.kind === 'http' ? Object.keys(check.capture) : []));
        exportCaptures(step.get('http').get('capture'), id, exported);
        if (!check)
            continue;
        steps.push({
            id,
            name,
            timeoutMs: (0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .readDuration */ .$7)(step.get('timeout'), { positive: true }) ?? defaultTimeoutMs,
            retries: step.get('retries').integer(0) ?? 0,
            retryDelayMs: (0,_duration_js__WEBPACK_IMPORTED_MODULE_3__/* .readDuration */ .$7)(step.get('retry_delay')) ?? SMOKE_RETRY_DELAY_MS,
            always: step.get('always').boolean() ?? false,
            critical: step.get('critical').boolean() ?? false,
            check,
            source: step.source('value')
        });
    }
    return steps;
}
/** References to captured values belong to smoke steps only: elsewhere nothing has captured them. */
function forbidReferences(root) {
    for (const section of root.entries()) {
        // Variables are not interpolated: a reference there is judged where the variable is used.
        if (['smoke', 'variables'].includes(section.name) || (0,_unsupported_js__WEBPACK_IMPORTED_MODULE_2__/* .isUnsupported */ .w)(section.path))
            continue;
        for (const { at } of references(section)) {
            at.report(`${at.where}: \${steps.…} can only be used in smoke steps, not in ${section.name}`);
        }
    }
}
function readCheck(step, workingDirectory) {
    const http = step.get('http');
    const run = step.get('run');
    if (http.exists === run.exists) {
        const problem = http.exists ? 'has both http and run' : 'has neither http nor run';
        step.report(`${step.where} ${problem}: give it exactly one of them`, 'value');
        return undefined;
    }
    if (run.exists) {
        return {
            kind: 'command',
            ...(0,_probes_js__WEBPACK_IMPORTED_MODULE_1__/* .readCommandSpec */ .zz)(step, workingDirectory),
            expect: (0,_probes_js__WEBPACK_IMPORTED_MODULE_1__/* .readCommandExpect */ .t7)(step.get('expect'))
        };
    }
    for (const misplaced of RUN_ONLY.map(key => step.get(key)).filter(cursor => cursor.exists)) {
        const fix = misplaced.name === 'expect' ? "an http step's expect goes under http" : 'remove it here';
        misplaced.report(`${misplaced.where} is for run steps: ${fix}`, 'key');
    }
    return { ...(0,_probes_js__WEBPACK_IMPORTED_MODULE_1__/* .readHttp */ .fp)(http, workingDirectory), capture: readCapture(http.get('capture')) };
}
function readCapture(capture) {
    return capture.mapping(entry => {
        const where = entry.text();
        if (where !== undefined && CAPTURE_SOURCE.test(where)) {
            return where.startsWith('header:') ? `header:${where.slice('header:'.length).toLowerCase()}` : where;
        }
        entry.report(`${entry.where} must be a JSONPath such as $.token, or header:<name>, not '${where}'`);
        return undefined;
    });
}
/** The step's name and id (given, or the name slugged), unique within its list. */
function identity(step, ids) {
    const name = step.get('name').text() ?? '';
    const id = step.get('id').text() ?? slug(name);
    // A missing name is already a problem of its own (the schema's); an empty one may come from a variable.
    if (!id && step.get('name').exists) {
        step.get('name').report(`${step.where}.name '${name}' gives no id: add an id of letters and digits`);
    }
    else if (id && ids.has(id)) {
        const at = step.get('id').exists ? step.get('id') : step.get('name');
        at.report(`${step.where}: id '${id}' is used by an earlier step; give this step its own id`);
    }
    ids.add(id);
    return (0,_document_js__WEBPACK_IMPORTED_MODULE_0__/* .defined */ .sw)({ id, name });
}
/** "Sign in (admin)" -> sign-in-admin */
function slug(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
}
function checkReferences(step, captured) {
    for (const { at, id, name } of references(step)) {
        const names = captured.get(id);
        const reference = `\${steps.${id}.${name}}`;
        if (!captured.has(id)) {
            at.report(`${at.where}: ${reference} names no earlier smoke step with id '${id}'`);
        }
        else if (names && !names.includes(name)) {
            const offer = names.length ? `it captures ${names.join(', ')}` : 'it captures nothing';
            at.report(`${at.where}: ${reference}: step ${id} captures no '${name}'; ${offer}`);
        }
    }
}
/** The environment variable a command gets a captured value in: STEPS_<ID>_<NAME>, upper-cased. */
function capturedVariable(id, name) {
    return `${CAPTURED_PREFIX}${id}_${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
/** The captured values a script uses, by environment variable; `required` when it gives no :-default. */
function capturedVariablesIn(script) {
    return [...script.matchAll(CAPTURED_REFERENCE)].map(([, variable = '', fallback]) => ({
        variable,
        required: fallback === undefined
    }));
}
/** Two captures whose names meet in one variable (id a-b's c and id a's b_c) would overwrite each other. */
function exportCaptures(capture, id, exported) {
    for (const entry of capture.entries()) {
        const variable = capturedVariable(id, entry.name);
        const reference = `\${steps.${id}.${entry.name}}`;
        const earlier = exported.get(variable);
        if (earlier) {
            entry.report(`${entry.where}: ${reference} would reach run: as ${variable}, like ${earlier}: rename one of them`, 'key');
        }
        exported.set(variable, reference);
    }
}
function checkCapturedVariables(run, exported) {
    const script = run.text();
    if (script === undefined)
        return;
    for (const { variable } of capturedVariablesIn(script)) {
        if (exported.has(variable))
            continue;
        const offer = exported.size
            ? `earlier steps capture ${[...exported.keys()].join(', ')}`
            : 'no earlier step captures anything';
        run.report(`${run.where}: \${${variable}} is not a value an earlier smoke step captures; ${offer}`);
    }
}
/** Every ${steps.<id>.<name>} in the strings under `cursor`, with the place it was written. */
function references(cursor) {
    if (typeof cursor.value === 'string') {
        return [...cursor.value.matchAll(STEP_REFERENCE)].map(([, id = '', name = '']) => ({
            at: cursor,
            id,
            name
        }));
    }
    const children = Array.isArray(cursor.value) ? cursor.items() : cursor.entries();
    return children.flatMap(references);
}


/***/ }),

/***/ 9365:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ reportUnsupported),
/* harmony export */   w: () => (/* binding */ isUnsupported)
/* harmony export */ });
/* harmony import */ var _document_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9329);
// Parts of the contract that this version does not run yet. The schema accepts them so that
// editors know the names; the loader refuses them, rather than ignore what the user asked for.

const UNSUPPORTED = [
    ['security'],
    ...['mode', 'on', 'timeout', 'attempts', 'delay', 'steps', 'verify', 'manual'].map(key => [
        'rollback',
        key
    ]),
    ['notify']
];
const UNSUPPORTED_POINTERS = new Set(UNSUPPORTED.map(_document_js__WEBPACK_IMPORTED_MODULE_0__/* .pointer */ .Wn));
function isUnsupported(path) {
    return UNSUPPORTED_POINTERS.has((0,_document_js__WEBPACK_IMPORTED_MODULE_0__/* .pointer */ .Wn)(path));
}
function reportUnsupported(root) {
    for (const path of UNSUPPORTED) {
        const cursor = path.reduce((parent, key) => parent.get(String(key)), root);
        if (cursor.exists) {
            cursor.report(`'${cursor.where}' is not supported yet by this version of deploy-verify; remove it for now`, 'key');
        }
    }
}


/***/ }),

/***/ 9183:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CO: () => (/* binding */ resolveVariables),
/* harmony export */   F1: () => (/* binding */ isGithubDefault),
/* harmony export */   QZ: () => (/* binding */ isWithheldFromCommands)
/* harmony export */ });
/* harmony import */ var _document_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9329);
/* harmony import */ var _steps_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9009);


/** Variables every runner sets, usable without a declaration ('' where unset, as outside Actions). */
function isGithubDefault(name) {
    return name === 'CI' || name.startsWith('GITHUB_') || name.startsWith('RUNNER_');
}
/**
 * Runner internals: ACTIONS_* holds the runtime, results, cache and OIDC tokens and URLs
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN, ...); INPUT_* the action's inputs,
 * github-token among them.
 */
const RUNNER_INTERNAL = /^(ACTIONS_|INPUT_)/;
/**
 * The token, when a workflow put it in the action's environment, and the files through which the
 * action's step speaks to the runner (outputs, state, summary, the next steps' environment and
 * PATH): a command writing there would speak for the action.
 */
const ACTION_ONLY = new Set([
    'GITHUB_TOKEN',
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY',
    'GITHUB_ENV',
    'GITHUB_PATH'
]);
/** Variables of the action's environment that a command does not inherit (it gets them only when the config names them). */
function isWithheldFromCommands(name) {
    return RUNNER_INTERNAL.test(name) || ACTION_ONLY.has(name);
}
function resolveVariables(section, env) {
    const variables = { declared: [], values: new Map(), secrets: [] };
    for (const entry of section.entries()) {
        const { name } = entry;
        if (name.startsWith(_steps_js__WEBPACK_IMPORTED_MODULE_1__/* .CAPTURED_PREFIX */ .eq)) {
            entry.report(`variable ${name}: names starting with ${_steps_js__WEBPACK_IMPORTED_MODULE_1__/* .CAPTURED_PREFIX */ .eq} are kept for captured values (${_steps_js__WEBPACK_IMPORTED_MODULE_1__/* .CAPTURED_PREFIX */ .eq}<ID>_<NAME>); rename it`, 'key');
        }
        const required = entry.get('required').boolean() ?? false;
        const secret = entry.get('secret').boolean() ?? false;
        const fallback = entry.get('default').scalarText();
        if (required && fallback !== undefined) {
            entry
                .get('default')
                .report(`variable ${name} is required, so its default would never be used: remove one of the two`, 'key');
        }
        const fromEnv = env[name] || undefined;
        if (required && fromEnv === undefined) {
            entry.report(`variable ${name} is required but not set: add it to the step's env:`, 'key');
        }
        const value = fromEnv ?? fallback ?? '';
        variables.values.set(name, value);
        if (secret && value !== '')
            variables.secrets.push(value);
        const description = entry.get('description').text();
        variables.declared.push((0,_document_js__WEBPACK_IMPORTED_MODULE_0__/* .defined */ .sw)({ name, required, secret, default: fallback, description, source: entry.source() }));
    }
    return variables;
}


/***/ }),

/***/ 1067:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Vd: () => (/* binding */ ValidationRun)
});

// UNUSED EXPORTS: readEvent, redactingLogger

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __nccwpck_require__(8500);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/config/defaults.ts
const DEFAULT_POLICY = {
    timeoutMs: 10_000,
    retry: { attempts: 5, initialDelayMs: 1_000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 },
    startupBudgetMs: 300_000,
    successThreshold: 1
};
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_REPORT_PATH = 'deploy-verify-report.json';

// EXTERNAL MODULE: ./src/config/document.ts
var config_document = __nccwpck_require__(9329);
;// CONCATENATED MODULE: ./src/config/cursor.ts
// Reading the document for normalization. The schema has already judged the shape of every value
// as written, so reading a value of the wrong shape quietly yields undefined; what the schema
// cannot see (the text a ${VARIABLE} became, ranges, cross-field rules) is reported here.

class Cursor {
    value;
    path;
    context;
    constructor(value, path, context) {
        this.value = value;
        this.path = path;
        this.context = context;
    }
    get exists() {
        return this.value !== undefined;
    }
    /** The key or index this cursor stands at. */
    get name() {
        return String(this.path.at(-1) ?? '');
    }
    /** How messages name this place: `services.api.timeout`. */
    get where() {
        return (0,config_document/* dotted */.Bs)(this.path);
    }
    get(key) {
        const value = (0,config_document/* isMapping */.pi)(this.value) && Object.hasOwn(this.value, key) ? this.value[key] : undefined;
        return new Cursor(value, [...this.path, key], this.context);
    }
    /** The entries of a mapping, in the order written. */
    entries() {
        return (0,config_document/* isMapping */.pi)(this.value) ? Object.keys(this.value).map(key => this.get(key)) : [];
    }
    /** A mapping read entry by entry; entries `read` cannot use are left out. */
    mapping(read, key = (name) => name) {
        return Object.fromEntries(this.entries().flatMap(entry => {
            const value = read(entry);
            return value === undefined ? [] : [[key(entry.name), value]];
        }));
    }
    items() {
        return Array.isArray(this.value)
            ? this.value.map((item, index) => new Cursor(item, [...this.path, index], this.context))
            : [];
    }
    /** A single value or a list of them, as list items. */
    oneOrMany() {
        return Array.isArray(this.value) ? this.items() : this.exists ? [this] : [];
    }
    /** Where the files the document names may be. */
    get files() {
        return this.context.files;
    }
    source(anchor = 'key') {
        return this.context.locate(this.path, anchor);
    }
    report(message, anchor = 'value') {
        this.context.findings.push({ path: this.path, anchor, message });
    }
    text() {
        return typeof this.value === 'string' ? this.value : undefined;
    }
    /** A scalar written as text: header values and environment variables may be numbers in YAML. */
    scalarText() {
        const { value } = this;
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : undefined;
    }
    /** A whole number, also from the text of a ${VARIABLE}. */
    integer(min, max = Infinity) {
        const number = this.numeric(/^-?\d+$/, 'a whole number');
        if (number === undefined || Number.isInteger(number))
            return this.within(number, min, max);
        this.report(`${this.where} must be a whole number, not ${number}`);
        return undefined;
    }
    number(min = -Infinity, max = Infinity) {
        return this.within(this.numeric(/^-?(\d+\.?\d*|\.\d+)$/, 'a number'), min, max);
    }
    boolean() {
        const { value } = this;
        if (typeof value === 'boolean')
            return value;
        if (value === 'true' || value === 'false')
            return value === 'true';
        if (typeof value === 'string')
            this.report(`${this.where} must be true or false, not '${(0,config_document/* excerpt */.Kb)(value)}'`);
        return undefined;
    }
    numeric(form, noun) {
        const { value } = this;
        if (typeof value === 'number')
            return value;
        if (typeof value !== 'string')
            return undefined;
        if (form.test(value.trim()))
            return Number(value);
        this.report(`${this.where} must be ${noun}, not '${(0,config_document/* excerpt */.Kb)(value)}'`);
        return undefined;
    }
    within(number, min, max) {
        if (number === undefined || (number >= min && number <= max))
            return number;
        this.report(`${this.where} must be ${max === Infinity ? `at least ${min}` : `from ${min} to ${max}`}, not ${number}`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/config/files.ts
var files = __nccwpck_require__(8261);
// EXTERNAL MODULE: ./src/report/redact.ts
var redact = __nccwpck_require__(649);
;// CONCATENATED MODULE: ./src/config/source-map.ts
// Where every node of the merged document was written: the file, line and column of the layer
// that set it, keyed by JSON pointer, so that any problem found later can point at its line.

/**
 * The position of `path`, or of its nearest ancestor that has one (a missing key points at its
 * parent); `fallbackFile` line 1 when nothing does.
 */
function locate(sources, path, anchor, fallbackFile) {
    for (let length = path.length; length >= 0; length--) {
        const source = sources.get((0,config_document/* pointer */.Wn)(path.slice(0, length)));
        if (!source)
            continue;
        const exact = length === path.length;
        const position = (exact && anchor === 'value' ? source.value : source.key) ?? source.value;
        return { file: source.file, ...position };
    }
    return { file: fallbackFile, line: 1, column: 1 };
}

;// CONCATENATED MODULE: ./src/config/findings.ts
// A finding is a problem known by its place in the document; it becomes a ConfigProblem once the
// source map has told its file, line and column.



/**
 * The problems of a run, sorted and without secrets. `stages` are in the order they ran (schema,
 * interpolation, normalization): a finding at a place an earlier stage already flagged would only
 * be a consequence of the first problem there, so it is left out.
 */
function toProblems(stages, sources, fallbackFile, secrets) {
    const redactor = (0,redact/* createRedactor */.lY)(secrets);
    const flagged = new Set();
    const problems = new Map();
    for (const stage of stages) {
        const kept = stage.filter(finding => !flagged.has((0,config_document/* pointer */.Wn)(finding.path)));
        for (const finding of kept) {
            flagged.add((0,config_document/* pointer */.Wn)(finding.path));
            const problem = {
                ...locate(sources, finding.path, finding.anchor, fallbackFile),
                message: redactor.text(finding.message)
            };
            problems.set(JSON.stringify(problem), problem);
        }
    }
    return sortProblems([...problems.values()]);
}
function sortProblems(problems) {
    return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}

// EXTERNAL MODULE: ./src/report/url-password.ts
var url_password = __nccwpck_require__(3397);
// EXTERNAL MODULE: ./src/config/steps.ts
var steps = __nccwpck_require__(9009);
// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __nccwpck_require__(1916);
;// CONCATENATED MODULE: ./src/config/suggest.ts
// "Did you mean": the nearest candidate by edit distance, when it is near enough to be a typo.

function suggest(word, candidates) {
    if (candidates.length === 0)
        return undefined;
    const nearest = (0,mod/* closest */.kp)(word, candidates);
    // Short words need a near match, or every short word would resemble every other.
    const allowed = word.length <= 4 ? 1 : Math.ceil(word.length * 0.4);
    return (0,mod/* distance */.Io)(word, nearest) <= allowed ? nearest : undefined;
}
/** `: did you mean 'timeout'?`, or `fallback` when nothing is near. */
function didYouMean(word, candidates, fallback) {
    const nearest = suggest(word, candidates);
    return nearest === undefined ? fallback : `: did you mean '${nearest}'?`;
}

// EXTERNAL MODULE: ./src/config/unsupported.ts
var unsupported = __nccwpck_require__(9365);
// EXTERNAL MODULE: ./src/config/variables.ts
var config_variables = __nccwpck_require__(9183);
;// CONCATENATED MODULE: ./src/config/interpolate.ts
// `${NAME}` and `${NAME:-default}` in every string value, except under `variables:` (whose defaults
// are literal) and in sections this version does not read. `$${` is a literal `${`, and
// `${steps.<id>.<name>}` is left as written for the smoke steps that will capture it.
//
// A script or SQL text never gets a value pasted in (GitHub's script-injection rule): in `run:` the
// references are only checked, and the shell expands them from the command's environment; in SQL
// and in `shell` a reference is an error, as values go in as bind parameters or not at all.






const REFERENCE = /\$\$\{|\$\{([^}]*)(\}?)/g;
const VARIABLE = /^([A-Za-z_]\w*)(?::-(.*))?$/s;
const STEP_CAPTURE = /^steps\.[\w-]+\.[\w-]+$/;
const NOT_INTERPOLATED = new Set([(0,config_document/* pointer */.Wn)(['variables'])]);
const KINDS = [
    ['script', ['deploy', '*', 'run']],
    ['script', ['services', '*', 'command', 'run']],
    ['script', ['smoke', '*', 'run']],
    ['program', ['deploy', '*', 'shell']],
    ['program', ['services', '*', 'command', 'shell']],
    ['program', ['smoke', '*', 'shell']],
    ['sql', ['services', '*', 'postgres', 'query', 'sql']]
];
function interpolate(document, variables, env, findings) {
    const declared = [...variables.values.keys()];
    const secrets = new Set();
    const resolve = (text, path) => {
        const report = (message) => {
            findings.push({ path, anchor: 'value', message: `${(0,config_document/* dotted */.Bs)(path)} ${message}` });
        };
        const kind = textKind(path);
        const result = text.replace(REFERENCE, (match, body, close) => {
            if (body === undefined)
                return '${';
            if (body.startsWith('{')) {
                report('uses a ${{ }} expression, which only workflow files evaluate: pass the value in env: and write ${NAME}');
            }
            else if (!close) {
                report(`has '${match}' without a closing }: write \${NAME}, or $\${ for a literal \${`);
            }
            else if (kind === 'sql') {
                report(`has '${match}': a value never becomes SQL text; write $1 in the SQL and give the value as params: ["${match}"] (the next one is $2)`);
            }
            else if (kind === 'program') {
                report(`has '${match}': the shell is named as written (bash, sh, pwsh), never from a value`);
            }
            else if (STEP_CAPTURE.test(body)) {
                // Outside smoke steps nothing has captured it: steps.ts says so.
                if (kind === 'script' && path[0] === 'smoke') {
                    const [, id = '', name = ''] = body.split('.');
                    report(`has '${match}': a captured value never becomes script text; write \${${(0,steps/* capturedVariable */.H0)(id, name)}}, which the command gets in its environment`);
                }
            }
            else {
                const variable = VARIABLE.exec(body);
                const name = variable?.[1];
                if (!variable || name === undefined) {
                    report(`has '${match}', which is not a variable reference: write \${NAME} or \${NAME:-default}, or $\${ for a literal \${`);
                    return match;
                }
                const value = variables.values.get(name) ?? ((0,config_variables/* isGithubDefault */.F1)(name) ? (env[name] ?? '') : undefined);
                if (value !== undefined && kind === 'script') {
                    // The shell expands the reference itself, from the exported or inherited variable.
                    if (variables.values.has(name) || !(0,config_variables/* isWithheldFromCommands */.QZ)(name))
                        return match;
                    report(`uses \${${name}}, which commands do not inherit: declare it under variables: (${name}: { secret: true }) to hand it over, or give it in the step's env:`);
                    return match;
                }
                if (value !== undefined)
                    return value === '' && variable[2] !== undefined ? variable[2] : value;
                // Captured values are checked against the steps that capture them (steps.ts).
                if (kind === 'script' && name.startsWith(steps/* CAPTURED_PREFIX */.eq) && path[0] === 'smoke')
                    return match;
                report(name.startsWith(steps/* CAPTURED_PREFIX */.eq) && kind === 'script'
                    ? `uses \${${name}}, but only smoke steps get captured values`
                    : `uses \${${name}}, which is not declared` +
                        didYouMean(name, declared, `: declare it under variables: (for example ${name}: { required: true })`));
            }
            return match;
        });
        for (const { start, end } of (0,url_password/* urlPasswords */.s1)(result)) {
            const password = result.slice(start, end);
            secrets.add(password);
            secrets.add((0,url_password/* percentDecoded */.oF)(password));
            // The credentials as Basic auth sends them (base64 of `user:password`), for HTTP URLs.
            const user = result.slice(result.lastIndexOf('//', start) + 2, start - 1);
            secrets.add(Buffer.from(`${(0,url_password/* percentDecoded */.oF)(user)}:${(0,url_password/* percentDecoded */.oF)(password)}`).toString('base64'));
        }
        return result;
    };
    const walk = (value, path) => {
        if (typeof value === 'string')
            return resolve(value, path);
        if (Array.isArray(value))
            return value.map((item, index) => walk(item, [...path, index]));
        if (!(0,config_document/* isMapping */.pi)(value))
            return value;
        return Object.fromEntries(Object.entries(value).map(([key, item]) => {
            const itemPath = [...path, key];
            const skip = NOT_INTERPOLATED.has((0,config_document/* pointer */.Wn)(itemPath)) || (0,unsupported/* isUnsupported */.w)(itemPath);
            return [key, skip ? item : walk(item, itemPath)];
        }));
    };
    return { document: walk(document, []), secrets: [...secrets] };
}
function textKind(path) {
    const found = KINDS.find(([, pattern]) => pattern.length === path.length && pattern.every((key, index) => key === '*' || key === path[index]));
    return found?.[0] ?? 'data';
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/config/parse.ts
// One YAML file read into a plain document, with the position of each of its nodes.


function parseLayer(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const yaml = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false });
    const positionOf = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    const problem = (offset, message) => ({
        file,
        ...positionOf(offset),
        message
    });
    // After a syntax error the parser's recovery yields a cascade of follow-on errors that only
    // bury the real one: report the first, with a hint for the most common cause.
    const [syntax] = yaml.errors;
    const problems = syntax ? [problem(syntax.pos[0], syntaxMessage(syntax.message, text, syntax.pos[0]))] : [];
    const sources = new Map();
    const record = (node, path, key) => {
        if (!(0,dist/* isNode */.Ll)(node) || !node.range)
            return;
        const value = positionOf(node.range[0]);
        sources.set((0,config_document/* pointer */.Wn)(path), { file, key, value });
        if ((0,dist/* isMap */.jh)(node)) {
            for (const pair of node.items) {
                const name = String((0,dist/* isScalar */.jn)(pair.key) ? pair.key.value : pair.key);
                const keyPosition = (0,dist/* isNode */.Ll)(pair.key) && pair.key.range ? positionOf(pair.key.range[0]) : value;
                if ((0,dist/* isNode */.Ll)(pair.value))
                    record(pair.value, [...path, name], keyPosition);
                else
                    sources.set((0,config_document/* pointer */.Wn)([...path, name]), { file, key: keyPosition, value: keyPosition });
            }
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            node.items.forEach((item, index) => record(item, [...path, index]));
        }
        // An alias is not followed: what lies under it is located at the alias.
    };
    record(yaml.contents, []);
    let value = {};
    try {
        value = yaml.toJS({ maxAliasCount: 100 }) ?? {};
    }
    catch (error) {
        problems.push(problem(0, `invalid YAML: ${error.message}`));
    }
    if (!(0,config_document/* isMapping */.pi)(value)) {
        problems.push(problem(0, 'the file must be a mapping of keys such as version and services'));
    }
    const document = (0,config_document/* isMapping */.pi)(value) ? value : {};
    return { layer: { file, document, sources }, problems };
}
function syntaxMessage(message, text, offset) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = text.indexOf('\n', offset);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const unquotedVariable = /\{[^}]*:\s*\$\{/.test(line);
    return unquotedVariable
        ? `invalid YAML: ${message}. A \${VARIABLE} inside a { } map must be quoted, e.g. { url: "\${DATABASE_URL}" }`
        : `invalid YAML: ${message}`;
}

;// CONCATENATED MODULE: ./src/config/layers.ts
// The environment file and the files it `extends`, in the order they merge: every extended file
// (its own extends first, depth first, each file once) before the file that extends it.




async function readLayers(configPath, workingDirectory, workspace) {
    const layers = [];
    const problems = [];
    const visited = new Set();
    const display = (absolute) => (0,files/* displayPath */.Gt)(workingDirectory, absolute);
    const visit = async (absolute, chain, entry) => {
        const file = display(absolute);
        if (entry && chain.includes(absolute)) {
            const cycle = [...chain.slice(chain.indexOf(absolute)), absolute].map(display).join(' → ');
            problems.push({ ...entry.at, message: `extends cycle: ${cycle}: remove one of these extends` });
            return;
        }
        if (visited.has(absolute))
            return;
        visited.add(absolute);
        const read = (0,files/* readConfinedFile */.p7)(absolute, (0,files/* inWorkspace */.ve)(workspace));
        if ('problem' in read) {
            const { reason, fix, line } = read.problem;
            problems.push(line !== undefined
                ? { file, line, column: 1, message: `${file} ${reason}: ${fix}` }
                : entry
                    ? {
                        ...entry.at,
                        message: `extends file '${entry.written}' ${reason} (looked for ${file}): ${fix ?? 'fix the path, which is relative to this file'}`
                    }
                    : {
                        file,
                        line: 1,
                        column: 1,
                        message: `environment file ${file} ${reason}: ${fix ?? 'set the config input to its path, relative to the working directory'}`
                    });
            return;
        }
        const parsed = parseLayer(read.text, file);
        problems.push(...parsed.problems);
        const { extends: declared, ...document } = parsed.layer.document;
        for (const next of extendsEntries(declared, parsed.layer, problems)) {
            await visit((0,external_node_path_.resolve)((0,external_node_path_.dirname)(absolute), next.written), [...chain, absolute], next);
        }
        layers.push({ ...parsed.layer, document });
    };
    await visit((0,external_node_path_.resolve)(workingDirectory, configPath), []);
    return { layers, problems };
}
/** `extends: ./base.yml` or a list of such paths. */
function extendsEntries(declared, layer, problems) {
    if (declared === undefined)
        return [];
    const list = Array.isArray(declared) ? declared : [declared];
    const entries = [];
    list.forEach((written, index) => {
        const path = Array.isArray(declared) ? ['extends', index] : ['extends'];
        const at = locate(layer.sources, path, 'value', layer.file);
        if (typeof written === 'string' && written !== '')
            entries.push({ written, at });
        else
            problems.push({
                ...at,
                message: 'extends must be a file path (such as ./base.yml) or a list of file paths'
            });
    });
    return entries;
}

;// CONCATENATED MODULE: ./src/config/merge.ts
// Layers merge in order, later over earlier: mappings key by key, anything else (lists included)
// replaced whole. Each node of the result keeps the source of the layer that set it.

function mergeLayers(layers) {
    return layers.reduce((base, layer) => {
        const document = mergeValues(base.document, layer.document);
        const sources = new Map();
        // A node present in the result comes from the later layer if that layer has it, else from the earlier.
        const collect = (value, path) => {
            const key = (0,config_document/* pointer */.Wn)(path);
            const source = layer.sources.get(key) ?? base.sources.get(key);
            if (source)
                sources.set(key, source);
            if (Array.isArray(value)) {
                value.forEach((item, index) => collect(item, [...path, index]));
            }
            else if ((0,config_document/* isMapping */.pi)(value)) {
                for (const [name, item] of Object.entries(value))
                    collect(item, [...path, name]);
            }
        };
        collect(document, []);
        return { document, sources };
    }, { document: {}, sources: new Map() });
}
function mergeValues(base, overlay) {
    if (!(0,config_document/* isMapping */.pi)(base) || !(0,config_document/* isMapping */.pi)(overlay))
        return overlay;
    const keys = new Set([...Object.keys(base), ...Object.keys(overlay)]);
    return Object.fromEntries([...keys].map(key => [
        key,
        Object.hasOwn(overlay, key) ? mergeValues(base[key], overlay[key]) : base[key]
    ]));
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __nccwpck_require__(7840);
;// CONCATENATED MODULE: ./src/config/comparison.ts
// The `baseline:` and `monitor:` sections: what the run compares with a known-good baseline, and how
// long it watches the services afterwards. Percentages are written `20%`; bounds `p95 < 500ms` or
// `p95 <= +20%`.




const DEFAULT_SAMPLES = 20;
const DEFAULT_MAX_INCREASE = 0.2;
const DEFAULT_THROUGHPUT_ERROR_RATE = 0.01;
/** A burst is a probe, not a load test: it must stay short. */
const MAX_BURST_MS = 5 * 60_000;
const DEFAULT_MONITOR_INTERVAL_MS = 30_000;
const DEFAULT_MONITOR_ERROR_RATE = 0.05;
const DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const BOUND = /^p(\d{1,2}(?:\.\d+)?)\s*(<=?)\s*(?:\+(\d+(?:\.\d+)?)%|(\S+))$/;
function readBaseline(root, services, workingDirectory) {
    const section = root.get('baseline');
    const known = serviceNamesOf(root);
    const latency = section.get('latency');
    const schema = section.get('schema');
    const schemaOn = schema.exists && typeof schema.value !== 'object' ? schema.boolean() : true;
    return {
        compareConfig: readCompareConfig(section.get('compare_config'), workingDirectory),
        ignore: texts(section.get('ignore')),
        expectDifferent: texts(section.get('expect_different')),
        latency: {
            samples: latency.get('samples').integer(0) ?? DEFAULT_SAMPLES,
            maxIncrease: readPercent(latency.get('max_increase')) ?? DEFAULT_MAX_INCREASE,
            bounds: latency
                .get('bounds')
                .items()
                .flatMap(bound => readBound(bound) ?? [])
        },
        schema: schemaOn === false ? undefined : { migrationsTable: schema.get('migrations_table').text() },
        throughput: readThroughput(section.get('throughput'), services, known),
        source: section.source()
    };
}
function readMonitor(root, services) {
    const section = root.get('monitor');
    if (!section.exists)
        return undefined;
    const durationMs = (0,duration/* readDuration */.$7)(section.get('duration'), { positive: true });
    if (durationMs === undefined)
        return undefined;
    return {
        durationMs,
        intervalMs: (0,duration/* readDuration */.$7)(section.get('interval'), { positive: true }) ?? DEFAULT_MONITOR_INTERVAL_MS,
        maxErrorRate: readPercent(section.get('max_error_rate'), 100) ?? DEFAULT_MONITOR_ERROR_RATE,
        maxConsecutiveFailures: section.get('max_consecutive_failures').integer(1) ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
        services: readServiceNames(section.get('services'), serviceNamesOf(root)) ??
            services.map(service => service.name),
        source: section.source()
    };
}
/** A fraction from `20%`; over 100% is allowed where it is an increase, so ranges are the caller's. */
function readPercent(cursor, max = Infinity) {
    const text = cursor.text();
    if (text === undefined)
        return undefined;
    const match = PERCENT.exec(text.trim());
    const percent = match ? Number(match[1]) : NaN;
    if (!(percent <= max)) {
        const range = max === Infinity ? '' : ` from 0% to ${max}%`;
        cursor.report(`${cursor.where} must be a percentage${range} such as 20% or 0.5%, not '${text}'`);
        return undefined;
    }
    return percent / 100;
}
function readCompareConfig(cursor, workingDirectory) {
    const text = cursor.text();
    if (text === undefined)
        return undefined;
    // Relative to the file that says it, like `extends`.
    const source = cursor.source('value');
    const path = (0,external_node_path_.resolve)(workingDirectory, (0,external_node_path_.dirname)(source.file), text);
    const file = (0,files/* displayPath */.Gt)(workingDirectory, path);
    const refused = (0,files/* confinementProblem */.UU)(path, cursor.files);
    if (refused) {
        cursor.report(`${cursor.where} '${text}' ${refused.reason} (looked for ${file}): ${refused.fix}`);
        return undefined;
    }
    return { path, file, source };
}
function readBound(cursor) {
    const text = cursor.text();
    if (text === undefined)
        return undefined;
    const match = BOUND.exec(text.trim());
    const percentile = match ? Number(match[1]) : NaN;
    const ms = match?.[4] === undefined ? undefined : (0,duration/* parseDuration */.E9)(match[4]);
    if (!match || !(percentile > 0 && percentile < 100) || (match[3] === undefined && ms === undefined)) {
        cursor.report(`${cursor.where} must be a bound such as p95 < 500ms or p99 <= +20%, not '${text}'`);
        return undefined;
    }
    return {
        text: text.trim(),
        percentile,
        op: match[2],
        limit: ms === undefined ? { increase: Number(match[3]) / 100 } : { ms }
    };
}
function readThroughput(cursor, services, known) {
    if (!cursor.exists)
        return undefined;
    const ratePerSecond = cursor.get('rate').integer(1);
    const durationMs = (0,duration/* readDuration */.$7)(cursor.get('duration'), { positive: true });
    if (durationMs !== undefined && durationMs > MAX_BURST_MS)
        cursor
            .get('duration')
            .report(`${cursor.where}.duration must be at most 5m: a burst is a probe, not a load test`);
    const http = services.filter(service => service.probe.kind === 'http');
    const named = readServiceNames(cursor.get('services'), known);
    for (const [index, name] of (named ?? []).entries()) {
        const item = cursor.get('services').items()[index];
        if (!http.some(service => service.name === name))
            item?.report(`'${name}' is not an HTTP service: a burst sends HTTP requests`);
    }
    if (ratePerSecond === undefined || durationMs === undefined || durationMs > MAX_BURST_MS)
        return undefined;
    return {
        ratePerSecond,
        durationMs,
        maxErrorRate: readPercent(cursor.get('max_error_rate'), 100) ?? DEFAULT_THROUGHPUT_ERROR_RATE,
        services: named ?? http.map(service => service.name),
        source: cursor.source()
    };
}
/** The listed names, each checked against the services; undefined when no list is given. */
function readServiceNames(cursor, known) {
    if (!cursor.exists)
        return undefined;
    return cursor.items().flatMap(item => {
        const name = item.text();
        if (name === undefined)
            return [];
        if (!known.includes(name)) {
            item.report(`'${name}' is not a service${didYouMean(name, known, ': name one under services')}`);
            return [];
        }
        return [name];
    });
}
/** Every service the file names, including any too broken to run (those are reported elsewhere). */
function serviceNamesOf(root) {
    return root
        .get('services')
        .entries()
        .map(entry => entry.name);
}
function texts(cursor) {
    return cursor.items().flatMap(item => item.text() ?? []);
}

;// CONCATENATED MODULE: ./src/report/junit.ts
function renderJUnit(report) {
    const categories = [...new Set(report.checks.map(check => check.category))];
    const suites = categories.map(category => suite(category, report.checks.filter(c => c.category === category)));
    const errors = report.errors.length
        ? [
            `  <testsuite name="deploy-verify" tests="1" failures="0" errors="1" skipped="0" time="0">`,
            `    <testcase classname="deploy-verify" name="validation" time="0">`,
            `      <error message="${attr(report.summary)}">${junit_text(report.errors.map(e => e.message).join('\n'))}</error>`,
            `    </testcase>`,
            `  </testsuite>`
        ]
        : [];
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="deploy-verify ${attr(report.environment)}" time="${report.duration_seconds}">`,
        ...suites.flat(),
        ...errors,
        '</testsuites>',
        ''
    ].join('\n');
}
function suite(category, checks) {
    const count = (...statuses) => checks.filter(check => statuses.includes(check.status)).length;
    const time = seconds(checks.reduce((sum, check) => sum + check.duration_ms, 0));
    return [
        `  <testsuite name="${attr(category)}" tests="${checks.length}" failures="${count('failed')}" ` +
            `errors="${count('error')}" skipped="${count('skipped')}" time="${time}">`,
        ...checks.flatMap(testCase),
        '  </testsuite>'
    ];
}
function testCase(check) {
    const open = `    <testcase classname="${attr(check.category)}" name="${attr(check.id)}" time="${seconds(check.duration_ms)}"`;
    const where = `${check.file}:${check.line}`;
    const body = {
        passed: [],
        flaky: [`      <properties><property name="flaky" value="true"/></properties>`],
        warning: [`      <system-out>${junit_text(`warning: ${check.message}`)}</system-out>`],
        failed: [
            `      <failure message="${attr(check.message)}">${junit_text(`${check.message}\n(${where})`)}</failure>`
        ],
        error: [`      <error message="${attr(check.message)}">${junit_text(`${check.message}\n(${where})`)}</error>`],
        skipped: [`      <skipped message="${attr(check.message)}"/>`]
    };
    const inner = body[check.status];
    return inner.length ? [`${open}>`, ...inner, '    </testcase>'] : [`${open}/>`];
}
function seconds(ms) {
    return (ms / 1000).toFixed(3);
}
function junit_text(value) {
    return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
function attr(value) {
    return junit_text(value).replaceAll('"', '&quot;').replaceAll('\n', '&#10;');
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __nccwpck_require__(4285);
;// CONCATENATED MODULE: ./src/report/prometheus.ts
const RUN_STATUSES = ['passed', 'warning', 'failed', 'error'];
const CHECK_STATUSES = ['passed', 'flaky', 'warning', 'failed', 'error', 'skipped'];
function renderPrometheus(report) {
    const env = { environment: report.environment };
    const lines = [
        ...metric('deploy_verify_run_status', 'gauge', 'The run verdict: 1 for the status it ended with.', [
            ...RUN_STATUSES.map(status => sample({ ...env, status }, status === report.status ? 1 : 0))
        ]),
        ...metric('deploy_verify_run_duration_seconds', 'gauge', 'How long the validation took.', [
            sample(env, report.duration_seconds)
        ]),
        ...metric('deploy_verify_check_status', 'gauge', 'Each check: 1 for the status it ended with.', [
            ...report.checks.flatMap(check => CHECK_STATUSES.map(status => sample({ ...env, check: check.id, category: check.category, status }, status === check.status ? 1 : 0)))
        ]),
        ...metric('deploy_verify_check_duration_seconds', 'gauge', 'Time each check took, retries included.', [
            ...report.checks.map(check => sample({ ...env, check: check.id }, check.duration_ms / 1000))
        ]),
        ...metric('deploy_verify_check_attempts', 'gauge', 'Attempts each check made.', [
            ...report.checks.map(check => sample({ ...env, check: check.id }, check.attempts))
        ])
    ];
    return `${lines.join('\n')}\n`;
}
function metric(name, type, help, samples) {
    return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(line => `${name}${line}`)];
}
function sample(labels, value) {
    const pairs = Object.entries(labels).map(([name, text]) => `${name}="${escapeLabel(text)}"`);
    return `{${pairs.join(',')}} ${value}`;
}
/** Label values escape backslash, double quote and line feed, as the exposition format requires. */
function escapeLabel(value) {
    return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

;// CONCATENATED MODULE: ./src/report/formats.ts
// The report's formats and the files they go to, next to the JSON report: the JSON is always
// written (it is what the report-path output names); the others on request (`report.formats`).




const EXTENSIONS = {
    json: '.json',
    junit: '.xml',
    markdown: '.md',
    prometheus: '.prom'
};
/** `out/deploy-verify-report.json` -> `out/deploy-verify-report.xml` for junit. */
function formatPath(jsonPath, format) {
    return format === 'json' ? jsonPath : jsonPath.replace(/(\.json)?$/i, EXTENSIONS[format]);
}
function renderFormat(report, format, jsonPath) {
    switch (format) {
        case 'json':
            return `${JSON.stringify(report, null, 2)}\n`;
        case 'junit':
            return renderJUnit(report);
        case 'markdown':
            return (0,markdown/* renderSummary */.B)(report, { reportPath: (0,external_node_path_.basename)(jsonPath) });
        case 'prometheus':
            return renderPrometheus(report);
    }
}

;// CONCATENATED MODULE: ./src/config/dependencies.ts

function checkDependencies(dependents) {
    const byName = new Map(dependents.map(dependent => [dependent.service.name, dependent]));
    const names = [...byName.keys()];
    for (const { service, needs } of dependents) {
        for (const need of needs) {
            const name = need.text();
            if (name === undefined || byName.has(name))
                continue;
            const hint = didYouMean(name, names, ': add it under services, or remove it from depends_on');
            need.report(`${service.where} depends on '${name}', which is not a service${hint}`);
        }
    }
    // Depth first; an entry leading back into the current path closes a cycle and is reported once.
    const state = new Map();
    const path = [];
    const visit = ({ service, needs }) => {
        state.set(service.name, 'visiting');
        path.push(service.name);
        for (const need of needs) {
            const next = byName.get(need.text() ?? '');
            if (!next)
                continue;
            const seen = state.get(next.service.name);
            if (seen === 'visiting') {
                const cycle = [...path.slice(path.indexOf(next.service.name)), next.service.name].join(' → ');
                need.report(`dependency cycle: ${cycle}: remove one of these depends_on`);
            }
            else if (seen === undefined) {
                visit(next);
            }
        }
        path.pop();
        state.set(service.name, 'done');
    };
    for (const dependent of dependents)
        if (!state.has(dependent.service.name))
            visit(dependent);
}

// EXTERNAL MODULE: ./src/config/probes.ts + 1 modules
var probes = __nccwpck_require__(1281);
;// CONCATENATED MODULE: ./src/config/normalize.ts
// The interpolated document becomes the EnvironmentConfig the engine runs: durations in
// milliseconds, defaults applied, each service's policy resolved, references between services checked.










function normalize(root, options) {
    (0,unsupported/* reportUnsupported */.g)(root);
    const defaults = root.get('defaults');
    const policy = readPolicy(defaults, DEFAULT_POLICY);
    const dependents = [];
    const services = [];
    for (const service of root.get('services').entries()) {
        const needs = service.get('depends_on').oneOrMany();
        dependents.push({ service, needs });
        const probe = (0,probes/* readProbe */.f1)(service, options.workingDirectory);
        if (!probe)
            continue;
        services.push({
            name: service.name,
            critical: service.get('critical').boolean() ?? false,
            dependsOn: needs.flatMap(need => need.text() ?? []),
            policy: readPolicy(service, policy),
            probe,
            source: service.source()
        });
    }
    checkDependencies(dependents);
    (0,steps/* forbidReferences */.HV)(root);
    return {
        version: 1,
        environment: options.environmentName || root.get('environment').text() || options.fileStem,
        defaults: { ...policy, concurrency: defaults.get('concurrency').integer(1) ?? DEFAULT_CONCURRENCY },
        deploy: (0,steps/* readDeploy */.qx)(root, options.workingDirectory),
        services,
        smoke: (0,steps/* readSmoke */.kK)(root, options.workingDirectory, policy.timeoutMs),
        report: readReport(root.get('report'), options),
        baseline: readBaseline(root, services, options.workingDirectory),
        expectsRecordedBaseline: ['latency', 'schema'].some(key => root.get('baseline').get(key).exists),
        monitor: readMonitor(root, services),
        rollback: { dispatch: root.get('rollback').get('dispatch').text() }
    };
}
function readReport(report, options) {
    // The schema admits only known formats.
    const formats = report
        .get('formats')
        .items()
        .flatMap(item => item.text() ?? []);
    const path = report.get('path');
    const written = path.text() ?? DEFAULT_REPORT_PATH;
    const absolute = (0,external_node_path_.resolve)(options.workingDirectory, written);
    const refused = (0,files/* confinementProblem */.UU)(absolute, options.reportPlaces);
    const replaced = options.configFiles.find(file => ['json', ...formats].some(format => (0,files/* sameFile */.Vi)(formatPath(absolute, format), file)));
    if (refused)
        path.report(`${path.where} '${written}' ${refused.reason}: ${refused.fix}`);
    else if (replaced)
        path.report(`${path.where} '${written}' would overwrite the configuration file ${(0,files/* displayPath */.Gt)(options.workingDirectory, replaced)}: name another file for the report`);
    return {
        path: written,
        formats,
        retentionDays: report.get('retention_days').integer(0, 400) || undefined
    };
}
/** The policy under `cursor` (defaults: or a service), each setting falling back to `inherited`. */
function readPolicy(cursor, inherited) {
    const retry = cursor.get('retry');
    return {
        timeoutMs: (0,duration/* readDuration */.$7)(cursor.get('timeout'), { positive: true }) ?? inherited.timeoutMs,
        retry: {
            attempts: retry.get('attempts').integer(1) ?? inherited.retry.attempts,
            initialDelayMs: (0,duration/* readDuration */.$7)(retry.get('initial_delay')) ?? inherited.retry.initialDelayMs,
            maxDelayMs: (0,duration/* readDuration */.$7)(retry.get('max_delay')) ?? inherited.retry.maxDelayMs,
            factor: retry.get('factor').number(1) ?? inherited.retry.factor,
            jitter: retry.get('jitter').number(0, 1) ?? inherited.retry.jitter
        },
        startupBudgetMs: (0,duration/* readDuration */.$7)(cursor.get('startup_budget'), { positive: true }) ?? inherited.startupBudgetMs,
        successThreshold: cursor.get('success_threshold').integer(1) ?? inherited.successThreshold
    };
}

;// CONCATENATED MODULE: ./src/config/problems.ts
// Everything wrong with a configuration is collected and reported in one run, each problem with
// the file, line and column it concerns and what to do about it.
class ConfigError extends Error {
    problems;
    /** Secret values known when loading stopped, so that outputs of the failed run stay redacted. */
    secrets;
    constructor(problems, secrets = []) {
        super(problems.map(formatProblem).join('\n'));
        this.name = 'ConfigError';
        this.problems = problems;
        this.secrets = secrets;
    }
}
function formatProblem(problem) {
    return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

;// CONCATENATED MODULE: ./src/generated/config-validator.js
// Generated by scripts/compile-schema.mjs from schema/config.schema.json: do not edit.
const validate = (/* unused pure expression or super */ null && (validate10));/* harmony default export */ const config_validator = (validate10);const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://raw.githubusercontent.com/OWNER/deploy-verify/v1/schema/config.schema.json","title":"deploy-verify environment file","description":"One environment to validate: the services to check and how. Every string value may use ${NAME} (a variable declared under variables:, or a GitHub default variable: GITHUB_*, RUNNER_*, CI) and ${NAME:-default} (used when the value is unset or empty); $${ is a literal ${, and ${steps.<id>.<name>} is left as written. Values under variables: are not interpolated, nor are mapping keys. A value never becomes script or SQL text: run: is not interpolated (every declared variable is in the command's environment, and the shell expands ${NAME} itself; a captured value is ${STEPS_<ID>_<NAME>} there), and a SQL query takes values as params:. Where a number or true/false is expected, a ${VARIABLE} holding one is accepted.","type":"object","required":["version"],"additionalProperties":false,"properties":{"version":{"description":"Version of this file format: 1. Required, in this file or in one it extends.","const":1},"environment":{"description":"Name of the environment in reports and artifacts. Default: the file name without its extension. The action's environment input overrides it.","type":"string","minLength":1},"extends":{"description":"A file, or a list of files, that this file builds on; paths are relative to this file and are not interpolated. Layers merge in this order: built-in defaults, each extended file (after the files it extends itself; a file reached twice is merged once, at its first place), then this file. Mappings merge key by key; lists and all other values are replaced whole.","type":["string","array"],"minLength":1,"items":{"type":"string","minLength":1,"description":"Path of a file to extend, relative to this file."}},"variables":{"description":"Every ${NAME} used in the file must be declared here, unless it is a GitHub default variable (GITHUB_*, RUNNER_*, CI). A variable's value comes from the step's env:, else its default, else ''. An empty value counts as unset, as GitHub passes a missing secret as ''. Every declared variable is exported to every command with its value. Names starting with STEPS_ are kept for captured values.","type":"object","propertyNames":{"title":"a variable name of letters, digits and _ that does not start with a digit","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"},"additionalProperties":{"$ref":"#/definitions/variable"}},"defaults":{"description":"How every service is checked unless it says otherwise.","type":"object","additionalProperties":false,"properties":{"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt. Default 10s.","default":"10s"},"retry":{"$ref":"#/definitions/retry","description":"How failed attempts are retried. Default { attempts: 5, initial_delay: 1s, max_delay: 30s, factor: 2, jitter: 0.2 }."},"startup_budget":{"$ref":"#/definitions/duration","description":"Time from a service's first attempt after which no new attempt starts: how long a service may take to become healthy. Default 5m.","default":"5m"},"success_threshold":{"$ref":"#/definitions/positiveInteger","description":"Consecutive successful attempts needed before a service passes. Default 1.","default":1},"concurrency":{"$ref":"#/definitions/positiveInteger","description":"How many services are probed at once. Default 8.","default":8}}},"services":{"description":"The services to check, by name. They are checked in parallel, each after the services it depends_on. A service's check id is services.<name>.","type":"object","propertyNames":{"title":"a name of lower-case letters, digits, - and _ that starts with a letter or digit (it becomes the check id services.<name>)","pattern":"^[a-z0-9][a-z0-9_-]*$"},"additionalProperties":{"$ref":"#/definitions/service"}},"report":{"description":"Where the report is written.","type":"object","additionalProperties":false,"properties":{"path":{"type":"string","minLength":1,"description":"Path of the JSON report, relative to the working directory. Default deploy-verify-report.json.","default":"deploy-verify-report.json"},"formats":{"description":"Formats written beside the JSON report (which is always written), with its name and another extension: junit (.xml, for test-report viewers), markdown (.md, the job summary), prometheus (.prom, for a Pushgateway or a textfile collector).","type":"array","uniqueItems":true,"items":{"type":"string","title":"one of json, junit, markdown, prometheus","enum":["json","junit","markdown","prometheus"]}},"retention_days":{"$ref":"#/definitions/nonNegativeInteger","description":"Days the report artifact is kept: 1 to 90 on public repositories (up to 400 on private ones); 0 means the repository's default. The action's retention-days input overrides it."}}},"deploy":{"description":"Deployment steps, run in order before any check. A failed step stops the run: nothing is judged against a half-deployed system. A step's check id is deploy.<id>.","type":"array","items":{"$ref":"#/definitions/deployStep"}},"smoke":{"description":"Functional tests, run in order once every service is healthy. After a failed step the rest are skipped, except always: steps. A step's check id is smoke.<id>.","type":"array","items":{"$ref":"#/definitions/smokeStep"}},"security":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Security checks of the HTTP(S) services.)"},"baseline":{"description":"Comparison with a known-good baseline: config drift against a local environment file, and (with the action's baseline input) database schema drift and latency regression against a recorded baseline. A comparison that cannot be made (no baseline given or found) is a warning, never a silent pass. Check ids: baseline.config.<path>, baseline.schema.<service>, baseline.latency.<service>, baseline.throughput.<service>.","type":"object","additionalProperties":false,"properties":{"compare_config":{"type":"string","minLength":1,"description":"An environment file (usually the local one) to compare this environment with, after interpolation, relative to this file. Every difference fails unless its path is listed under ignore or expect_different. version, environment, extends and baseline are the files' own bookkeeping and never drift."},"ignore":{"$ref":"#/definitions/configPaths","description":"Config paths whose differences are not reported, such as deploy or variables.REGION; a path covers everything under it, and * stands for any one key (services.*.http.headers)."},"expect_different":{"$ref":"#/definitions/configPaths","description":"Config paths that must differ between the two files, such as services.api.http.url: a difference there passes, the same value warns (a production file pointing at a local address)."},"latency":{"type":"object","additionalProperties":false,"description":"Latency of each HTTP, TCP and PostgreSQL service, sampled after its check passes (and during the monitor window), compared with the baseline's samples: a Mann-Whitney U test with a Hodges-Lehmann shift estimate; a regression is a shift whose whole 98% interval lies beyond max_increase. Fewer than 10 samples a side is inconclusive (a warning), never a pass; a much wider spread with the same median warns.","properties":{"samples":{"$ref":"#/definitions/nonNegativeInteger","description":"Requests per service, one after another, after its check passes. Default 20; 0 turns sampling off.","default":20},"max_increase":{"$ref":"#/definitions/percent","description":"Largest acceptable increase of the typical (median) latency over the baseline's. Default 20%.","default":"20%"},"bounds":{"type":"array","description":"Bounds on percentiles of the sampled latencies: absolute (p95 < 500ms) or relative to the baseline's same percentile (p95 <= +20%).","items":{"$ref":"#/definitions/percentileBound"}}}},"schema":{"type":["boolean","object"],"additionalProperties":false,"description":"Compare each PostgreSQL service's schema with the baseline's snapshot: a missing table, column, extension or constraint, or a changed column type, fails; a newer extension, an extra table, column or index, or another latest migration warns. true (the default) or { migrations_table: schema_migrations }; false turns it off.","properties":{"migrations_table":{"type":"string","minLength":1,"description":"A table with a version column whose greatest value is the latest applied migration, recorded and compared."}}},"throughput":{"type":"object","additionalProperties":false,"required":["rate","duration"],"description":"A short, bounded burst of requests to HTTP services at a fixed rate, judged by its error rate. Check id baseline.throughput.<service>.","properties":{"rate":{"$ref":"#/definitions/positiveInteger","description":"Requests per second to each service."},"duration":{"$ref":"#/definitions/duration","description":"How long the burst lasts (at most 5m)."},"max_error_rate":{"$ref":"#/definitions/percent","description":"Largest acceptable share of failed requests. Default 1%.","default":"1%"},"services":{"$ref":"#/definitions/serviceNames","description":"HTTP services to send the burst to. Default: every HTTP service."}}}}},"monitor":{"description":"Watch the services for a while after the checks: each is probed once per interval, without retries. Check id monitor.<service>: uptime, error rate and the longest run of consecutive failures; successful polls' latencies join the baseline comparison's samples.","type":"object","additionalProperties":false,"required":["duration"],"properties":{"duration":{"$ref":"#/definitions/duration","description":"How long to watch."},"interval":{"$ref":"#/definitions/duration","description":"Time between polls of a service. Default 30s.","default":"30s"},"max_error_rate":{"$ref":"#/definitions/percent","description":"Largest acceptable share of failed polls. Default 5%.","default":"5%"},"max_consecutive_failures":{"$ref":"#/definitions/positiveInteger","description":"A run of this many failed polls in a row fails the service. Default 3.","default":3},"services":{"$ref":"#/definitions/serviceNames","description":"Services to watch. Default: every service."}}},"rollback":{"description":"What happens after a failed verdict. This version sends a repository_dispatch (dispatch:) that starts your rollback workflow; in-job rollback steps arrive later.","type":"object","additionalProperties":false,"properties":{"dispatch":{"type":"string","minLength":1,"maxLength":100,"description":"The event_type of a repository_dispatch sent on a failed verdict, with a compact payload (environment, status, deployment_id, sha, ref, run_url, failed_checks, failed_count, summary). Start your rollback workflow with on: repository_dispatch: types: [<this>]. Needs contents: write."},"mode":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (auto or workflow.)"},"on":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Categories or check ids that trigger the rollback.)"},"timeout":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Per rollback step.)"},"attempts":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Attempts per rollback step.)"},"delay":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Wait between attempts.)"},"steps":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Rollback steps.)"},"verify":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Services re-checked after the rollback.)"},"manual":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Shown when the rollback itself fails.)"}}},"notify":{"description":"Not supported yet by this version of deploy-verify: remove it for now. (Notifications of failures and recoveries.)"}},"definitions":{"variable":{"description":"A variable used as ${NAME}. An empty entry (NAME: {} or NAME:) declares an optional variable.","type":["object","null"],"additionalProperties":false,"properties":{"required":{"type":"boolean","default":false,"description":"Stop with an error when the variable is unset or empty. Cannot be combined with default. Default false."},"secret":{"type":"boolean","default":false,"description":"Mask the value in every output: report, log, summary and messages. Passwords inside URLs are masked without it. Default false."},"default":{"type":["string","number","boolean"],"title":"text","description":"Value used when the variable is unset or empty (numbers and true/false are read as text)."},"description":{"type":"string","description":"What the variable is for, for people reading the file."}}},"service":{"description":"A service to check: exactly one probe (http, postgres, tcp or command), optionally with its own policy.","type":"object","additionalProperties":false,"properties":{"critical":{"$ref":"#/definitions/boolean","description":"A failed critical service fails the run whatever else passed. Default false.","default":false},"depends_on":{"description":"Services that must pass before this one is checked; when one fails, this one is skipped. A name or a list of names.","type":["string","array"],"items":{"type":"string","title":"a service name","description":"Name of another service."}},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt of this service. Default: defaults.timeout."},"retry":{"$ref":"#/definitions/retry","description":"Retry settings for this service; settings left out are taken from defaults.retry."},"startup_budget":{"$ref":"#/definitions/duration","description":"Overrides defaults.startup_budget for this service."},"success_threshold":{"$ref":"#/definitions/positiveInteger","description":"Overrides defaults.success_threshold for this service."},"http":{"$ref":"#/definitions/http","description":"Probe: an HTTP(S) request."},"postgres":{"$ref":"#/definitions/postgres","description":"Probe: a PostgreSQL connection."},"tcp":{"$ref":"#/definitions/tcp","description":"Probe: a TCP connection."},"command":{"$ref":"#/definitions/command","description":"Probe: a command run in a shell."}}},"retry":{"description":"Exponential backoff: the first delay is initial_delay, each next one factor times longer, up to max_delay; jitter randomises a share of each delay so that checks do not retry in step.","type":"object","additionalProperties":false,"properties":{"attempts":{"$ref":"#/definitions/positiveInteger","description":"Total attempts, the first included. Default 5.","default":5},"initial_delay":{"$ref":"#/definitions/duration","description":"Delay after the first failed attempt. Default 1s.","default":"1s"},"max_delay":{"$ref":"#/definitions/duration","description":"Longest delay between attempts. Default 30s.","default":"30s"},"factor":{"$ref":"#/definitions/factor","description":"Each delay is this many times the one before. Default 2.","default":2},"jitter":{"$ref":"#/definitions/fraction","description":"Share of each delay, from 0 to 1, that is randomised. Default 0.2.","default":0.2}}},"http":{"description":"Sends one request and checks the answer.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","description":"Absolute http:// or https:// URL, usually built from a variable: ${API_URL}/health."},"method":{"type":"string","default":"GET","description":"HTTP method, in any case. Default GET."},"headers":{"$ref":"#/definitions/texts","description":"Request headers: name -> value."},"body":{"type":"string","description":"Raw request body. Not together with json."},"json":{"description":"Request body, sent as JSON with content-type application/json. Not together with body."},"ca_file":{"type":"string","description":"PEM file of extra certificate authorities to trust, relative to the file that names it. Read when the file is loaded."},"insecure_skip_verify":{"$ref":"#/definitions/boolean","description":"Accept any TLS certificate. Only for test environments. Default false.","default":false},"follow_redirects":{"$ref":"#/definitions/boolean","description":"Follow redirects. Default true.","default":true},"max_redirects":{"$ref":"#/definitions/nonNegativeInteger","description":"Most redirects followed. Default 5.","default":5},"max_body_bytes":{"$ref":"#/definitions/positiveInteger","description":"Bytes of the response body read; the rest is discarded and flagged as truncated. Default 1048576 (1 MiB).","default":1048576},"expect":{"description":"What a healthy answer looks like. Default: a 2xx status.","type":"object","additionalProperties":false,"properties":{"status":{"$ref":"#/definitions/status","description":"Expected status: a code (200), a class (2xx) or a list of them. Default 2xx.","default":"2xx"},"headers":{"$ref":"#/definitions/matchers","description":"Response header name (any case) -> matcher."},"json":{"$ref":"#/definitions/jsonMatchers","description":"JSONPath expression over the JSON body -> matcher, such as $.status: ok."},"body":{"$ref":"#/definitions/matcher","description":"Matcher for the body as text."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the response time, such as < 1000ms or <= 2s."}}},"capture":{"description":"Smoke steps only: values to read from the response for later steps, which use them as ${steps.<id>.<name>}, or in run: as the environment variable ${STEPS_<ID>_<NAME>}. Name -> a JSONPath into the JSON body ($.token) or header:<name>.","type":"object","propertyNames":{"title":"a capture name of letters, digits, - and _","pattern":"^[A-Za-z0-9_-]+$"},"additionalProperties":{"type":"string","title":"a JSONPath such as $.token, or header:<name>"}}}},"postgres":{"description":"Connects to PostgreSQL and checks the server, its extensions, tables and a query.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","description":"postgres:// or postgresql:// connection URL, usually ${DATABASE_URL} from a secret variable. Its password is masked in every output."},"extensions":{"type":"array","description":"Extensions that must be installed: a name, or { name, min_version }.","items":{"$ref":"#/definitions/extension"}},"tables":{"type":"array","description":"Tables that must exist: a name, or { name, columns }.","items":{"$ref":"#/definitions/table"}},"query":{"description":"A query whose result rows are checked.","type":"object","additionalProperties":false,"required":["sql"],"properties":{"sql":{"type":"string","description":"The SQL to run, such as select count(*)::int as n from jobs where tenant = $1. It takes no ${NAME}: a value goes in params and is written $1, $2... here."},"params":{"type":"array","items":{"type":["string","number","boolean"]},"description":"Bind parameters, sent apart from the SQL text so that no value can change the query: $1 is the first, such as params: [\"${TENANT}\"]."},"expect":{"$ref":"#/definitions/jsonMatchers","description":"JSONPath expression over the rows (a list of objects) -> matcher, such as $[0].n: { gte: 0 }."}}},"expect":{"description":"What a healthy server looks like.","type":"object","additionalProperties":false,"properties":{"server_version":{"$ref":"#/definitions/versionMatcher","description":"Matcher for the server's version, such as { gte: 14 } or { gte: '15.4' }."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the time to connect and run the checks, such as < 1000ms or <= 2s."}}}}},"extension":{"title":"an extension name, or a mapping { name, min_version }","description":"An extension that must be installed.","type":["string","object"],"additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Extension name, as in pg_extension: vector, pg_trgm."},"min_version":{"type":"string","title":"a version in quotes, such as '1.5'","description":"Lowest acceptable version. Quote it: YAML reads 1.10 as the number 1.1."}}},"table":{"title":"a table name, or a mapping { name, columns }","description":"A table that must exist.","type":["string","object"],"additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Table name, optionally with its schema (public.jobs); the schema defaults to public."},"columns":{"type":"array","description":"Columns the table must have.","items":{"type":"string","description":"A column name."}}}},"tcp":{"description":"Opens a TCP connection, optionally sends text and checks the response.","type":"object","additionalProperties":false,"required":["host","port"],"properties":{"host":{"type":"string","description":"Host name or IP address."},"port":{"$ref":"#/definitions/port","description":"Port to connect to."},"send":{"type":"string","description":"Text sent once connected, such as \"PING\\r\\n\"."},"expect":{"description":"What a healthy answer looks like. Default: the connection opens.","type":"object","additionalProperties":false,"properties":{"response":{"$ref":"#/definitions/matcher","description":"Matcher for the text received after sending."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the time to connect (and answer), such as < 1000ms or <= 2s."}}}}},"command":{"description":"Runs a command and checks its exit code and output.","type":"object","additionalProperties":false,"required":["run"],"properties":{"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Every declared variable and GitHub default variable is in the command's environment, so the shell expands ${NAME} and ${NAME:-default} itself (each ${NAME} must still be declared). $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"expect":{"$ref":"#/definitions/commandExpect","description":"What a healthy run looks like. Default: exit code 0."}}},"commandExpect":{"description":"What a command's run is checked against: its exit code, output and run time.","type":"object","additionalProperties":false,"properties":{"exit_code":{"$ref":"#/definitions/exitCode","description":"Expected exit code. Default 0.","default":0},"stdout":{"$ref":"#/definitions/matcher","description":"Matcher for standard output."},"stderr":{"$ref":"#/definitions/matcher","description":"Matcher for standard error."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the run time, such as < 1000ms or <= 2s."}}},"matcher":{"title":"a value to compare with, or a mapping of one or more of equals, contains, matches, exists, lt, lte, gt, gte","description":"A value (the observed value must equal it), or a mapping of operators that must all hold.","type":["string","number","boolean","null","object"],"additionalProperties":false,"minProperties":1,"properties":{"equals":{"description":"The observed value equals this."},"contains":{"type":"string","description":"The observed text contains this."},"matches":{"type":"string","description":"The observed text matches this regular expression (JavaScript syntax; write $${ for a literal ${)."},"exists":{"$ref":"#/definitions/boolean","description":"The value is present (true) or absent (false)."},"lt":{"$ref":"#/definitions/number","description":"The observed number is less than this."},"lte":{"$ref":"#/definitions/number","description":"The observed number is at most this."},"gt":{"$ref":"#/definitions/number","description":"The observed number is more than this."},"gte":{"$ref":"#/definitions/number","description":"The observed number is at least this."}}},"matchers":{"description":"Name -> matcher.","type":"object","additionalProperties":{"$ref":"#/definitions/matcher"}},"jsonMatchers":{"description":"JSONPath expression -> matcher.","type":"object","propertyNames":{"title":"a JSONPath expression starting with $, such as $.status","pattern":"^\\$"},"additionalProperties":{"$ref":"#/definitions/matcher"}},"texts":{"description":"Name -> text; numbers and true/false are read as text.","type":"object","additionalProperties":{"type":["string","number","boolean"],"title":"text","description":"A value."}},"duration":{"title":"a duration such as 250ms, 10s, 5m, 1h or 1m30s","description":"Whole numbers with the units h, m, s and ms, largest first (1m30s), or a ${VARIABLE} that holds one.","type":"string","pattern":"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},"latency":{"title":"a bound such as < 1000ms or <= 2s","description":"< or <= followed by a duration (a bare duration means <=), or a ${VARIABLE} that holds one.","type":"string","pattern":"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},"status":{"title":"a status code such as 200, a class such as 2xx, or a list of them","description":"A status code, a class such as 2xx, or a list of them: any one must match.","type":["integer","string","array"],"minimum":100,"maximum":599,"pattern":"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{","minItems":1,"items":{"$ref":"#/definitions/statusCode"}},"statusCode":{"title":"a status code such as 200 or a class such as 2xx","description":"A status code or a class such as 2xx.","type":["integer","string"],"minimum":100,"maximum":599,"pattern":"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"},"boolean":{"title":"true or false, or a ${VARIABLE} that holds one","description":"true or false, or a ${VARIABLE} that holds one.","type":["boolean","string"],"pattern":"\\$\\{"},"number":{"title":"a number, or a ${VARIABLE} that holds one","description":"A number, or a ${VARIABLE} that holds one.","type":["number","string"],"pattern":"\\$\\{"},"factor":{"title":"a number of at least 1, or a ${VARIABLE} that holds one","description":"A number of at least 1, or a ${VARIABLE} that holds one.","type":["number","string"],"minimum":1,"pattern":"\\$\\{"},"fraction":{"title":"a number from 0 to 1, or a ${VARIABLE} that holds one","description":"A number from 0 to 1, or a ${VARIABLE} that holds one.","type":["number","string"],"minimum":0,"maximum":1,"pattern":"\\$\\{"},"positiveInteger":{"title":"a whole number of at least 1, or a ${VARIABLE} that holds one","description":"A whole number of at least 1, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":1,"pattern":"\\$\\{"},"nonNegativeInteger":{"title":"a whole number of at least 0, or a ${VARIABLE} that holds one","description":"A whole number of at least 0, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":0,"pattern":"\\$\\{"},"port":{"title":"a port from 1 to 65535, or a ${VARIABLE} that holds one","description":"A port from 1 to 65535, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":1,"maximum":65535,"pattern":"\\$\\{"},"exitCode":{"title":"an exit code from 0 to 255, or a ${VARIABLE} that holds one","description":"An exit code from 0 to 255, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":0,"maximum":255,"pattern":"\\$\\{"},"stepId":{"description":"A step id: lower-case letters, digits, - and _, starting with a letter or digit.","type":"string","title":"an id of lower-case letters, digits, - and _ that starts with a letter or digit","pattern":"^[a-z0-9][a-z0-9_-]*$"},"deployStep":{"description":"A deployment step: a command run before any check. A failed step stops the run.","type":"object","additionalProperties":false,"required":["name","run"],"properties":{"name":{"type":"string","minLength":1,"description":"What the step does, shown in the log and the summary."},"id":{"$ref":"#/definitions/stepId","description":"Stable id of the step, used in its check id and in ${steps.<id>.<name>}. Default: the name in lower case, with every run of other characters turned into -."},"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Every declared variable and GitHub default variable is in the command's environment, so the shell expands ${NAME} and ${NAME:-default} itself (each ${NAME} must still be declared). $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"retries":{"$ref":"#/definitions/nonNegativeInteger","description":"Further attempts after a failed one. Default 0.","default":0},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt; the step and every process it started are killed after it. Default 15m.","default":"15m"},"retry_delay":{"$ref":"#/definitions/duration","description":"Wait between attempts. Default 10s.","default":"10s"}}},"smokeStep":{"description":"A functional test run after the services are healthy: an http request or a run command, exactly one.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1,"description":"What the step does, shown in the log and the summary."},"id":{"$ref":"#/definitions/stepId","description":"Stable id of the step, used in its check id and in ${steps.<id>.<name>}. Default: the name in lower case, with every run of other characters turned into -."},"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Declared variables and GitHub default variables are in the command's environment, so the shell expands ${NAME} itself; a value captured by an earlier step is the variable STEPS_<ID>_<NAME> (id and name upper-cased, other characters _), written ${STEPS_LOGIN_TOKEN}, never ${steps.login.token}. $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME} and ${steps.<id>.<name>}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"retries":{"$ref":"#/definitions/nonNegativeInteger","description":"Further attempts after a failed one. Default 0.","default":0},"http":{"$ref":"#/definitions/http","description":"An HTTP(S) request with its expectations; capture: keeps values for later steps."},"expect":{"$ref":"#/definitions/commandExpect","description":"With run: what a passing run looks like. Default: exit code 0."},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt. Default: defaults.timeout."},"retry_delay":{"$ref":"#/definitions/duration","description":"Wait between attempts. Default 1s.","default":"1s"},"always":{"$ref":"#/definitions/boolean","description":"Run even after an earlier step failed, as cleanup does. Default false.","default":false},"critical":{"$ref":"#/definitions/boolean","description":"A failed critical step fails the run whatever else passed. Default false.","default":false}}},"percent":{"title":"a percentage such as 20% or 0.5%","description":"A percentage such as 20% or 0.5%, or a ${VARIABLE} that holds one.","type":"string","pattern":"^\\d+(\\.\\d+)?%$|\\$\\{"},"percentileBound":{"title":"a bound such as p95 < 500ms or p99 <= +20%","description":"A percentile (p50, p90, p95, p99, p99.9), < or <=, and a duration (absolute) or a signed percentage of the baseline's same percentile (relative).","type":"string","pattern":"^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{"},"configPaths":{"type":"array","items":{"type":"string","minLength":1,"title":"a dotted config path such as services.api.http.url","pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"}},"serviceNames":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1,"title":"the name of a service under services:"}},"versionMatcher":{"title":"a version to compare with, or a mapping of one or more of equals, contains, matches, exists, lt, lte, gt, gte","description":"A version (the server's must equal it), or a mapping of operators that must all hold. Bounds compare part by part (15.10 is newer than 15.9); write a version with a dot in quotes ('15.10'), since a YAML number drops trailing zeros.","type":["string","number","boolean","null","object"],"additionalProperties":false,"minProperties":1,"properties":{"equals":{"description":"The observed value equals this."},"contains":{"type":"string","description":"The observed text contains this."},"matches":{"type":"string","description":"The observed text matches this regular expression (JavaScript syntax; write $${ for a literal ${)."},"exists":{"$ref":"#/definitions/boolean","description":"The value is present (true) or absent (false)."},"lt":{"$ref":"#/definitions/version","description":"The server's version is older than this."},"lte":{"$ref":"#/definitions/version","description":"The server's version is at most this."},"gt":{"$ref":"#/definitions/version","description":"The server's version is newer than this."},"gte":{"$ref":"#/definitions/version","description":"The server's version is at least this."}}},"version":{"title":"a version such as 15 or '15.4'","description":"A whole number such as 15, or a version in quotes such as '15.4', or a ${VARIABLE} that holds one.","type":["integer","string"],"pattern":"^\\d+(\\.\\d+)*$|\\$\\{"}}};const schema12 = {"description":"A variable used as ${NAME}. An empty entry (NAME: {} or NAME:) declares an optional variable.","type":["object","null"],"additionalProperties":false,"properties":{"required":{"type":"boolean","default":false,"description":"Stop with an error when the variable is unset or empty. Cannot be combined with default. Default false."},"secret":{"type":"boolean","default":false,"description":"Mask the value in every output: report, log, summary and messages. Passwords inside URLs are masked without it. Default false."},"default":{"type":["string","number","boolean"],"title":"text","description":"Value used when the variable is unset or empty (numbers and true/false are read as text)."},"description":{"type":"string","description":"What the variable is for, for people reading the file."}}};const schema13 = {"title":"a duration such as 250ms, 10s, 5m, 1h or 1m30s","description":"Whole numbers with the units h, m, s and ms, largest first (1m30s), or a ${VARIABLE} that holds one.","type":"string","pattern":"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"};const schema15 = {"title":"a whole number of at least 1, or a ${VARIABLE} that holds one","description":"A whole number of at least 1, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":1,"pattern":"\\$\\{"};const schema32 = {"title":"a whole number of at least 0, or a ${VARIABLE} that holds one","description":"A whole number of at least 0, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":0,"pattern":"\\$\\{"};const schema78 = {"type":"array","items":{"type":"string","minLength":1,"title":"a dotted config path such as services.api.http.url","pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"}};const schema81 = {"title":"a percentage such as 20% or 0.5%","description":"A percentage such as 20% or 0.5%, or a ${VARIABLE} that holds one.","type":"string","pattern":"^\\d+(\\.\\d+)?%$|\\$\\{"};const schema82 = {"title":"a bound such as p95 < 500ms or p99 <= +20%","description":"A percentile (p50, p90, p95, p99, p99.9), < or <=, and a duration (absolute) or a signed percentage of the baseline's same percentile (relative).","type":"string","pattern":"^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{"};const schema86 = {"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","minLength":1,"title":"the name of a service under services:"}};const func2 = Object.prototype.hasOwnProperty;const pattern0 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");const pattern1 = new RegExp("^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{", "u");const pattern2 = new RegExp("\\$\\{", "u");const pattern10 = new RegExp("^[a-z0-9][a-z0-9_-]*$", "u");const pattern50 = new RegExp("^[^.\\s]+(\\.[^.\\s]+)*$", "u");const pattern53 = new RegExp("^\\d+(\\.\\d+)?%$|\\$\\{", "u");const pattern54 = new RegExp("^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{", "u");const schema14 = {"description":"Exponential backoff: the first delay is initial_delay, each next one factor times longer, up to max_delay; jitter randomises a share of each delay so that checks do not retry in step.","type":"object","additionalProperties":false,"properties":{"attempts":{"$ref":"#/definitions/positiveInteger","description":"Total attempts, the first included. Default 5.","default":5},"initial_delay":{"$ref":"#/definitions/duration","description":"Delay after the first failed attempt. Default 1s.","default":"1s"},"max_delay":{"$ref":"#/definitions/duration","description":"Longest delay between attempts. Default 30s.","default":"30s"},"factor":{"$ref":"#/definitions/factor","description":"Each delay is this many times the one before. Default 2.","default":2},"jitter":{"$ref":"#/definitions/fraction","description":"Share of each delay, from 0 to 1, that is randomised. Default 0.2.","default":0.2}}};const schema18 = {"title":"a number of at least 1, or a ${VARIABLE} that holds one","description":"A number of at least 1, or a ${VARIABLE} that holds one.","type":["number","string"],"minimum":1,"pattern":"\\$\\{"};const schema19 = {"title":"a number from 0 to 1, or a ${VARIABLE} that holds one","description":"A number from 0 to 1, or a ${VARIABLE} that holds one.","type":["number","string"],"minimum":0,"maximum":1,"pattern":"\\$\\{"};function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!(((((key0 === "attempts") || (key0 === "initial_delay")) || (key0 === "max_delay")) || (key0 === "factor")) || (key0 === "jitter"))){const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}}if(data.attempts !== undefined){let data0 = data.attempts;if((!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) && (typeof data0 !== "string")){const err1 = {instancePath:instancePath+"/attempts",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data0};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if((typeof data0 == "number") && (isFinite(data0))){if(data0 < 1 || isNaN(data0)){const err2 = {instancePath:instancePath+"/attempts",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(typeof data0 === "string"){if(!pattern2.test(data0)){const err3 = {instancePath:instancePath+"/attempts",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}}if(data.initial_delay !== undefined){let data1 = data.initial_delay;if(typeof data1 === "string"){if(!pattern1.test(data1)){const err4 = {instancePath:instancePath+"/initial_delay",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}else {const err5 = {instancePath:instancePath+"/initial_delay",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data1};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.max_delay !== undefined){let data2 = data.max_delay;if(typeof data2 === "string"){if(!pattern1.test(data2)){const err6 = {instancePath:instancePath+"/max_delay",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}else {const err7 = {instancePath:instancePath+"/max_delay",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data2};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(data.factor !== undefined){let data3 = data.factor;if((!((typeof data3 == "number") && (isFinite(data3)))) && (typeof data3 !== "string")){const err8 = {instancePath:instancePath+"/factor",schemaPath:"#/definitions/factor/type",keyword:"type",params:{type: schema18.type},message:"must be number,string",schema:schema18.type,parentSchema:schema18,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}if((typeof data3 == "number") && (isFinite(data3))){if(data3 < 1 || isNaN(data3)){const err9 = {instancePath:instancePath+"/factor",schemaPath:"#/definitions/factor/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema18,data:data3};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(typeof data3 === "string"){if(!pattern2.test(data3)){const err10 = {instancePath:instancePath+"/factor",schemaPath:"#/definitions/factor/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema18,data:data3};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}}if(data.jitter !== undefined){let data4 = data.jitter;if((!((typeof data4 == "number") && (isFinite(data4)))) && (typeof data4 !== "string")){const err11 = {instancePath:instancePath+"/jitter",schemaPath:"#/definitions/fraction/type",keyword:"type",params:{type: schema19.type},message:"must be number,string",schema:schema19.type,parentSchema:schema19,data:data4};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if((typeof data4 == "number") && (isFinite(data4))){if(data4 > 1 || isNaN(data4)){const err12 = {instancePath:instancePath+"/jitter",schemaPath:"#/definitions/fraction/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema19,data:data4};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}if(data4 < 0 || isNaN(data4)){const err13 = {instancePath:instancePath+"/jitter",schemaPath:"#/definitions/fraction/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema19,data:data4};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(typeof data4 === "string"){if(!pattern2.test(data4)){const err14 = {instancePath:instancePath+"/jitter",schemaPath:"#/definitions/fraction/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema19,data:data4};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}}else {const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}validate11.errors = vErrors;return errors === 0;}const schema23 = {"description":"A service to check: exactly one probe (http, postgres, tcp or command), optionally with its own policy.","type":"object","additionalProperties":false,"properties":{"critical":{"$ref":"#/definitions/boolean","description":"A failed critical service fails the run whatever else passed. Default false.","default":false},"depends_on":{"description":"Services that must pass before this one is checked; when one fails, this one is skipped. A name or a list of names.","type":["string","array"],"items":{"type":"string","title":"a service name","description":"Name of another service."}},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt of this service. Default: defaults.timeout."},"retry":{"$ref":"#/definitions/retry","description":"Retry settings for this service; settings left out are taken from defaults.retry."},"startup_budget":{"$ref":"#/definitions/duration","description":"Overrides defaults.startup_budget for this service."},"success_threshold":{"$ref":"#/definitions/positiveInteger","description":"Overrides defaults.success_threshold for this service."},"http":{"$ref":"#/definitions/http","description":"Probe: an HTTP(S) request."},"postgres":{"$ref":"#/definitions/postgres","description":"Probe: a PostgreSQL connection."},"tcp":{"$ref":"#/definitions/tcp","description":"Probe: a TCP connection."},"command":{"$ref":"#/definitions/command","description":"Probe: a command run in a shell."}}};const schema24 = {"title":"true or false, or a ${VARIABLE} that holds one","description":"true or false, or a ${VARIABLE} that holds one.","type":["boolean","string"],"pattern":"\\$\\{"};const schema28 = {"description":"Sends one request and checks the answer.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","description":"Absolute http:// or https:// URL, usually built from a variable: ${API_URL}/health."},"method":{"type":"string","default":"GET","description":"HTTP method, in any case. Default GET."},"headers":{"$ref":"#/definitions/texts","description":"Request headers: name -> value."},"body":{"type":"string","description":"Raw request body. Not together with json."},"json":{"description":"Request body, sent as JSON with content-type application/json. Not together with body."},"ca_file":{"type":"string","description":"PEM file of extra certificate authorities to trust, relative to the file that names it. Read when the file is loaded."},"insecure_skip_verify":{"$ref":"#/definitions/boolean","description":"Accept any TLS certificate. Only for test environments. Default false.","default":false},"follow_redirects":{"$ref":"#/definitions/boolean","description":"Follow redirects. Default true.","default":true},"max_redirects":{"$ref":"#/definitions/nonNegativeInteger","description":"Most redirects followed. Default 5.","default":5},"max_body_bytes":{"$ref":"#/definitions/positiveInteger","description":"Bytes of the response body read; the rest is discarded and flagged as truncated. Default 1048576 (1 MiB).","default":1048576},"expect":{"description":"What a healthy answer looks like. Default: a 2xx status.","type":"object","additionalProperties":false,"properties":{"status":{"$ref":"#/definitions/status","description":"Expected status: a code (200), a class (2xx) or a list of them. Default 2xx.","default":"2xx"},"headers":{"$ref":"#/definitions/matchers","description":"Response header name (any case) -> matcher."},"json":{"$ref":"#/definitions/jsonMatchers","description":"JSONPath expression over the JSON body -> matcher, such as $.status: ok."},"body":{"$ref":"#/definitions/matcher","description":"Matcher for the body as text."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the response time, such as < 1000ms or <= 2s."}}},"capture":{"description":"Smoke steps only: values to read from the response for later steps, which use them as ${steps.<id>.<name>}, or in run: as the environment variable ${STEPS_<ID>_<NAME>}. Name -> a JSONPath into the JSON body ($.token) or header:<name>.","type":"object","propertyNames":{"title":"a capture name of letters, digits, - and _","pattern":"^[A-Za-z0-9_-]+$"},"additionalProperties":{"type":"string","title":"a JSONPath such as $.token, or header:<name>"}}}};const schema29 = {"description":"Name -> text; numbers and true/false are read as text.","type":"object","additionalProperties":{"type":["string","number","boolean"],"title":"text","description":"A value."}};const schema44 = {"title":"a bound such as < 1000ms or <= 2s","description":"< or <= followed by a duration (a bare duration means <=), or a ${VARIABLE} that holds one.","type":"string","pattern":"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"};const pattern27 = new RegExp("^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{", "u");const pattern28 = new RegExp("^[A-Za-z0-9_-]+$", "u");const schema34 = {"title":"a status code such as 200, a class such as 2xx, or a list of them","description":"A status code, a class such as 2xx, or a list of them: any one must match.","type":["integer","string","array"],"minimum":100,"maximum":599,"pattern":"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{","minItems":1,"items":{"$ref":"#/definitions/statusCode"}};const schema35 = {"title":"a status code such as 200 or a class such as 2xx","description":"A status code or a class such as 2xx.","type":["integer","string"],"minimum":100,"maximum":599,"pattern":"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"};const pattern19 = new RegExp("^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{", "u");function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(((!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))) && (typeof data !== "string")) && (!(Array.isArray(data)))){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema34.type},message:"must be integer,string,array",schema:schema34.type,parentSchema:schema34,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if((typeof data == "number") && (isFinite(data))){if(data > 599 || isNaN(data)){const err1 = {instancePath,schemaPath:"#/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599",schema:599,parentSchema:schema34,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data < 100 || isNaN(data)){const err2 = {instancePath,schemaPath:"#/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema34,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(typeof data === "string"){if(!pattern19.test(data)){const err3 = {instancePath,schemaPath:"#/pattern",keyword:"pattern",params:{pattern: "^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"},message:"must match pattern \""+"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"+"\"",schema:"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{",parentSchema:schema34,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(Array.isArray(data)){if(data.length < 1){const err4 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema34,data};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}const len0 = data.length;for(let i0=0; i0<len0; i0++){let data0 = data[i0];if((!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) && (typeof data0 !== "string")){const err5 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/statusCode/type",keyword:"type",params:{type: schema35.type},message:"must be integer,string",schema:schema35.type,parentSchema:schema35,data:data0};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if((typeof data0 == "number") && (isFinite(data0))){if(data0 > 599 || isNaN(data0)){const err6 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/statusCode/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599",schema:599,parentSchema:schema35,data:data0};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}if(data0 < 100 || isNaN(data0)){const err7 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/statusCode/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema35,data:data0};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(typeof data0 === "string"){if(!pattern19.test(data0)){const err8 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/statusCode/pattern",keyword:"pattern",params:{pattern: "^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"},message:"must match pattern \""+"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{"+"\"",schema:"^([1-5][0-9][0-9]|[1-5][xX][xX])$|\\$\\{",parentSchema:schema35,data:data0};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}}validate16.errors = vErrors;return errors === 0;}const schema36 = {"description":"Name -> matcher.","type":"object","additionalProperties":{"$ref":"#/definitions/matcher"}};const schema37 = {"title":"a value to compare with, or a mapping of one or more of equals, contains, matches, exists, lt, lte, gt, gte","description":"A value (the observed value must equal it), or a mapping of operators that must all hold.","type":["string","number","boolean","null","object"],"additionalProperties":false,"minProperties":1,"properties":{"equals":{"description":"The observed value equals this."},"contains":{"type":"string","description":"The observed text contains this."},"matches":{"type":"string","description":"The observed text matches this regular expression (JavaScript syntax; write $${ for a literal ${)."},"exists":{"$ref":"#/definitions/boolean","description":"The value is present (true) or absent (false)."},"lt":{"$ref":"#/definitions/number","description":"The observed number is less than this."},"lte":{"$ref":"#/definitions/number","description":"The observed number is at most this."},"gt":{"$ref":"#/definitions/number","description":"The observed number is more than this."},"gte":{"$ref":"#/definitions/number","description":"The observed number is at least this."}}};const schema39 = {"title":"a number, or a ${VARIABLE} that holds one","description":"A number, or a ${VARIABLE} that holds one.","type":["number","string"],"pattern":"\\$\\{"};function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(((((typeof data !== "string") && (!((typeof data == "number") && (isFinite(data))))) && (typeof data !== "boolean")) && (data !== null)) && (!(data && typeof data == "object" && !Array.isArray(data)))){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema37.type},message:"must be string,number,boolean,null,object",schema:schema37.type,parentSchema:schema37,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data && typeof data == "object" && !Array.isArray(data)){if(Object.keys(data).length < 1){const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema37,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}for(const key0 in data){if(!((((((((key0 === "equals") || (key0 === "contains")) || (key0 === "matches")) || (key0 === "exists")) || (key0 === "lt")) || (key0 === "lte")) || (key0 === "gt")) || (key0 === "gte"))){const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.contains !== undefined){let data0 = data.contains;if(typeof data0 !== "string"){const err3 = {instancePath:instancePath+"/contains",schemaPath:"#/properties/contains/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.contains.type,parentSchema:schema37.properties.contains,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.matches !== undefined){let data1 = data.matches;if(typeof data1 !== "string"){const err4 = {instancePath:instancePath+"/matches",schemaPath:"#/properties/matches/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.matches.type,parentSchema:schema37.properties.matches,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}if(data.exists !== undefined){let data2 = data.exists;if((typeof data2 !== "boolean") && (typeof data2 !== "string")){const err5 = {instancePath:instancePath+"/exists",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(typeof data2 === "string"){if(!pattern2.test(data2)){const err6 = {instancePath:instancePath+"/exists",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}}if(data.lt !== undefined){let data3 = data.lt;if((!((typeof data3 == "number") && (isFinite(data3)))) && (typeof data3 !== "string")){const err7 = {instancePath:instancePath+"/lt",schemaPath:"#/definitions/number/type",keyword:"type",params:{type: schema39.type},message:"must be number,string",schema:schema39.type,parentSchema:schema39,data:data3};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}if(typeof data3 === "string"){if(!pattern2.test(data3)){const err8 = {instancePath:instancePath+"/lt",schemaPath:"#/definitions/number/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema39,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}if(data.lte !== undefined){let data4 = data.lte;if((!((typeof data4 == "number") && (isFinite(data4)))) && (typeof data4 !== "string")){const err9 = {instancePath:instancePath+"/lte",schemaPath:"#/definitions/number/type",keyword:"type",params:{type: schema39.type},message:"must be number,string",schema:schema39.type,parentSchema:schema39,data:data4};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}if(typeof data4 === "string"){if(!pattern2.test(data4)){const err10 = {instancePath:instancePath+"/lte",schemaPath:"#/definitions/number/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema39,data:data4};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}}if(data.gt !== undefined){let data5 = data.gt;if((!((typeof data5 == "number") && (isFinite(data5)))) && (typeof data5 !== "string")){const err11 = {instancePath:instancePath+"/gt",schemaPath:"#/definitions/number/type",keyword:"type",params:{type: schema39.type},message:"must be number,string",schema:schema39.type,parentSchema:schema39,data:data5};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if(typeof data5 === "string"){if(!pattern2.test(data5)){const err12 = {instancePath:instancePath+"/gt",schemaPath:"#/definitions/number/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema39,data:data5};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}}if(data.gte !== undefined){let data6 = data.gte;if((!((typeof data6 == "number") && (isFinite(data6)))) && (typeof data6 !== "string")){const err13 = {instancePath:instancePath+"/gte",schemaPath:"#/definitions/number/type",keyword:"type",params:{type: schema39.type},message:"must be number,string",schema:schema39.type,parentSchema:schema39,data:data6};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}if(typeof data6 === "string"){if(!pattern2.test(data6)){const err14 = {instancePath:instancePath+"/gte",schemaPath:"#/definitions/number/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema39,data:data6};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}}validate19.errors = vErrors;return errors === 0;}function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!(validate19(data[key0], {instancePath:instancePath+"/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data,parentDataProperty:key0,rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}}else {const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}validate18.errors = vErrors;return errors === 0;}const schema43 = {"description":"JSONPath expression -> matcher.","type":"object","propertyNames":{"title":"a JSONPath expression starting with $, such as $.status","pattern":"^\\$"},"additionalProperties":{"$ref":"#/definitions/matcher"}};const pattern26 = new RegExp("^\\$", "u");function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){const _errs1 = errors;if(typeof key0 === "string"){if(!pattern26.test(key0)){const err0 = {instancePath,schemaPath:"#/propertyNames/pattern",keyword:"pattern",params:{pattern: "^\\$"},message:"must match pattern \""+"^\\$"+"\"",schema:"^\\$",parentSchema:schema43.propertyNames,data:key0,propertyName:key0};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}}var valid0 = _errs1 === errors;if(!valid0){const err1 = {instancePath,schemaPath:"#/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid",schema:schema43.propertyNames,parentSchema:schema43,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}for(const key1 in data){if(!(validate19(data[key1], {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data,parentDataProperty:key1,rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}}else {const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}validate22.errors = vErrors;return errors === 0;}function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.url === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema28.required,parentSchema:schema28,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(func2.call(schema28.properties, key0))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema28,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.url !== undefined){let data0 = data.url;if(typeof data0 !== "string"){const err2 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.url.type,parentSchema:schema28.properties.url,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.method !== undefined){let data1 = data.method;if(typeof data1 !== "string"){const err3 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.method.type,parentSchema:schema28.properties.method,data:data1};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.headers !== undefined){let data2 = data.headers;if(data2 && typeof data2 == "object" && !Array.isArray(data2)){for(const key1 in data2){let data3 = data2[key1];if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){const err4 = {instancePath:instancePath+"/headers/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/texts/additionalProperties/type",keyword:"type",params:{type: schema29.additionalProperties.type},message:"must be string,number,boolean",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data3};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}}else {const err5 = {instancePath:instancePath+"/headers",schemaPath:"#/definitions/texts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.body !== undefined){let data4 = data.body;if(typeof data4 !== "string"){const err6 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.body.type,parentSchema:schema28.properties.body,data:data4};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data.ca_file !== undefined){let data5 = data.ca_file;if(typeof data5 !== "string"){const err7 = {instancePath:instancePath+"/ca_file",schemaPath:"#/properties/ca_file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.ca_file.type,parentSchema:schema28.properties.ca_file,data:data5};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(data.insecure_skip_verify !== undefined){let data6 = data.insecure_skip_verify;if((typeof data6 !== "boolean") && (typeof data6 !== "string")){const err8 = {instancePath:instancePath+"/insecure_skip_verify",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data6};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}if(typeof data6 === "string"){if(!pattern2.test(data6)){const err9 = {instancePath:instancePath+"/insecure_skip_verify",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data6};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}}if(data.follow_redirects !== undefined){let data7 = data.follow_redirects;if((typeof data7 !== "boolean") && (typeof data7 !== "string")){const err10 = {instancePath:instancePath+"/follow_redirects",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data7};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}if(typeof data7 === "string"){if(!pattern2.test(data7)){const err11 = {instancePath:instancePath+"/follow_redirects",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data7};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}}if(data.max_redirects !== undefined){let data8 = data.max_redirects;if((!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))) && (typeof data8 !== "string")){const err12 = {instancePath:instancePath+"/max_redirects",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: schema32.type},message:"must be integer,string",schema:schema32.type,parentSchema:schema32,data:data8};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}if((typeof data8 == "number") && (isFinite(data8))){if(data8 < 0 || isNaN(data8)){const err13 = {instancePath:instancePath+"/max_redirects",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32,data:data8};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(typeof data8 === "string"){if(!pattern2.test(data8)){const err14 = {instancePath:instancePath+"/max_redirects",schemaPath:"#/definitions/nonNegativeInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema32,data:data8};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}if(data.max_body_bytes !== undefined){let data9 = data.max_body_bytes;if((!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))) && (typeof data9 !== "string")){const err15 = {instancePath:instancePath+"/max_body_bytes",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data9};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}if((typeof data9 == "number") && (isFinite(data9))){if(data9 < 1 || isNaN(data9)){const err16 = {instancePath:instancePath+"/max_body_bytes",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data9};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}if(typeof data9 === "string"){if(!pattern2.test(data9)){const err17 = {instancePath:instancePath+"/max_body_bytes",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data9};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}}if(data.expect !== undefined){let data10 = data.expect;if(data10 && typeof data10 == "object" && !Array.isArray(data10)){for(const key2 in data10){if(!(((((key2 === "status") || (key2 === "headers")) || (key2 === "json")) || (key2 === "body")) || (key2 === "latency"))){const err18 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema28.properties.expect,data:data10};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}if(data10.status !== undefined){if(!(validate16(data10.status, {instancePath:instancePath+"/expect/status",parentData:data10,parentDataProperty:"status",rootData}))){vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);errors = vErrors.length;}}if(data10.headers !== undefined){if(!(validate18(data10.headers, {instancePath:instancePath+"/expect/headers",parentData:data10,parentDataProperty:"headers",rootData}))){vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);errors = vErrors.length;}}if(data10.json !== undefined){if(!(validate22(data10.json, {instancePath:instancePath+"/expect/json",parentData:data10,parentDataProperty:"json",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}if(data10.body !== undefined){if(!(validate19(data10.body, {instancePath:instancePath+"/expect/body",parentData:data10,parentDataProperty:"body",rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}if(data10.latency !== undefined){let data15 = data10.latency;if(typeof data15 === "string"){if(!pattern27.test(data15)){const err19 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/pattern",keyword:"pattern",params:{pattern: "^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema44,data:data15};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}else {const err20 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data15};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}}else {const err21 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.properties.expect.type,parentSchema:schema28.properties.expect,data:data10};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}if(data.capture !== undefined){let data16 = data.capture;if(data16 && typeof data16 == "object" && !Array.isArray(data16)){for(const key3 in data16){const _errs40 = errors;if(typeof key3 === "string"){if(!pattern28.test(key3)){const err22 = {instancePath:instancePath+"/capture",schemaPath:"#/properties/capture/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema28.properties.capture.propertyNames,data:key3,propertyName:key3};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}var valid9 = _errs40 === errors;if(!valid9){const err23 = {instancePath:instancePath+"/capture",schemaPath:"#/properties/capture/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid",schema:schema28.properties.capture.propertyNames,parentSchema:schema28.properties.capture,data:data16};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}for(const key4 in data16){let data17 = data16[key4];if(typeof data17 !== "string"){const err24 = {instancePath:instancePath+"/capture/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/capture/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.capture.additionalProperties.type,parentSchema:schema28.properties.capture.additionalProperties,data:data17};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}}else {const err25 = {instancePath:instancePath+"/capture",schemaPath:"#/properties/capture/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.properties.capture.type,parentSchema:schema28.properties.capture,data:data16};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}}}else {const err26 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}validate15.errors = vErrors;return errors === 0;}const schema45 = {"description":"Connects to PostgreSQL and checks the server, its extensions, tables and a query.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","description":"postgres:// or postgresql:// connection URL, usually ${DATABASE_URL} from a secret variable. Its password is masked in every output."},"extensions":{"type":"array","description":"Extensions that must be installed: a name, or { name, min_version }.","items":{"$ref":"#/definitions/extension"}},"tables":{"type":"array","description":"Tables that must exist: a name, or { name, columns }.","items":{"$ref":"#/definitions/table"}},"query":{"description":"A query whose result rows are checked.","type":"object","additionalProperties":false,"required":["sql"],"properties":{"sql":{"type":"string","description":"The SQL to run, such as select count(*)::int as n from jobs where tenant = $1. It takes no ${NAME}: a value goes in params and is written $1, $2... here."},"params":{"type":"array","items":{"type":["string","number","boolean"]},"description":"Bind parameters, sent apart from the SQL text so that no value can change the query: $1 is the first, such as params: [\"${TENANT}\"]."},"expect":{"$ref":"#/definitions/jsonMatchers","description":"JSONPath expression over the rows (a list of objects) -> matcher, such as $[0].n: { gte: 0 }."}}},"expect":{"description":"What a healthy server looks like.","type":"object","additionalProperties":false,"properties":{"server_version":{"$ref":"#/definitions/versionMatcher","description":"Matcher for the server's version, such as { gte: 14 } or { gte: '15.4' }."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the time to connect and run the checks, such as < 1000ms or <= 2s."}}}}};const schema46 = {"title":"an extension name, or a mapping { name, min_version }","description":"An extension that must be installed.","type":["string","object"],"additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Extension name, as in pg_extension: vector, pg_trgm."},"min_version":{"type":"string","title":"a version in quotes, such as '1.5'","description":"Lowest acceptable version. Quote it: YAML reads 1.10 as the number 1.1."}}};const schema47 = {"title":"a table name, or a mapping { name, columns }","description":"A table that must exist.","type":["string","object"],"additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"Table name, optionally with its schema (public.jobs); the schema defaults to public."},"columns":{"type":"array","description":"Columns the table must have.","items":{"type":"string","description":"A column name."}}}};const schema48 = {"title":"a version to compare with, or a mapping of one or more of equals, contains, matches, exists, lt, lte, gt, gte","description":"A version (the server's must equal it), or a mapping of operators that must all hold. Bounds compare part by part (15.10 is newer than 15.9); write a version with a dot in quotes ('15.10'), since a YAML number drops trailing zeros.","type":["string","number","boolean","null","object"],"additionalProperties":false,"minProperties":1,"properties":{"equals":{"description":"The observed value equals this."},"contains":{"type":"string","description":"The observed text contains this."},"matches":{"type":"string","description":"The observed text matches this regular expression (JavaScript syntax; write $${ for a literal ${)."},"exists":{"$ref":"#/definitions/boolean","description":"The value is present (true) or absent (false)."},"lt":{"$ref":"#/definitions/version","description":"The server's version is older than this."},"lte":{"$ref":"#/definitions/version","description":"The server's version is at most this."},"gt":{"$ref":"#/definitions/version","description":"The server's version is newer than this."},"gte":{"$ref":"#/definitions/version","description":"The server's version is at least this."}}};const schema50 = {"title":"a version such as 15 or '15.4'","description":"A whole number such as 15, or a version in quotes such as '15.4', or a ${VARIABLE} that holds one.","type":["integer","string"],"pattern":"^\\d+(\\.\\d+)*$|\\$\\{"};const pattern30 = new RegExp("^\\d+(\\.\\d+)*$|\\$\\{", "u");function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(((((typeof data !== "string") && (!((typeof data == "number") && (isFinite(data))))) && (typeof data !== "boolean")) && (data !== null)) && (!(data && typeof data == "object" && !Array.isArray(data)))){const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema48.type},message:"must be string,number,boolean,null,object",schema:schema48.type,parentSchema:schema48,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data && typeof data == "object" && !Array.isArray(data)){if(Object.keys(data).length < 1){const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema48,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}for(const key0 in data){if(!((((((((key0 === "equals") || (key0 === "contains")) || (key0 === "matches")) || (key0 === "exists")) || (key0 === "lt")) || (key0 === "lte")) || (key0 === "gt")) || (key0 === "gte"))){const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.contains !== undefined){let data0 = data.contains;if(typeof data0 !== "string"){const err3 = {instancePath:instancePath+"/contains",schemaPath:"#/properties/contains/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.contains.type,parentSchema:schema48.properties.contains,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.matches !== undefined){let data1 = data.matches;if(typeof data1 !== "string"){const err4 = {instancePath:instancePath+"/matches",schemaPath:"#/properties/matches/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.matches.type,parentSchema:schema48.properties.matches,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}if(data.exists !== undefined){let data2 = data.exists;if((typeof data2 !== "boolean") && (typeof data2 !== "string")){const err5 = {instancePath:instancePath+"/exists",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(typeof data2 === "string"){if(!pattern2.test(data2)){const err6 = {instancePath:instancePath+"/exists",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}}if(data.lt !== undefined){let data3 = data.lt;if((!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))) && (typeof data3 !== "string")){const err7 = {instancePath:instancePath+"/lt",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: schema50.type},message:"must be integer,string",schema:schema50.type,parentSchema:schema50,data:data3};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}if(typeof data3 === "string"){if(!pattern30.test(data3)){const err8 = {instancePath:instancePath+"/lt",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)*$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)*$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)*$|\\$\\{",parentSchema:schema50,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}if(data.lte !== undefined){let data4 = data.lte;if((!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))) && (typeof data4 !== "string")){const err9 = {instancePath:instancePath+"/lte",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: schema50.type},message:"must be integer,string",schema:schema50.type,parentSchema:schema50,data:data4};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}if(typeof data4 === "string"){if(!pattern30.test(data4)){const err10 = {instancePath:instancePath+"/lte",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)*$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)*$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)*$|\\$\\{",parentSchema:schema50,data:data4};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}}if(data.gt !== undefined){let data5 = data.gt;if((!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))) && (typeof data5 !== "string")){const err11 = {instancePath:instancePath+"/gt",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: schema50.type},message:"must be integer,string",schema:schema50.type,parentSchema:schema50,data:data5};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if(typeof data5 === "string"){if(!pattern30.test(data5)){const err12 = {instancePath:instancePath+"/gt",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)*$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)*$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)*$|\\$\\{",parentSchema:schema50,data:data5};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}}if(data.gte !== undefined){let data6 = data.gte;if((!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) && (typeof data6 !== "string")){const err13 = {instancePath:instancePath+"/gte",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: schema50.type},message:"must be integer,string",schema:schema50.type,parentSchema:schema50,data:data6};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}if(typeof data6 === "string"){if(!pattern30.test(data6)){const err14 = {instancePath:instancePath+"/gte",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)*$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)*$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)*$|\\$\\{",parentSchema:schema50,data:data6};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}}validate29.errors = vErrors;return errors === 0;}function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.url === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema45.required,parentSchema:schema45,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(((((key0 === "url") || (key0 === "extensions")) || (key0 === "tables")) || (key0 === "query")) || (key0 === "expect"))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema45,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.url !== undefined){let data0 = data.url;if(typeof data0 !== "string"){const err2 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.url.type,parentSchema:schema45.properties.url,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.extensions !== undefined){let data1 = data.extensions;if(Array.isArray(data1)){const len0 = data1.length;for(let i0=0; i0<len0; i0++){let data2 = data1[i0];if((typeof data2 !== "string") && (!(data2 && typeof data2 == "object" && !Array.isArray(data2)))){const err3 = {instancePath:instancePath+"/extensions/" + i0,schemaPath:"#/definitions/extension/type",keyword:"type",params:{type: schema46.type},message:"must be string,object",schema:schema46.type,parentSchema:schema46,data:data2};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}if(data2 && typeof data2 == "object" && !Array.isArray(data2)){if(data2.name === undefined){const err4 = {instancePath:instancePath+"/extensions/" + i0,schemaPath:"#/definitions/extension/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema46.required,parentSchema:schema46,data:data2};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}for(const key1 in data2){if(!((key1 === "name") || (key1 === "min_version"))){const err5 = {instancePath:instancePath+"/extensions/" + i0,schemaPath:"#/definitions/extension/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data2.name !== undefined){let data3 = data2.name;if(typeof data3 !== "string"){const err6 = {instancePath:instancePath+"/extensions/" + i0+"/name",schemaPath:"#/definitions/extension/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.name.type,parentSchema:schema46.properties.name,data:data3};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data2.min_version !== undefined){let data4 = data2.min_version;if(typeof data4 !== "string"){const err7 = {instancePath:instancePath+"/extensions/" + i0+"/min_version",schemaPath:"#/definitions/extension/properties/min_version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.min_version.type,parentSchema:schema46.properties.min_version,data:data4};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}}}}else {const err8 = {instancePath:instancePath+"/extensions",schemaPath:"#/properties/extensions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.extensions.type,parentSchema:schema45.properties.extensions,data:data1};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.tables !== undefined){let data5 = data.tables;if(Array.isArray(data5)){const len1 = data5.length;for(let i1=0; i1<len1; i1++){let data6 = data5[i1];if((typeof data6 !== "string") && (!(data6 && typeof data6 == "object" && !Array.isArray(data6)))){const err9 = {instancePath:instancePath+"/tables/" + i1,schemaPath:"#/definitions/table/type",keyword:"type",params:{type: schema47.type},message:"must be string,object",schema:schema47.type,parentSchema:schema47,data:data6};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}if(data6 && typeof data6 == "object" && !Array.isArray(data6)){if(data6.name === undefined){const err10 = {instancePath:instancePath+"/tables/" + i1,schemaPath:"#/definitions/table/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema47.required,parentSchema:schema47,data:data6};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}for(const key2 in data6){if(!((key2 === "name") || (key2 === "columns"))){const err11 = {instancePath:instancePath+"/tables/" + i1,schemaPath:"#/definitions/table/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data6};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}if(data6.name !== undefined){let data7 = data6.name;if(typeof data7 !== "string"){const err12 = {instancePath:instancePath+"/tables/" + i1+"/name",schemaPath:"#/definitions/table/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.name.type,parentSchema:schema47.properties.name,data:data7};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(data6.columns !== undefined){let data8 = data6.columns;if(Array.isArray(data8)){const len2 = data8.length;for(let i2=0; i2<len2; i2++){let data9 = data8[i2];if(typeof data9 !== "string"){const err13 = {instancePath:instancePath+"/tables/" + i1+"/columns/" + i2,schemaPath:"#/definitions/table/properties/columns/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.columns.items.type,parentSchema:schema47.properties.columns.items,data:data9};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}}else {const err14 = {instancePath:instancePath+"/tables/" + i1+"/columns",schemaPath:"#/definitions/table/properties/columns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema47.properties.columns.type,parentSchema:schema47.properties.columns,data:data8};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}}}else {const err15 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.tables.type,parentSchema:schema45.properties.tables,data:data5};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}if(data.query !== undefined){let data10 = data.query;if(data10 && typeof data10 == "object" && !Array.isArray(data10)){if(data10.sql === undefined){const err16 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/required",keyword:"required",params:{missingProperty: "sql"},message:"must have required property '"+"sql"+"'",schema:schema45.properties.query.required,parentSchema:schema45.properties.query,data:data10};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}for(const key3 in data10){if(!(((key3 === "sql") || (key3 === "params")) || (key3 === "expect"))){const err17 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema45.properties.query,data:data10};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}if(data10.sql !== undefined){let data11 = data10.sql;if(typeof data11 !== "string"){const err18 = {instancePath:instancePath+"/query/sql",schemaPath:"#/properties/query/properties/sql/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.query.properties.sql.type,parentSchema:schema45.properties.query.properties.sql,data:data11};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}if(data10.params !== undefined){let data12 = data10.params;if(Array.isArray(data12)){const len3 = data12.length;for(let i3=0; i3<len3; i3++){let data13 = data12[i3];if(((typeof data13 !== "string") && (!((typeof data13 == "number") && (isFinite(data13))))) && (typeof data13 !== "boolean")){const err19 = {instancePath:instancePath+"/query/params/" + i3,schemaPath:"#/properties/query/properties/params/items/type",keyword:"type",params:{type: schema45.properties.query.properties.params.items.type},message:"must be string,number,boolean",schema:schema45.properties.query.properties.params.items.type,parentSchema:schema45.properties.query.properties.params.items,data:data13};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}}else {const err20 = {instancePath:instancePath+"/query/params",schemaPath:"#/properties/query/properties/params/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.query.properties.params.type,parentSchema:schema45.properties.query.properties.params,data:data12};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}if(data10.expect !== undefined){if(!(validate22(data10.expect, {instancePath:instancePath+"/query/expect",parentData:data10,parentDataProperty:"expect",rootData}))){vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);errors = vErrors.length;}}}else {const err21 = {instancePath:instancePath+"/query",schemaPath:"#/properties/query/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.properties.query.type,parentSchema:schema45.properties.query,data:data10};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}if(data.expect !== undefined){let data15 = data.expect;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){for(const key4 in data15){if(!((key4 === "server_version") || (key4 === "latency"))){const err22 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema45.properties.expect,data:data15};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}if(data15.server_version !== undefined){if(!(validate29(data15.server_version, {instancePath:instancePath+"/expect/server_version",parentData:data15,parentDataProperty:"server_version",rootData}))){vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);errors = vErrors.length;}}if(data15.latency !== undefined){let data17 = data15.latency;if(typeof data17 === "string"){if(!pattern27.test(data17)){const err23 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/pattern",keyword:"pattern",params:{pattern: "^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema44,data:data17};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}else {const err24 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data17};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}}else {const err25 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.properties.expect.type,parentSchema:schema45.properties.expect,data:data15};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}}}else {const err26 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.type,parentSchema:schema45,data};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}validate27.errors = vErrors;return errors === 0;}const schema55 = {"description":"Opens a TCP connection, optionally sends text and checks the response.","type":"object","additionalProperties":false,"required":["host","port"],"properties":{"host":{"type":"string","description":"Host name or IP address."},"port":{"$ref":"#/definitions/port","description":"Port to connect to."},"send":{"type":"string","description":"Text sent once connected, such as \"PING\\r\\n\"."},"expect":{"description":"What a healthy answer looks like. Default: the connection opens.","type":"object","additionalProperties":false,"properties":{"response":{"$ref":"#/definitions/matcher","description":"Matcher for the text received after sending."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the time to connect (and answer), such as < 1000ms or <= 2s."}}}}};const schema56 = {"title":"a port from 1 to 65535, or a ${VARIABLE} that holds one","description":"A port from 1 to 65535, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":1,"maximum":65535,"pattern":"\\$\\{"};function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.host === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema55.required,parentSchema:schema55,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data.port === undefined){const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema55.required,parentSchema:schema55,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}for(const key0 in data){if(!((((key0 === "host") || (key0 === "port")) || (key0 === "send")) || (key0 === "expect"))){const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema55,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.host !== undefined){let data0 = data.host;if(typeof data0 !== "string"){const err3 = {instancePath:instancePath+"/host",schemaPath:"#/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.host.type,parentSchema:schema55.properties.host,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.port !== undefined){let data1 = data.port;if((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")){const err4 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/type",keyword:"type",params:{type: schema56.type},message:"must be integer,string",schema:schema56.type,parentSchema:schema56,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if((typeof data1 == "number") && (isFinite(data1))){if(data1 > 65535 || isNaN(data1)){const err5 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema56,data:data1};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(data1 < 1 || isNaN(data1)){const err6 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema56,data:data1};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(typeof data1 === "string"){if(!pattern2.test(data1)){const err7 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/port/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema56,data:data1};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}}if(data.send !== undefined){let data2 = data.send;if(typeof data2 !== "string"){const err8 = {instancePath:instancePath+"/send",schemaPath:"#/properties/send/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.send.type,parentSchema:schema55.properties.send,data:data2};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.expect !== undefined){let data3 = data.expect;if(data3 && typeof data3 == "object" && !Array.isArray(data3)){for(const key1 in data3){if(!((key1 === "response") || (key1 === "latency"))){const err9 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema55.properties.expect,data:data3};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(data3.response !== undefined){if(!(validate19(data3.response, {instancePath:instancePath+"/expect/response",parentData:data3,parentDataProperty:"response",rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}if(data3.latency !== undefined){let data5 = data3.latency;if(typeof data5 === "string"){if(!pattern27.test(data5)){const err10 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/pattern",keyword:"pattern",params:{pattern: "^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema44,data:data5};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}else {const err11 = {instancePath:instancePath+"/expect/latency",schemaPath:"#/definitions/latency/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data5};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}}else {const err12 = {instancePath:instancePath+"/expect",schemaPath:"#/properties/expect/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.properties.expect.type,parentSchema:schema55.properties.expect,data:data3};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}}else {const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}validate32.errors = vErrors;return errors === 0;}const schema58 = {"description":"Runs a command and checks its exit code and output.","type":"object","additionalProperties":false,"required":["run"],"properties":{"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Every declared variable and GitHub default variable is in the command's environment, so the shell expands ${NAME} and ${NAME:-default} itself (each ${NAME} must still be declared). $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"expect":{"$ref":"#/definitions/commandExpect","description":"What a healthy run looks like. Default: exit code 0."}}};const schema60 = {"description":"What a command's run is checked against: its exit code, output and run time.","type":"object","additionalProperties":false,"properties":{"exit_code":{"$ref":"#/definitions/exitCode","description":"Expected exit code. Default 0.","default":0},"stdout":{"$ref":"#/definitions/matcher","description":"Matcher for standard output."},"stderr":{"$ref":"#/definitions/matcher","description":"Matcher for standard error."},"latency":{"$ref":"#/definitions/latency","description":"Upper bound on the run time, such as < 1000ms or <= 2s."}}};const schema61 = {"title":"an exit code from 0 to 255, or a ${VARIABLE} that holds one","description":"An exit code from 0 to 255, or a ${VARIABLE} that holds one.","type":["integer","string"],"minimum":0,"maximum":255,"pattern":"\\$\\{"};function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!((((key0 === "exit_code") || (key0 === "stdout")) || (key0 === "stderr")) || (key0 === "latency"))){const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}}if(data.exit_code !== undefined){let data0 = data.exit_code;if((!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) && (typeof data0 !== "string")){const err1 = {instancePath:instancePath+"/exit_code",schemaPath:"#/definitions/exitCode/type",keyword:"type",params:{type: schema61.type},message:"must be integer,string",schema:schema61.type,parentSchema:schema61,data:data0};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if((typeof data0 == "number") && (isFinite(data0))){if(data0 > 255 || isNaN(data0)){const err2 = {instancePath:instancePath+"/exit_code",schemaPath:"#/definitions/exitCode/maximum",keyword:"maximum",params:{comparison: "<=", limit: 255},message:"must be <= 255",schema:255,parentSchema:schema61,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}if(data0 < 0 || isNaN(data0)){const err3 = {instancePath:instancePath+"/exit_code",schemaPath:"#/definitions/exitCode/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema61,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(typeof data0 === "string"){if(!pattern2.test(data0)){const err4 = {instancePath:instancePath+"/exit_code",schemaPath:"#/definitions/exitCode/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema61,data:data0};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}}if(data.stdout !== undefined){if(!(validate19(data.stdout, {instancePath:instancePath+"/stdout",parentData:data,parentDataProperty:"stdout",rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}if(data.stderr !== undefined){if(!(validate19(data.stderr, {instancePath:instancePath+"/stderr",parentData:data,parentDataProperty:"stderr",rootData}))){vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);errors = vErrors.length;}}if(data.latency !== undefined){let data3 = data.latency;if(typeof data3 === "string"){if(!pattern27.test(data3)){const err5 = {instancePath:instancePath+"/latency",schemaPath:"#/definitions/latency/pattern",keyword:"pattern",params:{pattern: "^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(<=?)?\\s*(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema44,data:data3};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}else {const err6 = {instancePath:instancePath+"/latency",schemaPath:"#/definitions/latency/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.type,parentSchema:schema44,data:data3};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}}else {const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}validate36.errors = vErrors;return errors === 0;}function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.run === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'",schema:schema58.required,parentSchema:schema58,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(((((key0 === "run") || (key0 === "shell")) || (key0 === "env")) || (key0 === "working_directory")) || (key0 === "expect"))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.run !== undefined){let data0 = data.run;if(typeof data0 !== "string"){const err2 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.run.type,parentSchema:schema58.properties.run,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.shell !== undefined){let data1 = data.shell;if(typeof data1 !== "string"){const err3 = {instancePath:instancePath+"/shell",schemaPath:"#/properties/shell/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.shell.type,parentSchema:schema58.properties.shell,data:data1};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.env !== undefined){let data2 = data.env;if(data2 && typeof data2 == "object" && !Array.isArray(data2)){for(const key1 in data2){let data3 = data2[key1];if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){const err4 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/texts/additionalProperties/type",keyword:"type",params:{type: schema29.additionalProperties.type},message:"must be string,number,boolean",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data3};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}}else {const err5 = {instancePath:instancePath+"/env",schemaPath:"#/definitions/texts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.working_directory !== undefined){let data4 = data.working_directory;if(typeof data4 !== "string"){const err6 = {instancePath:instancePath+"/working_directory",schemaPath:"#/properties/working_directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.working_directory.type,parentSchema:schema58.properties.working_directory,data:data4};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data.expect !== undefined){if(!(validate36(data.expect, {instancePath:instancePath+"/expect",parentData:data,parentDataProperty:"expect",rootData}))){vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);errors = vErrors.length;}}}else {const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}validate35.errors = vErrors;return errors === 0;}function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){for(const key0 in data){if(!(func2.call(schema23.properties, key0))){const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema23,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}}if(data.critical !== undefined){let data0 = data.critical;if((typeof data0 !== "boolean") && (typeof data0 !== "string")){const err1 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data0};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(typeof data0 === "string"){if(!pattern2.test(data0)){const err2 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}}if(data.depends_on !== undefined){let data1 = data.depends_on;if((typeof data1 !== "string") && (!(Array.isArray(data1)))){const err3 = {instancePath:instancePath+"/depends_on",schemaPath:"#/properties/depends_on/type",keyword:"type",params:{type: schema23.properties.depends_on.type},message:"must be string,array",schema:schema23.properties.depends_on.type,parentSchema:schema23.properties.depends_on,data:data1};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}if(Array.isArray(data1)){const len0 = data1.length;for(let i0=0; i0<len0; i0++){let data2 = data1[i0];if(typeof data2 !== "string"){const err4 = {instancePath:instancePath+"/depends_on/" + i0,schemaPath:"#/properties/depends_on/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.properties.depends_on.items.type,parentSchema:schema23.properties.depends_on.items,data:data2};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}}}if(data.timeout !== undefined){let data3 = data.timeout;if(typeof data3 === "string"){if(!pattern1.test(data3)){const err5 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data3};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}else {const err6 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data3};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data.retry !== undefined){if(!(validate11(data.retry, {instancePath:instancePath+"/retry",parentData:data,parentDataProperty:"retry",rootData}))){vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);errors = vErrors.length;}}if(data.startup_budget !== undefined){let data5 = data.startup_budget;if(typeof data5 === "string"){if(!pattern1.test(data5)){const err7 = {instancePath:instancePath+"/startup_budget",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data5};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}else {const err8 = {instancePath:instancePath+"/startup_budget",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data5};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.success_threshold !== undefined){let data6 = data.success_threshold;if((!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) && (typeof data6 !== "string")){const err9 = {instancePath:instancePath+"/success_threshold",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data6};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}if((typeof data6 == "number") && (isFinite(data6))){if(data6 < 1 || isNaN(data6)){const err10 = {instancePath:instancePath+"/success_threshold",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data6};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}if(typeof data6 === "string"){if(!pattern2.test(data6)){const err11 = {instancePath:instancePath+"/success_threshold",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data6};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}}if(data.http !== undefined){if(!(validate15(data.http, {instancePath:instancePath+"/http",parentData:data,parentDataProperty:"http",rootData}))){vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);errors = vErrors.length;}}if(data.postgres !== undefined){if(!(validate27(data.postgres, {instancePath:instancePath+"/postgres",parentData:data,parentDataProperty:"postgres",rootData}))){vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);errors = vErrors.length;}}if(data.tcp !== undefined){if(!(validate32(data.tcp, {instancePath:instancePath+"/tcp",parentData:data,parentDataProperty:"tcp",rootData}))){vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);errors = vErrors.length;}}if(data.command !== undefined){if(!(validate35(data.command, {instancePath:instancePath+"/command",parentData:data,parentDataProperty:"command",rootData}))){vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);errors = vErrors.length;}}}else {const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema23.type,parentSchema:schema23,data};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}validate13.errors = vErrors;return errors === 0;}const schema64 = {"description":"A deployment step: a command run before any check. A failed step stops the run.","type":"object","additionalProperties":false,"required":["name","run"],"properties":{"name":{"type":"string","minLength":1,"description":"What the step does, shown in the log and the summary."},"id":{"$ref":"#/definitions/stepId","description":"Stable id of the step, used in its check id and in ${steps.<id>.<name>}. Default: the name in lower case, with every run of other characters turned into -."},"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Every declared variable and GitHub default variable is in the command's environment, so the shell expands ${NAME} and ${NAME:-default} itself (each ${NAME} must still be declared). $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"retries":{"$ref":"#/definitions/nonNegativeInteger","description":"Further attempts after a failed one. Default 0.","default":0},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt; the step and every process it started are killed after it. Default 15m.","default":"15m"},"retry_delay":{"$ref":"#/definitions/duration","description":"Wait between attempts. Default 10s.","default":"10s"}}};const schema65 = {"description":"A step id: lower-case letters, digits, - and _, starting with a letter or digit.","type":"string","title":"an id of lower-case letters, digits, - and _ that starts with a letter or digit","pattern":"^[a-z0-9][a-z0-9_-]*$"};function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.name === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema64.required,parentSchema:schema64,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data.run === undefined){const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "run"},message:"must have required property '"+"run"+"'",schema:schema64.required,parentSchema:schema64,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}for(const key0 in data){if(!(func2.call(schema64.properties, key0))){const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema64,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.name !== undefined){let data0 = data.name;if(typeof data0 === "string"){if(data0.length < 1){const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema64.properties.name,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}else {const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.properties.name.type,parentSchema:schema64.properties.name,data:data0};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}if(data.id !== undefined){let data1 = data.id;if(typeof data1 === "string"){if(!pattern10.test(data1)){const err5 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema65,data:data1};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}else {const err6 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.type,parentSchema:schema65,data:data1};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data.run !== undefined){let data2 = data.run;if(typeof data2 !== "string"){const err7 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.properties.run.type,parentSchema:schema64.properties.run,data:data2};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(data.shell !== undefined){let data3 = data.shell;if(typeof data3 !== "string"){const err8 = {instancePath:instancePath+"/shell",schemaPath:"#/properties/shell/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.properties.shell.type,parentSchema:schema64.properties.shell,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.env !== undefined){let data4 = data.env;if(data4 && typeof data4 == "object" && !Array.isArray(data4)){for(const key1 in data4){let data5 = data4[key1];if(((typeof data5 !== "string") && (!((typeof data5 == "number") && (isFinite(data5))))) && (typeof data5 !== "boolean")){const err9 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/texts/additionalProperties/type",keyword:"type",params:{type: schema29.additionalProperties.type},message:"must be string,number,boolean",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data5};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}}else {const err10 = {instancePath:instancePath+"/env",schemaPath:"#/definitions/texts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data4};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}if(data.working_directory !== undefined){let data6 = data.working_directory;if(typeof data6 !== "string"){const err11 = {instancePath:instancePath+"/working_directory",schemaPath:"#/properties/working_directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.properties.working_directory.type,parentSchema:schema64.properties.working_directory,data:data6};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}if(data.retries !== undefined){let data7 = data.retries;if((!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))) && (typeof data7 !== "string")){const err12 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: schema32.type},message:"must be integer,string",schema:schema32.type,parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}if((typeof data7 == "number") && (isFinite(data7))){if(data7 < 0 || isNaN(data7)){const err13 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(typeof data7 === "string"){if(!pattern2.test(data7)){const err14 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}}if(data.timeout !== undefined){let data8 = data.timeout;if(typeof data8 === "string"){if(!pattern1.test(data8)){const err15 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data8};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}else {const err16 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data8};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}if(data.retry_delay !== undefined){let data9 = data.retry_delay;if(typeof data9 === "string"){if(!pattern1.test(data9)){const err17 = {instancePath:instancePath+"/retry_delay",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data9};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}else {const err18 = {instancePath:instancePath+"/retry_delay",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data9};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}}else {const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema64.type,parentSchema:schema64,data};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}validate42.errors = vErrors;return errors === 0;}const schema70 = {"description":"A functional test run after the services are healthy: an http request or a run command, exactly one.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1,"description":"What the step does, shown in the log and the summary."},"id":{"$ref":"#/definitions/stepId","description":"Stable id of the step, used in its check id and in ${steps.<id>.<name>}. Default: the name in lower case, with every run of other characters turned into -."},"run":{"type":"string","description":"The command line, run as written: nothing is pasted into it. Declared variables and GitHub default variables are in the command's environment, so the shell expands ${NAME} itself; a value captured by an earlier step is the variable STEPS_<ID>_<NAME> (id and name upper-cased, other characters _), written ${STEPS_LOGIN_TOKEN}, never ${steps.login.token}. $${ is a literal ${."},"shell":{"type":"string","description":"Shell that runs the command, such as bash, sh or pwsh, written as is (no ${NAME}). Default bash on Linux and macOS."},"env":{"$ref":"#/definitions/texts","description":"Extra environment variables for the command: name -> value. Values may use ${NAME} and ${steps.<id>.<name>}: they are data, not script."},"working_directory":{"type":"string","description":"Directory the command runs in, relative to the action's working directory. Default: that directory."},"retries":{"$ref":"#/definitions/nonNegativeInteger","description":"Further attempts after a failed one. Default 0.","default":0},"http":{"$ref":"#/definitions/http","description":"An HTTP(S) request with its expectations; capture: keeps values for later steps."},"expect":{"$ref":"#/definitions/commandExpect","description":"With run: what a passing run looks like. Default: exit code 0."},"timeout":{"$ref":"#/definitions/duration","description":"Time allowed for one attempt. Default: defaults.timeout."},"retry_delay":{"$ref":"#/definitions/duration","description":"Wait between attempts. Default 1s.","default":"1s"},"always":{"$ref":"#/definitions/boolean","description":"Run even after an earlier step failed, as cleanup does. Default false.","default":false},"critical":{"$ref":"#/definitions/boolean","description":"A failed critical step fails the run whatever else passed. Default false.","default":false}}};function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.name === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema70.required,parentSchema:schema70,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(func2.call(schema70.properties, key0))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema70,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.name !== undefined){let data0 = data.name;if(typeof data0 === "string"){if(data0.length < 1){const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema70.properties.name,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}else {const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.name.type,parentSchema:schema70.properties.name,data:data0};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}if(data.id !== undefined){let data1 = data.id;if(typeof data1 === "string"){if(!pattern10.test(data1)){const err4 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema65,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}else {const err5 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/stepId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.type,parentSchema:schema65,data:data1};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}}if(data.run !== undefined){let data2 = data.run;if(typeof data2 !== "string"){const err6 = {instancePath:instancePath+"/run",schemaPath:"#/properties/run/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.run.type,parentSchema:schema70.properties.run,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(data.shell !== undefined){let data3 = data.shell;if(typeof data3 !== "string"){const err7 = {instancePath:instancePath+"/shell",schemaPath:"#/properties/shell/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.shell.type,parentSchema:schema70.properties.shell,data:data3};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}if(data.env !== undefined){let data4 = data.env;if(data4 && typeof data4 == "object" && !Array.isArray(data4)){for(const key1 in data4){let data5 = data4[key1];if(((typeof data5 !== "string") && (!((typeof data5 == "number") && (isFinite(data5))))) && (typeof data5 !== "boolean")){const err8 = {instancePath:instancePath+"/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/texts/additionalProperties/type",keyword:"type",params:{type: schema29.additionalProperties.type},message:"must be string,number,boolean",schema:schema29.additionalProperties.type,parentSchema:schema29.additionalProperties,data:data5};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}else {const err9 = {instancePath:instancePath+"/env",schemaPath:"#/definitions/texts/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data:data4};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(data.working_directory !== undefined){let data6 = data.working_directory;if(typeof data6 !== "string"){const err10 = {instancePath:instancePath+"/working_directory",schemaPath:"#/properties/working_directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.working_directory.type,parentSchema:schema70.properties.working_directory,data:data6};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}if(data.retries !== undefined){let data7 = data.retries;if((!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))) && (typeof data7 !== "string")){const err11 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: schema32.type},message:"must be integer,string",schema:schema32.type,parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if((typeof data7 == "number") && (isFinite(data7))){if(data7 < 0 || isNaN(data7)){const err12 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(typeof data7 === "string"){if(!pattern2.test(data7)){const err13 = {instancePath:instancePath+"/retries",schemaPath:"#/definitions/nonNegativeInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema32,data:data7};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}}if(data.http !== undefined){if(!(validate15(data.http, {instancePath:instancePath+"/http",parentData:data,parentDataProperty:"http",rootData}))){vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);errors = vErrors.length;}}if(data.expect !== undefined){if(!(validate36(data.expect, {instancePath:instancePath+"/expect",parentData:data,parentDataProperty:"expect",rootData}))){vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);errors = vErrors.length;}}if(data.timeout !== undefined){let data10 = data.timeout;if(typeof data10 === "string"){if(!pattern1.test(data10)){const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data10};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}else {const err15 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data10};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}if(data.retry_delay !== undefined){let data11 = data.retry_delay;if(typeof data11 === "string"){if(!pattern1.test(data11)){const err16 = {instancePath:instancePath+"/retry_delay",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data11};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}else {const err17 = {instancePath:instancePath+"/retry_delay",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data11};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}if(data.always !== undefined){let data12 = data.always;if((typeof data12 !== "boolean") && (typeof data12 !== "string")){const err18 = {instancePath:instancePath+"/always",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data12};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}if(typeof data12 === "string"){if(!pattern2.test(data12)){const err19 = {instancePath:instancePath+"/always",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data12};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}}if(data.critical !== undefined){let data13 = data.critical;if((typeof data13 !== "boolean") && (typeof data13 !== "string")){const err20 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/boolean/type",keyword:"type",params:{type: schema24.type},message:"must be boolean,string",schema:schema24.type,parentSchema:schema24,data:data13};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}if(typeof data13 === "string"){if(!pattern2.test(data13)){const err21 = {instancePath:instancePath+"/critical",schemaPath:"#/definitions/boolean/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema24,data:data13};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}}}else {const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.type,parentSchema:schema70,data};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}validate44.errors = vErrors;return errors === 0;}function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){/*# sourceURL="https://raw.githubusercontent.com/OWNER/deploy-verify/v1/schema/config.schema.json" */;let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.version === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}for(const key0 in data){if(!(func2.call(schema11.properties, key0))){const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}}if(data.version !== undefined){let data0 = data.version;if(1 !== data0){const err2 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema11.properties.version,data:data0};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}}if(data.environment !== undefined){let data1 = data.environment;if(typeof data1 === "string"){if(data1.length < 1){const err3 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.environment,data:data1};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}}else {const err4 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.environment.type,parentSchema:schema11.properties.environment,data:data1};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}}if(data.extends !== undefined){let data2 = data.extends;if((typeof data2 !== "string") && (!(Array.isArray(data2)))){const err5 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/type",keyword:"type",params:{type: schema11.properties.extends.type},message:"must be string,array",schema:schema11.properties.extends.type,parentSchema:schema11.properties.extends,data:data2};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(typeof data2 === "string"){if(data2.length < 1){const err6 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.extends,data:data2};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}}if(Array.isArray(data2)){const len0 = data2.length;for(let i0=0; i0<len0; i0++){let data3 = data2[i0];if(typeof data3 === "string"){if(data3.length < 1){const err7 = {instancePath:instancePath+"/extends/" + i0,schemaPath:"#/properties/extends/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.extends.items,data:data3};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}}else {const err8 = {instancePath:instancePath+"/extends/" + i0,schemaPath:"#/properties/extends/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.extends.items.type,parentSchema:schema11.properties.extends.items,data:data3};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}}}if(data.variables !== undefined){let data4 = data.variables;if(data4 && typeof data4 == "object" && !Array.isArray(data4)){for(const key1 in data4){const _errs11 = errors;if(typeof key1 === "string"){if(!pattern0.test(key1)){const err9 = {instancePath:instancePath+"/variables",schemaPath:"#/properties/variables/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.variables.propertyNames,data:key1,propertyName:key1};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}var valid3 = _errs11 === errors;if(!valid3){const err10 = {instancePath:instancePath+"/variables",schemaPath:"#/properties/variables/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.variables.propertyNames,parentSchema:schema11.properties.variables,data:data4};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}for(const key2 in data4){let data5 = data4[key2];if((!(data5 && typeof data5 == "object" && !Array.isArray(data5))) && (data5 !== null)){const err11 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variable/type",keyword:"type",params:{type: schema12.type},message:"must be object,null",schema:schema12.type,parentSchema:schema12,data:data5};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if(data5 && typeof data5 == "object" && !Array.isArray(data5)){for(const key3 in data5){if(!((((key3 === "required") || (key3 === "secret")) || (key3 === "default")) || (key3 === "description"))){const err12 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/variable/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data5};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(data5.required !== undefined){let data6 = data5.required;if(typeof data6 !== "boolean"){const err13 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/required",schemaPath:"#/definitions/variable/properties/required/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.required.type,parentSchema:schema12.properties.required,data:data6};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(data5.secret !== undefined){let data7 = data5.secret;if(typeof data7 !== "boolean"){const err14 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/secret",schemaPath:"#/definitions/variable/properties/secret/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.secret.type,parentSchema:schema12.properties.secret,data:data7};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}if(data5.default !== undefined){let data8 = data5.default;if(((typeof data8 !== "string") && (!((typeof data8 == "number") && (isFinite(data8))))) && (typeof data8 !== "boolean")){const err15 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/default",schemaPath:"#/definitions/variable/properties/default/type",keyword:"type",params:{type: schema12.properties.default.type},message:"must be string,number,boolean",schema:schema12.properties.default.type,parentSchema:schema12.properties.default,data:data8};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}if(data5.description !== undefined){let data9 = data5.description;if(typeof data9 !== "string"){const err16 = {instancePath:instancePath+"/variables/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/definitions/variable/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.description.type,parentSchema:schema12.properties.description,data:data9};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}}}}else {const err17 = {instancePath:instancePath+"/variables",schemaPath:"#/properties/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.variables.type,parentSchema:schema11.properties.variables,data:data4};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}if(data.defaults !== undefined){let data10 = data.defaults;if(data10 && typeof data10 == "object" && !Array.isArray(data10)){for(const key4 in data10){if(!(((((key4 === "timeout") || (key4 === "retry")) || (key4 === "startup_budget")) || (key4 === "success_threshold")) || (key4 === "concurrency"))){const err18 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.defaults,data:data10};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}if(data10.timeout !== undefined){let data11 = data10.timeout;if(typeof data11 === "string"){if(!pattern1.test(data11)){const err19 = {instancePath:instancePath+"/defaults/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data11};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}else {const err20 = {instancePath:instancePath+"/defaults/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data11};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}if(data10.retry !== undefined){if(!(validate11(data10.retry, {instancePath:instancePath+"/defaults/retry",parentData:data10,parentDataProperty:"retry",rootData}))){vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);errors = vErrors.length;}}if(data10.startup_budget !== undefined){let data13 = data10.startup_budget;if(typeof data13 === "string"){if(!pattern1.test(data13)){const err21 = {instancePath:instancePath+"/defaults/startup_budget",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data13};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}else {const err22 = {instancePath:instancePath+"/defaults/startup_budget",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data13};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}if(data10.success_threshold !== undefined){let data14 = data10.success_threshold;if((!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))) && (typeof data14 !== "string")){const err23 = {instancePath:instancePath+"/defaults/success_threshold",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data14};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}if((typeof data14 == "number") && (isFinite(data14))){if(data14 < 1 || isNaN(data14)){const err24 = {instancePath:instancePath+"/defaults/success_threshold",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data14};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}if(typeof data14 === "string"){if(!pattern2.test(data14)){const err25 = {instancePath:instancePath+"/defaults/success_threshold",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data14};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}}}if(data10.concurrency !== undefined){let data15 = data10.concurrency;if((!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))) && (typeof data15 !== "string")){const err26 = {instancePath:instancePath+"/defaults/concurrency",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data15};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}if((typeof data15 == "number") && (isFinite(data15))){if(data15 < 1 || isNaN(data15)){const err27 = {instancePath:instancePath+"/defaults/concurrency",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data15};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}}if(typeof data15 === "string"){if(!pattern2.test(data15)){const err28 = {instancePath:instancePath+"/defaults/concurrency",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data15};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}}}}else {const err29 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.defaults.type,parentSchema:schema11.properties.defaults,data:data10};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}}if(data.services !== undefined){let data16 = data.services;if(data16 && typeof data16 == "object" && !Array.isArray(data16)){for(const key5 in data16){const _errs43 = errors;if(typeof key5 === "string"){if(!pattern10.test(key5)){const err30 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\"",schema:"^[a-z0-9][a-z0-9_-]*$",parentSchema:schema11.properties.services.propertyNames,data:key5,propertyName:key5};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}}var valid12 = _errs43 === errors;if(!valid12){const err31 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/propertyNames",keyword:"propertyNames",params:{propertyName: key5},message:"property name must be valid",schema:schema11.properties.services.propertyNames,parentSchema:schema11.properties.services,data:data16};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}}for(const key6 in data16){if(!(validate13(data16[key6], {instancePath:instancePath+"/services/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data16,parentDataProperty:key6,rootData}))){vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);errors = vErrors.length;}}}else {const err32 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.services.type,parentSchema:schema11.properties.services,data:data16};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}}if(data.report !== undefined){let data18 = data.report;if(data18 && typeof data18 == "object" && !Array.isArray(data18)){for(const key7 in data18){if(!(((key7 === "path") || (key7 === "formats")) || (key7 === "retention_days"))){const err33 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.report,data:data18};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}}if(data18.path !== undefined){let data19 = data18.path;if(typeof data19 === "string"){if(data19.length < 1){const err34 = {instancePath:instancePath+"/report/path",schemaPath:"#/properties/report/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.path,data:data19};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}}else {const err35 = {instancePath:instancePath+"/report/path",schemaPath:"#/properties/report/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.path.type,parentSchema:schema11.properties.report.properties.path,data:data19};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}}if(data18.formats !== undefined){let data20 = data18.formats;if(Array.isArray(data20)){const len1 = data20.length;for(let i1=0; i1<len1; i1++){let data21 = data20[i1];if(typeof data21 !== "string"){const err36 = {instancePath:instancePath+"/report/formats/" + i1,schemaPath:"#/properties/report/properties/formats/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.formats.items.type,parentSchema:schema11.properties.report.properties.formats.items,data:data21};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}if(!((((data21 === "json") || (data21 === "junit")) || (data21 === "markdown")) || (data21 === "prometheus"))){const err37 = {instancePath:instancePath+"/report/formats/" + i1,schemaPath:"#/properties/report/properties/formats/items/enum",keyword:"enum",params:{allowedValues: schema11.properties.report.properties.formats.items.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.report.properties.formats.items.enum,parentSchema:schema11.properties.report.properties.formats.items,data:data21};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}}let i2 = data20.length;let j0;if(i2 > 1){const indices0 = {};for(;i2--;){let item0 = data20[i2];if(typeof item0 !== "string"){continue;}if(typeof indices0[item0] == "number"){j0 = indices0[item0];const err38 = {instancePath:instancePath+"/report/formats",schemaPath:"#/properties/report/properties/formats/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema11.properties.report.properties.formats,data:data20};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;break;}indices0[item0] = i2;}}}else {const err39 = {instancePath:instancePath+"/report/formats",schemaPath:"#/properties/report/properties/formats/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.report.properties.formats.type,parentSchema:schema11.properties.report.properties.formats,data:data20};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}if(data18.retention_days !== undefined){let data22 = data18.retention_days;if((!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))) && (typeof data22 !== "string")){const err40 = {instancePath:instancePath+"/report/retention_days",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: schema32.type},message:"must be integer,string",schema:schema32.type,parentSchema:schema32,data:data22};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}if((typeof data22 == "number") && (isFinite(data22))){if(data22 < 0 || isNaN(data22)){const err41 = {instancePath:instancePath+"/report/retention_days",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32,data:data22};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}}if(typeof data22 === "string"){if(!pattern2.test(data22)){const err42 = {instancePath:instancePath+"/report/retention_days",schemaPath:"#/definitions/nonNegativeInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema32,data:data22};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}}}}else {const err43 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.report.type,parentSchema:schema11.properties.report,data:data18};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}}if(data.deploy !== undefined){let data23 = data.deploy;if(Array.isArray(data23)){const len2 = data23.length;for(let i3=0; i3<len2; i3++){if(!(validate42(data23[i3], {instancePath:instancePath+"/deploy/" + i3,parentData:data23,parentDataProperty:i3,rootData}))){vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);errors = vErrors.length;}}}else {const err44 = {instancePath:instancePath+"/deploy",schemaPath:"#/properties/deploy/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.deploy.type,parentSchema:schema11.properties.deploy,data:data23};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}}if(data.smoke !== undefined){let data25 = data.smoke;if(Array.isArray(data25)){const len3 = data25.length;for(let i4=0; i4<len3; i4++){if(!(validate44(data25[i4], {instancePath:instancePath+"/smoke/" + i4,parentData:data25,parentDataProperty:i4,rootData}))){vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);errors = vErrors.length;}}}else {const err45 = {instancePath:instancePath+"/smoke",schemaPath:"#/properties/smoke/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.smoke.type,parentSchema:schema11.properties.smoke,data:data25};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}}if(data.baseline !== undefined){let data27 = data.baseline;if(data27 && typeof data27 == "object" && !Array.isArray(data27)){for(const key8 in data27){if(!((((((key8 === "compare_config") || (key8 === "ignore")) || (key8 === "expect_different")) || (key8 === "latency")) || (key8 === "schema")) || (key8 === "throughput"))){const err46 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.baseline,data:data27};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}}if(data27.compare_config !== undefined){let data28 = data27.compare_config;if(typeof data28 === "string"){if(data28.length < 1){const err47 = {instancePath:instancePath+"/baseline/compare_config",schemaPath:"#/properties/baseline/properties/compare_config/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.baseline.properties.compare_config,data:data28};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}}else {const err48 = {instancePath:instancePath+"/baseline/compare_config",schemaPath:"#/properties/baseline/properties/compare_config/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.baseline.properties.compare_config.type,parentSchema:schema11.properties.baseline.properties.compare_config,data:data28};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}}if(data27.ignore !== undefined){let data29 = data27.ignore;if(Array.isArray(data29)){const len4 = data29.length;for(let i5=0; i5<len4; i5++){let data30 = data29[i5];if(typeof data30 === "string"){if(data30.length < 1){const err49 = {instancePath:instancePath+"/baseline/ignore/" + i5,schemaPath:"#/definitions/configPaths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema78.items,data:data30};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}if(!pattern50.test(data30)){const err50 = {instancePath:instancePath+"/baseline/ignore/" + i5,schemaPath:"#/definitions/configPaths/items/pattern",keyword:"pattern",params:{pattern: "^[^.\\s]+(\\.[^.\\s]+)*$"},message:"must match pattern \""+"^[^.\\s]+(\\.[^.\\s]+)*$"+"\"",schema:"^[^.\\s]+(\\.[^.\\s]+)*$",parentSchema:schema78.items,data:data30};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}}else {const err51 = {instancePath:instancePath+"/baseline/ignore/" + i5,schemaPath:"#/definitions/configPaths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.items.type,parentSchema:schema78.items,data:data30};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}}}else {const err52 = {instancePath:instancePath+"/baseline/ignore",schemaPath:"#/definitions/configPaths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema78.type,parentSchema:schema78,data:data29};if(vErrors === null){vErrors = [err52];}else {vErrors.push(err52);}errors++;}}if(data27.expect_different !== undefined){let data31 = data27.expect_different;if(Array.isArray(data31)){const len5 = data31.length;for(let i6=0; i6<len5; i6++){let data32 = data31[i6];if(typeof data32 === "string"){if(data32.length < 1){const err53 = {instancePath:instancePath+"/baseline/expect_different/" + i6,schemaPath:"#/definitions/configPaths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema78.items,data:data32};if(vErrors === null){vErrors = [err53];}else {vErrors.push(err53);}errors++;}if(!pattern50.test(data32)){const err54 = {instancePath:instancePath+"/baseline/expect_different/" + i6,schemaPath:"#/definitions/configPaths/items/pattern",keyword:"pattern",params:{pattern: "^[^.\\s]+(\\.[^.\\s]+)*$"},message:"must match pattern \""+"^[^.\\s]+(\\.[^.\\s]+)*$"+"\"",schema:"^[^.\\s]+(\\.[^.\\s]+)*$",parentSchema:schema78.items,data:data32};if(vErrors === null){vErrors = [err54];}else {vErrors.push(err54);}errors++;}}else {const err55 = {instancePath:instancePath+"/baseline/expect_different/" + i6,schemaPath:"#/definitions/configPaths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema78.items.type,parentSchema:schema78.items,data:data32};if(vErrors === null){vErrors = [err55];}else {vErrors.push(err55);}errors++;}}}else {const err56 = {instancePath:instancePath+"/baseline/expect_different",schemaPath:"#/definitions/configPaths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema78.type,parentSchema:schema78,data:data31};if(vErrors === null){vErrors = [err56];}else {vErrors.push(err56);}errors++;}}if(data27.latency !== undefined){let data33 = data27.latency;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){for(const key9 in data33){if(!(((key9 === "samples") || (key9 === "max_increase")) || (key9 === "bounds"))){const err57 = {instancePath:instancePath+"/baseline/latency",schemaPath:"#/properties/baseline/properties/latency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.baseline.properties.latency,data:data33};if(vErrors === null){vErrors = [err57];}else {vErrors.push(err57);}errors++;}}if(data33.samples !== undefined){let data34 = data33.samples;if((!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))) && (typeof data34 !== "string")){const err58 = {instancePath:instancePath+"/baseline/latency/samples",schemaPath:"#/definitions/nonNegativeInteger/type",keyword:"type",params:{type: schema32.type},message:"must be integer,string",schema:schema32.type,parentSchema:schema32,data:data34};if(vErrors === null){vErrors = [err58];}else {vErrors.push(err58);}errors++;}if((typeof data34 == "number") && (isFinite(data34))){if(data34 < 0 || isNaN(data34)){const err59 = {instancePath:instancePath+"/baseline/latency/samples",schemaPath:"#/definitions/nonNegativeInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32,data:data34};if(vErrors === null){vErrors = [err59];}else {vErrors.push(err59);}errors++;}}if(typeof data34 === "string"){if(!pattern2.test(data34)){const err60 = {instancePath:instancePath+"/baseline/latency/samples",schemaPath:"#/definitions/nonNegativeInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema32,data:data34};if(vErrors === null){vErrors = [err60];}else {vErrors.push(err60);}errors++;}}}if(data33.max_increase !== undefined){let data35 = data33.max_increase;if(typeof data35 === "string"){if(!pattern53.test(data35)){const err61 = {instancePath:instancePath+"/baseline/latency/max_increase",schemaPath:"#/definitions/percent/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)?%$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)?%$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)?%$|\\$\\{",parentSchema:schema81,data:data35};if(vErrors === null){vErrors = [err61];}else {vErrors.push(err61);}errors++;}}else {const err62 = {instancePath:instancePath+"/baseline/latency/max_increase",schemaPath:"#/definitions/percent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.type,parentSchema:schema81,data:data35};if(vErrors === null){vErrors = [err62];}else {vErrors.push(err62);}errors++;}}if(data33.bounds !== undefined){let data36 = data33.bounds;if(Array.isArray(data36)){const len6 = data36.length;for(let i7=0; i7<len6; i7++){let data37 = data36[i7];if(typeof data37 === "string"){if(!pattern54.test(data37)){const err63 = {instancePath:instancePath+"/baseline/latency/bounds/" + i7,schemaPath:"#/definitions/percentileBound/pattern",keyword:"pattern",params:{pattern: "^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{"},message:"must match pattern \""+"^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{"+"\"",schema:"^p\\d{1,2}(\\.\\d+)?\\s*<=?\\s*((\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?|\\+\\d+(\\.\\d+)?%)$|\\$\\{",parentSchema:schema82,data:data37};if(vErrors === null){vErrors = [err63];}else {vErrors.push(err63);}errors++;}}else {const err64 = {instancePath:instancePath+"/baseline/latency/bounds/" + i7,schemaPath:"#/definitions/percentileBound/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema82.type,parentSchema:schema82,data:data37};if(vErrors === null){vErrors = [err64];}else {vErrors.push(err64);}errors++;}}}else {const err65 = {instancePath:instancePath+"/baseline/latency/bounds",schemaPath:"#/properties/baseline/properties/latency/properties/bounds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.baseline.properties.latency.properties.bounds.type,parentSchema:schema11.properties.baseline.properties.latency.properties.bounds,data:data36};if(vErrors === null){vErrors = [err65];}else {vErrors.push(err65);}errors++;}}}else {const err66 = {instancePath:instancePath+"/baseline/latency",schemaPath:"#/properties/baseline/properties/latency/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.baseline.properties.latency.type,parentSchema:schema11.properties.baseline.properties.latency,data:data33};if(vErrors === null){vErrors = [err66];}else {vErrors.push(err66);}errors++;}}if(data27.schema !== undefined){let data38 = data27.schema;if((typeof data38 !== "boolean") && (!(data38 && typeof data38 == "object" && !Array.isArray(data38)))){const err67 = {instancePath:instancePath+"/baseline/schema",schemaPath:"#/properties/baseline/properties/schema/type",keyword:"type",params:{type: schema11.properties.baseline.properties.schema.type},message:"must be boolean,object",schema:schema11.properties.baseline.properties.schema.type,parentSchema:schema11.properties.baseline.properties.schema,data:data38};if(vErrors === null){vErrors = [err67];}else {vErrors.push(err67);}errors++;}if(data38 && typeof data38 == "object" && !Array.isArray(data38)){for(const key10 in data38){if(!(key10 === "migrations_table")){const err68 = {instancePath:instancePath+"/baseline/schema",schemaPath:"#/properties/baseline/properties/schema/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.baseline.properties.schema,data:data38};if(vErrors === null){vErrors = [err68];}else {vErrors.push(err68);}errors++;}}if(data38.migrations_table !== undefined){let data39 = data38.migrations_table;if(typeof data39 === "string"){if(data39.length < 1){const err69 = {instancePath:instancePath+"/baseline/schema/migrations_table",schemaPath:"#/properties/baseline/properties/schema/properties/migrations_table/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.baseline.properties.schema.properties.migrations_table,data:data39};if(vErrors === null){vErrors = [err69];}else {vErrors.push(err69);}errors++;}}else {const err70 = {instancePath:instancePath+"/baseline/schema/migrations_table",schemaPath:"#/properties/baseline/properties/schema/properties/migrations_table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.baseline.properties.schema.properties.migrations_table.type,parentSchema:schema11.properties.baseline.properties.schema.properties.migrations_table,data:data39};if(vErrors === null){vErrors = [err70];}else {vErrors.push(err70);}errors++;}}}}if(data27.throughput !== undefined){let data40 = data27.throughput;if(data40 && typeof data40 == "object" && !Array.isArray(data40)){if(data40.rate === undefined){const err71 = {instancePath:instancePath+"/baseline/throughput",schemaPath:"#/properties/baseline/properties/throughput/required",keyword:"required",params:{missingProperty: "rate"},message:"must have required property '"+"rate"+"'",schema:schema11.properties.baseline.properties.throughput.required,parentSchema:schema11.properties.baseline.properties.throughput,data:data40};if(vErrors === null){vErrors = [err71];}else {vErrors.push(err71);}errors++;}if(data40.duration === undefined){const err72 = {instancePath:instancePath+"/baseline/throughput",schemaPath:"#/properties/baseline/properties/throughput/required",keyword:"required",params:{missingProperty: "duration"},message:"must have required property '"+"duration"+"'",schema:schema11.properties.baseline.properties.throughput.required,parentSchema:schema11.properties.baseline.properties.throughput,data:data40};if(vErrors === null){vErrors = [err72];}else {vErrors.push(err72);}errors++;}for(const key11 in data40){if(!((((key11 === "rate") || (key11 === "duration")) || (key11 === "max_error_rate")) || (key11 === "services"))){const err73 = {instancePath:instancePath+"/baseline/throughput",schemaPath:"#/properties/baseline/properties/throughput/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.baseline.properties.throughput,data:data40};if(vErrors === null){vErrors = [err73];}else {vErrors.push(err73);}errors++;}}if(data40.rate !== undefined){let data41 = data40.rate;if((!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))) && (typeof data41 !== "string")){const err74 = {instancePath:instancePath+"/baseline/throughput/rate",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data41};if(vErrors === null){vErrors = [err74];}else {vErrors.push(err74);}errors++;}if((typeof data41 == "number") && (isFinite(data41))){if(data41 < 1 || isNaN(data41)){const err75 = {instancePath:instancePath+"/baseline/throughput/rate",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data41};if(vErrors === null){vErrors = [err75];}else {vErrors.push(err75);}errors++;}}if(typeof data41 === "string"){if(!pattern2.test(data41)){const err76 = {instancePath:instancePath+"/baseline/throughput/rate",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data41};if(vErrors === null){vErrors = [err76];}else {vErrors.push(err76);}errors++;}}}if(data40.duration !== undefined){let data42 = data40.duration;if(typeof data42 === "string"){if(!pattern1.test(data42)){const err77 = {instancePath:instancePath+"/baseline/throughput/duration",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data42};if(vErrors === null){vErrors = [err77];}else {vErrors.push(err77);}errors++;}}else {const err78 = {instancePath:instancePath+"/baseline/throughput/duration",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data42};if(vErrors === null){vErrors = [err78];}else {vErrors.push(err78);}errors++;}}if(data40.max_error_rate !== undefined){let data43 = data40.max_error_rate;if(typeof data43 === "string"){if(!pattern53.test(data43)){const err79 = {instancePath:instancePath+"/baseline/throughput/max_error_rate",schemaPath:"#/definitions/percent/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)?%$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)?%$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)?%$|\\$\\{",parentSchema:schema81,data:data43};if(vErrors === null){vErrors = [err79];}else {vErrors.push(err79);}errors++;}}else {const err80 = {instancePath:instancePath+"/baseline/throughput/max_error_rate",schemaPath:"#/definitions/percent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.type,parentSchema:schema81,data:data43};if(vErrors === null){vErrors = [err80];}else {vErrors.push(err80);}errors++;}}if(data40.services !== undefined){let data44 = data40.services;if(Array.isArray(data44)){if(data44.length < 1){const err81 = {instancePath:instancePath+"/baseline/throughput/services",schemaPath:"#/definitions/serviceNames/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema86,data:data44};if(vErrors === null){vErrors = [err81];}else {vErrors.push(err81);}errors++;}const len7 = data44.length;for(let i8=0; i8<len7; i8++){let data45 = data44[i8];if(typeof data45 === "string"){if(data45.length < 1){const err82 = {instancePath:instancePath+"/baseline/throughput/services/" + i8,schemaPath:"#/definitions/serviceNames/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema86.items,data:data45};if(vErrors === null){vErrors = [err82];}else {vErrors.push(err82);}errors++;}}else {const err83 = {instancePath:instancePath+"/baseline/throughput/services/" + i8,schemaPath:"#/definitions/serviceNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema86.items.type,parentSchema:schema86.items,data:data45};if(vErrors === null){vErrors = [err83];}else {vErrors.push(err83);}errors++;}}let i9 = data44.length;let j1;if(i9 > 1){const indices1 = {};for(;i9--;){let item1 = data44[i9];if(typeof item1 !== "string"){continue;}if(typeof indices1[item1] == "number"){j1 = indices1[item1];const err84 = {instancePath:instancePath+"/baseline/throughput/services",schemaPath:"#/definitions/serviceNames/uniqueItems",keyword:"uniqueItems",params:{i: i9, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i9+" are identical)",schema:true,parentSchema:schema86,data:data44};if(vErrors === null){vErrors = [err84];}else {vErrors.push(err84);}errors++;break;}indices1[item1] = i9;}}}else {const err85 = {instancePath:instancePath+"/baseline/throughput/services",schemaPath:"#/definitions/serviceNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema86.type,parentSchema:schema86,data:data44};if(vErrors === null){vErrors = [err85];}else {vErrors.push(err85);}errors++;}}}else {const err86 = {instancePath:instancePath+"/baseline/throughput",schemaPath:"#/properties/baseline/properties/throughput/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.baseline.properties.throughput.type,parentSchema:schema11.properties.baseline.properties.throughput,data:data40};if(vErrors === null){vErrors = [err86];}else {vErrors.push(err86);}errors++;}}}else {const err87 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.baseline.type,parentSchema:schema11.properties.baseline,data:data27};if(vErrors === null){vErrors = [err87];}else {vErrors.push(err87);}errors++;}}if(data.monitor !== undefined){let data46 = data.monitor;if(data46 && typeof data46 == "object" && !Array.isArray(data46)){if(data46.duration === undefined){const err88 = {instancePath:instancePath+"/monitor",schemaPath:"#/properties/monitor/required",keyword:"required",params:{missingProperty: "duration"},message:"must have required property '"+"duration"+"'",schema:schema11.properties.monitor.required,parentSchema:schema11.properties.monitor,data:data46};if(vErrors === null){vErrors = [err88];}else {vErrors.push(err88);}errors++;}for(const key12 in data46){if(!(((((key12 === "duration") || (key12 === "interval")) || (key12 === "max_error_rate")) || (key12 === "max_consecutive_failures")) || (key12 === "services"))){const err89 = {instancePath:instancePath+"/monitor",schemaPath:"#/properties/monitor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.monitor,data:data46};if(vErrors === null){vErrors = [err89];}else {vErrors.push(err89);}errors++;}}if(data46.duration !== undefined){let data47 = data46.duration;if(typeof data47 === "string"){if(!pattern1.test(data47)){const err90 = {instancePath:instancePath+"/monitor/duration",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data47};if(vErrors === null){vErrors = [err90];}else {vErrors.push(err90);}errors++;}}else {const err91 = {instancePath:instancePath+"/monitor/duration",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data47};if(vErrors === null){vErrors = [err91];}else {vErrors.push(err91);}errors++;}}if(data46.interval !== undefined){let data48 = data46.interval;if(typeof data48 === "string"){if(!pattern1.test(data48)){const err92 = {instancePath:instancePath+"/monitor/interval",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"},message:"must match pattern \""+"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{"+"\"",schema:"^(?=\\d)(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$|\\$\\{",parentSchema:schema13,data:data48};if(vErrors === null){vErrors = [err92];}else {vErrors.push(err92);}errors++;}}else {const err93 = {instancePath:instancePath+"/monitor/interval",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data48};if(vErrors === null){vErrors = [err93];}else {vErrors.push(err93);}errors++;}}if(data46.max_error_rate !== undefined){let data49 = data46.max_error_rate;if(typeof data49 === "string"){if(!pattern53.test(data49)){const err94 = {instancePath:instancePath+"/monitor/max_error_rate",schemaPath:"#/definitions/percent/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+)?%$|\\$\\{"},message:"must match pattern \""+"^\\d+(\\.\\d+)?%$|\\$\\{"+"\"",schema:"^\\d+(\\.\\d+)?%$|\\$\\{",parentSchema:schema81,data:data49};if(vErrors === null){vErrors = [err94];}else {vErrors.push(err94);}errors++;}}else {const err95 = {instancePath:instancePath+"/monitor/max_error_rate",schemaPath:"#/definitions/percent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema81.type,parentSchema:schema81,data:data49};if(vErrors === null){vErrors = [err95];}else {vErrors.push(err95);}errors++;}}if(data46.max_consecutive_failures !== undefined){let data50 = data46.max_consecutive_failures;if((!(((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50))) && (isFinite(data50)))) && (typeof data50 !== "string")){const err96 = {instancePath:instancePath+"/monitor/max_consecutive_failures",schemaPath:"#/definitions/positiveInteger/type",keyword:"type",params:{type: schema15.type},message:"must be integer,string",schema:schema15.type,parentSchema:schema15,data:data50};if(vErrors === null){vErrors = [err96];}else {vErrors.push(err96);}errors++;}if((typeof data50 == "number") && (isFinite(data50))){if(data50 < 1 || isNaN(data50)){const err97 = {instancePath:instancePath+"/monitor/max_consecutive_failures",schemaPath:"#/definitions/positiveInteger/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data50};if(vErrors === null){vErrors = [err97];}else {vErrors.push(err97);}errors++;}}if(typeof data50 === "string"){if(!pattern2.test(data50)){const err98 = {instancePath:instancePath+"/monitor/max_consecutive_failures",schemaPath:"#/definitions/positiveInteger/pattern",keyword:"pattern",params:{pattern: "\\$\\{"},message:"must match pattern \""+"\\$\\{"+"\"",schema:"\\$\\{",parentSchema:schema15,data:data50};if(vErrors === null){vErrors = [err98];}else {vErrors.push(err98);}errors++;}}}if(data46.services !== undefined){let data51 = data46.services;if(Array.isArray(data51)){if(data51.length < 1){const err99 = {instancePath:instancePath+"/monitor/services",schemaPath:"#/definitions/serviceNames/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema86,data:data51};if(vErrors === null){vErrors = [err99];}else {vErrors.push(err99);}errors++;}const len8 = data51.length;for(let i10=0; i10<len8; i10++){let data52 = data51[i10];if(typeof data52 === "string"){if(data52.length < 1){const err100 = {instancePath:instancePath+"/monitor/services/" + i10,schemaPath:"#/definitions/serviceNames/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema86.items,data:data52};if(vErrors === null){vErrors = [err100];}else {vErrors.push(err100);}errors++;}}else {const err101 = {instancePath:instancePath+"/monitor/services/" + i10,schemaPath:"#/definitions/serviceNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema86.items.type,parentSchema:schema86.items,data:data52};if(vErrors === null){vErrors = [err101];}else {vErrors.push(err101);}errors++;}}let i11 = data51.length;let j2;if(i11 > 1){const indices2 = {};for(;i11--;){let item2 = data51[i11];if(typeof item2 !== "string"){continue;}if(typeof indices2[item2] == "number"){j2 = indices2[item2];const err102 = {instancePath:instancePath+"/monitor/services",schemaPath:"#/definitions/serviceNames/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i11+" are identical)",schema:true,parentSchema:schema86,data:data51};if(vErrors === null){vErrors = [err102];}else {vErrors.push(err102);}errors++;break;}indices2[item2] = i11;}}}else {const err103 = {instancePath:instancePath+"/monitor/services",schemaPath:"#/definitions/serviceNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema86.type,parentSchema:schema86,data:data51};if(vErrors === null){vErrors = [err103];}else {vErrors.push(err103);}errors++;}}}else {const err104 = {instancePath:instancePath+"/monitor",schemaPath:"#/properties/monitor/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.monitor.type,parentSchema:schema11.properties.monitor,data:data46};if(vErrors === null){vErrors = [err104];}else {vErrors.push(err104);}errors++;}}if(data.rollback !== undefined){let data53 = data.rollback;if(data53 && typeof data53 == "object" && !Array.isArray(data53)){for(const key13 in data53){if(!(func2.call(schema11.properties.rollback.properties, key13))){const err105 = {instancePath:instancePath+"/rollback",schemaPath:"#/properties/rollback/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.rollback,data:data53};if(vErrors === null){vErrors = [err105];}else {vErrors.push(err105);}errors++;}}if(data53.dispatch !== undefined){let data54 = data53.dispatch;if(typeof data54 === "string"){if(data54.length > 100){const err106 = {instancePath:instancePath+"/rollback/dispatch",schemaPath:"#/properties/rollback/properties/dispatch/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema11.properties.rollback.properties.dispatch,data:data54};if(vErrors === null){vErrors = [err106];}else {vErrors.push(err106);}errors++;}if(data54.length < 1){const err107 = {instancePath:instancePath+"/rollback/dispatch",schemaPath:"#/properties/rollback/properties/dispatch/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.rollback.properties.dispatch,data:data54};if(vErrors === null){vErrors = [err107];}else {vErrors.push(err107);}errors++;}}else {const err108 = {instancePath:instancePath+"/rollback/dispatch",schemaPath:"#/properties/rollback/properties/dispatch/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.rollback.properties.dispatch.type,parentSchema:schema11.properties.rollback.properties.dispatch,data:data54};if(vErrors === null){vErrors = [err108];}else {vErrors.push(err108);}errors++;}}}else {const err109 = {instancePath:instancePath+"/rollback",schemaPath:"#/properties/rollback/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.rollback.type,parentSchema:schema11.properties.rollback,data:data53};if(vErrors === null){vErrors = [err109];}else {vErrors.push(err109);}errors++;}}}else {const err110 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};if(vErrors === null){vErrors = [err110];}else {vErrors.push(err110);}errors++;}validate10.errors = vErrors;return errors === 0;}

;// CONCATENATED MODULE: ./src/config/validate.ts



const TYPE_WORDS = {
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    null: 'empty'
};
const COMPARISON_WORDS = {
    '>=': 'at least',
    '<=': 'at most',
    '>': 'more than',
    '<': 'less than'
};
function validateDocument(document) {
    if (config_validator(document))
        return [];
    return (config_validator.errors ?? []).flatMap(error => toFinding(error, document) ?? []);
}
function toFinding(error, document) {
    const path = (0,config_document/* pathOf */.XM)(document, error.instancePath);
    const title = error.parentSchema?.title;
    const params = error.params;
    if (error.keyword === 'propertyNames')
        return undefined; // its inner error names the key
    if (error.propertyName !== undefined) {
        const name = (0,config_document/* excerpt */.Kb)(error.propertyName);
        return {
            path: [...path, name],
            anchor: 'key',
            message: `'${name}' ${place(path)} must be ${title ?? 'a valid name'}`
        };
    }
    if (error.keyword === 'additionalProperties') {
        const key = String(params.additionalProperty);
        const known = Object.keys(error.parentSchema?.properties ?? {});
        const hint = didYouMean(key, known, `: valid keys are ${known.join(', ')}`);
        return {
            path: [...path, key],
            anchor: 'key',
            message: `unknown key '${(0,config_document/* excerpt */.Kb)(key)}' ${place(path)}${hint}`
        };
    }
    if (error.keyword === 'required') {
        const key = String(params.missingProperty);
        const where = path.length > 0 ? (0,config_document/* dottedExcerpt */.og)(path) : 'the file';
        const only = error.parentSchema?.properties?.[key]?.const;
        const example = only === undefined ? '' : ` (${key}: ${JSON.stringify(only)})`;
        return { path, anchor: 'key', message: `${where} is missing '${key}': add it${example}` };
    }
    const expected = typeof title === 'string' ? title : expectation(error, params);
    return {
        path,
        anchor: 'value',
        message: `${(0,config_document/* dottedExcerpt */.og)(path)} must be ${expected}, not ${describe(error.data)}`
    };
}
function place(path) {
    return path.length > 0 ? `in ${(0,config_document/* dottedExcerpt */.og)(path)}` : 'at the top level';
}
function expectation(error, params) {
    const limit = String(params.limit);
    switch (error.keyword) {
        case 'type':
            return oneOf(String(params.type)
                .split(',')
                .map(type => TYPE_WORDS[type] ?? type));
        case 'const':
            return JSON.stringify(params.allowedValue);
        case 'enum':
            return oneOf(params.allowedValues.map(value => JSON.stringify(value)));
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
            return `${COMPARISON_WORDS[String(params.comparison)]} ${limit}`;
        case 'minLength':
            return `at least ${limit} character(s) long`;
        case 'minItems':
            return `a list of at least ${limit} item(s)`;
        case 'minProperties':
            return `a mapping of at least ${limit} key(s)`;
        default:
            return `valid (${error.message ?? error.keyword})`;
    }
}
function oneOf(words) {
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}
function describe(value) {
    if (value === null)
        return 'empty';
    if (Array.isArray(value))
        return value.length > 0 ? 'a list' : 'an empty list';
    if ((0,config_document/* isMapping */.pi)(value))
        return Object.keys(value).length > 0 ? 'a mapping' : 'an empty mapping';
    return typeof value === 'string' ? `'${(0,config_document/* excerpt */.Kb)(value)}'` : String(value);
}

;// CONCATENATED MODULE: ./src/config/load.ts
// Reading an environment file: its layers (built-in defaults, extended files, the file) merged,
// checked against the schema, interpolated and normalized. Every problem of every stage is
// collected, so that one run lists them all; a file that cannot be read or parsed stops the rest.












/** The normalized environment, or a ConfigError listing every problem found. */
async function loadEnvironment(options) {
    const { workingDirectory, env } = options;
    const workspace = options.workspace ?? workingDirectory;
    const { layers, problems } = await readLayers(options.configPath, workingDirectory, workspace);
    if (problems.length > 0)
        throw new ConfigError(sortProblems(problems));
    const mainFile = (0,files/* displayPath */.Gt)(workingDirectory, (0,external_node_path_.resolve)(workingDirectory, options.configPath));
    const { document, sources } = mergeLayers(layers);
    const schemaFindings = validateDocument(document);
    // Findings by stage: those of a later stage at a place an earlier one flagged are left out.
    const resolving = [];
    const normalizing = [];
    const reader = (findings) => ({
        findings,
        locate: (path, anchor) => locate(sources, path, anchor, mainFile),
        files: (0,files/* inWorkspace */.ve)(workspace)
    });
    const variables = (0,config_variables/* resolveVariables */.CO)(new Cursor(document, [], reader(resolving)).get('variables'), env);
    const interpolated = interpolate(document, variables, env, resolving);
    const normalized = normalize(new Cursor(interpolated.document, [], reader(normalizing)), {
        workingDirectory,
        fileStem: (0,external_node_path_.basename)(mainFile).replace(/\.ya?ml$/i, ''),
        environmentName: options.environmentName,
        reportPlaces: (0,files/* inWorkspaceOrRunnerTemp */.g6)(workspace, env),
        configFiles: layers.map(layer => (0,external_node_path_.resolve)(workingDirectory, layer.file))
    });
    const secrets = [...new Set([...variables.secrets, ...interpolated.secrets])];
    const found = toProblems([schemaFindings, resolving, normalizing], sources, mainFile, secrets);
    if (found.length > 0)
        throw new ConfigError(found, secrets);
    return {
        ...normalized,
        // The environment file first, then the files it extends in the order they merge.
        files: [mainFile, ...layers.slice(0, -1).map(layer => layer.file)],
        variables: variables.declared,
        resolved: {
            value: interpolated.document,
            locate: path => locate(sources, path, 'value', mainFile)
        },
        secrets,
        values: Object.fromEntries(variables.values)
    };
}

;// CONCATENATED MODULE: ./src/inputs.ts
// The action's inputs, read once, typed and validated up front. The reader is handed a getter so the
// action (core.getInput) and the CLI (command-line flags) share the same names, defaults and checks.

const MODES = ['verify', 'baseline', 'rollback', 'merge'];
const FAIL_ON = ['failure', 'warning', 'never'];
const DEFAULT_INPUTS = {
    config: '.github/deploy-verify.yml',
    mode: 'verify',
    failOn: 'failure',
    checkName: 'deploy-verify',
    workingDirectory: '.'
};
/** Modes and inputs whose capability has not been built yet are refused, never silently ignored. */
const NOT_YET = {
    rollback: 'mode rollback is not supported yet by this version of deploy-verify'
};
/**
 * Reads every input; all problems are collected and thrown together as a ConfigError whose `file`
 * names the input. Returns the defaults for anything invalid so the run can still report.
 */
function readInputs(get) {
    const problems = [];
    const problem = (name, message) => problems.push({ file: `input ${name}`, line: 1, column: 1, message });
    const text = (name) => get(name).trim() || undefined;
    const oneOf = (name, allowed, fallback) => {
        const value = text(name);
        if (value === undefined)
            return fallback;
        if (allowed.includes(value))
            return value;
        problem(name, `'${value}' is not one of ${allowed.join(', ')}`);
        return fallback;
    };
    const mode = oneOf('mode', MODES, DEFAULT_INPUTS.mode);
    const notYet = NOT_YET[mode];
    if (notYet)
        problem('mode', notYet);
    const baseline = text('baseline');
    if (mode === 'baseline' && baseline === 'artifact')
        problem('baseline', "in mode baseline this is the file to write (default deploy-verify-baseline.json), not 'artifact'");
    const failOn = oneOf('fail-on', FAIL_ON, DEFAULT_INPUTS.failOn);
    const commentText = text('comment');
    let comment;
    if (commentText !== undefined) {
        if (commentText === 'true' || commentText === 'false')
            comment = commentText === 'true';
        else
            problem('comment', `'${commentText}' is not true or false`);
    }
    const retentionText = text('retention-days');
    let retentionDays;
    if (retentionText !== undefined) {
        const days = Number(retentionText);
        if (Number.isInteger(days) && days >= 0 && days <= 400)
            retentionDays = days;
        else
            problem('retention-days', `'${retentionText}' is not a whole number of days from 0 (the repository default) to 400`);
    }
    const deployment = text('github-deployment-id');
    if (deployment !== undefined && deployment !== 'create' && !/^[1-9]\d*$/.test(deployment))
        problem('github-deployment-id', `'${deployment}' is not a deployment id (a number) or create`);
    const inputs = {
        config: text('config') ?? DEFAULT_INPUTS.config,
        environment: text('environment'),
        mode,
        baseline,
        failOn,
        githubToken: text('github-token'),
        checkName: text('check-name') ?? DEFAULT_INPUTS.checkName,
        comment,
        artifactName: text('artifact-name'),
        retentionDays,
        workingDirectory: text('working-directory') ?? DEFAULT_INPUTS.workingDirectory,
        githubDeploymentId: deployment
    };
    if (problems.length)
        throw new InputError(problems, inputs);
    return inputs;
}
/** Invalid inputs, with the usable inputs (defaults in place of the invalid ones) for reporting. */
class InputError extends ConfigError {
    inputs;
    constructor(problems, inputs) {
        super(problems);
        this.inputs = inputs;
    }
}

// EXTERNAL MODULE: ./src/report/wording.ts
var wording = __nccwpck_require__(5594);
;// CONCATENATED MODULE: external "vm"
const external_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");
;// CONCATENATED MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js


/**
 * @implements {IHooks}
 */
class Hooks {
  /**
   * @callback HookCallback
   * @this {*|Jsep} this
   * @param {Jsep} env
   * @returns: void
   */
  /**
   * Adds the given callback to the list of callbacks for the given hook.
   *
   * The callback will be invoked when the hook it is registered for is run.
   *
   * One callback function can be registered to multiple hooks and the same hook multiple times.
   *
   * @param {string|object} name The name of the hook, or an object of callbacks keyed by name
   * @param {HookCallback|boolean} callback The callback function which is given environment variables.
   * @param {?boolean} [first=false] Will add the hook to the top of the list (defaults to the bottom)
   * @public
   */
  add(name, callback, first) {
    if (typeof arguments[0] != 'string') {
      // Multiple hook callbacks, keyed by name
      for (let name in arguments[0]) {
        this.add(name, arguments[0][name], arguments[1]);
      }
    } else {
      (Array.isArray(name) ? name : [name]).forEach(function (name) {
        this[name] = this[name] || [];
        if (callback) {
          this[name][first ? 'unshift' : 'push'](callback);
        }
      }, this);
    }
  }

  /**
   * Runs a hook invoking all registered callbacks with the given environment variables.
   *
   * Callbacks will be invoked synchronously and in the order in which they were registered.
   *
   * @param {string} name The name of the hook.
   * @param {Object<string, any>} env The environment variables of the hook passed to all callbacks registered.
   * @public
   */
  run(name, env) {
    this[name] = this[name] || [];
    this[name].forEach(function (callback) {
      callback.call(env && env.context ? env.context : env, env);
    });
  }
}

/**
 * @implements {IPlugins}
 */
class Plugins {
  constructor(jsep) {
    this.jsep = jsep;
    this.registered = {};
  }

  /**
   * @callback PluginSetup
   * @this {Jsep} jsep
   * @returns: void
   */
  /**
   * Adds the given plugin(s) to the registry
   *
   * @param {object} plugins
   * @param {string} plugins.name The name of the plugin
   * @param {PluginSetup} plugins.init The init function
   * @public
   */
  register(...plugins) {
    plugins.forEach(plugin => {
      if (typeof plugin !== 'object' || !plugin.name || !plugin.init) {
        throw new Error('Invalid JSEP plugin format');
      }
      if (this.registered[plugin.name]) {
        // already registered. Ignore.
        return;
      }
      plugin.init(this.jsep);
      this.registered[plugin.name] = plugin;
    });
  }
}

//     JavaScript Expression Parser (JSEP) 1.4.0

class Jsep {
  /**
   * @returns {string}
   */
  static get version() {
    // To be filled in by the template
    return '1.4.0';
  }

  /**
   * @returns {string}
   */
  static toString() {
    return 'JavaScript Expression Parser (JSEP) v' + Jsep.version;
  }
  // ==================== CONFIG ================================
  /**
   * @method addUnaryOp
   * @param {string} op_name The name of the unary op to add
   * @returns {Jsep}
   */
  static addUnaryOp(op_name) {
    Jsep.max_unop_len = Math.max(op_name.length, Jsep.max_unop_len);
    Jsep.unary_ops[op_name] = 1;
    return Jsep;
  }

  /**
   * @method jsep.addBinaryOp
   * @param {string} op_name The name of the binary op to add
   * @param {number} precedence The precedence of the binary op (can be a float). Higher number = higher precedence
   * @param {boolean} [isRightAssociative=false] whether operator is right-associative
   * @returns {Jsep}
   */
  static addBinaryOp(op_name, precedence, isRightAssociative) {
    Jsep.max_binop_len = Math.max(op_name.length, Jsep.max_binop_len);
    Jsep.binary_ops[op_name] = precedence;
    if (isRightAssociative) {
      Jsep.right_associative.add(op_name);
    } else {
      Jsep.right_associative.delete(op_name);
    }
    return Jsep;
  }

  /**
   * @method addIdentifierChar
   * @param {string} char The additional character to treat as a valid part of an identifier
   * @returns {Jsep}
   */
  static addIdentifierChar(char) {
    Jsep.additional_identifier_chars.add(char);
    return Jsep;
  }

  /**
   * @method addLiteral
   * @param {string} literal_name The name of the literal to add
   * @param {*} literal_value The value of the literal
   * @returns {Jsep}
   */
  static addLiteral(literal_name, literal_value) {
    Jsep.literals[literal_name] = literal_value;
    return Jsep;
  }

  /**
   * @method removeUnaryOp
   * @param {string} op_name The name of the unary op to remove
   * @returns {Jsep}
   */
  static removeUnaryOp(op_name) {
    delete Jsep.unary_ops[op_name];
    if (op_name.length === Jsep.max_unop_len) {
      Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
    }
    return Jsep;
  }

  /**
   * @method removeAllUnaryOps
   * @returns {Jsep}
   */
  static removeAllUnaryOps() {
    Jsep.unary_ops = {};
    Jsep.max_unop_len = 0;
    return Jsep;
  }

  /**
   * @method removeIdentifierChar
   * @param {string} char The additional character to stop treating as a valid part of an identifier
   * @returns {Jsep}
   */
  static removeIdentifierChar(char) {
    Jsep.additional_identifier_chars.delete(char);
    return Jsep;
  }

  /**
   * @method removeBinaryOp
   * @param {string} op_name The name of the binary op to remove
   * @returns {Jsep}
   */
  static removeBinaryOp(op_name) {
    delete Jsep.binary_ops[op_name];
    if (op_name.length === Jsep.max_binop_len) {
      Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);
    }
    Jsep.right_associative.delete(op_name);
    return Jsep;
  }

  /**
   * @method removeAllBinaryOps
   * @returns {Jsep}
   */
  static removeAllBinaryOps() {
    Jsep.binary_ops = {};
    Jsep.max_binop_len = 0;
    return Jsep;
  }

  /**
   * @method removeLiteral
   * @param {string} literal_name The name of the literal to remove
   * @returns {Jsep}
   */
  static removeLiteral(literal_name) {
    delete Jsep.literals[literal_name];
    return Jsep;
  }

  /**
   * @method removeAllLiterals
   * @returns {Jsep}
   */
  static removeAllLiterals() {
    Jsep.literals = {};
    return Jsep;
  }
  // ==================== END CONFIG ============================

  /**
   * @returns {string}
   */
  get char() {
    return this.expr.charAt(this.index);
  }

  /**
   * @returns {number}
   */
  get code() {
    return this.expr.charCodeAt(this.index);
  }
  /**
   * @param {string} expr a string with the passed in express
   * @returns Jsep
   */
  constructor(expr) {
    // `index` stores the character number we are currently at
    // All of the gobbles below will modify `index` as we move along
    this.expr = expr;
    this.index = 0;
  }

  /**
   * static top-level parser
   * @returns {jsep.Expression}
   */
  static parse(expr) {
    return new Jsep(expr).parse();
  }

  /**
   * Get the longest key length of any object
   * @param {object} obj
   * @returns {number}
   */
  static getMaxKeyLen(obj) {
    return Math.max(0, ...Object.keys(obj).map(k => k.length));
  }

  /**
   * `ch` is a character code in the next three functions
   * @param {number} ch
   * @returns {boolean}
   */
  static isDecimalDigit(ch) {
    return ch >= 48 && ch <= 57; // 0...9
  }

  /**
   * Returns the precedence of a binary operator or `0` if it isn't a binary operator. Can be float.
   * @param {string} op_val
   * @returns {number}
   */
  static binaryPrecedence(op_val) {
    return Jsep.binary_ops[op_val] || 0;
  }

  /**
   * Looks for start of identifier
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierStart(ch) {
    return ch >= 65 && ch <= 90 ||
    // A...Z
    ch >= 97 && ch <= 122 ||
    // a...z
    ch >= 128 && !Jsep.binary_ops[String.fromCharCode(ch)] ||
    // any non-ASCII that is not an operator
    Jsep.additional_identifier_chars.has(String.fromCharCode(ch)); // additional characters
  }

  /**
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierPart(ch) {
    return Jsep.isIdentifierStart(ch) || Jsep.isDecimalDigit(ch);
  }

  /**
   * throw error at index of the expression
   * @param {string} message
   * @throws
   */
  throwError(message) {
    const error = new Error(message + ' at character ' + this.index);
    error.index = this.index;
    error.description = message;
    throw error;
  }

  /**
   * Run a given hook
   * @param {string} name
   * @param {jsep.Expression|false} [node]
   * @returns {?jsep.Expression}
   */
  runHook(name, node) {
    if (Jsep.hooks[name]) {
      const env = {
        context: this,
        node
      };
      Jsep.hooks.run(name, env);
      return env.node;
    }
    return node;
  }

  /**
   * Runs a given hook until one returns a node
   * @param {string} name
   * @returns {?jsep.Expression}
   */
  searchHook(name) {
    if (Jsep.hooks[name]) {
      const env = {
        context: this
      };
      Jsep.hooks[name].find(function (callback) {
        callback.call(env.context, env);
        return env.node;
      });
      return env.node;
    }
  }

  /**
   * Push `index` up to the next non-space character
   */
  gobbleSpaces() {
    let ch = this.code;
    // Whitespace
    while (ch === Jsep.SPACE_CODE || ch === Jsep.TAB_CODE || ch === Jsep.LF_CODE || ch === Jsep.CR_CODE) {
      ch = this.expr.charCodeAt(++this.index);
    }
    this.runHook('gobble-spaces');
  }

  /**
   * Top-level method to parse all expressions and returns compound or single node
   * @returns {jsep.Expression}
   */
  parse() {
    this.runHook('before-all');
    const nodes = this.gobbleExpressions();

    // If there's only one expression just try returning the expression
    const node = nodes.length === 1 ? nodes[0] : {
      type: Jsep.COMPOUND,
      body: nodes
    };
    return this.runHook('after-all', node);
  }

  /**
   * top-level parser (but can be reused within as well)
   * @param {number} [untilICode]
   * @returns {jsep.Expression[]}
   */
  gobbleExpressions(untilICode) {
    let nodes = [],
      ch_i,
      node;
    while (this.index < this.expr.length) {
      ch_i = this.code;

      // Expressions can be separated by semicolons, commas, or just inferred without any
      // separators
      if (ch_i === Jsep.SEMCOL_CODE || ch_i === Jsep.COMMA_CODE) {
        this.index++; // ignore separators
      } else {
        // Try to gobble each expression individually
        if (node = this.gobbleExpression()) {
          nodes.push(node);
          // If we weren't able to find a binary expression and are out of room, then
          // the expression passed in probably has too much
        } else if (this.index < this.expr.length) {
          if (ch_i === untilICode) {
            break;
          }
          this.throwError('Unexpected "' + this.char + '"');
        }
      }
    }
    return nodes;
  }

  /**
   * The main parsing function.
   * @returns {?jsep.Expression}
   */
  gobbleExpression() {
    const node = this.searchHook('gobble-expression') || this.gobbleBinaryExpression();
    this.gobbleSpaces();
    return this.runHook('after-expression', node);
  }

  /**
   * Search for the operation portion of the string (e.g. `+`, `===`)
   * Start by taking the longest possible binary operations (3 characters: `===`, `!==`, `>>>`)
   * and move down from 3 to 2 to 1 character until a matching binary operation is found
   * then, return that binary operation
   * @returns {string|boolean}
   */
  gobbleBinaryOp() {
    this.gobbleSpaces();
    let to_check = this.expr.substr(this.index, Jsep.max_binop_len);
    let tc_len = to_check.length;
    while (tc_len > 0) {
      // Don't accept a binary op when it is an identifier.
      // Binary ops that start with a identifier-valid character must be followed
      // by a non identifier-part valid character
      if (Jsep.binary_ops.hasOwnProperty(to_check) && (!Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
        this.index += tc_len;
        return to_check;
      }
      to_check = to_check.substr(0, --tc_len);
    }
    return false;
  }

  /**
   * This function is responsible for gobbling an individual expression,
   * e.g. `1`, `1+2`, `a+(b*2)-Math.sqrt(2)`
   * @returns {?jsep.BinaryExpression}
   */
  gobbleBinaryExpression() {
    let node, biop, prec, stack, biop_info, left, right, i, cur_biop;

    // First, try to get the leftmost thing
    // Then, check to see if there's a binary operator operating on that leftmost thing
    // Don't gobbleBinaryOp without a left-hand-side
    left = this.gobbleToken();
    if (!left) {
      return left;
    }
    biop = this.gobbleBinaryOp();

    // If there wasn't a binary operator, just return the leftmost node
    if (!biop) {
      return left;
    }

    // Otherwise, we need to start a stack to properly place the binary operations in their
    // precedence structure
    biop_info = {
      value: biop,
      prec: Jsep.binaryPrecedence(biop),
      right_a: Jsep.right_associative.has(biop)
    };
    right = this.gobbleToken();
    if (!right) {
      this.throwError("Expected expression after " + biop);
    }
    stack = [left, biop_info, right];

    // Properly deal with precedence using [recursive descent](http://www.engr.mun.ca/~theo/Misc/exp_parsing.htm)
    while (biop = this.gobbleBinaryOp()) {
      prec = Jsep.binaryPrecedence(biop);
      if (prec === 0) {
        this.index -= biop.length;
        break;
      }
      biop_info = {
        value: biop,
        prec,
        right_a: Jsep.right_associative.has(biop)
      };
      cur_biop = biop;

      // Reduce: make a binary expression from the three topmost entries.
      const comparePrev = prev => biop_info.right_a && prev.right_a ? prec > prev.prec : prec <= prev.prec;
      while (stack.length > 2 && comparePrev(stack[stack.length - 2])) {
        right = stack.pop();
        biop = stack.pop().value;
        left = stack.pop();
        node = {
          type: Jsep.BINARY_EXP,
          operator: biop,
          left,
          right
        };
        stack.push(node);
      }
      node = this.gobbleToken();
      if (!node) {
        this.throwError("Expected expression after " + cur_biop);
      }
      stack.push(biop_info, node);
    }
    i = stack.length - 1;
    node = stack[i];
    while (i > 1) {
      node = {
        type: Jsep.BINARY_EXP,
        operator: stack[i - 1].value,
        left: stack[i - 2],
        right: node
      };
      i -= 2;
    }
    return node;
  }

  /**
   * An individual part of a binary expression:
   * e.g. `foo.bar(baz)`, `1`, `"abc"`, `(a % 2)` (because it's in parenthesis)
   * @returns {boolean|jsep.Expression}
   */
  gobbleToken() {
    let ch, to_check, tc_len, node;
    this.gobbleSpaces();
    node = this.searchHook('gobble-token');
    if (node) {
      return this.runHook('after-token', node);
    }
    ch = this.code;
    if (Jsep.isDecimalDigit(ch) || ch === Jsep.PERIOD_CODE) {
      // Char code 46 is a dot `.` which can start off a numeric literal
      return this.gobbleNumericLiteral();
    }
    if (ch === Jsep.SQUOTE_CODE || ch === Jsep.DQUOTE_CODE) {
      // Single or double quotes
      node = this.gobbleStringLiteral();
    } else if (ch === Jsep.OBRACK_CODE) {
      node = this.gobbleArray();
    } else {
      to_check = this.expr.substr(this.index, Jsep.max_unop_len);
      tc_len = to_check.length;
      while (tc_len > 0) {
        // Don't accept an unary op when it is an identifier.
        // Unary ops that start with a identifier-valid character must be followed
        // by a non identifier-part valid character
        if (Jsep.unary_ops.hasOwnProperty(to_check) && (!Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
          this.index += tc_len;
          const argument = this.gobbleToken();
          if (!argument) {
            this.throwError('missing unaryOp argument');
          }
          return this.runHook('after-token', {
            type: Jsep.UNARY_EXP,
            operator: to_check,
            argument,
            prefix: true
          });
        }
        to_check = to_check.substr(0, --tc_len);
      }
      if (Jsep.isIdentifierStart(ch)) {
        node = this.gobbleIdentifier();
        if (Jsep.literals.hasOwnProperty(node.name)) {
          node = {
            type: Jsep.LITERAL,
            value: Jsep.literals[node.name],
            raw: node.name
          };
        } else if (node.name === Jsep.this_str) {
          node = {
            type: Jsep.THIS_EXP
          };
        }
      } else if (ch === Jsep.OPAREN_CODE) {
        // open parenthesis
        node = this.gobbleGroup();
      }
    }
    if (!node) {
      return this.runHook('after-token', false);
    }
    node = this.gobbleTokenProperty(node);
    return this.runHook('after-token', node);
  }

  /**
   * Gobble properties of of identifiers/strings/arrays/groups.
   * e.g. `foo`, `bar.baz`, `foo['bar'].baz`
   * It also gobbles function calls:
   * e.g. `Math.acos(obj.angle)`
   * @param {jsep.Expression} node
   * @returns {jsep.Expression}
   */
  gobbleTokenProperty(node) {
    this.gobbleSpaces();
    let ch = this.code;
    while (ch === Jsep.PERIOD_CODE || ch === Jsep.OBRACK_CODE || ch === Jsep.OPAREN_CODE || ch === Jsep.QUMARK_CODE) {
      let optional;
      if (ch === Jsep.QUMARK_CODE) {
        if (this.expr.charCodeAt(this.index + 1) !== Jsep.PERIOD_CODE) {
          break;
        }
        optional = true;
        this.index += 2;
        this.gobbleSpaces();
        ch = this.code;
      }
      this.index++;
      if (ch === Jsep.OBRACK_CODE) {
        node = {
          type: Jsep.MEMBER_EXP,
          computed: true,
          object: node,
          property: this.gobbleExpression()
        };
        if (!node.property) {
          this.throwError('Unexpected "' + this.char + '"');
        }
        this.gobbleSpaces();
        ch = this.code;
        if (ch !== Jsep.CBRACK_CODE) {
          this.throwError('Unclosed [');
        }
        this.index++;
      } else if (ch === Jsep.OPAREN_CODE) {
        // A function call is being made; gobble all the arguments
        node = {
          type: Jsep.CALL_EXP,
          'arguments': this.gobbleArguments(Jsep.CPAREN_CODE),
          callee: node
        };
      } else if (ch === Jsep.PERIOD_CODE || optional) {
        if (optional) {
          this.index--;
        }
        this.gobbleSpaces();
        node = {
          type: Jsep.MEMBER_EXP,
          computed: false,
          object: node,
          property: this.gobbleIdentifier()
        };
      }
      if (optional) {
        node.optional = true;
      } // else leave undefined for compatibility with esprima

      this.gobbleSpaces();
      ch = this.code;
    }
    return node;
  }

  /**
   * Parse simple numeric literals: `12`, `3.4`, `.5`. Do this by using a string to
   * keep track of everything in the numeric literal and then calling `parseFloat` on that string
   * @returns {jsep.Literal}
   */
  gobbleNumericLiteral() {
    let number = '',
      ch,
      chCode;
    while (Jsep.isDecimalDigit(this.code)) {
      number += this.expr.charAt(this.index++);
    }
    if (this.code === Jsep.PERIOD_CODE) {
      // can start with a decimal marker
      number += this.expr.charAt(this.index++);
      while (Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
    }
    ch = this.char;
    if (ch === 'e' || ch === 'E') {
      // exponent marker
      number += this.expr.charAt(this.index++);
      ch = this.char;
      if (ch === '+' || ch === '-') {
        // exponent sign
        number += this.expr.charAt(this.index++);
      }
      while (Jsep.isDecimalDigit(this.code)) {
        // exponent itself
        number += this.expr.charAt(this.index++);
      }
      if (!Jsep.isDecimalDigit(this.expr.charCodeAt(this.index - 1))) {
        this.throwError('Expected exponent (' + number + this.char + ')');
      }
    }
    chCode = this.code;

    // Check to make sure this isn't a variable name that start with a number (123abc)
    if (Jsep.isIdentifierStart(chCode)) {
      this.throwError('Variable names cannot start with a number (' + number + this.char + ')');
    } else if (chCode === Jsep.PERIOD_CODE || number.length === 1 && number.charCodeAt(0) === Jsep.PERIOD_CODE) {
      this.throwError('Unexpected period');
    }
    return {
      type: Jsep.LITERAL,
      value: parseFloat(number),
      raw: number
    };
  }

  /**
   * Parses a string literal, staring with single or double quotes with basic support for escape codes
   * e.g. `"hello world"`, `'this is\nJSEP'`
   * @returns {jsep.Literal}
   */
  gobbleStringLiteral() {
    let str = '';
    const startIndex = this.index;
    const quote = this.expr.charAt(this.index++);
    let closed = false;
    while (this.index < this.expr.length) {
      let ch = this.expr.charAt(this.index++);
      if (ch === quote) {
        closed = true;
        break;
      } else if (ch === '\\') {
        // Check for all of the common escape codes
        ch = this.expr.charAt(this.index++);
        switch (ch) {
          case 'n':
            str += '\n';
            break;
          case 'r':
            str += '\r';
            break;
          case 't':
            str += '\t';
            break;
          case 'b':
            str += '\b';
            break;
          case 'f':
            str += '\f';
            break;
          case 'v':
            str += '\x0B';
            break;
          default:
            str += ch;
        }
      } else {
        str += ch;
      }
    }
    if (!closed) {
      this.throwError('Unclosed quote after "' + str + '"');
    }
    return {
      type: Jsep.LITERAL,
      value: str,
      raw: this.expr.substring(startIndex, this.index)
    };
  }

  /**
   * Gobbles only identifiers
   * e.g.: `foo`, `_value`, `$x1`
   * Also, this function checks if that identifier is a literal:
   * (e.g. `true`, `false`, `null`) or `this`
   * @returns {jsep.Identifier}
   */
  gobbleIdentifier() {
    let ch = this.code,
      start = this.index;
    if (Jsep.isIdentifierStart(ch)) {
      this.index++;
    } else {
      this.throwError('Unexpected ' + this.char);
    }
    while (this.index < this.expr.length) {
      ch = this.code;
      if (Jsep.isIdentifierPart(ch)) {
        this.index++;
      } else {
        break;
      }
    }
    return {
      type: Jsep.IDENTIFIER,
      name: this.expr.slice(start, this.index)
    };
  }

  /**
   * Gobbles a list of arguments within the context of a function call
   * or array literal. This function also assumes that the opening character
   * `(` or `[` has already been gobbled, and gobbles expressions and commas
   * until the terminator character `)` or `]` is encountered.
   * e.g. `foo(bar, baz)`, `my_func()`, or `[bar, baz]`
   * @param {number} termination
   * @returns {jsep.Expression[]}
   */
  gobbleArguments(termination) {
    const args = [];
    let closed = false;
    let separator_count = 0;
    while (this.index < this.expr.length) {
      this.gobbleSpaces();
      let ch_i = this.code;
      if (ch_i === termination) {
        // done parsing
        closed = true;
        this.index++;
        if (termination === Jsep.CPAREN_CODE && separator_count && separator_count >= args.length) {
          this.throwError('Unexpected token ' + String.fromCharCode(termination));
        }
        break;
      } else if (ch_i === Jsep.COMMA_CODE) {
        // between expressions
        this.index++;
        separator_count++;
        if (separator_count !== args.length) {
          // missing argument
          if (termination === Jsep.CPAREN_CODE) {
            this.throwError('Unexpected token ,');
          } else if (termination === Jsep.CBRACK_CODE) {
            for (let arg = args.length; arg < separator_count; arg++) {
              args.push(null);
            }
          }
        }
      } else if (args.length !== separator_count && separator_count !== 0) {
        // NOTE: `&& separator_count !== 0` allows for either all commas, or all spaces as arguments
        this.throwError('Expected comma');
      } else {
        const node = this.gobbleExpression();
        if (!node || node.type === Jsep.COMPOUND) {
          this.throwError('Expected comma');
        }
        args.push(node);
      }
    }
    if (!closed) {
      this.throwError('Expected ' + String.fromCharCode(termination));
    }
    return args;
  }

  /**
   * Responsible for parsing a group of things within parentheses `()`
   * that have no identifier in front (so not a function call)
   * This function assumes that it needs to gobble the opening parenthesis
   * and then tries to gobble everything within that parenthesis, assuming
   * that the next thing it should see is the close parenthesis. If not,
   * then the expression probably doesn't have a `)`
   * @returns {boolean|jsep.Expression}
   */
  gobbleGroup() {
    this.index++;
    let nodes = this.gobbleExpressions(Jsep.CPAREN_CODE);
    if (this.code === Jsep.CPAREN_CODE) {
      this.index++;
      if (nodes.length === 1) {
        return nodes[0];
      } else if (!nodes.length) {
        return false;
      } else {
        return {
          type: Jsep.SEQUENCE_EXP,
          expressions: nodes
        };
      }
    } else {
      this.throwError('Unclosed (');
    }
  }

  /**
   * Responsible for parsing Array literals `[1, 2, 3]`
   * This function assumes that it needs to gobble the opening bracket
   * and then tries to gobble the expressions as arguments.
   * @returns {jsep.ArrayExpression}
   */
  gobbleArray() {
    this.index++;
    return {
      type: Jsep.ARRAY_EXP,
      elements: this.gobbleArguments(Jsep.CBRACK_CODE)
    };
  }
}

// Static fields:
const hooks = new Hooks();
Object.assign(Jsep, {
  hooks,
  plugins: new Plugins(Jsep),
  // Node Types
  // ----------
  // This is the full set of types that any JSEP node can be.
  // Store them here to save space when minified
  COMPOUND: 'Compound',
  SEQUENCE_EXP: 'SequenceExpression',
  IDENTIFIER: 'Identifier',
  MEMBER_EXP: 'MemberExpression',
  LITERAL: 'Literal',
  THIS_EXP: 'ThisExpression',
  CALL_EXP: 'CallExpression',
  UNARY_EXP: 'UnaryExpression',
  BINARY_EXP: 'BinaryExpression',
  ARRAY_EXP: 'ArrayExpression',
  TAB_CODE: 9,
  LF_CODE: 10,
  CR_CODE: 13,
  SPACE_CODE: 32,
  PERIOD_CODE: 46,
  // '.'
  COMMA_CODE: 44,
  // ','
  SQUOTE_CODE: 39,
  // single quote
  DQUOTE_CODE: 34,
  // double quotes
  OPAREN_CODE: 40,
  // (
  CPAREN_CODE: 41,
  // )
  OBRACK_CODE: 91,
  // [
  CBRACK_CODE: 93,
  // ]
  QUMARK_CODE: 63,
  // ?
  SEMCOL_CODE: 59,
  // ;
  COLON_CODE: 58,
  // :

  // Operations
  // ----------
  // Use a quickly-accessible map to store all of the unary operators
  // Values are set to `1` (it really doesn't matter)
  unary_ops: {
    '-': 1,
    '!': 1,
    '~': 1,
    '+': 1
  },
  // Also use a map for the binary operations but set their values to their
  // binary precedence for quick reference (higher number = higher precedence)
  // see [Order of operations](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Operator_Precedence)
  binary_ops: {
    '||': 1,
    '??': 1,
    '&&': 2,
    '|': 3,
    '^': 4,
    '&': 5,
    '==': 6,
    '!=': 6,
    '===': 6,
    '!==': 6,
    '<': 7,
    '>': 7,
    '<=': 7,
    '>=': 7,
    '<<': 8,
    '>>': 8,
    '>>>': 8,
    '+': 9,
    '-': 9,
    '*': 10,
    '/': 10,
    '%': 10,
    '**': 11
  },
  // sets specific binary_ops as right-associative
  right_associative: new Set(['**']),
  // Additional valid identifier chars, apart from a-z, A-Z and 0-9 (except on the starting char)
  additional_identifier_chars: new Set(['$', '_']),
  // Literals
  // ----------
  // Store the values to return for the various literals we may encounter
  literals: {
    'true': true,
    'false': false,
    'null': null
  },
  // Except for `this`, which is special. This could be changed to something like `'self'` as well
  this_str: 'this'
});
Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);

// Backward Compatibility:
const jsep = expr => new Jsep(expr).parse();
const stdClassProps = Object.getOwnPropertyNames(class Test {});
Object.getOwnPropertyNames(Jsep).filter(prop => !stdClassProps.includes(prop) && jsep[prop] === undefined).forEach(m => {
  jsep[m] = Jsep[m];
});
jsep.Jsep = Jsep; // allows for const { Jsep } = require('jsep');

const CONDITIONAL_EXP = 'ConditionalExpression';
var ternary = {
  name: 'ternary',
  init(jsep) {
    // Ternary expression: test ? consequent : alternate
    jsep.hooks.add('after-expression', function gobbleTernary(env) {
      if (env.node && this.code === jsep.QUMARK_CODE) {
        this.index++;
        const test = env.node;
        const consequent = this.gobbleExpression();
        if (!consequent) {
          this.throwError('Expected expression');
        }
        this.gobbleSpaces();
        if (this.code === jsep.COLON_CODE) {
          this.index++;
          const alternate = this.gobbleExpression();
          if (!alternate) {
            this.throwError('Expected expression');
          }
          env.node = {
            type: CONDITIONAL_EXP,
            test,
            consequent,
            alternate
          };

          // check for operators of higher priority than ternary (i.e. assignment)
          // jsep sets || at 1, and assignment at 0.9, and conditional should be between them
          if (test.operator && jsep.binary_ops[test.operator] <= 0.9) {
            let newTest = test;
            while (newTest.right.operator && jsep.binary_ops[newTest.right.operator] <= 0.9) {
              newTest = newTest.right;
            }
            env.node.test = newTest.right;
            newTest.right = env.node;
            env.node = test;
          }
        } else {
          this.throwError('Expected :');
        }
      }
    });
  }
};

// Add default plugins:

jsep.plugins.register(ternary);

const FSLASH_CODE = 47; // '/'
const BSLASH_CODE = 92; // '\\'

var index = {
  name: 'regex',
  init(jsep) {
    // Regex literal: /abc123/ig
    jsep.hooks.add('gobble-token', function gobbleRegexLiteral(env) {
      if (this.code === FSLASH_CODE) {
        const patternIndex = ++this.index;
        let inCharSet = false;
        while (this.index < this.expr.length) {
          if (this.code === FSLASH_CODE && !inCharSet) {
            const pattern = this.expr.slice(patternIndex, this.index);
            let flags = '';
            while (++this.index < this.expr.length) {
              const code = this.code;
              if (code >= 97 && code <= 122 // a...z
              || code >= 65 && code <= 90 // A...Z
              || code >= 48 && code <= 57) {
                // 0-9
                flags += this.char;
              } else {
                break;
              }
            }
            let value;
            try {
              value = new RegExp(pattern, flags);
            } catch (e) {
              this.throwError(e.message);
            }
            env.node = {
              type: jsep.LITERAL,
              value,
              raw: this.expr.slice(patternIndex - 1, this.index)
            };

            // allow . [] and () after regex: /regex/.test(a)
            env.node = this.gobbleTokenProperty(env.node);
            return env.node;
          }
          if (this.code === jsep.OBRACK_CODE) {
            inCharSet = true;
          } else if (inCharSet && this.code === jsep.CBRACK_CODE) {
            inCharSet = false;
          }
          this.index += this.code === BSLASH_CODE ? 2 : 1;
        }
        this.throwError('Unclosed Regex');
      }
    });
  }
};

const PLUS_CODE = 43; // +
const MINUS_CODE = 45; // -

const index_node_esm_plugin = {
  name: 'assignment',
  assignmentOperators: new Set(['=', '*=', '**=', '/=', '%=', '+=', '-=', '<<=', '>>=', '>>>=', '&=', '^=', '|=', '||=', '&&=', '??=']),
  updateOperators: [PLUS_CODE, MINUS_CODE],
  assignmentPrecedence: 0.9,
  init(jsep) {
    const updateNodeTypes = [jsep.IDENTIFIER, jsep.MEMBER_EXP];
    index_node_esm_plugin.assignmentOperators.forEach(op => jsep.addBinaryOp(op, index_node_esm_plugin.assignmentPrecedence, true));
    jsep.hooks.add('gobble-token', function gobbleUpdatePrefix(env) {
      const code = this.code;
      if (index_node_esm_plugin.updateOperators.some(c => c === code && c === this.expr.charCodeAt(this.index + 1))) {
        this.index += 2;
        env.node = {
          type: 'UpdateExpression',
          operator: code === PLUS_CODE ? '++' : '--',
          argument: this.gobbleTokenProperty(this.gobbleIdentifier()),
          prefix: true
        };
        if (!env.node.argument || !updateNodeTypes.includes(env.node.argument.type)) {
          this.throwError(`Unexpected ${env.node.operator}`);
        }
      }
    });
    jsep.hooks.add('after-token', function gobbleUpdatePostfix(env) {
      if (env.node) {
        const code = this.code;
        if (index_node_esm_plugin.updateOperators.some(c => c === code && c === this.expr.charCodeAt(this.index + 1))) {
          if (!updateNodeTypes.includes(env.node.type)) {
            this.throwError(`Unexpected ${env.node.operator}`);
          }
          this.index += 2;
          env.node = {
            type: 'UpdateExpression',
            operator: code === PLUS_CODE ? '++' : '--',
            argument: env.node,
            prefix: false
          };
        }
      }
    });
    jsep.hooks.add('after-expression', function gobbleAssignment(env) {
      if (env.node) {
        // Note: Binaries can be chained in a single expression to respect
        // operator precedence (i.e. a = b = 1 + 2 + 3)
        // Update all binary assignment nodes in the tree
        updateBinariesToAssignments(env.node);
      }
    });
    function updateBinariesToAssignments(node) {
      if (index_node_esm_plugin.assignmentOperators.has(node.operator)) {
        node.type = 'AssignmentExpression';
        updateBinariesToAssignments(node.left);
        updateBinariesToAssignments(node.right);
      } else if (!node.operator) {
        Object.values(node).forEach(val => {
          if (val && typeof val === 'object') {
            updateBinariesToAssignments(val);
          }
        });
      }
    }
  }
};

/* eslint-disable no-bitwise -- Convenient */

// register plugins
jsep.plugins.register(index, index_node_esm_plugin);
jsep.addUnaryOp('typeof');
jsep.addUnaryOp('void');
jsep.addLiteral('null', null);
jsep.addLiteral('undefined', undefined);
const BLOCKED_PROTO_PROPERTIES = new Set(['constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const SafeEval = {
  /**
   * @param {jsep.Expression} ast
   * @param {Record<string, any>} subs
   */
  evalAst(ast, subs) {
    switch (ast.type) {
      case 'BinaryExpression':
      case 'LogicalExpression':
        return SafeEval.evalBinaryExpression(ast, subs);
      case 'Compound':
        return SafeEval.evalCompound(ast, subs);
      case 'ConditionalExpression':
        return SafeEval.evalConditionalExpression(ast, subs);
      case 'Identifier':
        return SafeEval.evalIdentifier(ast, subs);
      case 'Literal':
        return SafeEval.evalLiteral(ast, subs);
      case 'MemberExpression':
        return SafeEval.evalMemberExpression(ast, subs);
      case 'UnaryExpression':
        return SafeEval.evalUnaryExpression(ast, subs);
      case 'ArrayExpression':
        return SafeEval.evalArrayExpression(ast, subs);
      case 'CallExpression':
        return SafeEval.evalCallExpression(ast, subs);
      case 'AssignmentExpression':
        return SafeEval.evalAssignmentExpression(ast, subs);
      default:
        throw SyntaxError('Unexpected expression', ast);
    }
  },
  evalBinaryExpression(ast, subs) {
    const result = {
      '||': (a, b) => a || b(),
      '&&': (a, b) => a && b(),
      '|': (a, b) => a | b(),
      '^': (a, b) => a ^ b(),
      '&': (a, b) => a & b(),
      // eslint-disable-next-line eqeqeq -- API
      '==': (a, b) => a == b(),
      // eslint-disable-next-line eqeqeq -- API
      '!=': (a, b) => a != b(),
      '===': (a, b) => a === b(),
      '!==': (a, b) => a !== b(),
      '<': (a, b) => a < b(),
      '>': (a, b) => a > b(),
      '<=': (a, b) => a <= b(),
      '>=': (a, b) => a >= b(),
      '<<': (a, b) => a << b(),
      '>>': (a, b) => a >> b(),
      '>>>': (a, b) => a >>> b(),
      '+': (a, b) => a + b(),
      '-': (a, b) => a - b(),
      '*': (a, b) => a * b(),
      '/': (a, b) => a / b(),
      '%': (a, b) => a % b()
    }[ast.operator](SafeEval.evalAst(ast.left, subs), () => SafeEval.evalAst(ast.right, subs));
    return result;
  },
  evalCompound(ast, subs) {
    let last;
    for (let i = 0; i < ast.body.length; i++) {
      if (ast.body[i].type === 'Identifier' && ['var', 'let', 'const'].includes(ast.body[i].name) && ast.body[i + 1] && ast.body[i + 1].type === 'AssignmentExpression') {
        // var x=2; is detected as
        // [{Identifier var}, {AssignmentExpression x=2}]
        // eslint-disable-next-line @stylistic/max-len -- Long
        // eslint-disable-next-line sonarjs/updated-loop-counter -- Convenient
        i += 1;
      }
      const expr = ast.body[i];
      last = SafeEval.evalAst(expr, subs);
    }
    return last;
  },
  evalConditionalExpression(ast, subs) {
    if (SafeEval.evalAst(ast.test, subs)) {
      return SafeEval.evalAst(ast.consequent, subs);
    }
    return SafeEval.evalAst(ast.alternate, subs);
  },
  evalIdentifier(ast, subs) {
    if (Object.hasOwn(subs, ast.name)) {
      return subs[ast.name];
    }
    throw ReferenceError(`${ast.name} is not defined`);
  },
  evalLiteral(ast) {
    return ast.value;
  },
  evalMemberExpression(ast, subs) {
    const prop = String(
    // NOTE: `String(value)` throws error when
    // value has overwritten the toString method to return non-string
    // i.e. `value = {toString: () => []}`
    ast.computed ? SafeEval.evalAst(ast.property) // `object[property]`
    : ast.property.name // `object.property` property is Identifier
    );
    const obj = SafeEval.evalAst(ast.object, subs);
    if (obj === undefined || obj === null) {
      throw TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
    }
    if (!Object.hasOwn(obj, prop) && BLOCKED_PROTO_PROPERTIES.has(prop)) {
      throw TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
    }
    const result = obj[prop];
    if (typeof result === 'function') {
      return result.bind(obj); // arrow functions aren't affected by bind.
    }
    return result;
  },
  evalUnaryExpression(ast, subs) {
    const result = {
      '-': a => -SafeEval.evalAst(a, subs),
      '!': a => !SafeEval.evalAst(a, subs),
      '~': a => ~SafeEval.evalAst(a, subs),
      // eslint-disable-next-line no-implicit-coercion -- API
      '+': a => +SafeEval.evalAst(a, subs),
      typeof: a => typeof SafeEval.evalAst(a, subs),
      // eslint-disable-next-line no-void, sonarjs/void-use -- feature
      void: a => void SafeEval.evalAst(a, subs)
    }[ast.operator](ast.argument);
    return result;
  },
  evalArrayExpression(ast, subs) {
    return ast.elements.map(el => SafeEval.evalAst(el, subs));
  },
  evalCallExpression(ast, subs) {
    const args = ast.arguments.map(arg => SafeEval.evalAst(arg, subs));
    const func = SafeEval.evalAst(ast.callee, subs);
    /* c8 ignore start  */
    if (func === Function) {
      // unreachable since BLOCKED_PROTO_PROPERTIES includes 'constructor'
      throw new Error('Function constructor is disabled');
    }
    /* c8 ignore end  */
    return func(...args);
  },
  evalAssignmentExpression(ast, subs) {
    if (ast.left.type !== 'Identifier') {
      throw SyntaxError('Invalid left-hand side in assignment');
    }
    const id = ast.left.name;
    const value = SafeEval.evalAst(ast.right, subs);
    subs[id] = value;
    return subs[id];
  }
};

/**
 * A replacement for NodeJS' VM.Script which is also {@link https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP | Content Security Policy} friendly.
 */
class SafeScript {
  /**
   * @param {string} expr Expression to evaluate
   */
  constructor(expr) {
    this.code = expr;
    this.ast = jsep(this.code);
  }

  /**
   * @param {object} context Object whose items will be added
   *   to evaluation
   * @returns {EvaluatedResult} Result of evaluated code
   */
  runInNewContext(context) {
    // `Object.create(null)` creates a prototypeless object
    const keyMap = Object.assign(Object.create(null), context);
    return SafeEval.evalAst(this.ast, keyMap);
  }
}

/* eslint-disable camelcase -- Convenient for escaping */


/**
 * @typedef {null|boolean|number|string|object|GenericArray} JSONObject
 */

/**
 * @typedef {any} AnyItem
 */

/**
 * @typedef {any} AnyResult
 */

/**
 * Copies array and then pushes item into it.
 * @param {GenericArray} arr Array to copy and into which to push
 * @param {AnyItem} item Array item to add (to end)
 * @returns {GenericArray} Copy of the original array
 */
function push(arr, item) {
  arr = arr.slice();
  arr.push(item);
  return arr;
}
/**
 * Copies array and then unshifts item into it.
 * @param {AnyItem} item Array item to add (to beginning)
 * @param {GenericArray} arr Array to copy and into which to unshift
 * @returns {GenericArray} Copy of the original array
 */
function unshift(item, arr) {
  arr = arr.slice();
  arr.unshift(item);
  return arr;
}

/**
 * Caught when JSONPath is used without `new` but rethrown if with `new`
 * @extends Error
 */
class NewError extends Error {
  /**
   * @param {AnyResult} value The evaluated scalar value
   */
  constructor(value) {
    super('JSONPath should not be called with "new" (it prevents return ' + 'of (unwrapped) scalar values)');
    this.avoidNew = true;
    this.value = value;
    this.name = 'NewError';
  }
}

/**
* @typedef {object} ReturnObject
* @property {string} path
* @property {JSONObject} value
* @property {object|GenericArray} parent
* @property {string} parentProperty
*/

/**
* @callback JSONPathCallback
* @param {string|object} preferredOutput
* @param {"value"|"property"} type
* @param {ReturnObject} fullRetObj
* @returns {void}
*/

/**
* @callback OtherTypeCallback
* @param {JSONObject} val
* @param {string} path
* @param {object|GenericArray} parent
* @param {string} parentPropName
* @returns {boolean}
*/

/**
 * @typedef {any} ContextItem
 */

/**
 * @typedef {any} EvaluatedResult
 */

/**
* @callback EvalCallback
* @param {string} code
* @param {ContextItem} context
* @returns {EvaluatedResult}
*/

/**
 * @typedef {typeof SafeScript} EvalClass
 */

/**
 * @typedef {object} JSONPathOptions
 * @property {JSON} json
 * @property {string|string[]} path
 * @property {"value"|"path"|"pointer"|"parent"|"parentProperty"|
 *   "all"} [resultType="value"]
 * @property {boolean} [flatten=false]
 * @property {boolean} [wrap=true]
 * @property {object} [sandbox={}]
 * @property {EvalCallback|EvalClass|'safe'|'native'|
 *   boolean} [eval = 'safe']
 * @property {object|GenericArray|null} [parent=null]
 * @property {string|null} [parentProperty=null]
 * @property {JSONPathCallback} [callback]
 * @property {OtherTypeCallback} [otherTypeCallback] Defaults to
 *   function which throws on encountering `@other`
 * @property {boolean} [autostart=true]
 */

/**
 * @param {string|JSONPathOptions} opts If a string, will be treated as `expr`
 * @param {string} [expr] JSON path to evaluate
 * @param {JSON} [obj] JSON object to evaluate against
 * @param {JSONPathCallback} [callback] Passed 3 arguments: 1) desired payload
 *     per `resultType`, 2) `"value"|"property"`, 3) Full returned object with
 *     all payloads
 * @param {OtherTypeCallback} [otherTypeCallback] If `@other()` is at the end
 *   of one's query, this will be invoked with the value of the item, its
 *   path, its parent, and its parent's property name, and it should return
 *   a boolean indicating whether the supplied value belongs to the "other"
 *   type or not (or it may handle transformations and return `false`).
 * @returns {JSONPath}
 * @class
 */
function JSONPath(opts, expr, obj, callback, otherTypeCallback) {
  // eslint-disable-next-line no-restricted-syntax -- Allow for pseudo-class
  if (!(this instanceof JSONPath)) {
    try {
      return new JSONPath(opts, expr, obj, callback, otherTypeCallback);
    } catch (e) {
      if (!e.avoidNew) {
        throw e;
      }
      return e.value;
    }
  }
  if (typeof opts === 'string') {
    otherTypeCallback = callback;
    callback = obj;
    obj = expr;
    expr = opts;
    opts = null;
  }
  const optObj = opts && typeof opts === 'object';
  opts = opts || {};
  this.json = opts.json || obj;
  this.path = opts.path || expr;
  this.resultType = opts.resultType || 'value';
  this.flatten = opts.flatten || false;
  this.wrap = Object.hasOwn(opts, 'wrap') ? opts.wrap : true;
  this.sandbox = opts.sandbox || {};
  this.eval = opts.eval === undefined ? 'safe' : opts.eval;
  this.ignoreEvalErrors = typeof opts.ignoreEvalErrors === 'undefined' ? false : opts.ignoreEvalErrors;
  this.parent = opts.parent || null;
  this.parentProperty = opts.parentProperty || null;
  this.callback = opts.callback || callback || null;
  this.otherTypeCallback = opts.otherTypeCallback || otherTypeCallback || function () {
    throw new TypeError('You must supply an otherTypeCallback callback option ' + 'with the @other() operator.');
  };
  if (opts.autostart !== false) {
    const args = {
      path: optObj ? opts.path : expr
    };
    if (!optObj) {
      args.json = obj;
    } else if ('json' in opts) {
      args.json = opts.json;
    }
    const ret = this.evaluate(args);
    if (!ret || typeof ret !== 'object') {
      throw new NewError(ret);
    }
    return ret;
  }
}

// PUBLIC METHODS
JSONPath.prototype.evaluate = function (expr, json, callback, otherTypeCallback) {
  let currParent = this.parent,
    currParentProperty = this.parentProperty;
  let {
    flatten,
    wrap
  } = this;
  this.currResultType = this.resultType;
  this.currEval = this.eval;
  this.currSandbox = this.sandbox;
  callback = callback || this.callback;
  this.currOtherTypeCallback = otherTypeCallback || this.otherTypeCallback;
  json = json || this.json;
  expr = expr || this.path;
  if (expr && typeof expr === 'object' && !Array.isArray(expr)) {
    if (!expr.path && expr.path !== '') {
      throw new TypeError('You must supply a "path" property when providing an object ' + 'argument to JSONPath.evaluate().');
    }
    if (!Object.hasOwn(expr, 'json')) {
      throw new TypeError('You must supply a "json" property when providing an object ' + 'argument to JSONPath.evaluate().');
    }
    ({
      json
    } = expr);
    flatten = Object.hasOwn(expr, 'flatten') ? expr.flatten : flatten;
    this.currResultType = Object.hasOwn(expr, 'resultType') ? expr.resultType : this.currResultType;
    this.currSandbox = Object.hasOwn(expr, 'sandbox') ? expr.sandbox : this.currSandbox;
    wrap = Object.hasOwn(expr, 'wrap') ? expr.wrap : wrap;
    this.currEval = Object.hasOwn(expr, 'eval') ? expr.eval : this.currEval;
    callback = Object.hasOwn(expr, 'callback') ? expr.callback : callback;
    this.currOtherTypeCallback = Object.hasOwn(expr, 'otherTypeCallback') ? expr.otherTypeCallback : this.currOtherTypeCallback;
    currParent = Object.hasOwn(expr, 'parent') ? expr.parent : currParent;
    currParentProperty = Object.hasOwn(expr, 'parentProperty') ? expr.parentProperty : currParentProperty;
    expr = expr.path;
  }
  currParent = currParent || null;
  currParentProperty = currParentProperty || null;
  if (Array.isArray(expr)) {
    expr = JSONPath.toPathString(expr);
  }
  if (!expr && expr !== '' || !json) {
    return undefined;
  }
  const exprList = JSONPath.toPathArray(expr);
  if (exprList[0] === '$' && exprList.length > 1) {
    exprList.shift();
  }
  this._hasParentSelector = null;
  const result = this._trace(exprList, json, ['$'], currParent, currParentProperty, callback).filter(function (ea) {
    return ea && !ea.isParentSelector;
  });
  if (!result.length) {
    return wrap ? [] : undefined;
  }
  if (!wrap && result.length === 1 && !result[0].hasArrExpr) {
    return this._getPreferredOutput(result[0]);
  }
  return result.reduce((rslt, ea) => {
    const valOrPath = this._getPreferredOutput(ea);
    if (flatten && Array.isArray(valOrPath)) {
      rslt = rslt.concat(valOrPath);
    } else {
      rslt.push(valOrPath);
    }
    return rslt;
  }, []);
};

// PRIVATE METHODS

JSONPath.prototype._getPreferredOutput = function (ea) {
  const resultType = this.currResultType;
  switch (resultType) {
    case 'all':
      {
        const path = Array.isArray(ea.path) ? ea.path : JSONPath.toPathArray(ea.path);
        ea.pointer = JSONPath.toPointer(path);
        ea.path = typeof ea.path === 'string' ? ea.path : JSONPath.toPathString(ea.path);
        return ea;
      }
    case 'value':
    case 'parent':
    case 'parentProperty':
      return ea[resultType];
    case 'path':
      return JSONPath.toPathString(ea[resultType]);
    case 'pointer':
      return JSONPath.toPointer(ea.path);
    default:
      throw new TypeError('Unknown result type');
  }
};
JSONPath.prototype._handleCallback = function (fullRetObj, callback, type) {
  if (callback) {
    const preferredOutput = this._getPreferredOutput(fullRetObj);
    fullRetObj.path = typeof fullRetObj.path === 'string' ? fullRetObj.path : JSONPath.toPathString(fullRetObj.path);
    // eslint-disable-next-line n/callback-return -- No need to return
    callback(preferredOutput, type, fullRetObj);
  }
};

/**
 *
 * @param {string} expr
 * @param {JSONObject} val
 * @param {string} path
 * @param {object|GenericArray} parent
 * @param {string} parentPropName
 * @param {JSONPathCallback} callback
 * @param {boolean} hasArrExpr
 * @param {boolean} literalPriority
 * @returns {ReturnObject|ReturnObject[]}
 */
JSONPath.prototype._trace = function (expr, val, path, parent, parentPropName, callback, hasArrExpr, literalPriority) {
  // No expr to follow? return path and value as the result of
  //  this trace branch
  let retObj;
  if (!expr.length) {
    retObj = {
      path,
      value: val,
      parent,
      parentProperty: parentPropName,
      hasArrExpr
    };
    this._handleCallback(retObj, callback, 'value');
    return retObj;
  }
  const loc = expr[0],
    x = expr.slice(1);

  // We need to gather the return value of recursive trace calls in order to
  // do the parent sel computation.
  const ret = [];
  /**
   *
   * @param {ReturnObject|ReturnObject[]} elems
   * @returns {void}
   */
  function addRet(elems) {
    if (Array.isArray(elems)) {
      // This was causing excessive stack size in Node (with or
      //  without Babel) against our performance test:
      //  `ret.push(...elems);`
      elems.forEach(t => {
        ret.push(t);
      });
    } else {
      ret.push(elems);
    }
  }
  if ((typeof loc !== 'string' || literalPriority) && val && Object.hasOwn(val, loc)) {
    // simple case--directly follow property
    addRet(this._trace(x, val[loc], push(path, loc), val, loc, callback, hasArrExpr));
    // eslint-disable-next-line unicorn/prefer-switch -- Part of larger `if`
  } else if (loc === '*') {
    // all child properties
    this._walk(val, m => {
      addRet(this._trace(x, val[m], push(path, m), val, m, callback, true, true));
    });
  } else if (loc === '..') {
    // all descendent parent properties
    // Check remaining expression with val's immediate children
    addRet(this._trace(x, val, path, parent, parentPropName, callback, hasArrExpr));
    this._walk(val, m => {
      // We don't join m and x here because we only want parents,
      //   not scalar values
      if (typeof val[m] === 'object') {
        // Keep going with recursive descent on val's
        //   object children
        addRet(this._trace(expr.slice(), val[m], push(path, m), val, m, callback, true));
      }
    });
    // The parent sel computation is handled in the frame above using the
    // ancestor object of val
  } else if (loc === '^') {
    // This is not a final endpoint, so we do not invoke the callback here
    this._hasParentSelector = true;
    return {
      path: path.slice(0, -1),
      expr: x,
      isParentSelector: true
    };
  } else if (loc === '~') {
    // property name
    retObj = {
      path: push(path, loc),
      value: parentPropName,
      parent,
      parentProperty: null
    };
    this._handleCallback(retObj, callback, 'property');
    return retObj;
  } else if (loc === '$') {
    // root only
    addRet(this._trace(x, val, path, null, null, callback, hasArrExpr));
  } else if (/^(-?\d*):(-?\d*):?(\d*)$/u.test(loc)) {
    // [start:end:step]  Python slice syntax
    addRet(this._slice(loc, x, val, path, parent, parentPropName, callback));
  } else if (loc.indexOf('?(') === 0) {
    // [?(expr)] (filtering)
    if (this.currEval === false) {
      throw new Error('Eval [?(expr)] prevented in JSONPath expression.');
    }
    const safeLoc = loc.replace(/^\?\((.*?)\)$/u, '$1');
    // check for a nested filter expression
    const nested = /@.?([^?]*)[['](\??\(.*?\))(?!.\)\])[\]']/gu.exec(safeLoc);
    if (nested) {
      // find if there are matches in the nested expression
      // add them to the result set if there is at least one match
      this._walk(val, m => {
        const npath = [nested[2]];
        const nvalue = nested[1] ? val[m][nested[1]] : val[m];
        const filterResults = this._trace(npath, nvalue, path, parent, parentPropName, callback, true);
        if (filterResults.length > 0) {
          addRet(this._trace(x, val[m], push(path, m), val, m, callback, true));
        }
      });
    } else {
      this._walk(val, m => {
        if (this._eval(safeLoc, val[m], m, path, parent, parentPropName)) {
          addRet(this._trace(x, val[m], push(path, m), val, m, callback, true));
        }
      });
    }
  } else if (loc[0] === '(') {
    // [(expr)] (dynamic property/index)
    if (this.currEval === false) {
      throw new Error('Eval [(expr)] prevented in JSONPath expression.');
    }
    // As this will resolve to a property name (but we don't know it
    //  yet), property and parent information is relative to the
    //  parent of the property to which this expression will resolve
    addRet(this._trace(unshift(this._eval(loc, val, path.at(-1), path.slice(0, -1), parent, parentPropName), x), val, path, parent, parentPropName, callback, hasArrExpr));
  } else if (loc[0] === '@') {
    // value type: @boolean(), etc.
    let addType = false;
    const valueType = loc.slice(1, -2);
    switch (valueType) {
      case 'scalar':
        if (!val || !['object', 'function'].includes(typeof val)) {
          addType = true;
        }
        break;
      case 'boolean':
      case 'string':
      case 'undefined':
      case 'function':
        if (typeof val === valueType) {
          addType = true;
        }
        break;
      case 'integer':
        if (Number.isFinite(val) && !(val % 1)) {
          addType = true;
        }
        break;
      case 'number':
        if (Number.isFinite(val)) {
          addType = true;
        }
        break;
      case 'nonFinite':
        if (typeof val === 'number' && !Number.isFinite(val)) {
          addType = true;
        }
        break;
      case 'object':
        if (val && typeof val === valueType) {
          addType = true;
        }
        break;
      case 'array':
        if (Array.isArray(val)) {
          addType = true;
        }
        break;
      case 'other':
        addType = this.currOtherTypeCallback(val, path, parent, parentPropName);
        break;
      case 'null':
        if (val === null) {
          addType = true;
        }
        break;
      /* c8 ignore next 2 */
      default:
        throw new TypeError('Unknown value type ' + valueType);
    }
    if (addType) {
      retObj = {
        path,
        value: val,
        parent,
        parentProperty: parentPropName
      };
      this._handleCallback(retObj, callback, 'value');
      return retObj;
    }
    // `-escaped property
  } else if (loc[0] === '`' && val && Object.hasOwn(val, loc.slice(1))) {
    const locProp = loc.slice(1);
    addRet(this._trace(x, val[locProp], push(path, locProp), val, locProp, callback, hasArrExpr, true));
  } else if (loc.includes(',')) {
    // [name1,name2,...]
    const parts = loc.split(',');
    for (const part of parts) {
      addRet(this._trace(unshift(part, x), val, path, parent, parentPropName, callback, true));
    }
    // simple case--directly follow property
  } else if (!literalPriority && val && Object.hasOwn(val, loc)) {
    addRet(this._trace(x, val[loc], push(path, loc), val, loc, callback, hasArrExpr, true));
  }

  // We check the resulting values for parent selections. For parent
  // selections we discard the value object and continue the trace with the
  // current val object
  if (this._hasParentSelector) {
    for (let t = 0; t < ret.length; t++) {
      const rett = ret[t];
      if (rett && rett.isParentSelector) {
        const tmp = this._trace(rett.expr, val, rett.path, parent, parentPropName, callback, hasArrExpr);
        if (Array.isArray(tmp)) {
          ret[t] = tmp[0];
          const tl = tmp.length;
          for (let tt = 1; tt < tl; tt++) {
            // eslint-disable-next-line @stylistic/max-len -- Long
            // eslint-disable-next-line sonarjs/updated-loop-counter -- Convenient
            t++;
            ret.splice(t, 0, tmp[tt]);
          }
        } else {
          ret[t] = tmp;
        }
      }
    }
  }
  return ret;
};
JSONPath.prototype._walk = function (val, f) {
  if (Array.isArray(val)) {
    const n = val.length;
    for (let i = 0; i < n; i++) {
      f(i);
    }
  } else if (val && typeof val === 'object') {
    Object.keys(val).forEach(m => {
      f(m);
    });
  }
};
JSONPath.prototype._slice = function (loc, expr, val, path, parent, parentPropName, callback) {
  if (!Array.isArray(val)) {
    return undefined;
  }
  const len = val.length,
    parts = loc.split(':'),
    step = parts[2] && Number.parseInt(parts[2]) || 1;
  let start = parts[0] && Number.parseInt(parts[0]) || 0,
    end = parts[1] && Number.parseInt(parts[1]) || len;
  start = start < 0 ? Math.max(0, start + len) : Math.min(len, start);
  end = end < 0 ? Math.max(0, end + len) : Math.min(len, end);
  const ret = [];
  for (let i = start; i < end; i += step) {
    const tmp = this._trace(unshift(i, expr), val, path, parent, parentPropName, callback, true);
    // Should only be possible to be an array here since first part of
    //   ``unshift(i, expr)` passed in above would not be empty, nor `~`,
    //     nor begin with `@` (as could return objects)
    // This was causing excessive stack size in Node (with or
    //  without Babel) against our performance test: `ret.push(...tmp);`
    tmp.forEach(t => {
      ret.push(t);
    });
  }
  return ret;
};
JSONPath.prototype._eval = function (code, _v, _vname, path, parent, parentPropName) {
  this.currSandbox._$_parentProperty = parentPropName;
  this.currSandbox._$_parent = parent;
  this.currSandbox._$_property = _vname;
  this.currSandbox._$_root = this.json;
  this.currSandbox._$_v = _v;
  const containsPath = code.includes('@path');
  if (containsPath) {
    this.currSandbox._$_path = JSONPath.toPathString(path.concat([_vname]));
  }
  const scriptCacheKey = this.currEval + 'Script:' + code;
  if (!JSONPath.cache[scriptCacheKey]) {
    let script = code.replaceAll('@parentProperty', '_$_parentProperty').replaceAll('@parent', '_$_parent').replaceAll('@property', '_$_property').replaceAll('@root', '_$_root').replaceAll(/@([.\s)[])/gu, '_$_v$1');
    if (containsPath) {
      script = script.replaceAll('@path', '_$_path');
    }
    if (this.currEval === 'safe' || this.currEval === true || this.currEval === undefined) {
      JSONPath.cache[scriptCacheKey] = new this.safeVm.Script(script);
    } else if (this.currEval === 'native') {
      JSONPath.cache[scriptCacheKey] = new this.vm.Script(script);
    } else if (typeof this.currEval === 'function' && this.currEval.prototype && Object.hasOwn(this.currEval.prototype, 'runInNewContext')) {
      const CurrEval = this.currEval;
      JSONPath.cache[scriptCacheKey] = new CurrEval(script);
    } else if (typeof this.currEval === 'function') {
      JSONPath.cache[scriptCacheKey] = {
        runInNewContext: context => this.currEval(script, context)
      };
    } else {
      throw new TypeError(`Unknown "eval" property "${this.currEval}"`);
    }
  }
  try {
    return JSONPath.cache[scriptCacheKey].runInNewContext(this.currSandbox);
  } catch (e) {
    if (this.ignoreEvalErrors) {
      return false;
    }
    throw new Error('jsonPath: ' + e.message + ': ' + code);
  }
};

// PUBLIC CLASS PROPERTIES AND METHODS

// Could store the cache object itself
JSONPath.cache = {};

/**
 * @param {string[]} pathArr Array to convert
 * @returns {string} The path string
 */
JSONPath.toPathString = function (pathArr) {
  const x = pathArr,
    n = x.length;
  let p = '$';
  for (let i = 1; i < n; i++) {
    if (!/^(~|\^|@.*?\(\))$/u.test(x[i])) {
      p += /^[0-9*]+$/u.test(x[i]) ? '[' + x[i] + ']' : "['" + x[i] + "']";
    }
  }
  return p;
};

/**
 * @param {string} pointer JSON Path
 * @returns {string} JSON Pointer
 */
JSONPath.toPointer = function (pointer) {
  const x = pointer,
    n = x.length;
  let p = '';
  for (let i = 1; i < n; i++) {
    if (!/^(~|\^|@.*?\(\))$/u.test(x[i])) {
      p += '/' + x[i].toString().replaceAll('~', '~0').replaceAll('/', '~1');
    }
  }
  return p;
};

/**
 * @param {string} expr Expression to convert
 * @returns {string[]}
 */
JSONPath.toPathArray = function (expr) {
  const {
    cache
  } = JSONPath;
  if (cache[expr]) {
    return cache[expr].concat();
  }
  const subx = [];
  const normalized = expr
  // Properties
  .replaceAll(/@(?:null|boolean|number|string|integer|undefined|nonFinite|scalar|array|object|function|other)\(\)/gu, ';$&;')
  // Parenthetical evaluations (filtering and otherwise), directly
  //   within brackets or single quotes
  .replaceAll(/[['](\??\(.*?\))[\]'](?!.\])/gu, function ($0, $1) {
    return '[#' + (subx.push($1) - 1) + ']';
  })
  // Escape periods and tildes within properties
  .replaceAll(/\[['"]([^'\]]*)['"]\]/gu, function ($0, prop) {
    return "['" + prop.replaceAll('.', '%@%').replaceAll('~', '%%@@%%') + "']";
  })
  // Properties operator
  .replaceAll('~', ';~;')
  // Split by property boundaries
  .replaceAll(/['"]?\.['"]?(?![^[]*\])|\[['"]?/gu, ';')
  // Reinsert periods within properties
  .replaceAll('%@%', '.')
  // Reinsert tildes within properties
  .replaceAll('%%@@%%', '~')
  // Parent
  .replaceAll(/(?:;)?(\^+)(?:;)?/gu, function ($0, ups) {
    return ';' + ups.split('').join(';') + ';';
  })
  // Descendents
  .replaceAll(/;;;|;;/gu, ';..;')
  // Remove trailing
  .replaceAll(/;$|'?\]|'$/gu, '');
  const exprList = normalized.split(';').map(function (exp) {
    const match = exp.match(/#(\d+)/u);
    return !match || !match[1] ? exp : subx[match[1]];
  });
  cache[expr] = exprList;
  return cache[expr].concat();
};
JSONPath.prototype.safeVm = {
  Script: SafeScript
};

JSONPath.prototype.vm = external_vm_namespaceObject;



;// CONCATENATED MODULE: ./src/judge/json-path.ts
// Reads a JSONPath from a document, with jsonpath-plus's sandboxed evaluator: a filter expression is
// interpreted, never run as code.

/** The single value at `path`, the list of values when it matches several, undefined when none. */
function readJsonPath(document, path) {
    // ignoreEvalErrors: a filter over elements that lack the field it reads skips them, as a user means.
    const found = JSONPath({
        path,
        json: document,
        wrap: true,
        eval: 'safe',
        ignoreEvalErrors: true
    });
    return found.length === 0 ? undefined : found.length === 1 ? found[0] : found;
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/judge/matchers.ts
// Compares one observed value with a matcher and says, in one sentence, what did not hold.


const SHOWN_CHARS = 200;
/** Null when the matcher holds; otherwise why not, naming `what` ("$.status", "header etag"). */
function checkMatcher(actual, matcher, what) {
    if (matcher === null || typeof matcher !== 'object') {
        return equal(actual, matcher)
            ? null
            : `expected ${what} to equal ${show(matcher)}, got ${showActual(actual)}`;
    }
    const failures = [];
    const fail = (expectation) => failures.push(`expected ${what} ${expectation}, got ${showActual(actual)}`);
    if (matcher.exists !== undefined && (actual !== undefined) !== matcher.exists) {
        failures.push(matcher.exists
            ? `expected ${what} to exist, it is missing`
            : `expected ${what} to be absent, it is present`);
    }
    if ('equals' in matcher && !equal(actual, matcher.equals))
        fail(`to equal ${show(matcher.equals)}`);
    if (matcher.contains !== undefined && !contains(actual, matcher.contains))
        fail(`to contain ${show(matcher.contains)}`);
    if (matcher.matches !== undefined &&
        !(actual !== undefined && new RegExp(matcher.matches).test(matchers_text(actual)))) {
        fail(`to match /${matcher.matches}/`);
    }
    for (const [op, symbol, holds] of COMPARISONS) {
        const bound = matcher[op];
        if (bound === undefined)
            continue;
        const value = numeric(actual);
        // Only version matchers hold text bounds, and they are judged part by part before this.
        if (value === undefined || !holds(value, Number(bound)))
            fail(`to be ${symbol} ${bound}`);
    }
    return failures.length ? failures.join('; ') : null;
}
const COMPARISONS = [
    ['lt', '<', (a, b) => a < b],
    ['lte', '<=', (a, b) => a <= b],
    ['gt', '>', (a, b) => a > b],
    ['gte', '>=', (a, b) => a >= b]
];
/** Scalars written in YAML compare by value across types: header `5` equals the text "5". */
function equal(actual, expected) {
    if ((0,external_node_util_.isDeepStrictEqual)(actual, expected))
        return true;
    const scalar = (v) => ['string', 'number', 'boolean'].includes(typeof v);
    return scalar(actual) && scalar(expected) && String(actual) === String(expected);
}
function contains(actual, needle) {
    if (Array.isArray(actual))
        return actual.some(item => equal(item, needle));
    return actual !== undefined && actual !== null && matchers_text(actual).includes(needle);
}
/** A number, or a numeric string such as a header value or a version "15.4". */
function numeric(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value);
    return undefined;
}
function matchers_text(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function show(value) {
    return JSON.stringify(value) ?? String(value);
}
function showActual(value) {
    if (value === undefined)
        return 'nothing';
    // Its first SHOWN_CHARS characters, then the cut mark.
    return (0,wording/* clip */.$Q)(show(value), SHOWN_CHARS + 1);
}

;// CONCATENATED MODULE: ./src/judge/expect.ts


function judge(spec, observation) {
    const failures = unmet(spec, observation);
    return { ok: failures.length === 0, failures, responseTimeMs: observation.durationMs };
}
function unmet(spec, observation) {
    // A command that ran has an exit code worth judging even when it also timed out.
    if (observation.error && observation.kind !== 'command')
        return [observation.error];
    switch (spec.kind) {
        case 'http':
            return judgeHttp(spec, observation);
        case 'postgres':
            return judgePostgres(spec, observation);
        case 'tcp':
            return judgeTcp(spec, observation);
        case 'command':
            return judgeCommand(spec, observation);
    }
}
function judgeHttp(spec, obs) {
    const { expect } = spec;
    const failures = [];
    if (!statusMatches(obs.status, expect.status)) {
        failures.push(`expected status ${expect.status.join(' or ')}, got ${obs.status}`);
    }
    for (const [name, matcher] of Object.entries(expect.headers ?? {})) {
        expect_push(failures, checkMatcher(obs.headers?.[name.toLowerCase()], matcher, `header ${name}`));
    }
    if (expect.json) {
        if (obs.json === undefined) {
            failures.push(`expected a JSON body, got ${obs.bodyTruncated ? 'a body over the size limit' : 'one that is not JSON'}`);
        }
        else {
            failures.push(...pathFailures(obs.json, expect.json));
        }
    }
    if (expect.body !== undefined)
        expect_push(failures, checkMatcher(obs.body, expect.body, 'body'));
    expect_push(failures, latencyFailure(obs.durationMs, expect.latency));
    return failures;
}
function judgePostgres(spec, obs) {
    const failures = [];
    const installed = obs.extensions ?? {};
    for (const extension of spec.extensions) {
        const version = installed[extension.name];
        if (version === undefined)
            failures.push(`extension ${extension.name} is not installed`);
        else if (extension.minVersion && compareVersions(version, extension.minVersion) < 0) {
            failures.push(`extension ${extension.name} is version ${version}, expected at least ${extension.minVersion}`);
        }
    }
    for (const table of spec.tables) {
        const columns = obs.tables?.[table.name];
        if (!columns) {
            failures.push(`table ${table.name} does not exist`);
            continue;
        }
        const missing = table.columns.filter(c => !columns.includes(c));
        if (missing.length)
            failures.push(`table ${table.name} has no column ${missing.join(', ')}`);
    }
    if (spec.query) {
        if (obs.queryError)
            failures.push(`query failed: ${obs.queryError}`);
        else
            failures.push(...pathFailures(obs.queryRows ?? [], spec.query.expect));
    }
    if (spec.expect.serverVersion !== undefined) {
        expect_push(failures, checkServerVersion(obs.serverVersion, spec.expect.serverVersion));
    }
    expect_push(failures, latencyFailure(obs.durationMs, spec.expect.latency));
    return failures;
}
/**
 * "15.20 (Debian ...)" is version 15.20, newer than 15.3: bounds compare part by part, not as
 * decimals. Other matchers see the leading version text.
 */
function checkServerVersion(seen, matcher) {
    const version = /^\d+(\.\d+)*/.exec(seen ?? '')?.[0];
    if (version === undefined || matcher === null || typeof matcher !== 'object') {
        return checkMatcher(version ?? seen, matcher, 'server version');
    }
    const bounds = [
        ['lt', '<', (c) => c < 0],
        ['lte', '<=', (c) => c <= 0],
        ['gt', '>', (c) => c > 0],
        ['gte', '>=', (c) => c >= 0]
    ];
    const unmet = bounds
        .filter(([op, , holds]) => matcher[op] !== undefined && !holds(compareVersions(version, String(matcher[op]))))
        .map(([op, symbol]) => `expected server version to be ${symbol} ${matcher[op]}, got ${version}`);
    const rest = Object.fromEntries(Object.entries(matcher).filter(([op]) => !bounds.some(([b]) => b === op)));
    const other = Object.keys(rest).length ? checkMatcher(version, rest, 'server version') : null;
    return [...unmet, ...(other ? [other] : [])].join('; ') || null;
}
function judgeTcp(spec, obs) {
    const failures = [];
    if (!obs.connected)
        failures.push(`could not connect to ${spec.host}:${spec.port}`);
    if (spec.expect.response !== undefined)
        expect_push(failures, checkMatcher(obs.response, spec.expect.response, 'response'));
    expect_push(failures, latencyFailure(obs.durationMs, spec.expect.latency));
    return failures;
}
function judgeCommand(spec, obs) {
    if (obs.error)
        return [obs.error];
    const failures = [];
    if (obs.exitCode !== spec.expect.exitCode) {
        failures.push(obs.exitCode === null
            ? `expected exit code ${spec.expect.exitCode}, the command was killed by ${obs.signal}`
            : `expected exit code ${spec.expect.exitCode}, got ${obs.exitCode}`);
    }
    if (spec.expect.stdout !== undefined)
        expect_push(failures, checkMatcher(obs.stdout, spec.expect.stdout, 'stdout'));
    if (spec.expect.stderr !== undefined)
        expect_push(failures, checkMatcher(obs.stderr, spec.expect.stderr, 'stderr'));
    expect_push(failures, latencyFailure(obs.durationMs, spec.expect.latency));
    return failures;
}
function statusMatches(status, expected) {
    if (status === undefined)
        return false;
    return expected.some(e => typeof e === 'number'
        ? e === status
        : /^[1-5]xx$/i.test(e)
            ? Math.floor(status / 100) === Number(e[0])
            : Number(e) === status);
}
/** Each JSONPath's value against its matcher. */
function pathFailures(document, expectations) {
    const failures = [];
    for (const [path, matcher] of Object.entries(expectations)) {
        let value;
        try {
            value = readJsonPath(document, path);
        }
        catch (error) {
            // A path that cannot be read is an unmet expectation, named; the others are still judged.
            failures.push(`cannot read ${path}: ${error.message}`);
            continue;
        }
        expect_push(failures, checkMatcher(value, matcher, path));
    }
    return failures;
}
function latencyFailure(durationMs, bound) {
    if (!bound)
        return null;
    const ok = bound.op === '<' ? durationMs < bound.ms : durationMs <= bound.ms;
    return ok ? null : `expected latency ${bound.op} ${bound.ms} ms, took ${Math.round(durationMs)} ms`;
}
/** Dotted numeric versions: 0.10.0 is newer than 0.9.1. */
function compareVersions(a, b) {
    const parts = (v) => v.split(/[.-]/).map(p => Number.parseInt(p, 10) || 0);
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const diff = (x[i] ?? 0) - (y[i] ?? 0);
        if (diff)
            return Math.sign(diff);
    }
    return 0;
}
function expect_push(failures, failure) {
    if (failure)
        failures.push(failure);
}

;// CONCATENATED MODULE: ./src/judge/retry.ts

/** The delay after `failures` consecutive failed attempts (1 = after the first failure). */
function backoffDelay(policy, failures, random) {
    const exponential = policy.initialDelayMs * policy.factor ** Math.max(0, failures - 1);
    const capped = Math.min(policy.maxDelayMs, exponential);
    // Equal jitter: a fixed part keeps the backoff growing, a random part spreads retries of many
    // services apart so they don't hit a recovering system in lockstep.
    return Math.round(capped * (1 - policy.jitter) + capped * policy.jitter * random());
}
function nextStep(policy, history, random) {
    const { outcomes, elapsedMs } = history;
    const polls = startupPolls(history);
    const starting = history.startup && polls === outcomes.length;
    const streak = trailingRun(outcomes, true);
    if (streak >= policy.successThreshold)
        return { kind: 'passed' };
    if (!starting && outcomes.length - polls >= policy.retry.attempts) {
        return { kind: 'failed', reason: `gave up after ${(0,wording/* count */.U9)(outcomes.length, 'attempt')}` };
    }
    const failures = trailingRun(outcomes, false);
    // Between the successes that build a threshold streak, wait the initial delay (a probe period).
    const delayMs = failures === 0 ? policy.retry.initialDelayMs : backoffDelay(policy.retry, failures, random);
    if (elapsedMs + delayMs >= policy.startupBudgetMs) {
        const budget = (0,wording/* formatMs */._V)(policy.startupBudgetMs);
        return {
            kind: 'failed',
            reason: starting
                ? `not ready within the startup budget of ${budget} (${outcomes.length} polls)`
                : `startup budget of ${budget} exhausted`
        };
    }
    return { kind: 'retry', delayMs };
}
/** How many of the attempts were startup polls: the failures before the first success, after a deploy. */
function startupPolls(history) {
    if (!history.startup)
        return 0;
    const firstSuccess = history.outcomes.indexOf(true);
    return firstSuccess === -1 ? history.outcomes.length : firstSuccess;
}
/** Length of the run of `value` at the end of the list. */
function trailingRun(outcomes, value) {
    let count = 0;
    for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === value; i--)
        count++;
    return count;
}
/** Deploy and smoke steps retry plainly: `retries` more attempts, `delayMs` apart, no budget. */
function stepPolicy(timeoutMs, retries, delayMs) {
    return {
        timeoutMs,
        retry: { attempts: retries + 1, initialDelayMs: delayMs, maxDelayMs: delayMs, factor: 1, jitter: 0 },
        startupBudgetMs: Number.POSITIVE_INFINITY,
        successThreshold: 1
    };
}

;// CONCATENATED MODULE: ./src/probes/index.ts


let httpModule;
async function observe(spec, options) {
    switch (spec.kind) {
        case 'http':
            httpModule ??= Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(879)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9879));
            return (await httpModule).probeHttp(spec, options);
        case 'postgres':
            return (await Promise.all(/* import() */[__nccwpck_require__.e(849), __nccwpck_require__.e(960)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7960))).probePostgres(spec, options);
        case 'tcp':
            return (await __nccwpck_require__.e(/* import() */ 676).then(__nccwpck_require__.bind(__nccwpck_require__, 2676))).probeTcp(spec, options);
        case 'command':
            return (await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 8707))).runCommand(spec, options);
    }
}
/** Releases the HTTP connection pools of a run, if any were opened. */
async function closeHttpAgents() {
    if (httpModule)
        await (await httpModule).closeHttpDispatchers();
}
/** What a check points at, safe to show: a URL never shows its password. */
function describeTarget(spec) {
    switch (spec.kind) {
        case 'http':
            // Written as is (a parsed URL would be normalized), unless it may carry a user:password.
            return spec.url.includes('@') ? withoutPassword(spec.url) : spec.url;
        case 'postgres':
            return withoutPassword(spec.url);
        case 'tcp':
            return `${spec.host}:${spec.port}`;
        case 'command':
            return spec.run;
    }
}
function withoutPassword(url) {
    try {
        const parsed = new URL(url);
        if (parsed.password)
            parsed.password = redact/* MASK */.v5;
        return parsed.toString();
    }
    catch {
        return (0,url_password/* maskUrlPasswords */._)(url, redact/* MASK */.v5);
    }
}

;// CONCATENATED MODULE: ./src/phases/attempts.ts



/** One observation, judged: an attempt of a check, a poll of the monitor, a latency sample. */
async function attemptOnce(spec, timeoutMs, context) {
    const observation = await observe(spec, {
        timeoutMs,
        signal: context.signal,
        onOutputLine: context.onOutputLine,
        exports: context.exports
    });
    return { observation, judgement: judge(spec, observation) };
}
async function attemptUntilSettled(spec, policy, context, onAttempt) {
    const { clock, signal } = context;
    const started = clock.now();
    const attempts = [];
    for (;;) {
        const { observation, judgement: last } = await attemptOnce(spec, policy.timeoutMs, context);
        const attempt = { ok: last.ok, failures: last.failures, duration_ms: Math.round(observation.durationMs) };
        attempts.push(attempt);
        onAttempt(attempt, attempts.length);
        const history = {
            outcomes: attempts.map(a => a.ok),
            elapsedMs: clock.now() - started,
            startup: Boolean(context.startup)
        };
        const step = nextStep(policy, history, clock.random);
        if (step.kind !== 'retry') {
            return {
                passed: step.kind === 'passed',
                reason: step.kind === 'failed' ? step.reason : undefined,
                attempts,
                startupPolls: startupPolls(history),
                last,
                observation,
                durationMs: clock.now() - started
            };
        }
        await clock.sleep(step.delayMs, signal);
    }
}

;// CONCATENATED MODULE: ./src/phases/check.ts


/** Stable and readable: `services.api`, `smoke.sign-in`. The one place the id's form is decided. */
function checkId(category, key) {
    return `${category}.${key}`;
}
async function runCheck(identity, spec, policy, context, passWord = 'passed') {
    const started = context.clock.now();
    const done = context.running?.(identity);
    try {
        const outcome = await attemptUntilSettled(spec, policy, context, (attempt, index) => {
            if (!attempt.ok)
                context.logger.info(`${identity.id}: attempt ${index} failed: ${attempt.failures.join('; ')}`);
        });
        const status = statusOf(outcome);
        context.logger.info(`${identity.id}: ${status}`);
        return {
            observation: outcome.observation,
            result: {
                ...base(identity),
                status,
                message: messageOf(outcome, passWord),
                duration_ms: Math.round(outcome.durationMs),
                attempts: outcome.attempts.length,
                response_time_ms: roundOrUndefined(outcome.last.responseTimeMs),
                details: {
                    attempts: outcome.attempts,
                    startup_polls: outcome.startupPolls,
                    ...commandDetails(outcome.observation)
                }
            }
        };
    }
    catch (error) {
        // A probe or judge that throws is our fault, not the target's: the check could not be evaluated.
        return {
            result: {
                ...base(identity),
                status: 'error',
                message: `could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
                duration_ms: Math.round(context.clock.now() - started),
                attempts: 0
            }
        };
    }
    finally {
        done?.();
    }
}
function skippedCheck(identity, reason) {
    return decidedCheck(identity, 'skipped', `skipped: ${reason}`);
}
/** A check that could not even start (e.g. an unresolvable reference), with the reason. */
function erroredCheck(identity, reason) {
    return decidedCheck(identity, 'error', reason);
}
/** A check decided from figures already gathered, or not run at all: it takes no attempts of its own. */
function decidedCheck(identity, status, message, details) {
    return { ...base(identity), status, message, duration_ms: 0, attempts: 0, ...(details ? { details } : {}) };
}
/** A failure once the check had started is a retry, which makes a pass flaky; a startup poll is not. */
function retried(outcome) {
    return outcome.attempts.slice(outcome.startupPolls).filter(a => !a.ok).length;
}
function statusOf(outcome) {
    if (!outcome.passed)
        return 'failed';
    return retried(outcome) ? 'flaky' : 'passed';
}
function messageOf(outcome, passWord) {
    const { attempts, last, startupPolls } = outcome;
    const time = last.responseTimeMs === undefined ? '' : ` in ${(0,wording/* formatMs */._V)(Math.round(last.responseTimeMs))}`;
    if (!outcome.passed) {
        const seen = last.failures.length ? last.failures.join('; ') : 'not enough consecutive successes';
        return `${seen} (${outcome.reason})`;
    }
    const failed = retried(outcome);
    const flaky = failed ? ` after ${failed} failed of ${attempts.length - startupPolls} attempts` : '';
    const ready = startupPolls ? `, ready after ${startupPolls} startup polls` : '';
    return `${passWord}${time}${flaky}${ready}`;
}
/** A command's evidence: how it ended and its last lines, for the report. */
function commandDetails(observation) {
    if (observation?.kind !== 'command')
        return {};
    return {
        exit_code: observation.exitCode,
        timed_out: Boolean(observation.timedOut),
        output_tail: observation.tail
    };
}
function base(identity) {
    return {
        id: identity.id,
        category: identity.category,
        name: identity.name,
        critical: identity.critical,
        file: identity.source.file,
        line: identity.source.line,
        column: identity.source.column,
        target: identity.target
    };
}
function roundOrUndefined(value) {
    return value === undefined ? undefined : Math.round(value);
}

;// CONCATENATED MODULE: ./src/phases/context.ts
// What every phase gets from the engine: logging, time, cancellation, and a place to record
// each check as it finishes (so a crash half way still leaves every finished check in the report).

const systemClock = {
    now: () => performance.now(),
    sleep: (ms, signal) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }),
    random: Math.random
};

;// CONCATENATED MODULE: ./src/phases/deploy.ts


/** Runs the steps; true when every one succeeded. */
async function runDeploy(steps, context) {
    let failed;
    for (const step of steps) {
        const identity = deployIdentity(step);
        if (failed) {
            context.record(skippedCheck(identity, `deploy step ${failed.name} failed`));
            continue;
        }
        const { result } = await context.logger.group(`Deploy: ${step.name}`, () => runCheck(identity, { ...step, kind: 'command', expect: { exitCode: 0 } }, stepPolicy(step.timeoutMs, step.retries, step.retryDelayMs), { ...context, onOutputLine: line => context.logger.info(line) }));
        context.record(result);
        if (result.status === 'failed' || result.status === 'error')
            failed = result;
    }
    return !failed;
}
function deployIdentity(step) {
    return {
        id: checkId('deploy', step.id),
        category: 'deploy',
        name: step.name,
        // A failed deploy fails the run whatever else would pass.
        critical: true,
        source: step.source,
        target: step.run
    };
}

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}

;// CONCATENATED MODULE: ./src/phases/services.ts
// The service checks: every service probed in parallel under a concurrency bound, each one only
// after the services it depends on have passed. A service whose dependency did not pass is skipped
// with the reason, rather than failing for someone else's fault.



/** Statuses a dependent can build on. */
const USABLE = new Set(['passed', 'flaky', 'warning']);
async function checkServices(services, concurrency, context) {
    const limit = pLimit(Math.max(1, concurrency));
    const results = new Map();
    // depends_on is acyclic and refers to known services (the config loader guarantees both), so
    // chaining each service on its dependencies' promises gives the topological order for free.
    const resultOf = (service) => {
        let result = results.get(service.name);
        if (!result) {
            result = (async () => {
                const dependencies = await Promise.all(service.dependsOn.map(name => resultOf(services.find(s => s.name === name))));
                const blocked = dependencies.filter(d => !USABLE.has(d.status));
                const check = blocked.length
                    ? skippedCheck(serviceIdentity(service), `depends on ${blocked.map(d => `${d.name} (${d.status})`).join(', ')}`)
                    : await limit(() => checkService(service, context));
                context.record(check);
                return check;
            })();
            results.set(service.name, result);
        }
        return result;
    };
    return Promise.all(services.map(resultOf));
}
async function checkService(service, context) {
    const { result } = await runCheck(serviceIdentity(service), service.probe, service.policy, context, 'healthy');
    return result;
}
/** The services' checks when they are not run at all (the deploy failed). */
function skipServices(services, reason, context) {
    for (const service of services)
        context.record(skippedCheck(serviceIdentity(service), reason));
}
function serviceIdentity(service) {
    return {
        id: checkId('services', service.name),
        category: 'services',
        name: service.name,
        critical: service.critical,
        source: service.source,
        target: describeTarget(service.probe)
    };
}

;// CONCATENATED MODULE: ./src/judge/environment-drift.ts



/** The files' own bookkeeping: which environment this is and how it is built, never drift. */
const BOOKKEEPING = new Set(['version', 'environment', 'extends', 'baseline']);
const MAX_SHOWN = 80;
function compareEnvironments(target, local, rules) {
    // As they appear inside JSON text: a secret holding a quote or a backslash is escaped there.
    const secrets = [...target.secrets, ...local.secrets]
        .filter(Boolean)
        .map(s => JSON.stringify(s).slice(1, -1));
    const show = (value) => {
        const text = JSON.stringify(value) ?? 'nothing';
        return secrets.some(secret => text.includes(secret)) ? '<secret>' : (0,wording/* clip */.$Q)(text, MAX_SHOWN);
    };
    const at = (ref) => `${ref.file}:${ref.line}`;
    const drifts = [];
    const used = new Set();
    // `path` is how the place is named (list items by their id or name); the side paths locate it.
    const visit = (t, l, path, tPath, lPath) => {
        if (path.length === 1 && BOOKKEEPING.has(String(path[0])))
            return;
        const ignored = rules.ignore.find(rule => covers(rule, path));
        if (ignored)
            return void used.add(ignored);
        const where = (0,config_document/* dotted */.Bs)(path);
        const targetRef = target.resolved.locate(tPath);
        const localRef = local.resolved.locate(lPath);
        const expected = rules.expectDifferent.find(rule => matches(rule, path));
        if (expected) {
            used.add(expected);
            const same = canonical(t) === canonical(l);
            drifts.push(same
                ? {
                    path: where,
                    kind: 'unchanged',
                    status: 'warning',
                    target: targetRef,
                    local: localRef,
                    message: `${where} was expected to differ but is the same in ${at(targetRef)} and ${at(localRef)}: ${show(t)}`
                }
                : {
                    path: where,
                    kind: 'expected',
                    status: 'passed',
                    target: targetRef,
                    local: localRef,
                    message: `${where} differs as expected: ${at(targetRef)} has ${show(t)}, ${at(localRef)} has ${show(l)}`
                });
            return;
        }
        // A variable declared on one side only is drift (an unset variable); how each side declares it
        // (required here, a default there) is not: its value is compared where it is used.
        if (path.length === 2 && path[0] === 'variables' && t !== undefined && l !== undefined)
            return;
        if (t === undefined || l === undefined) {
            // A rule naming a place inside what only one file has names something in that file.
            for (const rule of [...rules.ignore, ...rules.expectDifferent])
                if (within(rule, path))
                    used.add(rule);
            const only = t === undefined ? 'removed' : 'added';
            const [has, lacks] = only === 'added' ? [targetRef, localRef] : [localRef, targetRef];
            drifts.push({
                path: where,
                kind: only,
                status: 'failed',
                target: targetRef,
                local: localRef,
                message: `${where} is in ${at(has)} but not in ${lacks.file} (compare ${at(lacks)})`
            });
            return;
        }
        if ((0,config_document/* isMapping */.pi)(t) && (0,config_document/* isMapping */.pi)(l)) {
            const keys = [...new Set([...Object.keys(t), ...Object.keys(l)])];
            for (const key of keys)
                visit(t[key], l[key], [...path, key], [...tPath, key], [...lPath, key]);
            return;
        }
        if (Array.isArray(t) && Array.isArray(l) && !(allScalars(t) && allScalars(l))) {
            for (const item of pairItems(t, l))
                visit(item.target, item.local, [...path, item.key], [...tPath, item.targetIndex], [...lPath, item.localIndex]);
            return;
        }
        if (canonical(t) !== canonical(l)) {
            drifts.push({
                path: where,
                kind: 'changed',
                status: 'failed',
                target: targetRef,
                local: localRef,
                message: `${where} differs: ${at(targetRef)} has ${show(t)}, ${at(localRef)} has ${show(l)}`
            });
        }
    };
    visit(target.resolved.value, local.resolved.value, [], [], []);
    for (const [list, rulesOfList] of [
        ['ignore', rules.ignore],
        ['expect_different', rules.expectDifferent]
    ]) {
        for (const rule of rulesOfList.filter(rule => !used.has(rule))) {
            drifts.push({
                path: rule,
                kind: 'unmatched-rule',
                status: 'warning',
                target: target.resolved.locate(['baseline', list]),
                message: `baseline.${list} lists ${rule}, which is in neither file: a typo?`
            });
        }
    }
    return drifts;
}
/** The rule names this exact place. */
function matches(rule, path) {
    const parts = rule.split('.');
    return parts.length === path.length && covers(rule, path);
}
/** The rule names this place or one of its parents. */
function covers(rule, path) {
    const parts = rule.split('.');
    return (parts.length <= path.length && parts.every((part, index) => part === '*' || part === String(path[index])));
}
/** The rule names a place below this one. */
function within(rule, path) {
    const parts = rule.split('.');
    return parts.length > path.length && covers(parts.slice(0, path.length).join('.'), path);
}
function allScalars(items) {
    return items.every(item => item === null || typeof item !== 'object');
}
/**
 * Items of two lists of mappings, paired by their id when every item has one (steps keep their
 * identity when reordered), else by position.
 */
function pairItems(t, l) {
    const keyOf = (item) => (0,config_document/* isMapping */.pi)(item) ? (item.id ?? (typeof item.name === 'string' ? (0,steps/* slug */.yR)(item.name) : undefined)) : undefined;
    const named = [...t, ...l].every(item => typeof keyOf(item) === 'string');
    if (!named) {
        const length = Math.max(t.length, l.length);
        return Array.from({ length }, (_, index) => ({
            key: index,
            target: t[index],
            local: l[index],
            targetIndex: index,
            localIndex: index
        }));
    }
    // Paired by id, an `id` written out on one side only (`sign-in` for "Sign in") is no difference.
    const withoutId = (item) => (0,config_document/* isMapping */.pi)(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'id')) : item;
    const keys = [...new Set([...t, ...l].map(item => keyOf(item)))];
    return keys.map(key => {
        const targetIndex = t.findIndex(item => keyOf(item) === key);
        const localIndex = l.findIndex(item => keyOf(item) === key);
        return {
            key,
            target: withoutId(t[targetIndex]),
            local: withoutId(l[localIndex]),
            targetIndex: targetIndex < 0 ? t.length : targetIndex,
            localIndex: localIndex < 0 ? l.length : localIndex
        };
    });
}
/**
 * The form two values are compared in: a port written 5432 in one file and "5432" (from a
 * ${VARIABLE}) in the other is the same port; lists of scalars compare as sets.
 */
function canonical(value) {
    if (Array.isArray(value) && allScalars(value))
        return JSON.stringify(value.map(String).sort());
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if ((0,config_document/* isMapping */.pi)(value))
        return `{${Object.keys(value)
            .sort()
            .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
            .join(',')}}`;
    return value === null || value === undefined ? String(value) : JSON.stringify(String(value));
}

;// CONCATENATED MODULE: ./src/generated/baseline-validator.js
// Generated by scripts/compile-schema.mjs from schema/baseline.schema.json: do not edit.
const baseline_validator_validate = (/* unused pure expression or super */ null && (baseline_validator_validate10));/* harmony default export */ const baseline_validator = (baseline_validator_validate10);const baseline_validator_schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://raw.githubusercontent.com/OWNER/deploy-verify/v1/schema/baseline.schema.json","title":"deploy-verify baseline","description":"A known-good state of an environment, recorded by mode: baseline and compared by mode: verify with the baseline input: latency samples per service, the schema of every PostgreSQL service, and the normalized environment config without secret values.","type":"object","required":["baseline_version","environment","recorded_at","deployment_id","git","config","services","schemas"],"additionalProperties":false,"properties":{"baseline_version":{"const":1,"description":"Version of this document's format."},"environment":{"type":"string","minLength":1},"recorded_at":{"type":"string","description":"ISO 8601, UTC."},"deployment_id":{"type":"string","pattern":"^deploy_\\d{8}_\\d{6}$","description":"The recording run's deployment_id."},"git":{"type":"object","description":"The commit and run that recorded it, as in the report.","properties":{"sha":{"type":["string","null"]},"ref":{"type":["string","null"]},"repository":{"type":["string","null"]},"run_id":{"type":["string","null"]},"run_url":{"type":["string","null"]},"pull_request":{"type":["integer","null"]}}},"config":{"type":"object","description":"The normalized environment config as the recording run ran it, with every secret value replaced by ***.","required":["files","environment"],"properties":{"files":{"type":"array","items":{"type":"string"}},"environment":{"type":"object"}}},"services":{"type":"object","description":"Services by name: what was checked and the latency samples taken after the check passed (and during the monitor window).","additionalProperties":{"type":"object","required":["kind","target","latency"],"additionalProperties":false,"properties":{"kind":{"enum":["http","postgres","tcp","command"]},"target":{"type":"string"},"latency":{"type":"object","required":["samples","percentiles"],"additionalProperties":false,"properties":{"samples":{"type":"array","items":{"type":"number","minimum":0},"description":"Response times in milliseconds, in the order taken."},"percentiles":{"type":"object","description":"Percentiles of the samples (ms), outliers included.","required":["count","p50","p90","p95","p99"],"properties":{"p50":{"type":["number","null"]},"p90":{"type":["number","null"]},"p95":{"type":["number","null"]},"p99":{"type":["number","null"]},"iqr":{"type":["number","null"]},"count":{"type":"integer","minimum":0}}}}}}}},"schemas":{"type":"object","description":"PostgreSQL services by name: their schema when the baseline was recorded.","additionalProperties":{"type":"object","required":["extensions","tables","indexes","constraints","migration"],"additionalProperties":false,"properties":{"extensions":{"type":"object","additionalProperties":{"type":"string"},"description":"name -> version"},"tables":{"type":"object","additionalProperties":{"type":"object","additionalProperties":{"type":"string"}},"description":"schema.table -> column -> type"},"indexes":{"type":"object","additionalProperties":{"type":"string"},"description":"schema.index -> definition"},"constraints":{"type":"object","additionalProperties":{"type":"string"},"description":"schema.table.constraint -> definition"},"migration":{"type":["string","null"],"description":"The latest applied migration, when a migrations table was named."}}}}}};const baseline_validator_pattern0 = new RegExp("^deploy_\\d{8}_\\d{6}$", "u");function baseline_validator_validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){/*# sourceURL="https://raw.githubusercontent.com/OWNER/deploy-verify/v1/schema/baseline.schema.json" */;let vErrors = null;let errors = 0;if(data && typeof data == "object" && !Array.isArray(data)){if(data.baseline_version === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "baseline_version"},message:"must have required property '"+"baseline_version"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data.environment === undefined){const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "environment"},message:"must have required property '"+"environment"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data.recorded_at === undefined){const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "recorded_at"},message:"must have required property '"+"recorded_at"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}if(data.deployment_id === undefined){const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "deployment_id"},message:"must have required property '"+"deployment_id"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}if(data.git === undefined){const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "git"},message:"must have required property '"+"git"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if(data.config === undefined){const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "config"},message:"must have required property '"+"config"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(data.services === undefined){const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "services"},message:"must have required property '"+"services"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}if(data.schemas === undefined){const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "schemas"},message:"must have required property '"+"schemas"+"'",schema:baseline_validator_schema11.required,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}for(const key0 in data){if(!((((((((key0 === "baseline_version") || (key0 === "environment")) || (key0 === "recorded_at")) || (key0 === "deployment_id")) || (key0 === "git")) || (key0 === "config")) || (key0 === "services")) || (key0 === "schemas"))){const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.baseline_version !== undefined){let data0 = data.baseline_version;if(1 !== data0){const err9 = {instancePath:instancePath+"/baseline_version",schemaPath:"#/properties/baseline_version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:baseline_validator_schema11.properties.baseline_version,data:data0};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}if(data.environment !== undefined){let data1 = data.environment;if(typeof data1 === "string"){if(data1.length < 1){const err10 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:baseline_validator_schema11.properties.environment,data:data1};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}else {const err11 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.environment.type,parentSchema:baseline_validator_schema11.properties.environment,data:data1};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}}if(data.recorded_at !== undefined){let data2 = data.recorded_at;if(typeof data2 !== "string"){const err12 = {instancePath:instancePath+"/recorded_at",schemaPath:"#/properties/recorded_at/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.recorded_at.type,parentSchema:baseline_validator_schema11.properties.recorded_at,data:data2};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}if(data.deployment_id !== undefined){let data3 = data.deployment_id;if(typeof data3 === "string"){if(!baseline_validator_pattern0.test(data3)){const err13 = {instancePath:instancePath+"/deployment_id",schemaPath:"#/properties/deployment_id/pattern",keyword:"pattern",params:{pattern: "^deploy_\\d{8}_\\d{6}$"},message:"must match pattern \""+"^deploy_\\d{8}_\\d{6}$"+"\"",schema:"^deploy_\\d{8}_\\d{6}$",parentSchema:baseline_validator_schema11.properties.deployment_id,data:data3};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}else {const err14 = {instancePath:instancePath+"/deployment_id",schemaPath:"#/properties/deployment_id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.deployment_id.type,parentSchema:baseline_validator_schema11.properties.deployment_id,data:data3};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}if(data.git !== undefined){let data4 = data.git;if(data4 && typeof data4 == "object" && !Array.isArray(data4)){if(data4.sha !== undefined){let data5 = data4.sha;if((typeof data5 !== "string") && (data5 !== null)){const err15 = {instancePath:instancePath+"/git/sha",schemaPath:"#/properties/git/properties/sha/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.sha.type},message:"must be string,null",schema:baseline_validator_schema11.properties.git.properties.sha.type,parentSchema:baseline_validator_schema11.properties.git.properties.sha,data:data5};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}if(data4.ref !== undefined){let data6 = data4.ref;if((typeof data6 !== "string") && (data6 !== null)){const err16 = {instancePath:instancePath+"/git/ref",schemaPath:"#/properties/git/properties/ref/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.ref.type},message:"must be string,null",schema:baseline_validator_schema11.properties.git.properties.ref.type,parentSchema:baseline_validator_schema11.properties.git.properties.ref,data:data6};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}}if(data4.repository !== undefined){let data7 = data4.repository;if((typeof data7 !== "string") && (data7 !== null)){const err17 = {instancePath:instancePath+"/git/repository",schemaPath:"#/properties/git/properties/repository/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.repository.type},message:"must be string,null",schema:baseline_validator_schema11.properties.git.properties.repository.type,parentSchema:baseline_validator_schema11.properties.git.properties.repository,data:data7};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}if(data4.run_id !== undefined){let data8 = data4.run_id;if((typeof data8 !== "string") && (data8 !== null)){const err18 = {instancePath:instancePath+"/git/run_id",schemaPath:"#/properties/git/properties/run_id/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.run_id.type},message:"must be string,null",schema:baseline_validator_schema11.properties.git.properties.run_id.type,parentSchema:baseline_validator_schema11.properties.git.properties.run_id,data:data8};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}if(data4.run_url !== undefined){let data9 = data4.run_url;if((typeof data9 !== "string") && (data9 !== null)){const err19 = {instancePath:instancePath+"/git/run_url",schemaPath:"#/properties/git/properties/run_url/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.run_url.type},message:"must be string,null",schema:baseline_validator_schema11.properties.git.properties.run_url.type,parentSchema:baseline_validator_schema11.properties.git.properties.run_url,data:data9};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}if(data4.pull_request !== undefined){let data10 = data4.pull_request;if((!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))) && (data10 !== null)){const err20 = {instancePath:instancePath+"/git/pull_request",schemaPath:"#/properties/git/properties/pull_request/type",keyword:"type",params:{type: baseline_validator_schema11.properties.git.properties.pull_request.type},message:"must be integer,null",schema:baseline_validator_schema11.properties.git.properties.pull_request.type,parentSchema:baseline_validator_schema11.properties.git.properties.pull_request,data:data10};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}}else {const err21 = {instancePath:instancePath+"/git",schemaPath:"#/properties/git/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.git.type,parentSchema:baseline_validator_schema11.properties.git,data:data4};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}}if(data.config !== undefined){let data11 = data.config;if(data11 && typeof data11 == "object" && !Array.isArray(data11)){if(data11.files === undefined){const err22 = {instancePath:instancePath+"/config",schemaPath:"#/properties/config/required",keyword:"required",params:{missingProperty: "files"},message:"must have required property '"+"files"+"'",schema:baseline_validator_schema11.properties.config.required,parentSchema:baseline_validator_schema11.properties.config,data:data11};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}if(data11.environment === undefined){const err23 = {instancePath:instancePath+"/config",schemaPath:"#/properties/config/required",keyword:"required",params:{missingProperty: "environment"},message:"must have required property '"+"environment"+"'",schema:baseline_validator_schema11.properties.config.required,parentSchema:baseline_validator_schema11.properties.config,data:data11};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}if(data11.files !== undefined){let data12 = data11.files;if(Array.isArray(data12)){const len0 = data12.length;for(let i0=0; i0<len0; i0++){let data13 = data12[i0];if(typeof data13 !== "string"){const err24 = {instancePath:instancePath+"/config/files/" + i0,schemaPath:"#/properties/config/properties/files/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.config.properties.files.items.type,parentSchema:baseline_validator_schema11.properties.config.properties.files.items,data:data13};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}}else {const err25 = {instancePath:instancePath+"/config/files",schemaPath:"#/properties/config/properties/files/type",keyword:"type",params:{type: "array"},message:"must be array",schema:baseline_validator_schema11.properties.config.properties.files.type,parentSchema:baseline_validator_schema11.properties.config.properties.files,data:data12};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}}if(data11.environment !== undefined){let data14 = data11.environment;if(!(data14 && typeof data14 == "object" && !Array.isArray(data14))){const err26 = {instancePath:instancePath+"/config/environment",schemaPath:"#/properties/config/properties/environment/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.config.properties.environment.type,parentSchema:baseline_validator_schema11.properties.config.properties.environment,data:data14};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}}}else {const err27 = {instancePath:instancePath+"/config",schemaPath:"#/properties/config/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.config.type,parentSchema:baseline_validator_schema11.properties.config,data:data11};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}}if(data.services !== undefined){let data15 = data.services;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){for(const key1 in data15){let data16 = data15[key1];if(data16 && typeof data16 == "object" && !Array.isArray(data16)){if(data16.kind === undefined){const err28 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/services/additionalProperties/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties,data:data16};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}if(data16.target === undefined){const err29 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/services/additionalProperties/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties,data:data16};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}if(data16.latency === undefined){const err30 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/services/additionalProperties/required",keyword:"required",params:{missingProperty: "latency"},message:"must have required property '"+"latency"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties,data:data16};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}for(const key2 in data16){if(!(((key2 === "kind") || (key2 === "target")) || (key2 === "latency"))){const err31 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/services/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:baseline_validator_schema11.properties.services.additionalProperties,data:data16};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}}if(data16.kind !== undefined){let data17 = data16.kind;if(!((((data17 === "http") || (data17 === "postgres")) || (data17 === "tcp")) || (data17 === "command"))){const err32 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/kind",schemaPath:"#/properties/services/additionalProperties/properties/kind/enum",keyword:"enum",params:{allowedValues: baseline_validator_schema11.properties.services.additionalProperties.properties.kind.enum},message:"must be equal to one of the allowed values",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.kind.enum,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.kind,data:data17};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}}if(data16.target !== undefined){let data18 = data16.target;if(typeof data18 !== "string"){const err33 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/target",schemaPath:"#/properties/services/additionalProperties/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.target.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.target,data:data18};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}}if(data16.latency !== undefined){let data19 = data16.latency;if(data19 && typeof data19 == "object" && !Array.isArray(data19)){if(data19.samples === undefined){const err34 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency",schemaPath:"#/properties/services/additionalProperties/properties/latency/required",keyword:"required",params:{missingProperty: "samples"},message:"must have required property '"+"samples"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency,data:data19};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}if(data19.percentiles === undefined){const err35 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency",schemaPath:"#/properties/services/additionalProperties/properties/latency/required",keyword:"required",params:{missingProperty: "percentiles"},message:"must have required property '"+"percentiles"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency,data:data19};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}for(const key3 in data19){if(!((key3 === "samples") || (key3 === "percentiles"))){const err36 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency",schemaPath:"#/properties/services/additionalProperties/properties/latency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency,data:data19};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}}if(data19.samples !== undefined){let data20 = data19.samples;if(Array.isArray(data20)){const len1 = data20.length;for(let i1=0; i1<len1; i1++){let data21 = data20[i1];if((typeof data21 == "number") && (isFinite(data21))){if(data21 < 0 || isNaN(data21)){const err37 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/samples/" + i1,schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/samples/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.samples.items,data:data21};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}}else {const err38 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/samples/" + i1,schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/samples/items/type",keyword:"type",params:{type: "number"},message:"must be number",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.samples.items.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.samples.items,data:data21};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;}}}else {const err39 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/samples",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/samples/type",keyword:"type",params:{type: "array"},message:"must be array",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.samples.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.samples,data:data20};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}if(data19.percentiles !== undefined){let data22 = data19.percentiles;if(data22 && typeof data22 == "object" && !Array.isArray(data22)){if(data22.count === undefined){const err40 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}if(data22.p50 === undefined){const err41 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/required",keyword:"required",params:{missingProperty: "p50"},message:"must have required property '"+"p50"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}if(data22.p90 === undefined){const err42 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/required",keyword:"required",params:{missingProperty: "p90"},message:"must have required property '"+"p90"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}if(data22.p95 === undefined){const err43 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/required",keyword:"required",params:{missingProperty: "p95"},message:"must have required property '"+"p95"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}if(data22.p99 === undefined){const err44 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/required",keyword:"required",params:{missingProperty: "p99"},message:"must have required property '"+"p99"+"'",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.required,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}if(data22.p50 !== undefined){let data23 = data22.p50;if((!((typeof data23 == "number") && (isFinite(data23)))) && (data23 !== null)){const err45 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/p50",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/p50/type",keyword:"type",params:{type: baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p50.type},message:"must be number,null",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p50.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p50,data:data23};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}}if(data22.p90 !== undefined){let data24 = data22.p90;if((!((typeof data24 == "number") && (isFinite(data24)))) && (data24 !== null)){const err46 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/p90",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/p90/type",keyword:"type",params:{type: baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p90.type},message:"must be number,null",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p90.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p90,data:data24};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}}if(data22.p95 !== undefined){let data25 = data22.p95;if((!((typeof data25 == "number") && (isFinite(data25)))) && (data25 !== null)){const err47 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/p95",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/p95/type",keyword:"type",params:{type: baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p95.type},message:"must be number,null",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p95.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p95,data:data25};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}}if(data22.p99 !== undefined){let data26 = data22.p99;if((!((typeof data26 == "number") && (isFinite(data26)))) && (data26 !== null)){const err48 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/p99",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/p99/type",keyword:"type",params:{type: baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p99.type},message:"must be number,null",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p99.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.p99,data:data26};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}}if(data22.iqr !== undefined){let data27 = data22.iqr;if((!((typeof data27 == "number") && (isFinite(data27)))) && (data27 !== null)){const err49 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/iqr",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/iqr/type",keyword:"type",params:{type: baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.iqr.type},message:"must be number,null",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.iqr.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.iqr,data:data27};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}}if(data22.count !== undefined){let data28 = data22.count;if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){const err50 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/count",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.count.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.count,data:data28};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}if((typeof data28 == "number") && (isFinite(data28))){if(data28 < 0 || isNaN(data28)){const err51 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles/count",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/properties/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.properties.count,data:data28};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}}}}else {const err52 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency/percentiles",schemaPath:"#/properties/services/additionalProperties/properties/latency/properties/percentiles/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.properties.percentiles,data:data22};if(vErrors === null){vErrors = [err52];}else {vErrors.push(err52);}errors++;}}}else {const err53 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/latency",schemaPath:"#/properties/services/additionalProperties/properties/latency/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties.properties.latency,data:data19};if(vErrors === null){vErrors = [err53];}else {vErrors.push(err53);}errors++;}}}else {const err54 = {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/services/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.services.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.services.additionalProperties,data:data16};if(vErrors === null){vErrors = [err54];}else {vErrors.push(err54);}errors++;}}}else {const err55 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.services.type,parentSchema:baseline_validator_schema11.properties.services,data:data15};if(vErrors === null){vErrors = [err55];}else {vErrors.push(err55);}errors++;}}if(data.schemas !== undefined){let data29 = data.schemas;if(data29 && typeof data29 == "object" && !Array.isArray(data29)){for(const key4 in data29){let data30 = data29[key4];if(data30 && typeof data30 == "object" && !Array.isArray(data30)){if(data30.extensions === undefined){const err56 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/required",keyword:"required",params:{missingProperty: "extensions"},message:"must have required property '"+"extensions"+"'",schema:baseline_validator_schema11.properties.schemas.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err56];}else {vErrors.push(err56);}errors++;}if(data30.tables === undefined){const err57 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/required",keyword:"required",params:{missingProperty: "tables"},message:"must have required property '"+"tables"+"'",schema:baseline_validator_schema11.properties.schemas.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err57];}else {vErrors.push(err57);}errors++;}if(data30.indexes === undefined){const err58 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/required",keyword:"required",params:{missingProperty: "indexes"},message:"must have required property '"+"indexes"+"'",schema:baseline_validator_schema11.properties.schemas.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err58];}else {vErrors.push(err58);}errors++;}if(data30.constraints === undefined){const err59 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/required",keyword:"required",params:{missingProperty: "constraints"},message:"must have required property '"+"constraints"+"'",schema:baseline_validator_schema11.properties.schemas.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err59];}else {vErrors.push(err59);}errors++;}if(data30.migration === undefined){const err60 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/required",keyword:"required",params:{missingProperty: "migration"},message:"must have required property '"+"migration"+"'",schema:baseline_validator_schema11.properties.schemas.additionalProperties.required,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err60];}else {vErrors.push(err60);}errors++;}for(const key5 in data30){if(!(((((key5 === "extensions") || (key5 === "tables")) || (key5 === "indexes")) || (key5 === "constraints")) || (key5 === "migration"))){const err61 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err61];}else {vErrors.push(err61);}errors++;}}if(data30.extensions !== undefined){let data31 = data30.extensions;if(data31 && typeof data31 == "object" && !Array.isArray(data31)){for(const key6 in data31){let data32 = data31[key6];if(typeof data32 !== "string"){const err62 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/extensions/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/properties/extensions/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.extensions.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.extensions.additionalProperties,data:data32};if(vErrors === null){vErrors = [err62];}else {vErrors.push(err62);}errors++;}}}else {const err63 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/extensions",schemaPath:"#/properties/schemas/additionalProperties/properties/extensions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.extensions.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.extensions,data:data31};if(vErrors === null){vErrors = [err63];}else {vErrors.push(err63);}errors++;}}if(data30.tables !== undefined){let data33 = data30.tables;if(data33 && typeof data33 == "object" && !Array.isArray(data33)){for(const key7 in data33){let data34 = data33[key7];if(data34 && typeof data34 == "object" && !Array.isArray(data34)){for(const key8 in data34){let data35 = data34[key8];if(typeof data35 !== "string"){const err64 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/tables/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/properties/tables/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables.additionalProperties.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables.additionalProperties.additionalProperties,data:data35};if(vErrors === null){vErrors = [err64];}else {vErrors.push(err64);}errors++;}}}else {const err65 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/tables/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/properties/tables/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables.additionalProperties,data:data34};if(vErrors === null){vErrors = [err65];}else {vErrors.push(err65);}errors++;}}}else {const err66 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/tables",schemaPath:"#/properties/schemas/additionalProperties/properties/tables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.tables,data:data33};if(vErrors === null){vErrors = [err66];}else {vErrors.push(err66);}errors++;}}if(data30.indexes !== undefined){let data36 = data30.indexes;if(data36 && typeof data36 == "object" && !Array.isArray(data36)){for(const key9 in data36){let data37 = data36[key9];if(typeof data37 !== "string"){const err67 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/indexes/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/properties/indexes/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.indexes.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.indexes.additionalProperties,data:data37};if(vErrors === null){vErrors = [err67];}else {vErrors.push(err67);}errors++;}}}else {const err68 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/indexes",schemaPath:"#/properties/schemas/additionalProperties/properties/indexes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.indexes.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.indexes,data:data36};if(vErrors === null){vErrors = [err68];}else {vErrors.push(err68);}errors++;}}if(data30.constraints !== undefined){let data38 = data30.constraints;if(data38 && typeof data38 == "object" && !Array.isArray(data38)){for(const key10 in data38){let data39 = data38[key10];if(typeof data39 !== "string"){const err69 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/properties/constraints/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.constraints.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.constraints.additionalProperties,data:data39};if(vErrors === null){vErrors = [err69];}else {vErrors.push(err69);}errors++;}}}else {const err70 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/constraints",schemaPath:"#/properties/schemas/additionalProperties/properties/constraints/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.constraints.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.constraints,data:data38};if(vErrors === null){vErrors = [err70];}else {vErrors.push(err70);}errors++;}}if(data30.migration !== undefined){let data40 = data30.migration;if((typeof data40 !== "string") && (data40 !== null)){const err71 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/migration",schemaPath:"#/properties/schemas/additionalProperties/properties/migration/type",keyword:"type",params:{type: baseline_validator_schema11.properties.schemas.additionalProperties.properties.migration.type},message:"must be string,null",schema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.migration.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties.properties.migration,data:data40};if(vErrors === null){vErrors = [err71];}else {vErrors.push(err71);}errors++;}}}else {const err72 = {instancePath:instancePath+"/schemas/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/schemas/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.additionalProperties.type,parentSchema:baseline_validator_schema11.properties.schemas.additionalProperties,data:data30};if(vErrors === null){vErrors = [err72];}else {vErrors.push(err72);}errors++;}}}else {const err73 = {instancePath:instancePath+"/schemas",schemaPath:"#/properties/schemas/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.properties.schemas.type,parentSchema:baseline_validator_schema11.properties.schemas,data:data29};if(vErrors === null){vErrors = [err73];}else {vErrors.push(err73);}errors++;}}}else {const err74 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:baseline_validator_schema11.type,parentSchema:baseline_validator_schema11,data};if(vErrors === null){vErrors = [err74];}else {vErrors.push(err74);}errors++;}baseline_validator_validate10.errors = vErrors;return errors === 0;}

;// CONCATENATED MODULE: ./src/judge/latency-regression.ts
// Is the new deployment slower than the baseline? Kayenta-style judgement on two latency samples:
// drop far outliers, test with Mann-Whitney U, size the shift with Hodges-Lehmann and its confidence
// interval, and call a regression only when the whole interval lies beyond the tolerance. Rank-based,
// so the heavy right tail of latencies neither hides nor fakes a shift. Pure: no I/O, no clock.

const DEFAULT_CONFIDENCE = 0.98;
const DEFAULT_MIN_SAMPLES = 10;
// Kayenta's default: only values this many IQRs beyond the quartiles are errors, not slow requests.
const OUTLIER_IQRS = 3;
// On the log scale a doubled spread (ratio 2) is told from noise with 30 samples a side: the sample
// ratio's log has a standard error near 0.19, so 1.5 catches ~94% of doublings and ~1.5% of no change.
const VARIANCE_RATIO_LIMIT = 1.5;
function compareLatency(baseline, target, options) {
    const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
    // At least one sample a side, or there is nothing to compare.
    const minSamples = Math.max(1, options.minSamples ?? DEFAULT_MIN_SAMPLES);
    if (!(options.maxIncrease >= 0))
        throw new RangeError(`maxIncrease must be >= 0, got ${options.maxIncrease}`);
    if (!(confidence > 0 && confidence < 1))
        throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
    const base = withoutOutliers(baseline);
    const targ = withoutOutliers(target);
    const basePct = percentiles(base);
    const targPct = percentiles(targ);
    const dropped = baseline.length - base.length + (target.length - targ.length);
    const droppedNote = dropped > 0 ? `; ${(0,wording/* count */.U9)(dropped, 'outlier')} beyond ${OUTLIER_IQRS}×IQR dropped` : '';
    if (base.length < minSamples || targ.length < minSamples) {
        return {
            verdict: 'inconclusive',
            reason: `inconclusive: too few samples (${base.length} baseline, ${targ.length} target; ` +
                `need ${minSamples} each)${droppedNote}`,
            pValue: null,
            shiftMs: null,
            interval: null,
            relativeShift: null,
            varianceRatio: null,
            varianceIncreased: false,
            baseline: basePct,
            target: targPct
        };
    }
    const pValue = mannWhitneyGreater(base, targ);
    const { shift, interval } = hodgesLehmann(base, targ, confidence);
    const tolerance = Math.max(options.maxIncrease * basePct.p50, options.minShiftMs ?? 0);
    const regression = interval[0] > tolerance;
    const baseSpread = logSpread(base);
    const varianceRatio = baseSpread > 0 ? logSpread(targ) / baseSpread : null;
    const varianceIncreased = varianceRatio !== null && varianceRatio > VARIANCE_RATIO_LIMIT;
    const level = `${round(confidence * 100)}%`;
    const found = `median ${ms(basePct.p50)} → ${ms(targPct.p50)}, shift ${signedMs(shift)} ` +
        `(${level} interval ${signedMs(interval[0])} to ${signedMs(interval[1])}, ${pText(pValue)})`;
    const limit = `${round(options.maxIncrease * 100)}% tolerance (${ms(tolerance)})`;
    const spread = varianceIncreased
        ? `; the spread grew ${round(varianceRatio)}× (IQR ${ms(basePct.iqr)} → ${ms(targPct.iqr)})`
        : '';
    const compared = `${base.length} baseline vs ${targ.length} target samples`;
    const reason = regression
        ? `latency regression: ${compared}, ${found}, entirely beyond the ${limit}${spread}${droppedNote}`
        : `no latency regression: ${compared}, ${found}, not beyond the ${limit}${spread}${droppedNote}`;
    return {
        verdict: regression ? 'regression' : 'pass',
        reason,
        pValue,
        shiftMs: shift,
        interval,
        relativeShift: basePct.p50 > 0 ? shift / basePct.p50 : null,
        varianceRatio,
        varianceIncreased,
        baseline: basePct,
        target: targPct
    };
}
/** Sorted finite values within Q1 − 3·IQR .. Q3 + 3·IQR. */
function withoutOutliers(values) {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0)
        return sorted;
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    const low = q1 - OUTLIER_IQRS * (q3 - q1);
    const high = q3 + OUTLIER_IQRS * (q3 - q1);
    return sorted.filter(v => v >= low && v <= high);
}
function percentiles(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return {
        count: sorted.length,
        p50: quantile(sorted, 0.5),
        p90: quantile(sorted, 0.9),
        p95: quantile(sorted, 0.95),
        p99: quantile(sorted, 0.99),
        iqr: quantile(sorted, 0.75) - quantile(sorted, 0.25)
    };
}
/** Linear interpolation between closest ranks (R's type 7, numpy's default); NaN when empty. */
function quantile(sorted, p) {
    const h = (sorted.length - 1) * p;
    const below = sorted[Math.floor(h)];
    const above = sorted[Math.ceil(h)];
    if (below === undefined || above === undefined)
        return NaN;
    return below + (h - Math.floor(h)) * (above - below);
}
/**
 * One-sided p-value that target values tend to be larger: normal approximation of U with the tie
 * correction of its variance and a continuity correction, accurate enough from ~10 samples a side.
 */
function mannWhitneyGreater(baseline, target) {
    const n = baseline.length;
    const m = target.length;
    const all = [...baseline.map(v => ({ v, target: false })), ...target.map(v => ({ v, target: true }))];
    all.sort((a, b) => a.v - b.v);
    let targetRanks = 0;
    let tieTerm = 0;
    for (let i = 0; i < all.length;) {
        let j = i;
        while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v)
            j++;
        // Tied values share the mean of the ranks i+1 .. j+1.
        const rank = (i + j + 2) / 2;
        const ties = j - i + 1;
        tieTerm += ties ** 3 - ties;
        for (let k = i; k <= j; k++)
            if (all[k]?.target)
                targetRanks += rank;
        i = j + 1;
    }
    const u = targetRanks - (m * (m + 1)) / 2;
    const total = n + m;
    const variance = ((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
    // Every value tied: no evidence either way.
    if (!(variance > 0))
        return 1;
    return 1 - normalCdf((u - (n * m) / 2 - 0.5) / Math.sqrt(variance));
}
/**
 * Hodges-Lehmann shift (median of all target − baseline differences) and its distribution-free
 * interval: the k-th smallest and k-th largest difference, k from the normal approximation of U.
 */
function hodgesLehmann(baseline, target, confidence) {
    const n = baseline.length;
    const m = target.length;
    const diffs = new Float64Array(n * m);
    let at = 0;
    for (const t of target)
        for (const b of baseline)
            diffs[at++] = t - b;
    diffs.sort();
    const z = normalQuantile(1 - (1 - confidence) / 2);
    // Too few samples for the confidence asked: the interval widens to the full range.
    const k = Math.max(1, Math.floor((n * m) / 2 - z * Math.sqrt((n * m * (n + m + 1)) / 12)));
    return {
        shift: quantile(diffs, 0.5),
        interval: [diffs[k - 1] ?? NaN, diffs[n * m - k] ?? NaN]
    };
}
function normalCdf(x) {
    return x >= 0 ? 1 - erfc(x / Math.SQRT2) / 2 : erfc(-x / Math.SQRT2) / 2;
}
/** Inverse of normalCdf by bisection: called once per comparison, so simplicity beats speed. */
function normalQuantile(p) {
    let low = -40;
    let high = 40;
    for (let i = 0; i < 100; i++) {
        const mid = (low + high) / 2;
        if (normalCdf(mid) < p)
            low = mid;
        else
            high = mid;
    }
    return (low + high) / 2;
}
// Chebyshev fit of erfc for x >= 0 (Numerical Recipes' erfcc), relative error below 1.2e-7.
const ERFC_COEFFICIENTS = [
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
    -0.82215223, 0.17087277
];
function erfc(x) {
    const t = 1 / (1 + 0.5 * x);
    const poly = ERFC_COEFFICIENTS.reduceRight((sum, c) => c + t * sum, 0);
    return t * Math.exp(-x * x + poly);
}
function round(x) {
    return Math.round(x * 10) / 10;
}
/** A latency to a tenth of a millisecond: `12.3 ms`. */
function ms(x) {
    return `${round(x)} ms`;
}
function signedMs(x) {
    return `${x > 0 ? '+' : ''}${ms(x)}`;
}
function pText(p) {
    return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
/** Standard deviation of the logarithms of the positive values: the spread of a lognormal sample. */
function logSpread(values) {
    const logs = values.filter(value => value > 0).map(Math.log);
    if (logs.length < 2)
        return 0;
    const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
    return Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1));
}

;// CONCATENATED MODULE: ./src/report/baseline-document.ts


const BASELINE_VERSION = 1;
const DEFAULT_BASELINE_PATH = 'deploy-verify-baseline.json';
/** The document to write; the caller redacts it like any other output. */
function buildBaselineDocument(state) {
    const { config } = state;
    // What the run ran, minus what only serves the run itself (secret values, source positions).
    const { secrets, values, resolved, files, ...environment } = config;
    return {
        baseline_version: BASELINE_VERSION,
        environment: config.environment,
        recorded_at: state.recordedAt.toISOString(),
        deployment_id: state.deploymentId,
        git: state.git,
        config: { files, environment: JSON.parse(JSON.stringify(environment)) },
        services: Object.fromEntries(state.services.map(({ name, kind, target, samples }) => {
            const kept = samples.map(baseline_document_round);
            return [name, { kind, target, latency: { samples: kept, percentiles: percentiles(kept) } }];
        })),
        schemas: state.schemas
    };
}
/** The document in `text`, or why it is not a baseline this version can compare with. */
function parseBaselineDocument(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        return { problem: `it is not JSON (${error.message})` };
    }
    const version = parsed?.baseline_version;
    if (version !== undefined && version !== BASELINE_VERSION)
        return {
            problem: `it is baseline version ${String(version)}; this version of deploy-verify reads version 1`
        };
    if (!baseline_validator(parsed))
        return { problem: `it is not a deploy-verify baseline: ${baseline_document_describe(baseline_validator.errors)}` };
    return { document: parsed };
}
function baseline_document_describe(errors) {
    const first = errors?.[0];
    if (!first)
        return 'it does not match the baseline schema';
    return `${first.instancePath || 'the document'} ${first.message ?? 'is invalid'}`;
}
/** Samples are kept to a microsecond: more digits are noise and make the file larger. */
function baseline_document_round(ms) {
    return Math.round(ms * 1000) / 1000;
}

;// CONCATENATED MODULE: ./src/judge/latency-verdict.ts

// A shift below this is the noise of networks and shared runners, not a slower service: a database
// answering in 0.4 ms instead of 0.3 ms is 33% slower and no one's problem.
const MIN_SHIFT_MS = 2;
/** `baseline` is undefined when there is no baseline to compare with. */
function judgeLatency(config, target, baseline) {
    const comparison = baseline
        ? compareLatency([...baseline], [...target], {
            maxIncrease: config.maxIncrease,
            minShiftMs: MIN_SHIFT_MS
        })
        : null;
    const bounds = config.bounds.map(bound => judgeBound(bound, target, baseline));
    const findings = [];
    if (comparison) {
        const status = comparison.verdict === 'regression'
            ? 'failed'
            : comparison.verdict === 'inconclusive'
                ? 'warning'
                : 'passed';
        findings.push({ status, text: comparison.reason });
        // A wider spread matters when it reaches the tail users feel, beyond the tolerance.
        const tailGrew = comparison.target.p95 > comparison.baseline.p95 * (1 + config.maxIncrease) + MIN_SHIFT_MS;
        if (comparison.varianceIncreased && comparison.verdict === 'pass' && tailGrew)
            findings.push({
                status: 'warning',
                text: `the spread of latencies grew: p95 ${ms(comparison.baseline.p95)} → ${ms(comparison.target.p95)}`
            });
    }
    for (const bound of bounds)
        findings.push({ status: bound.status, text: bound.message });
    const status = findings.some(f => f.status === 'failed')
        ? 'failed'
        : findings.some(f => f.status === 'warning')
            ? 'warning'
            : 'passed';
    // Problems first: a reader sees why before the rest.
    const order = { failed: 0, warning: 1, passed: 2 };
    const message = findings
        .sort((a, b) => order[a.status] - order[b.status])
        .map(f => f.text)
        .join('; ');
    return {
        status,
        message: message || `${target.length} samples, median ${ms(percentiles(target).p50)}`,
        comparison,
        bounds,
        target: percentiles(target)
    };
}
function judgeBound(bound, target, baseline) {
    const at = (values) => quantile([...values].sort((a, b) => a - b), bound.percentile / 100);
    const observed = target.length ? at(target) : null;
    const base = baseline?.length ? at(baseline) : null;
    const limit = 'ms' in bound.limit ? bound.limit.ms : base === null ? null : base * (1 + bound.limit.increase);
    const name = `p${bound.percentile}`;
    if (observed === null)
        return {
            bound: bound.text,
            observed,
            limit,
            status: 'warning',
            message: `${bound.text}: no samples to judge`
        };
    if (limit === null)
        return {
            bound: bound.text,
            observed,
            limit,
            status: 'warning',
            message: `${bound.text}: no baseline to compare with (${name} is ${ms(observed)})`
        };
    const holds = bound.op === '<' ? observed < limit : observed <= limit;
    const relative = 'increase' in bound.limit && base !== null ? ` (baseline ${ms(base)})` : '';
    return {
        bound: bound.text,
        observed,
        limit,
        status: holds ? 'passed' : 'failed',
        message: `${name} ${ms(observed)} ${holds ? 'within' : 'breaks'} ${bound.text}: limit ${ms(limit)}${relative}`
    };
}

;// CONCATENATED MODULE: ./src/judge/schema-drift.ts
function compareSchemas(baseline, live) {
    const differences = [];
    const add = (kind, severity, subject, message) => differences.push({ kind, severity, subject, message });
    for (const [name, version] of Object.entries(baseline.extensions)) {
        const now = live.extensions[name];
        if (now === undefined)
            add('missing-extension', 'failed', name, `extension ${name} ${version} is not installed`);
        else if (now !== version)
            add('extension-version', 'warning', name, `extension ${name} is ${now}, the baseline had ${version}`);
    }
    for (const [table, columns] of Object.entries(baseline.tables)) {
        const now = live.tables[table];
        if (!now) {
            add('missing-table', 'failed', table, `table ${table} does not exist`);
            continue;
        }
        for (const [column, type] of Object.entries(columns)) {
            const subject = `${table}.${column}`;
            if (now[column] === undefined)
                add('missing-column', 'failed', subject, `column ${subject} (${type}) does not exist`);
            else if (now[column] !== type)
                add('column-type', 'failed', subject, `column ${subject} is ${now[column]}, the baseline had ${type}`);
        }
        for (const column of Object.keys(now).filter(column => !(column in columns))) {
            add('extra-column', 'warning', `${table}.${column}`, `column ${table}.${column} is not in the baseline`);
        }
    }
    for (const table of Object.keys(live.tables).filter(table => !(table in baseline.tables))) {
        add('extra-table', 'warning', table, `table ${table} is not in the baseline`);
    }
    // An index of a missing table is already said by the table.
    const tableGone = (definition) => Object.keys(baseline.tables).some(t => !live.tables[t] && definition.includes(` ON ${t} `));
    for (const [name, definition] of Object.entries(baseline.indexes)) {
        if (live.indexes[name] === undefined && !tableGone(definition)) {
            add('missing-index', 'warning', name, `index ${name} is missing: ${definition}`);
        }
    }
    for (const name of Object.keys(live.indexes).filter(name => !(name in baseline.indexes))) {
        add('extra-index', 'warning', name, `index ${name} is not in the baseline: ${live.indexes[name]}`);
    }
    for (const [name, definition] of Object.entries(baseline.constraints)) {
        const table = name.slice(0, name.lastIndexOf('.'));
        if (live.constraints[name] === undefined && live.tables[table]) {
            add('missing-constraint', 'failed', name, `constraint ${name} is missing: ${definition}`);
        }
    }
    for (const name of Object.keys(live.constraints).filter(name => !(name in baseline.constraints))) {
        add('extra-constraint', 'warning', name, `constraint ${name} is not in the baseline: ${live.constraints[name]}`);
    }
    if (baseline.migration !== live.migration) {
        add('migration', 'warning', 'migration', `the latest migration is ${live.migration ?? 'none'}, the baseline had ${baseline.migration ?? 'none'}`);
    }
    return differences;
}

;// CONCATENATED MODULE: ./src/phases/baseline.ts






/** Services whose latency can be sampled: a command's run time is not a service's latency. */
function sampledServices(services) {
    return services.filter(service => service.probe.kind !== 'command');
}
/**
 * `count` timed requests per service, one after another and one service at a time, so that the
 * samples measure the service rather than our own concurrency. Failed requests are no sample.
 */
async function sampleLatencies(services, count, context) {
    const samples = new Map();
    for (const service of services) {
        const taken = [];
        for (let i = 0; i < count && !context.signal?.aborted; i++) {
            const { judgement } = await attemptOnce(service.probe, service.policy.timeoutMs, context);
            if (judgement.ok && judgement.responseTimeMs !== undefined)
                taken.push(judgement.responseTimeMs);
        }
        samples.set(service.name, taken);
        context.logger.info(`${service.name}: ${taken.length} of ${count} latency samples taken`);
    }
    return samples;
}
/** The schema of every PostgreSQL service; one that cannot be read is left out, with the reason. */
async function snapshotSchemas(services, schema, context) {
    const { snapshotSchema } = await Promise.all(/* import() */[__nccwpck_require__.e(849), __nccwpck_require__.e(598)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8598));
    const snapshots = {};
    const problems = {};
    for (const service of services) {
        if (service.probe.kind !== 'postgres')
            continue;
        try {
            snapshots[service.name] = await snapshotSchema(service.probe.url, {
                timeoutMs: service.policy.timeoutMs,
                migrationsTable: schema.migrationsTable
            });
        }
        catch (error) {
            problems[service.name] = error.message;
            context.logger.warning(`${service.name}: could not read the schema: ${error.message}`);
        }
    }
    return { snapshots, problems };
}
/** Records `baseline.latency.<service>` for each sampled service. */
function judgeLatencies(config, services, samples, baseline, context) {
    const findings = {};
    for (const service of services) {
        const identity = serviceComparison('latency', service);
        const target = samples.get(service.name) ?? [];
        const recorded = baseline?.services[service.name]?.latency.samples;
        if (baseline && !recorded) {
            context.record(decidedCheck(identity, 'warning', `not in the baseline: ${(0,wording/* count */.U9)(target.length, 'sample')} taken, nothing to compare with`));
            continue;
        }
        const verdict = judgeLatency(config.latency, target, recorded);
        const { comparison } = verdict;
        findings[service.name] = {
            status: verdict.status,
            p_value: comparison?.pValue ?? null,
            shift_ms: comparison?.shiftMs ?? null,
            interval_ms: comparison?.interval ?? null,
            relative_shift: comparison?.relativeShift ?? null,
            variance_ratio: comparison?.varianceRatio ?? null,
            baseline: comparison?.baseline ?? null,
            target: verdict.target,
            bounds: verdict.bounds
        };
        context.record(decidedCheck(identity, verdict.status, verdict.message, { latency: findings[service.name] }));
    }
    return findings;
}
/** Records `baseline.schema.<service>` for each PostgreSQL service the baseline has a snapshot of. */
function judgeSchemas(services, live, baseline, context) {
    const findings = {};
    for (const service of services) {
        if (service.probe.kind !== 'postgres')
            continue;
        const identity = serviceComparison('schema', service);
        const recorded = baseline.schemas[service.name];
        const snapshot = live.snapshots[service.name];
        if (!recorded) {
            context.record(decidedCheck(identity, 'warning', 'not in the baseline: its schema was not compared'));
        }
        else if (!snapshot) {
            context.record(decidedCheck(identity, 'error', `could not read the schema: ${live.problems[service.name] ?? 'unknown error'}`));
        }
        else {
            const differences = compareSchemas(recorded, snapshot);
            findings[service.name] = differences;
            const status = differences.some(d => d.severity === 'failed')
                ? 'failed'
                : differences.length
                    ? 'warning'
                    : 'passed';
            const message = differences.length
                ? differences.map(d => d.message).join('; ')
                : `same schema as the baseline (${(0,wording/* count */.U9)(Object.keys(snapshot.tables).length, 'table')}, ${(0,wording/* count */.U9)(Object.keys(snapshot.extensions).length, 'extension')})`;
            context.record(decidedCheck(identity, status, message, { differences }));
        }
    }
    return findings;
}
/**
 * `baseline.<key>`: a comparison informs the verdict but is never critical, whatever it compares.
 * Checks of one service's figures point at the service's line unless `source` says otherwise.
 */
function baselineIdentity(key, name, source, target = '') {
    return { id: checkId('baseline', key), category: 'baseline', name, critical: false, source, target };
}
/** `baseline.<kind>.<service>`, pointing at the service (or at `source`) and showing its target. */
function serviceComparison(kind, service, source = service.source) {
    return baselineIdentity(`${kind}.${service.name}`, `${service.name} ${kind}`, source, describeTarget(service.probe));
}

;// CONCATENATED MODULE: ./src/phases/burst.ts





/** Enough for 10 requests per second to a service taking 25 s each; beyond it we would load-test ourselves. */
const MAX_IN_FLIGHT = 256;
const MAX_REASONS = 3;
/** Records `baseline.throughput.<service>` for each service of the burst, one service at a time. */
async function runBursts(throughput, services, context) {
    const reports = {};
    for (const service of services.filter(s => throughput.services.includes(s.name))) {
        if (context.signal?.aborted)
            break;
        const report = await burst(service, throughput, context);
        reports[service.name] = report;
        const failed = report.requests === 0 || report.error_rate > throughput.maxErrorRate;
        const seen = report.failure_reasons.length ? `; seen: ${report.failure_reasons.join('; ')}` : '';
        const late = report.late_starts ? `, ${report.late_starts} started late` : '';
        const p95 = report.latency.count ? `; p95 ${Math.round(report.latency.p95)} ms` : '';
        const cancelled = context.signal?.aborted ? '; the burst was cut short by a cancellation' : '';
        const figures = report.requests
            ? `${report.failures} of ${report.requests} requests failed (${(0,wording/* percent */.KN)(report.error_rate)}, at most ${(0,wording/* percent */.KN)(throughput.maxErrorRate)}) at ${report.achieved_rps} requests/s${late}${p95}${seen}`
            : 'no request was answered';
        context.record(decidedCheck(serviceComparison('throughput', service, throughput.source), failed ? 'failed' : 'passed', `${figures}${cancelled}`, { throughput: report }));
    }
    return reports;
}
async function burst(service, throughput, context) {
    const { clock, signal } = context;
    // One request per tick i/rate within the duration, like the monitor's: 1/s for 400 ms is one, not none.
    const total = Math.ceil((throughput.ratePerSecond * throughput.durationMs) / 1000);
    const spacing = 1000 / throughput.ratePerSecond;
    const start = clock.now();
    const inFlight = new Set();
    const outcomes = [];
    let lateStarts = 0;
    for (let i = 0; i < total && !signal?.aborted; i++) {
        const wait = start + i * spacing - clock.now();
        if (wait > 0)
            await clock.sleep(wait, signal).catch(() => undefined);
        if (inFlight.size >= MAX_IN_FLIGHT) {
            lateStarts++;
            await Promise.race(inFlight);
        }
        if (signal?.aborted)
            break;
        const request = attemptOnce(service.probe, service.policy.timeoutMs, context).then(({ judgement }) => {
            // A request cut off by the cancellation says nothing about the service.
            if (!signal?.aborted)
                outcomes.push({ ok: judgement.ok, ms: judgement.responseTimeMs, failures: judgement.failures });
            inFlight.delete(request);
        });
        inFlight.add(request);
    }
    await Promise.all(inFlight);
    const elapsedS = Math.max(clock.now() - start, throughput.durationMs) / 1000;
    const failures = outcomes.filter(o => !o.ok).length;
    return {
        requests: outcomes.length,
        failures,
        error_rate: outcomes.length ? failures / outcomes.length : 1,
        achieved_rps: Math.round((outcomes.length / elapsedS) * 10) / 10,
        late_starts: lateStarts,
        latency: percentiles(outcomes.flatMap(o => (o.ok && o.ms !== undefined ? [o.ms] : []))),
        failure_reasons: [...new Set(outcomes.flatMap(o => o.failures))].slice(0, MAX_REASONS)
    };
}

;// CONCATENATED MODULE: ./src/phases/comparison.ts
// After the checks: latency samples, then the comparison with the recorded baseline (verify mode) or
// the recording of a new one (baseline mode). A missing or unreadable baseline is a visible warning,
// never a silent pass; a baseline is recorded only from an environment whose checks all passed.













async function runComparison(request, context) {
    const { config, mode, usable } = request;
    const section = {
        mode,
        source: null,
        recorded: null,
        config: null,
        latency: {},
        schema: {},
        throughput: {}
    };
    if (config.baseline.compareConfig)
        section.config = await compareConfig(request, config.baseline.compareConfig, context);
    const baseline = mode === 'verify' ? await comparison_readBaseline(request, context) : undefined;
    if (baseline)
        section.source = {
            origin: baseline.origin,
            environment: baseline.document.environment,
            recorded_at: baseline.document.recorded_at,
            deployment_id: baseline.document.deployment_id,
            sha: baseline.document.git.sha
        };
    const latency = config.baseline.latency;
    const judgesLatency = mode === 'baseline' || baseline !== undefined || latency.bounds.length > 0;
    const sampled = sampledServices(usable);
    const taken = judgesLatency && latency.samples > 0 && sampled.length
        ? await context.logger.group('Latency samples', () => sampleLatencies(sampled, latency.samples, context))
        : new Map();
    const samples = mergeSamples(taken, request.monitorSamples);
    if (config.baseline.throughput) {
        const { throughput } = config.baseline;
        section.throughput = await context.logger.group('Throughput burst', () => runBursts(throughput, usable, context));
    }
    if (mode === 'baseline') {
        const written = await recordBaseline(request, samples, context);
        if (written)
            section.recorded = { path: written.shown };
        return { section, writtenPath: written?.path };
    }
    if (baseline && config.baseline.schema) {
        const live = await snapshotSchemas(usable, config.baseline.schema, context);
        section.schema = judgeSchemas(usable, live, baseline.document, context);
    }
    if (judgesLatency)
        section.latency = judgeLatencies(config.baseline, sampled, samples, baseline?.document, context);
    return { section };
}
/**
 * Config drift against the local environment file: `baseline.config.<path>` for each difference
 * that fails or warns, else one passing `baseline.config`. The local file is read as it would be
 * locally, its variables taking their own defaults rather than the target's values (GitHub's own
 * variables excepted); its secrets are hidden like the target's.
 */
async function compareConfig(request, compare, context) {
    const { config } = request;
    const identity = baselineIdentity('config', 'config drift', compare.source, compare.file);
    let local;
    try {
        local = await loadEnvironment({
            configPath: compare.path,
            workingDirectory: request.workingDirectory,
            workspace: request.workspace,
            env: githubDefaults(request.env)
        });
    }
    catch (error) {
        if (error instanceof ConfigError)
            context.addSecrets(error.secrets);
        context.record(decidedCheck(identity, 'error', `could not read ${compare.file} to compare with: ${error.message}`));
        return { compared_with: compare.file, differences: [] };
    }
    context.addSecrets(local.secrets);
    const differences = compareEnvironments(config, local, config.baseline);
    const notable = differences.filter(drift => drift.status !== 'passed');
    for (const drift of notable) {
        context.record(decidedCheck(baselineIdentity(`config.${drift.path}`, `config ${drift.path}`, drift.target, compare.file), drift.status, drift.message));
    }
    if (!notable.length) {
        const expected = differences.map(drift => drift.path);
        const note = expected.length ? `, apart from the expected differences at ${expected.join(', ')}` : '';
        context.record(decidedCheck(identity, 'passed', `same as ${compare.file} after interpolation${note}`));
    }
    return { compared_with: compare.file, differences };
}
/** The baseline to compare with, or undefined after recording a warning that says why there is none. */
async function comparison_readBaseline(request, context) {
    const { config, baselineInput } = request;
    const warn = (message) => context.record(decidedCheck(baselineIdentity('source', 'baseline', config.baseline.source), 'warning', message));
    if (baselineInput === undefined) {
        if (config.expectsRecordedBaseline)
            warn('no baseline to compare with: latency and schema were not compared with a recorded baseline; set the action input baseline (a file, or artifact)');
        return undefined;
    }
    let origin = baselineInput;
    let path = (0,external_node_path_.resolve)(request.workingDirectory, baselineInput);
    if (baselineInput === 'artifact') {
        const fetched = request.fetchArtifact
            ? await request.fetchArtifact(config.environment)
            : { problem: 'artifacts can only be fetched inside GitHub Actions' };
        if ('problem' in fetched) {
            warn(`no baseline to compare with: the baseline artifact could not be used: ${fetched.problem}`);
            return undefined;
        }
        ;
        ({ origin, path } = fetched);
    }
    const read = (0,files/* readConfinedFile */.p7)(path, (0,files/* inWorkspaceOrRunnerTemp */.g6)(request.workspace, request.env));
    if ('problem' in read) {
        const { reason, fix } = read.problem;
        warn(`no baseline to compare with: ${origin} ${reason}${fix ? `: ${fix}` : ''}`);
        return undefined;
    }
    const parsed = parseBaselineDocument(read.text);
    if ('problem' in parsed) {
        warn(`no baseline to compare with: ${origin} cannot be used: ${parsed.problem}`);
        return undefined;
    }
    const { document } = parsed;
    const other = document.environment !== config.environment ? ` for the environment ${document.environment}` : '';
    const message = `comparing with the baseline ${origin}, recorded ${document.recorded_at} by ${document.deployment_id}${other}`;
    context.record(decidedCheck(baselineIdentity('source', 'baseline', config.baseline.source), other ? 'warning' : 'passed', message));
    return { document, origin };
}
async function recordBaseline(request, samples, context) {
    const { config } = request;
    const shown = request.baselineInput ?? DEFAULT_BASELINE_PATH;
    const identity = baselineIdentity('record', 'record baseline', config.baseline.source);
    const unhealthy = request
        .checksSoFar()
        .filter(check => check.status === 'failed' || check.status === 'error');
    if (unhealthy.length) {
        context.record(decidedCheck(identity, 'failed', `not recorded: a baseline must be known-good, and ${(0,wording/* count */.U9)(unhealthy.length, 'check')} did not pass (${unhealthy.map(c => c.id).join(', ')})`));
        return undefined;
    }
    const schemas = config.baseline.schema
        ? await snapshotSchemas(config.services, config.baseline.schema, context)
        : { snapshots: {}, problems: {} };
    const document = buildBaselineDocument({
        config,
        ...request.recording,
        services: config.services.map(service => ({
            name: service.name,
            kind: service.probe.kind,
            target: describeTarget(service.probe),
            samples: samples.get(service.name) ?? []
        })),
        schemas: schemas.snapshots
    });
    const path = (0,external_node_path_.resolve)(request.workingDirectory, shown);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, `${JSON.stringify(request.redact(document), null, 2)}\n`);
    const sampleCount = [...samples.values()].reduce((sum, taken) => sum + taken.length, 0);
    const missing = Object.keys(schemas.problems);
    context.record(decidedCheck(identity, missing.length ? 'warning' : 'passed', `recorded ${shown}: ${(0,wording/* count */.U9)(sampleCount, 'latency sample')} of ${(0,wording/* count */.U9)(samples.size, 'service')}, ${(0,wording/* count */.U9)(Object.keys(schemas.snapshots).length, 'database schema')}` +
        (missing.length ? `; the schema of ${missing.join(', ')} could not be read` : '')));
    return { path, shown };
}
function mergeSamples(taken, more) {
    const merged = new Map([...taken].map(([name, values]) => [name, [...values]]));
    for (const [name, values] of more ?? [])
        merged.set(name, [...(merged.get(name) ?? []), ...values]);
    return merged;
}
/** GitHub's default variables, which every environment file may use without declaring them. */
function githubDefaults(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => (0,config_variables/* isGithubDefault */.F1)(name)));
}

;// CONCATENATED MODULE: ./src/judge/poll-stats.ts
// What a run of polls says about a service: uptime, error rate and the longest run of consecutive
// failures (one failure among many is noise; three in a row is an outage). Pure.
function pollStats(outcomes) {
    let failures = 0;
    let run = 0;
    let longest = 0;
    for (const ok of outcomes) {
        run = ok ? 0 : run + 1;
        if (!ok)
            failures++;
        longest = Math.max(longest, run);
    }
    const polls = outcomes.length;
    const errorRate = polls ? failures / polls : 0;
    return {
        polls,
        failures,
        uptime_percent: Math.round((1 - errorRate) * 1000) / 10,
        error_rate: errorRate,
        longest_failure_run: longest
    };
}

;// CONCATENATED MODULE: ./src/phases/monitor-window.ts






/** Distinct failure reasons kept per service: enough to see what went wrong, not a log. */
const monitor_window_MAX_REASONS = 3;
/** `skip` maps the services that did not pass their check to the reason they are not watched. */
async function watchServices(monitor, services, skip, context) {
    const watched = services.filter(service => monitor.services.includes(service.name));
    const section = {
        duration_ms: monitor.durationMs,
        interval_ms: monitor.intervalMs,
        services: {}
    };
    const samples = new Map();
    context.logger.info(`Watching ${watched.map(s => s.name).join(', ')} for ${(0,wording/* formatMs */._V)(monitor.durationMs)}, every ${(0,wording/* formatMs */._V)(monitor.intervalMs)}`);
    await Promise.all(watched.map(async (service) => {
        const identity = monitorIdentity(service);
        const reason = skip.get(service.name);
        if (reason !== undefined)
            return context.record(skippedCheck(identity, reason));
        const polls = await poll(service, monitor, context).finally(context.running?.(identity));
        const stats = pollStats(polls.map(p => p.ok));
        const latencies = polls.flatMap(p => (p.ok && p.ms !== undefined ? [p.ms] : []));
        const reasons = [...new Set(polls.flatMap(p => p.failures))].slice(0, monitor_window_MAX_REASONS);
        samples.set(service.name, latencies);
        section.services[service.name] = { ...stats, latency: percentiles(latencies), failure_reasons: reasons };
        const status = stats.polls === 0 ||
            stats.error_rate > monitor.maxErrorRate ||
            stats.longest_failure_run >= monitor.maxConsecutiveFailures
            ? 'failed'
            : stats.failures > 0
                ? 'flaky'
                : 'passed';
        const cancelled = context.signal?.aborted ? '; the window was cut short by a cancellation' : '';
        const seen = reasons.length ? `; last seen: ${reasons.join('; ')}` : '';
        const message = stats.polls === 0
            ? `no poll was made${cancelled}`
            : `${stats.uptime_percent}% up over ${stats.polls} polls: error rate ${(0,wording/* percent */.KN)(stats.error_rate)} (at most ${(0,wording/* percent */.KN)(monitor.maxErrorRate)}), longest run of failures ${stats.longest_failure_run} (fails at ${monitor.maxConsecutiveFailures})${seen}${cancelled}`;
        context.record(decidedCheck(identity, status, message, { monitor: section.services[service.name] }));
        context.logger.info(`${identity.id}: ${status}: ${message}`);
    }));
    return { section, samples };
}
/** Polls on a fixed schedule from the window's start; a poll slower than the interval skips the ticks it overran. */
async function poll(service, monitor, context) {
    const { clock, signal } = context;
    const start = clock.now();
    const polls = [];
    for (let tick = 0; tick * monitor.intervalMs < monitor.durationMs && !signal?.aborted;) {
        const wait = start + tick * monitor.intervalMs - clock.now();
        if (wait > 0)
            await clock.sleep(wait, signal).catch(() => undefined);
        if (signal?.aborted)
            break;
        const { judgement } = await attemptOnce(service.probe, service.policy.timeoutMs, context);
        // A poll cut off by the cancellation says nothing about the service.
        if (signal?.aborted)
            break;
        polls.push({ ok: judgement.ok, failures: judgement.failures, ms: judgement.responseTimeMs });
        tick = Math.max(tick + 1, Math.ceil((clock.now() - start) / monitor.intervalMs));
    }
    return polls;
}
function monitorIdentity(service) {
    return {
        id: checkId('monitor', service.name),
        category: 'monitor',
        name: service.name,
        critical: service.critical,
        source: service.source,
        target: describeTarget(service.probe)
    };
}

;// CONCATENATED MODULE: ./src/phases/smoke.ts





const smoke_REFERENCE = /\$\{steps\.([a-z0-9][a-z0-9_-]*)\.([A-Za-z0-9_-]+)\}/g;
async function runSmoke(steps, context) {
    const captures = new Map();
    let failed;
    for (const step of steps) {
        const identity = smokeIdentity(step);
        if (failed && !step.always) {
            context.record(skippedCheck(identity, `smoke step ${failed.name} failed`));
            continue;
        }
        const result = await runStep(step, identity, captures, context);
        context.record(result);
        if (result.status === 'failed' || result.status === 'error')
            failed ??= result;
    }
}
/** The smoke tests' checks when they are not run at all (deploy or services failed). */
function skipSmoke(steps, reason, context) {
    for (const step of steps)
        context.record(skippedCheck(smokeIdentity(step), reason));
}
async function runStep(step, identity, captures, context) {
    const unresolved = [];
    const check = fillCaptures(step.check, (id, name) => {
        const value = captures.get(id)?.[name];
        if (value === undefined)
            unresolved.push(`\${steps.${id}.${name}}`);
        return value ?? '';
    });
    const exports = { ...context.exports, ...capturedExports(captures) };
    for (const { variable, required } of check.kind === 'command' ? (0,steps/* capturedVariablesIn */.R7)(check.run) : []) {
        if (required && exports[variable] === undefined)
            unresolved.push(`\${${variable}}`);
    }
    if (unresolved.length) {
        return erroredCheck(identity, `could not resolve ${unresolved.join(', ')}: the step that captures it did not pass`);
    }
    const { result, observation } = await runCheck({ ...identity, target: describeTarget(check) }, check, stepPolicy(step.timeoutMs, step.retries, step.retryDelayMs), { ...context, exports });
    if (check.kind !== 'http' || (result.status !== 'passed' && result.status !== 'flaky'))
        return result;
    const { values, missing } = capture(check.capture, observation);
    // A value obtained with a secret (a token from signing in with a password) is itself a secret.
    if (context.holdsSecret(JSON.stringify(check)))
        context.addSecrets(Object.values(values));
    captures.set(step.id, values);
    if (missing.length) {
        return { ...result, status: 'failed', message: `nothing to capture at ${missing.join(', ')}` };
    }
    return { ...result, details: { ...result.details, captured: Object.keys(values) } };
}
/** Every value captured so far, as the environment variables commands get them in. */
function capturedExports(captures) {
    return Object.fromEntries([...captures].flatMap(([id, values]) => Object.entries(values).map(([name, value]) => [(0,steps/* capturedVariable */.H0)(id, name), value])));
}
function capture(wanted, observation) {
    const values = {};
    const missing = [];
    if (observation?.kind !== 'http')
        return { values, missing: Object.values(wanted) };
    for (const [name, where] of Object.entries(wanted)) {
        const value = where.startsWith('header:')
            ? observation.headers?.[where.slice('header:'.length)]
            : readJsonPath(observation.json, where);
        if (value === undefined || value === null)
            missing.push(`${where} (${name})`);
        else
            values[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return { values, missing };
}
/** The check with captured values in its data; a script's text stays as written (it reads its environment). */
function fillCaptures(check, lookup) {
    if (check.kind === 'http')
        return resolveReferences(check, lookup);
    const { run, ...data } = check;
    return { ...resolveReferences(data, lookup), run };
}
/** A deep copy of `value` with every `${steps.<id>.<name>}` in its strings replaced. */
function resolveReferences(value, lookup) {
    if (typeof value === 'string') {
        return value.replace(smoke_REFERENCE, (_match, id, name) => lookup(id, name));
    }
    if (Array.isArray(value))
        return value.map(item => resolveReferences(item, lookup));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferences(item, lookup)]));
    }
    return value;
}
function smokeIdentity(step) {
    return {
        id: checkId('smoke', step.id),
        category: 'smoke',
        name: step.name,
        critical: step.critical,
        source: step.source,
        target: describeTarget(step.check)
    };
}

// EXTERNAL MODULE: ./src/judge/verdict.ts
var verdict = __nccwpck_require__(9278);
;// CONCATENATED MODULE: ./src/report/model.ts
const REPORT_VERSION = 1;

;// CONCATENATED MODULE: ./src/report/summary-line.ts

/** The problems worth naming, worst first, with the words that follow their count. */
const PROBLEMS = [
    ['failed', 'failed'],
    ['error', 'could not be evaluated'],
    ['warning', 'warned'],
    ['skipped', 'skipped']
];
/** Ids named per kind of problem; the rest are counted. */
const MAX_IDS = 5;
const MAX_MESSAGE = 200;
function summaryLine(report) {
    const { status, checks } = report;
    if (status === 'error')
        return `error: ${whyItCouldNotRun(report.errors)}`;
    if (!checks.length)
        return `${status}: no checks ran`;
    const parts = status === 'passed' ? [`${(0,wording/* count */.U9)(checks.length, 'check')} passed`] : problems(checks);
    const flaky = checks.filter(check => check.status === 'flaky').length;
    if (flaky)
        parts.push(`${flaky} flaky`);
    parts.push(`in ${(0,wording/* formatMs */._V)(Math.round(report.duration_seconds * 1000))}`);
    return `${status}: ${parts.join(', ')}`;
}
/** `2 of 7 checks failed (services.api, services.cache)`, then `1 warned (services.queue)`... */
function problems(checks) {
    const parts = [];
    for (const [status, words] of PROBLEMS) {
        const ids = checks.filter(check => check.status === status).map(check => check.id);
        if (!ids.length)
            continue;
        const subject = parts.length ? `${ids.length}` : `${ids.length} of ${(0,wording/* count */.U9)(checks.length, 'check')}`;
        parts.push(`${subject} ${words} (${named(ids)})`);
    }
    return parts;
}
function named(ids) {
    const shown = ids.slice(0, MAX_IDS).join(', ');
    return ids.length > MAX_IDS ? `${shown} and ${ids.length - MAX_IDS} more` : shown;
}
/** Problems with a location are the configuration's; any other says what stopped the run. */
function whyItCouldNotRun(errors) {
    const located = errors.filter(error => error.file).length;
    const other = errors.find(error => !error.file);
    const otherText = other && (0,wording/* clip */.$Q)((0,wording/* oneLine */.TN)(other.message), MAX_MESSAGE);
    if (!located)
        return otherText ?? 'the validation could not run';
    const configuration = `the configuration has ${(0,wording/* count */.U9)(located, 'problem')}`;
    return otherText ? `${configuration}; ${otherText}` : configuration;
}

;// CONCATENATED MODULE: ./src/report/assemble.ts
// Builds the report document from what a run has gathered so far.



function assembleReport(facts) {
    // Problems that stopped the validation itself make the run an error, whatever checks finished.
    const status = facts.errors.length ? 'error' : (0,verdict/* runStatus */.em)(facts.checks);
    const report = {
        report_version: REPORT_VERSION,
        deployment_id: facts.deploymentId,
        environment: facts.environment,
        status,
        timestamp: facts.startedAt.toISOString(),
        duration_seconds: Math.round(facts.durationMs) / 1000,
        mode: facts.mode,
        summary: '',
        config_files: facts.configFiles,
        git: facts.git,
        deploy: deploySection(facts.checks),
        services: servicesSection(facts.checks),
        smoke_tests: smokeSection(facts.checks),
        security: null,
        baseline: facts.sections?.baseline ?? null,
        monitor: facts.sections?.monitor ?? null,
        rollback: null,
        checks: facts.checks,
        errors: facts.errors
    };
    report.summary = summaryLine(report);
    return report;
}
/** A check's id without its category: `deploy.apply` -> `apply`. */
function stepId(check) {
    return check.id.slice(check.category.length + 1);
}
function deploySection(checks) {
    const steps = checks.filter(check => check.category === 'deploy');
    if (!steps.length)
        return null;
    const failed = steps.find(step => step.status === 'failed' || step.status === 'error');
    return {
        failed_step: failed ? stepId(failed) : null,
        steps: Object.fromEntries(steps.map(step => {
            const details = step.details ?? {};
            return [
                stepId(step),
                {
                    name: step.name,
                    status: step.status,
                    command: step.target ?? '',
                    exit_code: typeof details.exit_code === 'number' ? details.exit_code : null,
                    timed_out: details.timed_out === true,
                    duration_ms: step.duration_ms,
                    attempts: step.attempts,
                    message: step.message,
                    output_tail: Array.isArray(details.output_tail) ? details.output_tail : []
                }
            ];
        }))
    };
}
function smokeSection(checks) {
    const steps = checks.filter(check => check.category === 'smoke');
    return Object.fromEntries(steps.map(step => [
        stepId(step),
        {
            name: step.name,
            status: step.status,
            target: step.target ?? '',
            duration_ms: step.duration_ms,
            attempts: step.attempts,
            message: step.message,
            captured: Array.isArray(step.details?.captured) ? step.details.captured : []
        }
    ]));
}
function servicesSection(checks) {
    const services = {};
    for (const check of checks) {
        if (check.category !== 'services')
            continue;
        services[check.name] = {
            status: check.status,
            response_time_ms: check.response_time_ms ?? null,
            health_check_url: check.target ?? '',
            attempts: check.attempts,
            critical: check.critical,
            message: check.message
        };
    }
    return services;
}

;// CONCATENATED MODULE: ./src/report/deployment-id.ts
// The validation's id, `deploy_YYYYMMDD_HHMMSS` in UTC: sortable, readable, and the same in the
// report, the outputs and the artifact names.
function deploymentId(date) {
    // toISOString is always UTC: `2026-03-04T05:06:07.089Z` -> `20260304_050607`.
    const iso = date.toISOString();
    return `deploy_${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

;// CONCATENATED MODULE: ./src/report/git.ts
function gitInfo(env, event) {
    const pr = event?.pull_request;
    const repository = env.GITHUB_REPOSITORY ?? null;
    const runId = env.GITHUB_RUN_ID ?? null;
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
        sha: pr?.head?.sha ?? env.GITHUB_SHA ?? null,
        ref: env.GITHUB_REF ?? null,
        repository,
        run_id: runId,
        run_url: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : null,
        pull_request: typeof pr?.number === 'number' ? pr.number : null
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/report/write.ts
// Writes the report in each of its formats so that a reader never sees half of a file: into a
// temporary file in the same directory, then renamed over the target (a rename within one file
// system is atomic). The sync flavour is for the exit path of a cancelled job, where nothing
// asynchronous gets to finish.





/** Writes the JSON report at `path`, and each other requested format beside it. */
async function writeReport(path, report, formats = []) {
    for (const plan of plans(path, report, formats)) {
        try {
            for (const step of plan.steps)
                await step.async();
        }
        catch (error) {
            await plan.cleanup.async();
            throw error;
        }
    }
}
function writeReportSync(path, report, formats = []) {
    for (const plan of plans(path, report, formats)) {
        try {
            for (const step of plan.steps)
                step.sync();
        }
        catch (error) {
            plan.cleanup.sync();
            throw error;
        }
    }
}
function plans(path, report, formats) {
    const all = new Set(['json', ...formats]);
    return [...all].map(format => planWrite(formatPath(path, format), renderFormat(report, format, path)));
}
function planWrite(path, text) {
    const target = (0,external_node_path_.resolve)(path);
    const dir = (0,external_node_path_.dirname)(target);
    // Hidden, and unique per process and call, so concurrent writers never share a temporary file.
    const temp = (0,external_node_path_.join)(dir, `.${(0,external_node_path_.basename)(target)}.${process.pid}.${(0,external_node_crypto_.randomUUID)()}.tmp`);
    return {
        steps: [
            {
                sync: () => void (0,external_node_fs_.mkdirSync)(dir, { recursive: true }),
                async: async () => void (await (0,promises_.mkdir)(dir, { recursive: true }))
            },
            { sync: () => (0,external_node_fs_.writeFileSync)(temp, text), async: () => (0,promises_.writeFile)(temp, text) },
            { sync: () => (0,external_node_fs_.renameSync)(temp, target), async: () => (0,promises_.rename)(temp, target) }
        ],
        cleanup: { sync: () => (0,external_node_fs_.rmSync)(temp, { force: true }), async: () => (0,promises_.rm)(temp, { force: true }) }
    };
}

;// CONCATENATED MODULE: ./src/engine.ts
// One validation run, from inputs to report. Shared by the action, the CLI and the tests; it knows
// nothing of GitHub's toolkit. It keeps every finished check as it goes, so `snapshot()` yields a
// complete, redacted report at any moment: after the run, after a crash, or when the job is cancelled.




















const MERGE_ONLY_IN_ACTIONS = 'merge combines the reports that the jobs of a workflow run uploaded; it runs in the action, after those jobs';
class ValidationRun {
    deploymentId;
    startedAt;
    inputs = DEFAULT_INPUTS;
    request;
    clock;
    startedTick;
    checks = [];
    errors = [];
    config;
    secrets;
    logger;
    git;
    finished = false;
    baselineSection = null;
    monitorSection = null;
    /** Checks running now, with when they started: a cancellation records them as cut off. */
    running = new Map();
    /** Aborted by `cancel()`: every probe and command of the run stops. */
    stop = new AbortController();
    /** Why the run was cancelled, once it was: nothing it records afterwards counts. */
    cancelledBecause;
    execution;
    /** Absolute path of the baseline this run wrote (baseline mode). */
    baselinePath;
    constructor(request) {
        this.request = request;
        this.clock = request.clock ?? systemClock;
        this.startedAt = new Date();
        this.startedTick = this.clock.now();
        this.deploymentId = deploymentId(this.startedAt);
        this.git = gitInfo(request.env, undefined);
        this.secrets = request.secrets ?? new redact/* Secrets */.Sb();
        this.logger = redactingLogger(request.logger, this.secrets);
    }
    get workingDirectory() {
        return (0,external_node_path_.resolve)(this.request.workspace, this.inputs.workingDirectory);
    }
    /** The environment as read; undefined until then, or when it could not be read. */
    get configuration() {
        return this.config;
    }
    /** Absolute path of the JSON report, known even when the config could not be read. */
    get reportPath() {
        return (0,external_node_path_.resolve)(this.workingDirectory, this.config?.report.path ?? DEFAULT_REPORT_PATH);
    }
    /** Formats to write beside the JSON report. */
    get reportFormats() {
        return this.config?.report.formats ?? [];
    }
    /** True once `cancel()` stopped the run before it finished: the canceller leaves the report. */
    get cancelled() {
        return this.cancelledBecause !== undefined;
    }
    /** Runs the validation (once: a second call gets the same report). */
    execute() {
        this.execution ??= this.validate();
        return this.execution;
    }
    /**
     * Stops the run because the job was cancelled (`cause`: "the run was cancelled (SIGTERM)"). The
     * checks running now are recorded as cut off, and nothing recorded afterwards counts: what the
     * run does while it winds down follows from the cancellation, not from the environment. Every
     * command it runs is stopped with what it started; resolves with the report once they are, or
     * after `withinMs` at the latest.
     */
    async cancel(cause, withinMs) {
        // Once finished, the run has its verdict: a late signal changes nothing in it.
        if (this.cancelledBecause === undefined && !this.finished) {
            for (const { identity, startedTick } of this.running.values()) {
                this.checks.push({
                    ...erroredCheck(identity, `not evaluated: ${cause} while it was running`),
                    duration_ms: Math.round(this.clock.now() - startedTick)
                });
            }
            this.cancelledBecause = `${cause} before it finished`;
            this.stop.abort(new Error(cause));
        }
        const deadline = new AbortController();
        await Promise.race([this.execution, (0,external_node_timers_promises_.setTimeout)(withinMs, undefined, { signal: deadline.signal })]).catch(() => undefined);
        deadline.abort();
        return this.snapshot();
    }
    async validate() {
        try {
            this.git = gitInfo(this.request.env, this.request.event ?? (await readEvent(this.request.env)));
            this.inputs = readInputs(this.request.getInput);
            if (this.inputs.mode === 'merge')
                throw new InputError([{ file: 'input mode', line: 1, column: 1, message: MERGE_ONLY_IN_ACTIONS }], this.inputs);
            this.addSecrets(this.inputs.githubToken ? [this.inputs.githubToken] : []);
            this.config = await loadEnvironment({
                configPath: this.inputs.config,
                workingDirectory: this.workingDirectory,
                workspace: this.request.workspace,
                env: this.request.env,
                environmentName: this.inputs.environment
            });
            this.addSecrets(this.config.secrets);
            await this.request.onConfigured?.(this.config);
            await this.runPhases(this.config);
        }
        catch (error) {
            this.recordFailure(error);
        }
        finally {
            await closeHttpAgents();
            this.finished = true;
        }
        return this.snapshot();
    }
    /**
     * Writes the report in its formats. A report that cannot be written ends the run in error, saying
     * why and what to do, and the report returned (for the summary and outputs) says so too.
     */
    async saveReport(report) {
        try {
            await writeReport(this.reportPath, report, this.reportFormats);
            return { report, written: true };
        }
        catch (error) {
            const message = `the report could not be written to ${this.displayPath(this.reportPath)}: ${writeFailure(error)}; set report.path to a file in a folder the job may write, inside the workspace or RUNNER_TEMP`;
            this.errors.push({ message });
            this.logger.error(message);
            return { report: this.snapshot(), written: false };
        }
    }
    /** deploy -> services -> smoke -> comparison; a phase runs only when the one before it left a system worth judging. */
    async runPhases(config) {
        const context = {
            logger: this.logger,
            clock: this.clock,
            signal: this.request.signal
                ? AbortSignal.any([this.request.signal, this.stop.signal])
                : this.stop.signal,
            exports: config.values,
            record: check => {
                if (this.cancelledBecause === undefined)
                    this.checks.push(check);
            },
            running: identity => {
                const startedTick = this.clock.now();
                this.running.set(identity.id, { identity, startedTick });
                return () => this.running.delete(identity.id);
            },
            addSecrets: values => this.addSecrets(values),
            holdsSecret: text => this.secrets.holds(text)
        };
        this.logger.info(`Validating ${config.environment} (${config.services.length} services) from ${config.files.join(', ')}`);
        if (!(await runDeploy(config.deploy, context))) {
            skipServices(config.services, 'the deploy failed', context);
            skipSmoke(config.smoke, 'the deploy failed', context);
            return;
        }
        const services = await this.logger.group('Service checks', () => checkServices(config.services, config.defaults.concurrency, {
            ...context,
            startup: config.deploy.length > 0
        }));
        const unhealthy = services.filter(check => !USABLE.has(check.status)).map(check => check.name);
        if (unhealthy.length)
            skipSmoke(config.smoke, `services not healthy: ${unhealthy.join(', ')}`, context);
        else if (config.smoke.length)
            await this.logger.group('Smoke tests', () => runSmoke(config.smoke, context));
        await this.compare(config, services, context);
    }
    /**
     * The monitor window, then latency, throughput, schema and config compared with the baseline, or
     * recorded as one: the window comes first so that its polls' latencies join the samples.
     */
    async compare(config, services, context) {
        const mode = this.inputs.mode;
        if (mode !== 'verify' && mode !== 'baseline')
            return;
        const passed = new Set(services.filter(check => USABLE.has(check.status)).map(check => check.name));
        const skip = new Map(services
            .filter(check => !passed.has(check.name))
            .map(check => [check.name, `services.${check.name} is ${check.status}`]));
        const { monitor } = config;
        const watched = monitor
            ? await this.logger.group('Monitor window', () => watchServices(monitor, config.services, skip, context))
            : undefined;
        this.monitorSection = watched?.section ?? null;
        const outcome = await runComparison({
            config,
            mode,
            baselineInput: this.inputs.baseline,
            workingDirectory: this.workingDirectory,
            workspace: this.request.workspace,
            env: this.request.env,
            usable: config.services.filter(service => passed.has(service.name)),
            fetchArtifact: this.request.fetchBaselineArtifact,
            monitorSamples: watched?.samples,
            recording: { deploymentId: this.deploymentId, recordedAt: this.startedAt, git: this.git },
            checksSoFar: () => this.checks,
            redact: value => this.secrets.deep(value)
        }, context);
        this.baselineSection = outcome.section;
        this.baselinePath = outcome.writtenPath;
    }
    /** The report as of now, redacted. Before the run has finished it says it was interrupted. */
    snapshot(interruption = 'the run was interrupted before it finished') {
        // Redacted before the summary line shortens a message: a secret cut in half is not found.
        const cut = this.cancelledBecause ?? (this.finished ? undefined : interruption);
        const errors = this.secrets.deep(cut === undefined ? this.errors : [...this.errors, { message: cut }]);
        const report = assembleReport({
            deploymentId: this.deploymentId,
            environment: this.inputs.environment ?? this.config?.environment ?? 'unknown',
            mode: this.inputs.mode,
            startedAt: this.startedAt,
            durationMs: this.clock.now() - this.startedTick,
            configFiles: this.config?.files ?? [this.displayPath(this.inputs.config)],
            git: this.git,
            checks: this.secrets.deep(this.checksInDeclaredOrder()),
            errors,
            sections: { baseline: this.baselineSection, monitor: this.monitorSection }
        });
        return this.secrets.deep(report);
    }
    /** Checks finish in any order; reports list them in run order, each phase as the file declares it. */
    checksInDeclaredOrder() {
        const config = this.config;
        const ids = config
            ? [
                ...config.deploy.map(step => checkId('deploy', step.id)),
                ...config.services.map(service => checkId('services', service.name)),
                ...config.smoke.map(step => checkId('smoke', step.id))
            ]
            : [];
        const order = new Map(ids.map((id, index) => [id, index]));
        const rank = (check) => order.get(check.id) ?? order.size;
        return [...this.checks].sort((a, b) => rank(a) - rank(b));
    }
    recordFailure(error) {
        // Stopping the run may break what was running: that is the cancellation, which says so itself.
        if (this.cancelledBecause !== undefined)
            return;
        if (error instanceof ConfigError) {
            if (error instanceof InputError) {
                this.inputs = error.inputs;
                this.addSecrets(error.inputs.githubToken ? [error.inputs.githubToken] : []);
            }
            this.addSecrets(error.secrets);
            // An input has no line of YAML to point at: its name leads the message instead.
            const inInputs = error instanceof InputError;
            for (const p of error.problems) {
                this.errors.push(inInputs
                    ? { message: `${p.file}: ${p.message}` }
                    : { message: p.message, file: p.file, line: p.line, column: p.column });
            }
            const subject = inInputs ? 'The action inputs have' : 'The configuration has';
            this.logger.error(`${subject} ${error.problems.length} problem(s):\n${error.message}`);
        }
        else {
            // Not the user's fault: keep what finished and say what broke.
            const message = error instanceof Error ? error.message : String(error);
            this.errors.push({ message: `deploy-verify failed unexpectedly: ${message}` });
            this.logger.error(error instanceof Error && error.stack ? error.stack : message);
        }
    }
    addSecrets(values) {
        for (const value of this.secrets.add(values))
            this.request.logger.mask(value);
    }
    displayPath(path) {
        return (0,external_node_path_.isAbsolute)(path) ? (0,external_node_path_.relative)(this.workingDirectory, path) : path;
    }
}
function writeFailure(error) {
    const { code, message } = error;
    switch (code) {
        case 'EISDIR':
        case 'ENOTEMPTY':
        case 'EEXIST':
            return 'a folder is there';
        case 'ENOTDIR':
            return 'a file stands where a folder of the path should be';
        case 'EACCES':
        case 'EPERM':
            return 'the folder may not be written (permission denied)';
        case 'EROFS':
            return 'the file system is read-only';
        default:
            return code ?? message;
    }
}
/** Every message is redacted before it reaches the host's log, whatever the host does itself. */
function redactingLogger(inner, redactor) {
    const redact = (text) => redactor.text(text);
    return {
        info: message => inner.info(redact(message)),
        warning: message => inner.warning(redact(message)),
        error: message => inner.error(redact(message)),
        debug: message => inner.debug(redact(message)),
        group: (name, fn) => inner.group(redact(name), fn),
        mask: value => inner.mask(value)
    };
}
/** The webhook payload the runner saved, or undefined outside Actions or when unreadable. */
async function readEvent(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        return JSON.parse(await (0,promises_.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 9278:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   em: () => (/* binding */ runStatus),
/* harmony export */   rH: () => (/* binding */ shouldFailJob)
/* harmony export */ });
/* unused harmony export failedCheckIds */
function runStatus(checks) {
    if (!checks.length)
        return 'warning';
    if (checks.some(check => isFailure(check.status) || (check.status === 'skipped' && check.critical))) {
        return 'failed';
    }
    return checks.some(check => check.status === 'warning' || check.status === 'skipped') ? 'warning' : 'passed';
}
/** `fail-on: never` is a dry run; `warning` is strict; `failure` (the default) fails on failed and error. */
function shouldFailJob(status, failOn) {
    switch (failOn) {
        case 'never':
            return false;
        case 'warning':
            return status !== 'passed';
        case 'failure':
            return status === 'failed' || status === 'error';
    }
}
/** Ids of the checks that failed or could not be evaluated: the `failed-checks` output. */
function failedCheckIds(checks) {
    return checks.filter(check => isFailure(check.status)).map(check => check.id);
}
function isFailure(status) {
    return status === 'failed' || status === 'error';
}


/***/ }),

/***/ 3802:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
const CODES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'connection timed out',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: the server certificate is self-signed and not trusted',
    SELF_SIGNED_CERT_IN_CHAIN: 'TLS: the certificate chain ends in an untrusted self-signed CA',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: the server certificate cannot be verified',
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
    return message;
}


/***/ }),

/***/ 8707:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  KILL_GRACE_MS: () => (/* binding */ KILL_GRACE_MS),
  runCommand: () => (/* binding */ runCommand)
});

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: ./src/probes/attempt.ts
var attempt = __nccwpck_require__(3802);
// EXTERNAL MODULE: ./src/config/variables.ts
var variables = __nccwpck_require__(9183);
;// CONCATENATED MODULE: ./src/probes/child-environment.ts
// The environment a command runs with: the one place it is made. The action's own environment, less
// what belongs to the runner or to this action's step; then the values the config hands the
// command (exported, so that the shell expands ${NAME} itself and no value becomes script text);
// then the step's own env:, which the user wrote for this command and which wins.

/**
 * `inherited` is the action's environment (process.env); `exported` the declared variables' values
 * and captured values; `stepEnv` the step's env:. A name scrubbed from `inherited` still reaches
 * the command when the config names it (a variable declared GITHUB_TOKEN, or env: { GITHUB_TOKEN: ... }).
 */
function childEnvironment(inherited, exported, stepEnv) {
    const kept = Object.entries(inherited).filter((entry) => entry[1] !== undefined && !(0,variables/* isWithheldFromCommands */.QZ)(entry[0]));
    return { ...Object.fromEntries(kept), ...exported, ...stepEnv };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __nccwpck_require__(8500);
;// CONCATENATED MODULE: ./src/probes/process-tree.ts
// Everything one command attempt started, found again so that it can be stopped. The command leads
// its own process group, and every process it starts inherits a marker in its environment: a
// grandchild that leaves the group (`setsid`, a double fork) keeps the marker, which is how CI
// servers find a build's stray processes. On timeout or cancellation the group and every process
// carrying the attempt's marker are stopped; a command that ends by itself keeps what it started
// (a deploy step may start the very daemon being deployed).



/** The child environment variable that marks an attempt's processes; its value is unique per attempt. */
const ATTEMPT_MARKER = 'DEPLOY_VERIFY_ATTEMPT_ID';
/** Where the processes can be listed with their group and environment. */
const PROC = process.platform === 'linux';
/** How often a stopping tree is looked at again during its grace. */
const POLL_MS = 100;
class ProcessTree {
    marker = (0,external_node_crypto_.randomUUID)();
    /** `\0NAME=value\0` as it appears in /proc/<pid>/environ (after a leading NUL is added). */
    needle = Buffer.from(`\0${ATTEMPT_MARKER}=${this.marker}\0`);
    /** The variables a command is given, plus this attempt's marker. */
    mark(env) {
        return { ...env, [ATTEMPT_MARKER]: this.marker };
    }
    /**
     * SIGTERM to the group that `leader` leads and to every marked process, then SIGKILL to whatever
     * is left once they are all gone or `graceMs` has passed: no descendant outlives the attempt.
     */
    async stop(leader, graceMs) {
        await this.signal(leader, 'SIGTERM');
        const deadline = performance.now() + graceMs;
        while (performance.now() < deadline && (await this.alive(leader)))
            await (0,external_node_timers_promises_.setTimeout)(POLL_MS);
        // Also catches a process forked between the last look and now.
        await this.signal(leader, 'SIGKILL');
    }
    async signal(leader, signal) {
        if (leader !== undefined)
            kill(-leader, signal);
        for (const pid of await this.members(leader))
            kill(pid, signal);
    }
    async alive(leader) {
        if (!PROC)
            return leader !== undefined && kill(-leader, 0);
        return (await this.members(leader)).length > 0;
    }
    /**
     * The live processes of the group and those whose environment carries the marker. A zombie is
     * dead already, only waiting for whoever adopted it to reap it, which may take seconds.
     * Linux only (/proc, readable for the processes of our own user, which are the ones we start);
     * elsewhere this finds nothing, and stopping falls back to the process group alone.
     */
    async members(leader) {
        if (!PROC)
            return [];
        const entries = await (0,promises_.readdir)('/proc').catch(() => []);
        const found = [];
        // One process at a time: a busy machine has thousands, and file handles are finite.
        for (const entry of entries) {
            if (!/^\d+$/.test(entry))
                continue;
            const stat = await (0,promises_.readFile)(`/proc/${entry}/stat`, 'utf8').catch(() => '');
            // "pid (command) state ppid pgrp ...": the command may hold spaces and parentheses.
            const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            if (!state || state === 'Z')
                continue;
            if (Number(group) === leader || (await this.carriesMarker(entry)))
                found.push(Number(entry));
        }
        return found;
    }
    async carriesMarker(pid) {
        const environ = await (0,promises_.readFile)(`/proc/${pid}/environ`).catch(() => undefined);
        return environ !== undefined && Buffer.concat([Buffer.from([0]), environ]).includes(this.needle);
    }
}
/** Sends `signal` (0: only asks whether it exists); false when there is no such process or group. */
function kill(pid, signal) {
    try {
        process.kill(pid, signal);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/probes/command.ts
// Runs a command through a shell and observes its exit code and output.
//
// This uses child_process rather than @actions/exec: @actions/exec exposes neither the child's pid
// nor a timeout, and a timeout that kills the whole process tree needs the command's process group.





const MAX_STREAM_CHARS = 1024 * 1024;
const TAIL_LINES = 20;
/** After SIGTERM, how long the tree gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2000;
/** After the command exits, how long its pipes may stay open (held by a daemon it started). */
const STDIO_DRAIN_MS = 500;
async function runCommand(spec, options) {
    const started = performance.now();
    const shell = spec.shell ?? 'bash';
    // Said plainly: spawn would only report the shell as missing ("spawn bash ENOENT").
    if (spec.workingDirectory && !(await isDirectory(spec.workingDirectory))) {
        return notStarted(`working directory ${spec.workingDirectory} does not exist`, started);
    }
    // A cancelled run starts nothing more: nothing would stop it.
    if (options.signal?.aborted)
        return notStarted('cancelled before it started', started);
    const { signal, timedOut, dispose } = (0,attempt/* attemptSignal */.e)(options);
    const tree = new ProcessTree();
    // The marker travels with the command's own variables, so every process it starts inherits it.
    spec = { ...spec, env: tree.mark(spec.env) };
    const child = (0,external_node_child_process_namespaceObject.spawn)(shell, shellArgs(shell, spec.run), {
        cwd: spec.workingDirectory,
        env: childEnvironment(process.env, options.exports ?? {}, spec.env),
        // Its own process group, so that the group can be killed as one.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    const output = { stdout: new CappedText(), stderr: new CappedText(), lines: [] };
    const follow = (stream, into) => {
        let partial = '';
        // Decoded by the stream, so a character split across two reads of the pipe stays whole.
        stream.setEncoding('utf8');
        stream.on('data', (text) => {
            into.append(text);
            const lines = (partial + text).split('\n');
            partial = lines.pop() ?? '';
            for (const line of lines)
                emit(line);
        });
        stream.on('end', () => partial && emit(partial));
    };
    const emit = (line) => {
        output.lines.push(line);
        if (output.lines.length > TAIL_LINES)
            output.lines.shift();
        options.onOutputLine?.(line);
    };
    follow(child.stdout, output.stdout);
    follow(child.stderr, output.stderr);
    // Stopped (timeout or cancellation): the group and every process the attempt started, even one
    // that left the group, whether or not the shell exited before.
    let killed;
    const killGroup = () => {
        killed = tree.stop(child.pid, KILL_GRACE_MS);
    };
    signal.addEventListener('abort', killGroup, { once: true });
    const exit = await new Promise(resolve => {
        child.once('error', error => resolve({ code: null, signal: null, error }));
        child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }));
    });
    dispose();
    signal.removeEventListener('abort', killGroup);
    await killed;
    await drain(child.stdout, child.stderr);
    return {
        kind: 'command',
        exitCode: exit.code,
        signal: exit.signal ?? undefined,
        stdout: output.stdout.text,
        stderr: output.stderr.text,
        tail: [...output.lines],
        error: exit.error
            ? `could not start ${shell}: ${exit.error.message}`
            : timedOut()
                ? `timed out after ${options.timeoutMs} ms; the command and its children were killed`
                : killed
                    ? 'cancelled; the command and its children were killed'
                    : undefined,
        timedOut: timedOut(),
        durationMs: performance.now() - started
    };
}
/** A command that never ran, and why. */
function notStarted(error, started) {
    return {
        kind: 'command',
        exitCode: null,
        stdout: '',
        stderr: '',
        tail: [],
        error,
        durationMs: performance.now() - started
    };
}
async function isDirectory(path) {
    return (await (0,promises_.stat)(path).catch(() => undefined))?.isDirectory() ?? false;
}
function shellArgs(shell, script) {
    // bash: stop at the first failing command, like GitHub's own `run:` steps.
    return /(^|\/)bash$/.test(shell)
        ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]
        : ['-c', script];
}
/** Waits for the pipes to close, but never longer than STDIO_DRAIN_MS: a daemon may hold them. */
async function drain(...streams) {
    await Promise.all(streams.map(stream => new Promise(resolve => {
        const readable = stream;
        if (readable.readableEnded)
            return resolve();
        const timer = setTimeout(() => {
            readable.destroy();
            resolve();
        }, STDIO_DRAIN_MS);
        readable.once('close', () => {
            clearTimeout(timer);
            resolve();
        });
    })));
}
/** Keeps the first MAX_STREAM_CHARS characters of a stream's text. */
class CappedText {
    text = '';
    append(chunk) {
        if (this.text.length < MAX_STREAM_CHARS)
            this.text += chunk.slice(0, MAX_STREAM_CHARS - this.text.length);
    }
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderSummary)
/* harmony export */ });
/* unused harmony export MAX_SUMMARY_BYTES */
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5594);

/** 1 MiB, less room for anything else the step appends to its summary. */
const MAX_SUMMARY_BYTES = 1024 * 1024 - 64 * 1024;
const VERDICT_ICON = { passed: '✅', warning: '⚠️', failed: '❌', error: '🛑' };
const CHECK_ICON = {
    error: '🛑',
    failed: '❌',
    warning: '⚠️',
    flaky: '🔁',
    skipped: '⏭️',
    passed: '✅'
};
/** Table order: what needs a reader's attention first. */
const ORDER = ['error', 'failed', 'warning', 'flaky', 'skipped', 'passed'];
const TABLE_HEAD = ['| Check | Status | Time | Attempts | Reason |', '| --- | --- | --- | --- | --- |'];
/** Characters per reason cell and per problem; the JSON report keeps the whole text. */
const MAX_CELL = 300;
const MAX_PROBLEM = 1000;
function renderSummary(report, options = {}) {
    const maxBytes = options.maxBytes ?? MAX_SUMMARY_BYTES;
    const head = [
        `## ${VERDICT_ICON[report.status]} ${report.status} · ${escape(report.environment)} · ${code(report.deployment_id)}`,
        '',
        escape(report.summary),
        '',
        ...environmentsTable(report)
    ];
    const foot = ['---', footer(report, options)];
    let budget = maxBytes - byteSize(head) - byteSize(foot);
    // The configuration's problems say what to fix before anything else can run: they get the budget first.
    const problems = fit(['### Problems to fix', ''], report.errors.map(problemLine), kept => `${(0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .count */ .U9)(report.errors.length - kept, 'more problem')} not shown: see the JSON report.`, budget);
    budget -= byteSize(problems);
    // Steps read best in the order they ran; checks that run side by side read best failures first.
    const deploy = report.checks.filter(check => check.category === 'deploy');
    const smoke = report.checks.filter(check => check.category === 'smoke');
    const others = ORDER.flatMap(status => report.checks.filter(check => check.status === status && !isStep(check)));
    const sections = [];
    for (const [title, checks] of [
        ['Deploy', deploy],
        ['Checks', others],
        ['Smoke tests', smoke]
    ]) {
        const table = fit([`### ${title}`, '', ...TABLE_HEAD], checks.map(row), kept => omittedChecks(checks.slice(kept)), budget);
        budget -= byteSize(table);
        sections.push(table);
        if (title === 'Deploy') {
            const output = failedStepOutput(report, budget);
            budget -= byteSize(output);
            sections.push(output);
        }
    }
    return clipBytes([...head, ...problems, ...sections.flat(), ...foot].join('\n') + '\n', maxBytes);
}
function isStep(check) {
    return check.category === 'deploy' || check.category === 'smoke';
}
/** The last lines of the step that stopped the deploy: usually all a reader needs to see why. */
function failedStepOutput(report, budget) {
    const id = report.deploy?.failed_step;
    const step = id ? report.deploy?.steps[id] : undefined;
    if (!step?.output_tail.length)
        return [];
    const fence = '`'.repeat(Math.max(3, ...(step.output_tail.join('\n').match(/`+/g) ?? []).map(r => r.length + 1)));
    const block = [
        `<details><summary>Last lines of ${escape(step.name)}</summary>`,
        '',
        `${fence}text`,
        ...step.output_tail,
        fence,
        '',
        '</details>',
        ''
    ];
    return byteSize(block) <= budget ? block : [];
}
/**
 * The intro and as many items as fit in `budget` bytes; when some do not fit, a note (given how many
 * items were kept) replaces them. A blank line ends the section, which also ends a markdown table.
 */
function fit(intro, items, note, budget) {
    if (!items.length)
        return [];
    const whole = [...intro, ...items, ''];
    if (byteSize(whole) <= budget)
        return whole;
    const sizes = items.map(item => Buffer.byteLength(item) + 1);
    let kept = 0;
    let used = byteSize(intro);
    while (kept < items.length && used + (sizes[kept] ?? 0) <= budget)
        used += sizes[kept++] ?? 0;
    // The note needs room too; an intro without items is not worth its bytes.
    const total = () => (kept ? used + 1 : 0) + Buffer.byteLength(note(kept)) + 2;
    while (kept > 0 && total() > budget)
        used -= sizes[--kept] ?? 0;
    return [...(kept ? [...intro, ...items.slice(0, kept), ''] : []), note(kept), ''];
}
function omittedChecks(omitted) {
    const byStatus = ORDER.map(status => ({
        status,
        n: omitted.filter(check => check.status === status).length
    }));
    const breakdown = byStatus.filter(({ n }) => n > 0).map(({ status, n }) => `${n} ${status}`);
    return `${(0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .count */ .U9)(omitted.length, 'more check')} not shown (${breakdown.join(', ')}): see the JSON report.`;
}
function row(check) {
    return tableRow([
        code(check.id),
        statusText(check),
        (0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .formatMs */ ._V)(check.duration_ms),
        String(check.attempts),
        escape((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(check.message), MAX_CELL))
    ]);
}
function tableRow(cells) {
    // A pipe ends a cell even inside a code span; GitHub turns `\|` back into `|` there too.
    return `| ${cells.map(cell => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}
function statusText(check) {
    const icon = CHECK_ICON[check.status];
    if (check.status === 'flaky')
        return `${icon} passed after ${(0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .count */ .U9)(check.attempts, 'attempt')} (flaky)`;
    // Criticality is worth a reader's attention only where the check did not pass.
    const critical = check.critical && check.status !== 'passed' ? ' (critical)' : '';
    return `${icon} ${check.status}${critical}`;
}
function problemLine(error) {
    const where = [error.file, error.line, error.column].filter(part => part !== undefined).join(':');
    const message = escape((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(error.message), MAX_PROBLEM));
    return where ? `- ${code(where)} ${message}` : `- ${message}`;
}
/** Merge mode: a row per environment, before the checks of all of them. */
function environmentsTable(report) {
    if (!report.environments?.length)
        return [];
    return [
        '| Environment | Status | Summary |',
        '| --- | --- | --- |',
        ...report.environments.map(each => tableRow([
            escape(each.environment),
            `${VERDICT_ICON[each.status]} ${each.status}`,
            escape((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .clip */ .$Q)((0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(each.summary), MAX_CELL))
        ])),
        ''
    ];
}
function footer(report, { reportPath, artifactUrl }) {
    const where = reportPath ? `Full report: ${code(reportPath)}` : 'Full report: the JSON report of this run';
    const artifact = artifactUrl ? ` ([download the report artifact](${artifactUrl}))` : '';
    return `${where}${artifact} · started ${report.timestamp} · report version ${report.report_version}`;
}
/**
 * Text that reads as itself: no markdown emphasis, links, images or HTML from a server's answer.
 * Pipes only matter in tables, where `row` escapes them.
 */
function escape(text) {
    return text
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replace(/[\\`*_[\]~]/g, '\\$&');
}
/** A code span whose fence is longer than any run of backticks inside it. */
function code(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = longest ? ' ' : '';
    return `${fence}${pad}${(0,_wording_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(text)}${pad}${fence}`;
}
function byteSize(lines) {
    return lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
}
/** The last resort for a budget smaller than the verdict itself: cut at a character boundary. */
function clipBytes(text, maxBytes) {
    const bytes = Buffer.from(text);
    if (bytes.length <= maxBytes)
        return text;
    let end = Math.max(0, maxBytes);
    while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80)
        end--;
    return bytes.subarray(0, end).toString();
}


/***/ }),

/***/ 649:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hj: () => (/* binding */ CUT_MARK),
/* harmony export */   Sb: () => (/* binding */ Secrets),
/* harmony export */   lY: () => (/* binding */ createRedactor),
/* harmony export */   v5: () => (/* binding */ MASK)
/* harmony export */ });
/* unused harmony export formsOf */
/* harmony import */ var _url_password_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3397);
// Redaction of everything the action writes: the log, the summary, the report and its formats, and
// every payload sent to GitHub. `core.setSecret` only masks the runner's log, and only the value as
// given, so every channel goes through one redactor that knows the forms a secret takes on its way
// out: quoted in JSON, in a query string, echoed back in base64 or hex by a hostile server, or cut
// off where a long text was shortened.

const MASK = '***';
/** Ends every shortened text (see `clip`): a secret cut there is masked from its 6th character on. */
const CUT_MARK = '…';
/** The shortest start of a secret masked before a cut mark. */
const MIN_CUT_PREFIX = 6;
const CUT_CODE = CUT_MARK.charCodeAt(0);
function createRedactor(secrets) {
    return new Secrets(secrets);
}
/** The secrets of a run, growing as they are found; redacts with all of those known so far. */
class Secrets {
    values = [];
    matcher;
    constructor(values = []) {
        this.add(values);
    }
    /** Adds values (an empty one is never a secret); returns those not known before. */
    add(values) {
        const fresh = [...new Set(values)].filter(value => value !== '' && !this.values.includes(value));
        if (fresh.length) {
            this.values.push(...fresh);
            this.matcher = undefined;
        }
        return fresh;
    }
    /** True when `s` holds a secret, in any form. */
    holds(s) {
        return this.text(s) !== s;
    }
    text(s) {
        this.matcher ??= new FormMatcher(this.values.flatMap(formsOf));
        const spans = merged([...this.matcher.spans(s), ...(0,_url_password_js__WEBPACK_IMPORTED_MODULE_0__/* .urlPasswords */ .s1)(s)]);
        if (!spans.length)
            return s;
        let masked = '';
        let at = 0;
        for (const { start, end } of spans) {
            masked += s.slice(at, start) + MASK;
            at = end;
        }
        return masked + s.slice(at);
    }
    deep(value) {
        const copy = (item) => {
            if (typeof item === 'string')
                return this.text(item);
            if (Array.isArray(item))
                return item.map(copy);
            if (item !== null && typeof item === 'object') {
                return Object.fromEntries(Object.entries(item).map(([key, each]) => [this.text(key), copy(each)]));
            }
            return item;
        };
        return copy(value);
    }
}
/**
 * Every form a secret may take in what the action writes. Lines of a multi-line secret (a PEM key)
 * are secrets of their own, as logs and command output split them. An encoded form shorter than the
 * value it encodes is left out: it would mask unrelated text.
 */
function formsOf(secret) {
    const lines = secret.includes('\n') ? secret.split(/\r?\n/).map(line => line.trim()) : [];
    const forms = new Set();
    for (const value of [secret, ...lines]) {
        if (!value)
            continue;
        forms.add(value);
        for (const encoded of [
            value,
            ...percentEncodings(value),
            ...base64Encodings(value),
            ...hexEncodings(value)
        ]) {
            for (const form of [encoded, ...jsonEscapes(encoded)])
                if (form.length >= value.length)
                    forms.add(form);
        }
    }
    return [...forms];
}
/** Inside a JSON string, once or twice (a JSON body quoted in a message), and with `\uXXXX` for non-ASCII. */
function jsonEscapes(value) {
    const once = JSON.stringify(value).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    const ascii = once.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return [
        once,
        twice,
        ascii,
        ascii.replace(/\\u([0-9a-f]{4})/g, (_, hex) => `\\u${hex.toUpperCase()}`)
    ];
}
/** What stays unencoded: encodeURIComponent's set, the form encoding's (URLSearchParams), a URL query's. */
const URI_COMPONENT_SAFE = /[A-Za-z0-9\-_.!~*'()]/;
const FORM_SAFE = /[A-Za-z0-9*\-._]/;
const QUERY_SAFE = /^[!$%&(-;=?-~]$/;
/**
 * A value in a query string as clients send it: encodeURIComponent's form, the form encoding of
 * URLSearchParams (space as `+`), and what a WHATWG URL leaves of a raw query; each with upper- and
 * lower-case hex digits.
 */
function percentEncodings(value) {
    const forms = [
        percentEncode(value, c => URI_COMPONENT_SAFE.test(c)),
        percentEncode(value, c => FORM_SAFE.test(c), '+'),
        percentEncode(value, c => QUERY_SAFE.test(c))
    ];
    return [...forms, ...forms.map(form => form.replace(/%[0-9A-F]{2}/g, hex => hex.toLowerCase()))];
}
const utf8 = new TextEncoder();
function percentEncode(value, safe, space = '%20') {
    let encoded = '';
    for (const c of value) {
        if (c === ' ')
            encoded += space;
        else if (safe(c))
            encoded += c;
        else
            for (const byte of utf8.encode(c))
                encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return encoded;
}
/**
 * Base64 (standard and URL-safe, padded or not) of the value alone, and of the value inside longer
 * data, where it may start at any of three offsets of a 3-byte group: then only the characters that
 * depend on the value's bytes alone are its form.
 */
function base64Encodings(value) {
    const bytes = utf8.encode(value);
    const forms = [];
    for (const offset of [0, 1, 2]) {
        const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
        forms.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6)));
        if (offset === 0)
            forms.push(encoded, encoded.replace(/=+$/, ''));
    }
    return forms.flatMap(form => [form, form.replaceAll('+', '-').replaceAll('/', '_')]);
}
function hexEncodings(value) {
    const hex = Buffer.from(utf8.encode(value)).toString('hex');
    return [hex, hex.toUpperCase()];
}
/**
 * Finds many literal strings in one pass (Aho-Corasick): time grows with the text, not with the
 * number of forms, whatever the secrets hold.
 */
class FormMatcher {
    next = [new Map()];
    fail = [0];
    depth = [0];
    /** The length of the longest form ending at a node, its own or through its fail links; 0 if none. */
    longest = [0];
    constructor(forms) {
        for (const form of forms)
            this.insert(form);
        // Breadth first, so that a node's fail link is settled before its children's.
        const queue = [...(this.next[0]?.values() ?? [])];
        for (let i = 0; i < queue.length; i++) {
            const node = queue[i] ?? 0;
            for (const [code, child] of this.next[node] ?? []) {
                let fallback = this.fail[node] ?? 0;
                while (fallback && !this.next[fallback]?.has(code))
                    fallback = this.fail[fallback] ?? 0;
                const target = this.next[fallback]?.get(code);
                this.fail[child] = target !== undefined && target !== child ? target : 0;
                this.longest[child] ||= this.longest[this.fail[child] ?? 0] ?? 0;
                queue.push(child);
            }
        }
    }
    insert(form) {
        let node = 0;
        for (let i = 0; i < form.length; i++) {
            const code = form.charCodeAt(i);
            let child = this.next[node]?.get(code);
            if (child === undefined) {
                child = this.next.length;
                this.next.push(new Map());
                this.fail.push(0);
                this.depth.push((this.depth[node] ?? 0) + 1);
                this.longest.push(0);
                this.next[node]?.set(code, child);
            }
            node = child;
        }
        this.longest[node] = form.length;
    }
    /** Where forms occur, and the start of a form (6+ characters) that runs into a cut mark. */
    spans(text) {
        const { next, fail, depth, longest } = this;
        const spans = [];
        let node = 0;
        for (let i = 0; i < text.length; i++) {
            const code = text.charCodeAt(i);
            const reached = depth[node] ?? 0;
            if (code === CUT_CODE && reached >= MIN_CUT_PREFIX)
                spans.push({ start: i - reached, end: i });
            for (;;) {
                const child = next[node]?.get(code);
                if (child !== undefined) {
                    node = child;
                    break;
                }
                if (!node)
                    break;
                node = fail[node] ?? 0;
            }
            const length = longest[node] ?? 0;
            if (length)
                spans.push({ start: i + 1 - length, end: i + 1 });
        }
        return spans;
    }
}
/** Overlapping or touching spans as one, in order. */
function merged(spans) {
    const sorted = spans.sort((a, b) => a.start - b.start);
    const result = [];
    for (const span of sorted) {
        const last = result.at(-1);
        if (last && span.start <= last.end)
            last.end = Math.max(last.end, span.end);
        else
            result.push({ ...span });
    }
    return result;
}


/***/ }),

/***/ 3397:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ maskUrlPasswords),
/* harmony export */   oF: () => (/* binding */ percentDecoded),
/* harmony export */   s1: () => (/* binding */ urlPasswords)
/* harmony export */ });
// `scheme://user:password@host`: where the password is, found in one pass over the text. Used both
// to learn a config's URL passwords as secrets and to mask any URL's password in what is written,
// declared or not. A scanner, not a regex: a backtracking pattern took seconds on one long line.
const SCHEME = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;
const WHITESPACE = /\s/;
/** A user name ends at these; so does a URL in prose, JSON or HTML. */
const USER_END = new Set([':', '/', '?', '#', '@', '"', "'", '<', '>']);
/** A password may hold `:` and `@`: it reaches the last `@` before the authority ends. */
const PASSWORD_END = new Set(['/', '?', '#', '"', "'", '<', '>']);
/**
 * The spans of every URL password in `text`, in order. Each character is looked at a bounded number
 * of times: a scheme is read back only to the previous match, the authority forward only to its end.
 */
function urlPasswords(text) {
    const spans = [];
    let from = 0;
    for (let mark = text.indexOf('://'); mark !== -1; mark = text.indexOf('://', Math.max(from, mark + 1))) {
        if (!hasScheme(text, mark, from))
            continue;
        let colon = mark + 3;
        while (colon < text.length && !ends(text[colon], USER_END))
            colon++;
        if (text[colon] !== ':')
            continue;
        let lastAt = -1;
        for (let i = colon + 1; i < text.length && !ends(text[i], PASSWORD_END); i++)
            if (text[i] === '@')
                lastAt = i;
        if (lastAt <= colon + 1)
            continue;
        spans.push({ start: colon + 1, end: lastAt });
        from = lastAt + 1;
    }
    return spans;
}
/** `text` with every URL password replaced by `mask`. */
function maskUrlPasswords(text, mask) {
    let masked = '';
    let at = 0;
    for (const { start, end } of urlPasswords(text)) {
        masked += text.slice(at, start) + mask;
        at = end;
    }
    return masked + text.slice(at);
}
/** Percent-decoded, or as written when it is not valid percent-encoding. */
function percentDecoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** A scheme (a letter, then letters, digits, `+`, `.`, `-`) ends at `mark`, after `from`. */
function hasScheme(text, mark, from) {
    let letter = false;
    for (let i = mark - 1; i >= from && SCHEME.test(text[i] ?? ''); i--)
        letter ||= LETTER.test(text[i] ?? '');
    return letter;
}
function ends(char, set) {
    return char === undefined || set.has(char) || WHITESPACE.test(char);
}


/***/ }),

/***/ 5594:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   _V: () => (/* binding */ formatMs)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(649);
// Small wording helpers shared by every text a run writes: messages, the summaries, the log.

/** `1 check`, `7 checks`. */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/**
 * At most `max` characters (code points, so no emoji is cut in half), `…` marking a cut: every text
 * is shortened here, so that the redactor knows where a secret may have been cut in half.
 */
function clip(text, max) {
    if (text.length <= max)
        return text;
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}${_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .CUT_MARK */ .Hj}`;
}
/** Whitespace runs, newlines included, become one space. */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/** A fraction as a percentage to one decimal: 0.125 -> `12.5%`. */
function percent(fraction) {
    return `${Math.round(fraction * 1000) / 10}%`;
}
/** `250 ms`, `1.5 s`, `2.5 min`: durations as people read them. */
function formatMs(ms) {
    if (ms < 1000)
        return `${ms} ms`;
    const seconds = ms / 1000;
    return seconds < 120 ? `${Number(seconds.toFixed(1))} s` : `${Number((seconds / 60).toFixed(1))} min`;
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4040:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
exports.Ll = identity.isNode;
__webpack_unused_export__ = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__cli = __webpack_exports__.x;
/******/ export { __webpack_exports__cli as cli };
/******/ 
