// V8 sizes the young generation (where new objects live until a scavenge) by the machine's memory,
// and doubles it as long as most of its objects survive, as they do while hundreds of checks are in
// flight: on a runner with 16 GiB or more, Node 24 let a 1,000-check run's grow to 64 MB. Held at its
// first size, that run measured 184 -> 147 MiB at its peak and 1.91 -> 1.79 s of CPU (more, shorter
// scavenges over memory that stays in the cache; 100 checks or fewer alike). The option that caps
// it (--max-semi-space-size) is read only as Node starts, which an action cannot pass; this one
// holds where set from the process itself, before the run allocates.
import { setFlagsFromString } from 'node:v8'

/** Called first by the action's and the CLI's process. */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1')
}
