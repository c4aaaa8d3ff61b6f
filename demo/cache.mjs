// A stand-in for the stack's Redis: it answers PING with +PONG, which is all the TCP check asks of it.
import { createServer } from 'node:net'

/** @returns {Promise<{ port: number, stop: () => Promise<void> }>} */
export async function startCache() {
  const sockets = new Set()
  const server = createServer(socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.on('data', data => {
      if (data.toString().toUpperCase().startsWith('PING')) socket.write('+PONG\r\n')
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return {
    port: server.address().port,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

/** A loopback port that nothing listens on: taken from the system, then released. */
export async function unusedPort() {
  const server = createServer()
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address()
  await new Promise(resolve => server.close(resolve))
  return port
}
