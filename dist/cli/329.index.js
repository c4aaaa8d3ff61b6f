export const id = 329;
export const ids = [329];
export const modules = {

/***/ 329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openPaceMeter: () => (/* binding */ openPaceMeter)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_5__);
// How fast the measuring machine itself is right now, measured once per sampling round:
// - a loopback round trip to an echo server in a child process: it crosses processes as every probe
//   does (the client here, the service in its own process), and on a busy runner both wait for a core;
// - a fixed CPU task of several scheduler time slices run on every core at once, in worker threads,
//   timed by its slowest: a neighbour busy on any core shares that core with one of them, as it does
//   with the services on the runner (a single task found a free core and did not move with one of two
//   cores kept busy; a task of 1 ms finishes within one slice and showed nothing at all);
// - where Linux tells it (/proc/self/schedstat), how long this process's main thread waited for a
//   core while it probed, against how long it ran: the queueing every sample of that round went through.
// Latency samples taken on a busy runner are slower although the service is not; measured alongside
// every sample set, these let the judge tell the two apart.






// Enough work to last about 10 ms on a runner: several scheduler time slices (a few ms each), so that
// a busy machine preempts it, and short against a sampling round of a few services.
const CPU_TASK_ROUNDS = 400_000;
// One task per core, up to this many: a larger machine with this many cores free runs the services
// without queueing, and a thread per core of a 64-core runner would cost more than it tells.
const MAX_CORES_TIMED = 8;
// A pace measurement that cannot finish in this time is no measurement (the machine is stalled).
const TIMEOUT_MS = 2000;
// The echo server: prints its port, answers every byte, and exits when this process closes its stdin.
const ECHO_SERVER = `
const server = require('node:net').createServer(socket => socket.on('data', data => socket.write(data)))
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'))
process.stdin.on('end', () => process.exit(0)).resume()
`;
// A worker: runs the fixed arithmetic loop the optimizer cannot remove at each message, and answers
// its duration (using x keeps the loop observable).
const CPU_TASK = `
const { parentPort } = require('node:worker_threads')
const { performance } = require('node:perf_hooks')
parentPort.on('message', rounds => {
  const started = performance.now()
  let x = 1
  for (let i = 0; i < rounds; i++) x = (x * 1103515245 + 12345) % 2147483648
  const elapsed = performance.now() - started
  parentPort.postMessage(x < 0 ? elapsed + 1 : elapsed)
})
`;
/** Undefined when the echo server cannot be started: the runner is then not measured. */
async function openPaceMeter() {
    const [echo, startedCores] = await Promise.all([startEchoServer(), startCores()]);
    let cores = startedCores;
    if (!echo) {
        cores?.close();
        return undefined;
    }
    let client;
    let probingSince = schedulerTimes();
    return {
        async measure() {
            const queueing = runQueueFactor(probingSince, schedulerTimes());
            try {
                client ??= await connectTo(echo.port);
                const loopbackMs = await roundTrip(client);
                const coresMs = await cores?.time().catch(() => {
                    // A worker that does not answer is left out for the rest of the set, not waited on again.
                    cores?.close();
                    cores = undefined;
                    return undefined;
                });
                return {
                    loopback_ms: loopbackMs,
                    ...(coresMs === undefined ? {} : { all_cores_task_ms: coresMs }),
                    ...(queueing === undefined ? {} : { run_queue_factor: queueing })
                };
            }
            catch {
                client?.destroy();
                client = undefined;
                return undefined;
            }
            finally {
                probingSince = schedulerTimes();
            }
        },
        async close() {
            client?.destroy();
            cores?.close();
            echo.stop();
        }
    };
}
/** The echo server in a child process, listening on `port`; undefined when it does not start. */
async function startEchoServer() {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, ['-e', ECHO_SERVER], {
        // It needs nothing of the step's environment, and is given none of its secrets.
        env: {},
        stdio: ['pipe', 'pipe', 'ignore']
    });
    const port = await new Promise(resolve => {
        const timer = setTimeout(() => resolve(undefined), TIMEOUT_MS);
        child.once('error', () => resolve(undefined));
        child.stdout.once('data', (data) => {
            clearTimeout(timer);
            const port = Number.parseInt(data.toString(), 10);
            resolve(Number.isInteger(port) && port > 0 ? port : undefined);
        });
    });
    const stop = () => {
        child.stdin.end();
        child.kill();
    };
    if (port === undefined) {
        stop();
        return undefined;
    }
    return { port, stop };
}
/**
 * A worker thread per core (up to MAX_CORES_TIMED), started before the first round so that their
 * start disturbs no sample; undefined when they cannot start. `time` runs the CPU task on all at
 * once and answers the slowest one's duration (ms).
 */
