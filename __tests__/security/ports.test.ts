// The port scan, against listeners on loopback.
import { createServer } from 'node:net'
import { decide, exposedPorts, judgePorts } from '../../src/judge/security.js'
import { scanPorts } from '../../src/probes/security.js'
import { Servers, unusedPort } from '../support/loopback.js'

const servers = new Servers()
afterAll(() => servers.closeAll())

test('only the expected ports accept connections: an unexpected open one fails and is named', async () => {
  const web = await servers.listen(createServer(socket => socket.end()))
  const cache = await servers.listen(createServer(socket => socket.end()))
  const closed = await unusedPort()
  const observations = await scanPorts('127.0.0.1', [web, cache, closed], { timeoutMs: 2000, concurrency: 2 })

  expect(exposedPorts(observations)).toEqual([web, cache])
  expect(observations.find(port => port.port === closed)?.reason).toBe(
    `connection refused (127.0.0.1:${closed})`
  )
  const result = decide(judgePorts('127.0.0.1', '127.0.0.1', [web], observations), 'production')
  expect(result).toMatchObject({
    rule: 'ports.unexpected-open',
    status: 'failed',
    message: `port ${cache} on 127.0.0.1 accepts connections but is not expected (expected: ${web})`
  })
})

test('a host whose open ports are all expected passes, listing them', async () => {
  const web = await servers.listen(createServer(socket => socket.end()))
  const closed = await unusedPort()
  const observations = await scanPorts('127.0.0.1', [web, closed], { timeoutMs: 2000 })
  expect(decide(judgePorts('local', '127.0.0.1', [web, closed], observations), 'production')).toMatchObject({
    status: 'passed',
    message: `open on 127.0.0.1: ${web} (expected: ${web}, ${closed})`
  })
})
