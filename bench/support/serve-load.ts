import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

/** Shared by the page benchmarks: a server process's CPU time, timed requests and load runs. */

/** The CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // clock ticks of 1/100 s
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, { headers })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  return body
}

/** Median wall time and the server's CPU time per request over `n` requests one after another. */
export async function timed(url: string, pid: number, n: number, headers: Record<string, string> = {}) {
  for (let i = 0; i < 3; i++) await get(url, headers) // templates compiled, caches warm
  const times: number[] = []
  const before = cpuMs(pid)
  let body = ''
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint()
    body = await get(url, headers)
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  const cpu = (cpuMs(pid) - before) / n
  times.sort((a, b) => a - b)
  return { medianMs: times[Math.floor(n / 2)]!, cpuMs: cpu, body }
}

/** Waits until the process has had nothing left to do for a moment (requests still queued from a load run). */
export async function idle(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const before = cpuMs(pid)
    await new Promise((r) => setTimeout(r, 200))
    if (cpuMs(pid) - before <= 10) return
  }
}

/**
 * Requests per second under load (10 connections for `seconds`), and the serving process's CPU
 * time per request over that run: the share of a ceiling is measured both ways, the CPU one being
 * the steadier on a shared machine.
 */
export async function load(url: string, pid: number, seconds: number, headers: Record<string, string> = {}) {
  await idle(pid)
  const before = cpuMs(pid)
  const result = await autocannon({ url, connections: 10, duration: seconds, headers })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  await idle(pid)
  return {
    rps: result.requests.average,
    cpuMsPerRequest: (cpuMs(pid) - before) / Math.max(1, result.requests.total),
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
