import { run } from './program.ts'
import { handleError } from './io.ts'
import { takePassphraseFile } from './passphrase-option.ts'

run(takePassphraseFile(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code
  })
  .catch((error: unknown) => {
    process.exitCode = handleError(error)
  })
