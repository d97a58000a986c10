import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { NotFound } from '../domain/case/index.ts'

/**
 * The ids in a page's address, read with their schema. A malformed one is a page that does not
 * exist: it is thrown as `NotFound` and answered once, with the 404 page, by the app's error handler
 * (src/web/app.ts), like a record that is not there.
 */
export function addressParams<S extends z.ZodType>(schema: S, request: FastifyRequest): z.infer<S> {
  const read = schema.safeParse(request.params)
  if (!read.success) throw new NotFound('page', request.routeOptions.url ?? request.url.split('?')[0] ?? '')
  return read.data
}
