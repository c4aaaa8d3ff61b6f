// What the bundle loads for node:http2 (scripts/bundle.mjs says why): nothing. undici takes a module
// that fails to load as HTTP/2 not available, and speaks HTTP/1.1, as deploy-verify asks it to.
throw new Error('deploy-verify speaks HTTP/1.1 only: node:http2 is not loaded')
