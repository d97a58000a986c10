// The honest ceiling for page benchmarks: the same HTML bytes served as static files by fastify
// with @fastify/static (no templates, no database, no hooks). STATIC_DIR holds the files.
import Fastify from 'fastify'
import fastifyStatic from '@fastify/static'

const app = Fastify()
await app.register(fastifyStatic, { root: process.env.STATIC_DIR, prefix: '/' })
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.stdout.write('ready\n')
