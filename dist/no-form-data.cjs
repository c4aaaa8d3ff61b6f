// What the bundle loads for undici's fetch body module where its HTTP/1.1 client requires it
// (scripts/bundle.mjs says why): nothing. The client needs it only to send a FormData body.
throw new Error("deploy-verify sends no FormData body: undici's fetch body module is not loaded")
