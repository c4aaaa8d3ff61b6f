export const id = 760;
export const ids = [760];
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

/***/ 43760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_LINE_CHARS: () => (/* binding */ MAX_LINE_CHARS),
  MAX_STREAM_CHARS: () => (/* binding */ MAX_STREAM_CHARS),
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/probes/attempt.ts
var attempt = __webpack_require__(43802);
// EXTERNAL MODULE: ./src/config/variables.ts
var variables = __webpack_require__(79183);
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

// EXTERNAL MODULE: ./src/probes/process-tree.ts
var process_tree = __webpack_require__(94983);
;// CONCATENATED MODULE: ./src/probes/command.ts
// Runs a command through a shell and observes its exit code and output.
//
// This uses child_process rather than @actions/exec: @actions/exec exposes neither the child's pid
// nor a timeout, and a timeout that kills the whole process tree needs the command's process group.





const MAX_STREAM_CHARS = 1024 * 1024;
/** A line is logged and kept in the tail up to this many characters, cut at a word's start. */
const MAX_LINE_CHARS = 4096;
const TAIL_LINES = 20;
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
    const tree = new process_tree/* ProcessTree */.i();
    // The marker travels with the command's own variables, so every process it starts inherits it.
    spec = { ...spec, env: tree.mark(spec.env) };
    const child = (0,external_node_child_process_.spawn)(shell, shellArgs(shell, spec.run), {
        cwd: spec.workingDirectory,
        env: childEnvironment(process.env, options.exports ?? {}, spec.env),
        // Its own process group, so that the group can be killed as one.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    // After spawn, which throws for a script too long for the system (E2BIG): no timer outlives that.
    const { signal, timedOut, dispose } = (0,attempt/* attemptSignal */.e)(options);
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
    // Stopped (timeout or cancellation): the group and every process the attempt started, even one
    // that left the group, whether or not the shell exited before.
    let killed;
    const killGroup = () => {
        killed = tree.stop(child.pid, process_tree/* KILL_GRACE_MS */.f);
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
