import { createServer } from 'node:net'

// Asks the OS for a free loopback port. Another process could take it before we bind, which is
// acceptable for local tooling and tests.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
