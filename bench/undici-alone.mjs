// What the probes' HTTP client costs on its own: N requests at once, each body read as JSON, through
// undici loaded and tuned exactly as a run loads it (the same modules, chunk and V8 flags), with
// none of the engine around them. `npm run bench` bundles this file as the action is bundled and
// measures it beside the action: the part of each target that is undici's and Node's, not ours.
//
//   BENCH_URL=http://127.0.0.1:PORT BENCH_REQUESTS=N node <bundle>/index.js
import { undici } from '../src/probes/undici.ts'
import { setV8Flags } from '../src/v8-flags.ts'

setV8Flags()
const url = process.env.BENCH_URL
const requests = Number(process.env.BENCH_REQUESTS)
const { Agent, request } = await undici()
const agent = new Agent({ connections: requests })
await Promise.all(
  Array.from({ length: requests }, async (_, i) => {
    const response = await request(`${url}/health?n=${i}`, { dispatcher: agent, method: 'GET' })
    const body = await response.body.json()
    if (response.statusCode !== 200 || body?.status !== 'ok')
      throw new Error(`request ${i}: status ${response.statusCode}, body ${JSON.stringify(body)}`)
  })
)
await agent.destroy()
