// A certificate authority made at test time, and server certificates it issues with any names and
// dates: nothing secret is committed, and dates stay relative to the clock of the run.
import { generateKeyPairSync } from 'node:crypto'
import forge from 'node-forge'

export interface Issued {
  key: string
  cert: string
}

export interface CertificateRequest {
  /** DNS names (or IP addresses) the certificate is issued for; the first is the common name. */
  names: string[]
  notBefore: Date
  notAfter: Date
}

export interface TestCa {
  /** PEM of the CA certificate, to trust. */
  cert: string
  issue(request: CertificateRequest): Issued
}

const DAY_MS = 86_400_000

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS)
}

function keyPair() {
  // Native key generation: forge's own is slow.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' }
  })
  const key = forge.pki.privateKeyFromPem(privateKey)
  return { key, pem: privateKey, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) }
}

let serial = 1

export function createTestCa(name = 'deploy-verify test CA'): TestCa {
  const ca = keyPair()
  const now = new Date()
  const caCert = forge.pki.createCertificate()
  caCert.publicKey = ca.publicKey
  caCert.serialNumber = String(serial++).padStart(2, '0')
  caCert.validity.notBefore = daysFrom(now, -30)
  caCert.validity.notAfter = daysFrom(now, 365)
  const subject = [{ name: 'commonName', value: name }]
  caCert.setSubject(subject)
  caCert.setIssuer(subject)
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
  ])
  caCert.sign(ca.key, forge.md.sha256.create())
  return {
    cert: forge.pki.certificateToPem(caCert),
    issue({ names, notBefore, notAfter }) {
      const server = keyPair()
      const cert = forge.pki.createCertificate()
      cert.publicKey = server.publicKey
      cert.serialNumber = String(serial++).padStart(2, '0')
      cert.validity.notBefore = notBefore
      cert.validity.notAfter = notAfter
      cert.setSubject([{ name: 'commonName', value: names[0] ?? 'unnamed' }])
      cert.setIssuer(subject)
      cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: names.map(value => (/^[\d.]+$/.test(value) ? { type: 7, ip: value } : { type: 2, value }))
        }
      ])
      cert.sign(ca.key, forge.md.sha256.create())
      return { key: server.pem, cert: forge.pki.certificateToPem(cert) }
    }
  }
}
