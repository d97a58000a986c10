import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  CaseInputError,
  TYPES,
  type EvidenceRecord,
  type Problem,
  type TypeInfo,
} from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { paths } from '../../paths.ts'
import { params, recordParams } from './case.schema.ts'
import type { CaseContext, CaseShell } from './case.routes.ts'
import {
  dateValues,
  formView,
  one,
  readDate,
  readPosted,
  toErrors,
  type FieldError,
  type Posted,
} from './form.ts'
import { present } from './present.ts'

interface Helpers {
  readonly caseShell: CaseShell
  readonly isReply: (x: unknown) => x is FastifyReply
  readonly fill: (pattern: string, values: Record<string, string>) => string
  readonly copy: (key: string, params?: Record<string, string | number>) => string
  readonly option: (
    group: string,
    values: readonly string[],
    selected: string | null | undefined,
  ) => unknown[]
  readonly evidenceTypes: readonly TypeInfo[]
  readonly accepted: string
}

const linkTarget = z
  .string()
  .regex(/^(decision|event):[0-9a-f-]{36}(:(evidence|letter|proof-of-postage|delivery-confirmation))?$/)
  .transform((s) => {
    const [type, id, role] = s.split(':') as ['decision' | 'event', string, string | undefined]
    return {
      type,
      id,
      role: (role ?? 'evidence') as 'evidence' | 'letter' | 'proof-of-postage' | 'delivery-confirmation',
    }
  })

/** A header-safe file name for Content-Disposition. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Reads a multipart form: the text fields, and the one file handed to `onFile` as a stream (fields
 * must come before the file in the form). An error from `onFile` is kept until the request has been
 * read to the end, so the browser always gets the answer.
 */
async function readMultipart<T>(
  request: FastifyRequest,
  onFile: (name: string, stream: AsyncIterable<Uint8Array>, fields: Posted) => Promise<T>,
): Promise<{ fields: Posted; result: T | null; error: unknown }> {
  const fields: Record<string, string> = {}
  let result: T | null = null
  let error: unknown = null
  if (!request.isMultipart())
    return { fields, result, error: new InvalidInput('file', 'Choose a file to upload') }
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (!part.filename) {
          part.file.resume()
          error ??= new InvalidInput(part.fieldname, 'Choose a file to upload')
          continue
        }
        try {
          result = await onFile(part.filename, part.file, { ...fields })
          // Cut off by the parser's own limit: never accept part of a file as if it were whole.
          if (part.file.truncated) {
            result = null
            error ??= new InvalidInput(
              part.fieldname,
              'The file is too large to read whole. Nothing was saved.',
            )
          }
        } catch (e) {
          // A stream that stopped before its end means the upload was cut short, not a fault here.
          const cutShort =
            !part.file.readableEnded && !(e instanceof InvalidInput || e instanceof CaseInputError)
          part.file.resume()
          error ??= cutShort
            ? new InvalidInput(
                part.fieldname,
                'The upload did not arrive whole. Nothing was saved. Try again.',
              )
            : e
        }
      } else fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '')
    }
  } catch (e) {
    error ??= new InvalidInput(
      'file',
      `The upload did not arrive whole (${(e as Error).message}). Try again.`,
    )
  }
  return { fields, result, error }
}

const problemsOf = (error: unknown): Problem[] | null =>
  error instanceof CaseInputError
    ? [...error.problems]
    : error instanceof InvalidInput
      ? [{ field: error.field, problem: error.problem }]
      : null

