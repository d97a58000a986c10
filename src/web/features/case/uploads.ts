import type { FastifyRequest } from 'fastify'
import { CaseInputError, type Problem } from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { message } from '../../../domain/shared/message.ts'
import type { Posted } from './form.ts'
import { ArchiveRejected } from '../../../services/case-archive.service.ts'

/** Uploads (evidence, case archives) and files sent back: shared by the evidence and export pages. */

/** A header-safe file name for Content-Disposition. */
export function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Reads a multipart form: the text fields, and the one file handed to `onFile` as a stream (fields
 * must come before the file in the form). An error from `onFile` is kept until the request has been
 * read to the end, so the browser always gets the answer.
 */
export async function readMultipart<T>(
  request: FastifyRequest,
  onFile: (name: string, stream: AsyncIterable<Uint8Array>, fields: Posted) => Promise<T>,
): Promise<{ fields: Posted; result: T | null; error: unknown }> {
  const fields: Record<string, string> = {}
  let result: T | null = null
  let error: unknown = null
  if (!request.isMultipart())
    return { fields, result, error: new InvalidInput('file', message('platform.uploads.chooseFile')) }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume()
          error ??= new InvalidInput(part.fieldname, message('platform.uploads.chooseFile'))
          continue
        }
        try {
          result = await onFile(part.filename, part.file, { ...fields })
          // Cut off by the parser's own limit: never accept part of a file as if it were whole.
          if (part.file.truncated) {
            result = null
            error ??= new InvalidInput(part.fieldname, message('platform.uploads.truncated'))
          }
        } catch (e) {
          // A stream that stopped before its end means the upload was cut short, not a fault here.
          const cutShort =
            !part.file.readableEnded && !(e instanceof InvalidInput || e instanceof CaseInputError)
          part.file.resume()
          error ??= cutShort ? new InvalidInput(part.fieldname, message('platform.uploads.cutShort')) : e
        }
      } else fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '')
    }
  } catch (e) {
    error ??= new InvalidInput('file', message('platform.uploads.notWhole', { reason: (e as Error).message }))
  }
  return { fields, result, error }
}

/** What was wrong, field by field, in words (an archive's problem put into words here). */
export const problemsOf = (error: unknown): Problem[] | null =>
  error instanceof ArchiveRejected
    ? [{ field: 'archive', problem: error.copy }]
    : error instanceof CaseInputError
      ? [...error.problems]
      : error instanceof InvalidInput
        ? [{ field: error.field, problem: error.problem }]
        : null
