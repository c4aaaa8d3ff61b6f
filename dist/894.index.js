export const id = 894;
export const ids = [894];
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

/***/ 20894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_LINE_CHARS: () => (/* binding */ MAX_LINE_CHARS),
/* harmony export */   MAX_STREAM_CHARS: () => (/* binding */ MAX_STREAM_CHARS),
/* harmony export */   runCommand: () => (/* binding */ runCommand)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _attempt_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43802);
// Runs a command through a shell and observes its exit code and output.
//
// This uses child_process rather than @actions/exec: @actions/exec exposes neither the child's pid
// nor a timeout, and a timeout that kills the whole process tree needs the command's process group.




const MAX_STREAM_CHARS = 1024 * 1024;
/** A line is logged and kept in the tail up to this many characters, cut at a word's start. */
const MAX_LINE_CHARS = 4096;
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
        return {
            kind: 'command',
            exitCode: null,
            stdout: '',
            stderr: '',
            tail: [],
            error: `working directory ${spec.workingDirectory} does not exist`,
            durationMs: performance.now() - started
        };
    }
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(shell, shellArgs(shell, spec.run), {
        cwd: spec.workingDirectory,
        env: { ...process.env, ...spec.env },
        // Its own process group, so that the group can be killed as one.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    // After spawn, which throws for a script too long for the system (E2BIG): no timer outlives that.
    const { signal, timedOut, dispose } = (0,_attempt_js__WEBPACK_IMPORTED_MODULE_3__/* .attemptSignal */ .e)(options);
    const output = { stdout: new CappedText(), stderr: new CappedText(), lines: [] };
    const follow = (stream, into) => {
        const lines = new LineSplitter(emit);
        // Decoded by the stream, so a character split across two reads of the pipe stays whole.
        stream.setEncoding('utf8');
        stream.on('data', (text) => {
            into.append(text);
            lines.push(text);
        });
        stream.on('end', () => lines.end());
    };
    const emit = (line) => {
        output.lines.push(line);
        if (output.lines.length > TAIL_LINES)
            output.lines.shift();
        options.onOutputLine?.(line);
    };
    follow(child.stdout, output.stdout);
    follow(child.stderr, output.stderr);
    // Stopped (timeout or cancellation): SIGTERM to the whole group, then SIGKILL once the grace has
    // passed, whether or not the shell exited before, so that no descendant outlives the attempt.
    let killed;
    const killGroup = () => {
        signalGroup(child.pid, 'SIGTERM');
        killed = (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_2__.setTimeout)(KILL_GRACE_MS).then(() => signalGroup(child.pid, 'SIGKILL'));
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
        ...(output.stdout.truncated && { stdoutTruncated: MAX_STREAM_CHARS }),
        ...(output.stderr.truncated && { stderrTruncated: MAX_STREAM_CHARS }),
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
async function isDirectory(path) {
    return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path).catch(() => undefined))?.isDirectory() ?? false;
}
function shellArgs(shell, script) {
    // bash: stop at the first failing command, like GitHub's own `run:` steps.
    return /(^|\/)bash$/.test(shell)
        ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]
        : ['-c', script];
}
function signalGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // The group is already gone.
    }
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
    truncated = false;
    append(chunk) {
        const room = MAX_STREAM_CHARS - this.text.length;
        this.text += chunk.slice(0, room);
        this.truncated ||= chunk.length > room;
    }
}
/**
 * Cuts a stream's text into lines as it arrives, in one pass over each chunk, keeping the first
 * MAX_LINE_CHARS characters of a line: a line without end never grows past them.
 */
class LineSplitter {
    emit;
    line = '';
    dropped = 0;
    constructor(emit) {
        this.emit = emit;
    }
    push(text) {
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
            this.keep(text, start, end);
            this.flush();
            start = end + 1;
        }
        this.keep(text, start, text.length);
    }
    end() {
        if (this.line !== '' || this.dropped > 0)
            this.flush();
    }
    keep(text, start, end) {
        const kept = Math.min(end, start + MAX_LINE_CHARS - this.line.length);
        this.line += text.slice(start, kept);
        this.dropped += end - kept;
    }
    flush() {
        this.emit(this.dropped > 0
            ? `${beforeLastWord(this.line)}… (line cut at ${MAX_LINE_CHARS} characters)`
            : this.line);
        this.line = '';
        this.dropped = 0;
    }
}
/**
 * The text up to its last whitespace: a cut may fall inside a secret, which redaction recognises
 * only whole, so the word it cut is not shown (nor half of a character).
 */
function beforeLastWord(text) {
    let end = text.length;
    while (end > 0 && !/\s/.test(text.charAt(end - 1)))
        end--;
    return text.slice(0, end);
}


/***/ })

};
