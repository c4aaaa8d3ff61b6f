// The parts of undici the probes use, loaded without the rest. undici's main module builds fetch,
// WebSocket, EventSource, its caches and its mocks as it loads: in a bundle, parsing and running
// them was some 40 % of the start of a run with one HTTP check, for nothing the probes call. Loaded
// once, on first use, by a run that probes HTTP.
import { setFlagsFromString } from 'node:v8'
import type { Agent, Dispatcher, interceptors } from 'undici'

export interface Undici {
  Agent: typeof Agent
  redirect: typeof interceptors.redirect
  /** One request to `url` through `dispatcher`, as undici's `request` sends it. */
  request(url: string, options: RequestOptions): Promise<Dispatcher.ResponseData>
}

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & {
  dispatcher: Dispatcher
}

let loaded: Promise<Undici> | undefined

export function undici(): Promise<Undici> {
  return (loaded ??= load())
}

async function load(): Promise<Undici> {
  // undici parses HTTP/1.1 with llhttp compiled to WebAssembly, compiled as its first connection
  // opens. V8's baseline WebAssembly compiler (Liftoff) is enough for the few responses a run
  // parses; its optimizing compiler (TurboFan) took more CPU and memory than all the parsing it
  // sped up (1 check: 0.26 -> 0.19 s CPU, 97 -> 62 MiB; 1,000 checks: 1.58 -> 1.46 s, 166 -> 147 MiB).
  // The flags only choose the compiler, so the parser behaves the same. Set after V8 has started,
  // --liftoff-only no longer turns tiering off as it implies at start: without the other two, V8
  // still recompiled the parser with TurboFan once ten responses had made it hot (112 ms of CPU
  // and 22 MB, which the process then waited for as it exited).
  setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering')
  const [agent, redirect, request, util] = await Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/interceptor/redirect.js'),
    import('undici/lib/api/api-request.js'),
    import('undici/lib/core/util.js')
  ])
  return {
    Agent: agent.default,
    redirect: redirect.default,
    request: (url, { dispatcher, ...options }) => {
      // What undici's `request` does with a URL: checked (an http: or https: URL), then split.
      const { origin, pathname, search } = util.default.parseURL(url)
      return request.default.call(dispatcher, { ...options, origin, path: `${pathname}${search}` })
    }
  }
}
