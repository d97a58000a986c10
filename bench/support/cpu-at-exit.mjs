// Loaded with `node --import` into a measured child process: at exit it reports the process's
// own CPU time (user + system, microseconds) and peak resident memory (KB) on stderr.
//
// The peak is VmHWM from /proc/self/status, the high-water mark of this process's own memory.
// `process.resourceUsage().maxRSS` is not: Linux carries it over from the process that started
// this one (the benchmark, hundreds of MB after a bundle run), so it reported the parent's size.
import { readFileSync } from 'node:fs'

function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS
}

process.on('exit', () => {
  const cpu = process.cpuUsage()
  process.stderr.write(`\nREDRESS_BENCH ${cpu.user + cpu.system} ${peakKb()}\n`)
})
