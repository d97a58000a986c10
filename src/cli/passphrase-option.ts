/**
 * `--passphrase-file FILE` works with every command: it is taken out of the arguments before
 * commander sees them and passed on as REDRESS_PASSPHRASE_FILE, which opening the case file reads
 * in safe mode. (A passphrase itself is never accepted as an argument.)
 */
export function takePassphraseFile(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--passphrase-file' && i + 1 < argv.length) {
      env.REDRESS_PASSPHRASE_FILE = argv[++i]!
    } else if (a.startsWith('--passphrase-file=')) {
      env.REDRESS_PASSPHRASE_FILE = a.slice('--passphrase-file='.length)
    } else out.push(a)
  }
  return out
}
