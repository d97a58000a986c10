// The ceiling for start-up: a bare fastify server with PGlite opening the same kind of data
// folder and answering /health with a query, and nothing else. Run with PORT and DATA_DIR set.
import { PGlite } from '@electric-sql/pglite'
import Fastify from 'fastify'

const db = await PGlite.create(process.env.DATA_DIR)
const app = Fastify()
app.get('/health', async () => {
  await db.query('select 1')
  return { status: 'ok' }
})
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0)),
)
