import { createReadStream, mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { message } from '../../../domain/shared/message.ts'
import { paths } from '../../paths.ts'
import { formView, one, readPosted, toErrors } from './form.ts'
import { caseOf, caseRenderer, copy, fill, loadCaseFirst, type CaseRoutesDeps } from './case-page.ts'
import { disposition, problemsOf, readMultipart } from './uploads.ts'

/** Taking a case away (the archive, the chronology PDF) and bringing one in (import). */
export const exportRoutes: FastifyPluginAsync<CaseRoutesDeps> = async (app, { svc, who }) => {
  loadCaseFirst(app, svc, 'export')
  const page = caseRenderer('case')

  app.get(paths.caseExport, async (request, reply) => {
    const caseId = caseOf(request).c.id
    return page(request, reply, 'export.njk', copy('case.export.title'), {
      archiveHref: fill(paths.caseExportArchive, { caseId }),
      chronologyHref: fill(paths.caseChronology, { caseId }),
    })
  })

  app.get(paths.caseExportArchive, async (request, reply) => {
    const caseId = caseOf(request).c.id
    mkdirSync(svc.evidence.files.tempDir, { recursive: true })
    const path = join(svc.evidence.files.tempDir, `${randomUUID()}.zip`)
    // In safe mode the archive is encrypted with the passphrase unless the parent chose a plain one.
    const unencrypted = readPosted(request.query).unencrypted === 'yes'
    const encrypted = !unencrypted && svc.evidence.files.contentKey() !== null
    await svc.caseArchive.export(who, caseId, path, undefined, { unencrypted })
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
    const caseId = caseOf(request).c.id
    const query = readPosted(request.query)
    const pdf = await svc.chronology.pdf(who, caseId, { includeSensitive: one(query, 'sensitive') === 'yes' })
    return reply
      .type('application/pdf')
      .header('content-disposition', disposition('inline', 'chronology.pdf'))
      .send(Buffer.from(pdf))
  })

  app.get(paths.caseImport, (request, reply) =>
    page(request, reply, 'import.njk', copy('case.import.title'), { form: formView({}) }),
  )

  app.post(paths.caseImport, async (request, reply) => {
    // The archive is staged as it arrives and imported once the whole form is read, so the
    // passphrase (for an archive exported in safe mode) may come before or after the file.
    const held: { staged: Awaited<ReturnType<typeof svc.evidence.files.stage>> | null } = { staged: null }
    const read = await readMultipart(request, async (fileName, stream) => {
      if (!/\.(zip|redress)$/i.test(fileName))
        throw new InvalidInput('archive', message('case.import.notZip'))
      // The archive goes to disk (never memory), refused once it passes the import cap.
      const declared = Number(request.headers['content-length']) || 0
      held.staged = await svc.evidence.files.stage(stream, svc.caseArchive.maxTotalBytes, 'archive', declared)
      return true
    })
    let result: Awaited<ReturnType<typeof svc.caseArchive.import>> | null = null
    const { fields } = read
    let error = read.error
    const file = held.staged
    if (file) {
      try {
        if (!error) {
          const passphrase = fields.passphrase || undefined
          result = await svc.caseArchive.import(who, file.tempPath, undefined, { passphrase })
        }
      } catch (e) {
        error = e
      } finally {
        await svc.evidence.files.discard(file)
      }
    } else error ??= new InvalidInput('archive', message('platform.uploads.chooseFile'))
    if (result && !error)
      return reply.redirect(
        `${fill(paths.case, { caseId: result.id })}?imported=${result.importedAsCopy ? 'copy' : '1'}`,
        303,
      )
    const problems = problemsOf(error)
    if (!problems) throw error
    const errors = toErrors(
      problems.map((p) =>
        p.field === 'passphrase'
          ? {
              field: 'passphrase',
              problem: fields.passphrase ? message('safeMode.import.wrongPassphrase') : p.problem,
            }
          : { ...p, field: 'archive' },
      ),
      new Set(),
    )
    return page(
      request,
      reply,
      'import.njk',
      copy('case.import.title'),
      { form: formView({}, errors), errors },
      400,
    )
  })
}
