// The types of the undici modules src/probes/undici.ts loads one by one: undici declares only its
// main module, which exports the same things.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici'
  export default Agent
}

declare module 'undici/lib/interceptor/redirect.js' {
  import type { interceptors } from 'undici'
  const redirect: typeof interceptors.redirect
  export default redirect
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici'
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>
  export default request
}

declare module 'undici/lib/core/util.js' {
  const util: {
    /** Checks that `url` is an http: or https: URL, as undici's `request` does, and parses it. */
    parseURL(url: string | URL): URL
  }
  export default util
}
