// V8 set for a process that lives seconds. Its defaults serve processes that run for minutes: they
// spend memory and CPU early to run faster later, which a run that ends in seconds never gets back.
// An action cannot pass Node options, and some (--max-semi-space-size) are read only as Node starts;
// these hold where set from the process itself, before the run allocates or compiles.
import { setFlagsFromString } from 'node:v8'

const FLAGS = [
  // V8 sizes the young generation (where new objects live until a scavenge) by the machine's memory,
  // and doubles it as long as most of its objects survive, as they do while hundreds of checks are
  // in flight: on a runner with 16 GiB or more, Node 24 let a 1,000-check run's grow to 64 MB. Held
  // at its first size, that run measured 184 -> 147 MiB at its peak and 1.91 -> 1.79 s of CPU (more,
  // shorter scavenges over memory that stays in the cache; 100 checks or fewer alike).
  '--semi-space-growth-factor=1',
  // TurboFan, the optimizing compiler of the last tier, recompiles the functions that stay hot
  // (42 of them in a run of 100 checks, 58 at 1,000, one of 19 ms); the run ends before the faster
  // code pays that back. Maglev, the tier below, still optimizes them: 1,000 checks took 1.57 -> 1.38 s
  // of CPU, 100 checks 0.49 -> 0.46 s and 88 -> 77 MiB; 1 and 10 checks compile nothing with either.
  '--no-turbofan',
  // Maglev compiles a function once it has been called 400 times: in a run of seconds, hundreds of
  // functions that are warm, not hot, whose compiling the run never gets back. After 2,000 calls it
  // compiles those the run spends its time in: 100 checks took 0.48 -> 0.39 s of CPU and
  // 80 -> 70 MiB, 1,000 checks 1.41 -> 1.28 s and 136 -> 119 MiB; 1 and 10 checks alike.
  '--invocation-count-for-maglev=2000'
]

/** Called first by the action's and the CLI's process. */
export function setV8Flags(): void {
  setFlagsFromString(FLAGS.join(' '))
}
