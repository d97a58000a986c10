// Loaded with `node --import` into a measured child process: at exit it reports the process's
// own CPU time (user + system, microseconds) and peak resident memory (KB) on stderr.
process.on('exit', () => {
  const cpu = process.cpuUsage()
  process.stderr.write(`\nREDRESS_BENCH ${cpu.user + cpu.system} ${process.resourceUsage().maxRSS}\n`)
})
