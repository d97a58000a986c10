import { run } from './program.ts'
import { handleError } from './io.ts'

run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code
  })
  .catch((error: unknown) => {
    process.exitCode = handleError(error)
  })
