// HTTP connection pools belong to a run: the end of one run closes its own pools, never those of
// another run in the same process, whose requests go on and finish.
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { HttpPools } from '../../src/probes/http-pools.js'
import { observe } from '../../src/probes/index.js'
import type { HttpObservation } from '../../src/model/observation.js'
import { startHttp } from '../support/loopback.js'
import { httpSpec } from '../support/specs.js'

/** Each connection gets a number; every answer names the connection it came over. */
const connections = new Map<Socket, number>()
/** Requests to /held wait here until the test answers them. */
const held: ServerResponse[] = []
const heldArrived = new EventTarget()
let server: Awaited<ReturnType<typeof startHttp>>

beforeAll(async () => {
  server = await startHttp((request, response) => {
    const connection = String(connections.get(request.socket))
    if (request.url === '/held') {
      held.push(response.setHeader('content-type', 'text/plain'))
      heldArrived.dispatchEvent(new Event('arrived'))
    } else response.writeHead(200, { 'content-type': 'text/plain' }).end(connection)
  })
  server.server.on('connection', (socket: Socket) => connections.set(socket, connections.size + 1))
})

afterAll(() => server.close())

/** One request, as an attempt of a run (or, without pools, of no run) makes it. */
function get(path: string, httpPools?: HttpPools): Promise<HttpObservation> {
  return observe(httpSpec(`${server.url}${path}`), {
    timeoutMs: 30_000,
    httpPools
  }) as Promise<HttpObservation>
}

function socketOf(observation: HttpObservation): Socket {
  return [...connections].find(([, number]) => String(number) === observation.body)![0]
}

test('the end of one run leaves another run’s request in flight and its pools open', async () => {
  const [ending, going] = [new HttpPools(), new HttpPools()]
  const arrived = once(heldArrived, 'arrived')
  const inFlight = get('/held', going)
  await arrived
  const endingSocket = socketOf(await get('/', ending))

  await ending.close()
  if (!endingSocket.destroyed) await once(endingSocket, 'close')
  const [heldResponse] = held.splice(0)
  expect(heldResponse!.socket?.destroyed).toBe(false)

  heldResponse!.end('answered after the other run ended')
  expect(await inFlight).toMatchObject({ status: 200, body: 'answered after the other run ended' })
  expect(await get('/', going)).toMatchObject({ status: 200 })
  await going.close()
})

test('a run that has ended opens no new connection', async () => {
  const run = new HttpPools()
  await run.close()
  const observation = await get('/', run)
  expect(observation.error).toMatch(/already closed/)
  expect(observation.status).toBeUndefined()
})

test('a request outside a run closes the connection it opened', async () => {
  const observation = await get('/')
  expect(observation.status).toBe(200)
  // The server sees that connection end; one left open would keep this waiting until the test times out.
  const own = socketOf(observation)
  if (!own.destroyed) await once(own, 'close')
})

test('a run opens at most its cap of connections to one origin: more requests wait for one', async () => {
  const run = new HttpPools(2)
  const observations = await Promise.all(Array.from({ length: 6 }, () => get('/', run)))
  expect(observations.map(observation => observation.status)).toEqual([200, 200, 200, 200, 200, 200])
  expect(new Set(observations.map(observation => observation.body)).size).toBeLessThanOrEqual(2)
  await run.close()
})

test('a run’s end cuts a request still in flight instead of waiting for its answer', async () => {
  const run = new HttpPools()
  const arrived = once(heldArrived, 'arrived')
  const inFlight = get('/held', run)
  await arrived

  // A graceful close would wait here as long as the server holds the answer: this test, forever.
  await run.close()
  const observation = await inFlight
  expect(observation.status).toBeUndefined()
  expect(observation.error).toMatch(/destroyed/)
  const [heldResponse] = held.splice(0)
  if (!heldResponse!.socket?.destroyed) await once(heldResponse!.socket!, 'close')
})
