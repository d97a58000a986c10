import { describe, expect, it } from 'vitest'
import { assertLoopbackHost, ConfigError, isLoopback, loadConfig } from '../../src/config.ts'

describe('settings that keep Redress on this computer', () => {
  it('knows the loopback names and nothing else', () => {
    for (const h of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true)
    for (const h of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.com', '127.0.0.1.example.com'])
      expect(isLoopback(h), h).toBe(false)
  })

  it('refuses to listen beyond loopback, in one sentence saying why', () => {
    expect(() => assertLoopbackHost('0.0.0.0')).toThrow(ConfigError)
    expect(() => assertLoopbackHost('0.0.0.0')).toThrow(/anyone on the network could read every case\.$/)
    expect(() => assertLoopbackHost('127.0.0.1')).not.toThrow()
  })

  it('reads extra host names and the import cap, refusing a malformed name', () => {
    const c = loadConfig({
      REDRESS_ALLOWED_HOSTS: 'redress.lan:8080, notes.local',
      REDRESS_MAX_IMPORT_MB: '100',
    })
    expect(c.allowedHosts).toEqual(['redress.lan:8080', 'notes.local'])
    expect(c.maxImportBytes).toBe(100 * 1024 * 1024)
    expect(loadConfig({}).maxImportBytes).toBe(2048 * 1024 * 1024)
    expect(() => loadConfig({ REDRESS_ALLOWED_HOSTS: 'http://evil.example/' })).toThrow(
      /REDRESS_ALLOWED_HOSTS/,
    )
  })
})