export function registerEvidenceRoutes(ctx: CaseContext, h: Helpers): void {
  const { app, svc, who, render, caseOr404 } = ctx
  const { caseShell, isReply, fill, copy } = h
  const maxText = present.bytes(svc.evidence.maxUploadBytes)

  app.get(paths.caseEvidenceList, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'evidence'))
    if (isReply(shell)) return shell
    const evidence = await svc.cases.list(who, caseId, 'evidence')
    return render(reply, 'evidence-list.njk', copy('case.evidence.title'), {
      ...shell,
      evidence,
      types: TYPES,
    })
  })

  const targets = async (caseId: string, selected: string | undefined) => {
    const [decisions, events] = await Promise.all([
      svc.cases.list(who, caseId, 'decision'),
      svc.cases.list(who, caseId, 'event'),
    ])
    return [
      { value: '', text: copy('case.form.none') },
      ...decisions.map((d) => ({
        value: `decision:${d.id}`,
        text: `${copy('case.evidence.decisionPrefix')} ${present.label('decisionKind', d.kind)}, ${present.date(d.letterDate)}`,
        selected: `decision:${d.id}` === selected,
      })),
      ...events.map((e) => ({
        value: `event:${e.id}`,
        text: `${present.date(e.occurredOn)}: ${e.title}`,
        selected:
          `event:${e.id}` === selected || `event:${e.id}` === selected?.split(':').slice(0, 2).join(':'),
      })),
    ]
  }

  const uploadView = async (caseId: string, values: Posted, errors: FieldError[] = []) => ({
    form: formView(values, errors),
    errors,
    targets: await targets(caseId, values.linkTo),
    linkRole: values.linkTo?.split(':')[2] ?? '',
    maxText,
    accepted: h.accepted,
    accept: h.evidenceTypes.flatMap((t) => [...t.extensions, t.mediaType]).join(','),
  })

  app.get(paths.caseEvidenceNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'evidence'))
    if (isReply(shell)) return shell
    const query = readPosted(request.query)
    return render(reply, 'evidence-upload.njk', copy('case.evidence.uploadTitle'), {
      ...shell,
      ...(await uploadView(caseId, { linkTo: one(query, 'linkTo') })),
    })
  })

  app.post(paths.caseEvidenceNew, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'evidence'))
    if (isReply(shell)) return shell
    const dateProblems = new Map<string, string>()
    const { fields, result, error } = await readMultipart(request, async (fileName, stream, f) => {
      const date = readDate(f, 'documentDate')
      if (date.problem) dateProblems.set('documentDate', date.problem)
      const link = one(f, 'linkTo') ? linkTarget.safeParse(one(f, 'linkTo')) : null
      if (link && !link.success)
        throw new InvalidInput('linkTo', 'Choose a decision or event from this case to link to')
      return svc.evidence.add(who, caseId, {
        fileName,
        content: stream,
        title: one(f, 'title'),
        description: one(f, 'description'),
        documentDate: date.text,
        tags: one(f, 'tags'),
        linkTo: link?.data ?? null,
      })
    })
    if (result && !error) {
      const back = one(fields, 'linkTo')
      const to = linkTarget.safeParse(back)
      const next =
        to.success && one(fields, 'return') === 'target'
          ? fill(to.data.type === 'decision' ? paths.caseDecision : paths.caseEvent, {
              caseId,
              id: to.data.id,
            })
          : `${fill(paths.caseEvidence, { caseId, id: result.id })}?saved=1`
      return reply.redirect(next, 303)
    }
    const problems = problemsOf(error)
    if (!problems) throw error
    const errors = toErrors(problems, new Set(['documentDate']), dateProblems)
    return render(
      reply,
      'evidence-upload.njk',
      copy('case.evidence.uploadTitle'),
      { ...shell, ...(await uploadView(caseId, fields, errors)) },
      400,
    )
  })

  const showEvidence = async (
    caseId: string,
    reply: FastifyReply,
    e: EvidenceRecord,
    extra: Record<string, unknown> = {},
  ) => {
    const shell = await caseShell(caseId, 'evidence')
    const [linked, history] = await Promise.all([
      svc.cases.linked(who, caseId, 'evidence', e.id),
      svc.cases.history(who, caseId, 'evidence', e.id),
    ])
    const info = TYPES[e.mediaType]
    return render(
      reply,
      'evidence.njk',
      e.title,
      {
        ...shell,
        evidence: e,
        info,
        isImage: e.mediaType.startsWith('image/'),
        fileHref: fill(paths.caseEvidenceFile, { caseId, id: e.id }),
        downloadHref: fill(paths.caseEvidenceDownload, { caseId, id: e.id }),
        linked,
        history,
        targets: await targets(caseId, undefined),
        ...extra,
      },
      (extra.errors as unknown[] | undefined)?.length ? 400 : 200,
    )
  }

  app.get(paths.caseEvidence, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    return showEvidence(caseId, reply, e, { saved: (request.query as Record<string, string>).saved === '1' })
  })

  app.post(paths.caseEvidenceLink, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    const posted = readPosted(request.body)
    const target = linkTarget.safeParse(one(posted, 'target'))
    try {
      if (!target.success)
        throw new CaseInputError([{ field: 'target', problem: copy('case.evidence.chooseTarget') }])
      await svc.cases.link(who, caseId, id, target.data.type, target.data.id)
      return reply.redirect(`${fill(paths.caseEvidence, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      if (!(error instanceof CaseInputError)) throw error
      const errors = toErrors(error.problems, new Set())
      return showEvidence(caseId, reply, e, { errors, form: formView(posted, errors) })
    }
  })

  app.get(paths.caseEvidenceFile, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    const view = await svc.evidence.viewable(who, caseId, id)
    if (!view) return reply.redirect(fill(paths.caseEvidenceDownload, { caseId, id }), 303)
    return reply
      .type(view.mediaType)
      .header('content-disposition', disposition('inline', e.fileName))
      .send(view.body)
  })

  app.get(paths.caseEvidenceDownload, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    const { stream } = await svc.evidence.open(who, caseId, id)
    return reply
      .type(e.mediaType)
      .header('content-length', String(e.sizeBytes))
      .header('content-disposition', disposition('attachment', e.fileName))
      .send(stream)
  })

  app.get(paths.caseEvidenceEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'evidence'))
    if (isReply(shell)) return shell
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    const values = {
      title: e.title,
      description: e.description ?? '',
      ...dateValues('documentDate', e.documentDate),
      tags: e.tags.join(', '),
      version: String(e.version),
    }
    return render(reply, 'evidence-form.njk', copy('case.evidence.editTitle'), {
      ...shell,
      form: formView(values),
      editing: e,
    })
  })

  app.post(paths.caseEvidenceEdit, async (request, reply) => {
    const { caseId, id } = recordParams.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'evidence'))
    if (isReply(shell)) return shell
    const e = await caseOr404(reply, () => svc.cases.get(who, caseId, 'evidence', id))
    if (isReply(e)) return e
    const posted = readPosted(request.body)
    const date = readDate(posted, 'documentDate')
    try {
      await svc.evidence.amend(
        who,
        caseId,
        id,
        {
          title: one(posted, 'title'),
          description: one(posted, 'description'),
          documentDate: date.text,
          tags: one(posted, 'tags'),
        },
        Number(one(posted, 'version')) || undefined,
      )
      return reply.redirect(`${fill(paths.caseEvidence, { caseId, id })}?saved=1`, 303)
    } catch (error) {
      const problems = problemsOf(error)
      if (!problems) throw error
      const errors = toErrors(
        problems,
        new Set(['documentDate']),
        new Map(date.problem ? [['documentDate', date.problem]] : []),
      )
      return render(
        reply,
        'evidence-form.njk',
        copy('case.evidence.editTitle'),
        { ...shell, form: formView(posted, errors), errors, editing: e },
        400,
      )
    }
  })

  // Export and import

  app.get(paths.caseExport, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const shell = await caseOr404(reply, () => caseShell(caseId, 'export'))
    if (isReply(shell)) return shell
    return render(reply, 'export.njk', copy('case.export.title'), {
      ...shell,
      archiveHref: fill(paths.caseExportArchive, { caseId }),
      chronologyHref: fill(paths.caseChronology, { caseId }),
    })
  })

  app.get(paths.caseExportArchive, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const c = await caseOr404(reply, () => svc.cases.getCase(who, caseId))
    if (isReply(c)) return c
    mkdirSync(svc.evidence.files.tempDir, { recursive: true })
    const path = join(svc.evidence.files.tempDir, `${randomUUID()}.zip`)
    // In safe mode the archive is encrypted with the passphrase unless the parent chose a plain one.
    const unencrypted = readPosted(request.query).unencrypted === 'yes'
    const encrypted = !unencrypted && svc.evidence.files.contentKey() !== null
    await svc.caseArchive.export(who, caseId, path, undefined, { unencrypted })
    const { createReadStream } = await import('node:fs')
    const stream = createReadStream(path)
    stream.on('close', () => void rm(path, { force: true }))
    const day = svc.cases.today().toString()
    return reply
      .type(encrypted ? 'application/octet-stream' : 'application/zip')
      .header(
        'content-disposition',
        disposition('attachment', `redress-case-${day}.${encrypted ? 'redress' : 'zip'}`),
      )
      .send(stream)
  })

  app.get(paths.caseChronology, async (request, reply) => {
    const { caseId } = params.parse(request.params)
    const query = readPosted(request.query)
    const pdf = await caseOr404(reply, () =>
      svc.chronology.pdf(who, caseId, { includeSensitive: one(query, 'sensitive') === 'yes' }),
    )
    if (isReply(pdf)) return pdf
    return reply
      .type('application/pdf')
      .header('content-disposition', disposition('inline', 'chronology.pdf'))
      .send(Buffer.from(pdf))
  })

  app.get(paths.caseImport, (request, reply) =>
    render(reply, 'import.njk', copy('case.import.title'), { form: formView({}) }),
  )

  app.post(paths.caseImport, async (request, reply) => {
    const { result, error } = await readMultipart(request, async (fileName, stream) => {
      if (!/\.zip$/i.test(fileName)) throw new InvalidInput('archive', copy('case.import.notZip'))
      // The archive goes to disk (never memory), refused once it passes the import cap.
      const declared = Number(request.headers['content-length']) || 0
      const staged = await svc.evidence.files.stage(
        stream,
        svc.caseArchive.maxTotalBytes,
        'archive',
        declared,
      )
      try {
        return await svc.caseArchive.import(who, staged.tempPath)
      } finally {
        await svc.evidence.files.discard(staged)
      }
    })
    if (result && !error)
      return reply.redirect(
        `${fill(paths.case, { caseId: result.id })}?imported=${result.importedAsCopy ? 'copy' : '1'}`,
        303,
      )
    const problems = problemsOf(error)
    if (!problems) throw error
    const errors = toErrors(
      problems.map((p) => ({ ...p, field: 'archive' })),
      new Set(),
    )
    return render(reply, 'import.njk', copy('case.import.title'), { form: formView({}, errors), errors }, 400)
  })
}
