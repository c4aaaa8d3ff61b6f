// A released version of a service, for rollback tests: v1 answers /health with 200, any other
// version with 500. It writes its pid at once (so that the next release can stop it) and waits
// for the port while the release it replaces is still letting go of it.
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'

const [port, version, pidFile] = process.argv.slice(2)
writeFileSync(pidFile, String(process.pid))
const healthy = version === 'v1'
const server = createServer((_request, response) => {
  response
    .writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' })
    .end(JSON.stringify({ status: healthy ? 'ok' : 'broken', version }))
})
let tries = 0
server.on('error', error => {
  if (error.code !== 'EADDRINUSE' || ++tries > 200) throw error
  setTimeout(() => server.listen(Number(port), '127.0.0.1'), 50)
})
server.listen(Number(port), '127.0.0.1')