async function startCores() {
    const workers = [];
    const close = () => {
        for (const worker of workers)
            void worker.terminate();
    };
    try {
        for (let core = 0; core < Math.min((0,node_os__WEBPACK_IMPORTED_MODULE_3__.availableParallelism)(), MAX_CORES_TIMED); core++) {
            // It needs nothing of the step's environment; unref'd, it never holds the run open.
            const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_5__.Worker(CPU_TASK, { eval: true, env: {} });
            worker.unref();
            // An error while it waits ends it: the next task finds it gone.
            worker.on('error', () => undefined);
            workers.push(worker);
        }
        await Promise.all(workers.map(worker => answer(worker, 'online')));
    }
    catch {
        close();
        return undefined;
    }
    return {
        async time() {
            const durations = await Promise.all(workers.map(worker => {
                const duration = answer(worker, 'message');
                worker.postMessage(CPU_TASK_ROUNDS);
                return duration;
            }));
            const slowest = Math.max(...durations.map(Number));
            if (!Number.isFinite(slowest))
                throw new Error('CPU task: no duration');
            return slowest;
        },
        close
    };
}
/** The worker's next `event` (its argument), or a rejection on its error, its exit or TIMEOUT_MS. */
function answer(worker, event) {
    return new Promise((resolve, reject) => {
        // A thread no longer running has no id; its exit may already have been emitted.
        if (worker.threadId === -1) {
            reject(new Error('CPU task worker exited'));
            return;
        }
        const settle = (done) => {
            clearTimeout(timer);
            worker.off(event, answered).off('error', failed).off('exit', exited);
            done();
        };
        const answered = (value) => settle(() => resolve(value));
        const failed = (error) => settle(() => reject(error));
        const exited = () => settle(() => reject(new Error('CPU task worker exited')));
        const timer = setTimeout(() => settle(() => reject(new Error('CPU task timed out'))), TIMEOUT_MS);
        worker.on(event, answered).on('error', failed).on('exit', exited);
    });
}
function connectTo(port) {
    return new Promise((resolve, reject) => {
        const socket = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.connect)({ port, host: '127.0.0.1', noDelay: true });
        socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('pace meter timed out')));
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
    });
}
function roundTrip(socket) {
    return new Promise((resolve, reject) => {
        const started = node_perf_hooks__WEBPACK_IMPORTED_MODULE_4__.performance.now();
        const timer = setTimeout(() => reject(new Error('pace meter timed out')), TIMEOUT_MS);
        socket.once('data', () => {
            clearTimeout(timer);
            resolve(node_perf_hooks__WEBPACK_IMPORTED_MODULE_4__.performance.now() - started);
        });
        socket.write('.');
    });
}
/** The main thread's time on a core and waiting for one (ns), or undefined where Linux's schedstat is not there. */
function schedulerTimes() {
    try {
        // "<ns running> <ns runnable, waiting for a core> <time slices>"
        const [running, waiting] = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)('/proc/self/schedstat', 'utf8').split(' ').map(Number);
        return Number.isFinite(running) && Number.isFinite(waiting)
            ? { running: running, waiting: waiting }
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** (running + waiting) / running between two readings; undefined without both or without running time. */
function runQueueFactor(from, to) {
    if (!from || !to)
        return undefined;
    const running = to.running - from.running;
    const waiting = to.waiting - from.waiting;
    return running > 0 && waiting >= 0 ? (running + waiting) / running : undefined;
}


/***/ })

};
