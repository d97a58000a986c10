import { readFileSync } from 'node:fs'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { LETTER_METHODS } from '../../../domain/case/index.ts'
import { InvalidInput } from '../../../domain/shared/errors.ts'
import { message } from '../../../domain/shared/message.ts'
import { formatDate, parseDate } from '../../../domain/shared/plain-date.ts'
import { isLetterKind, listLetterKinds, type LetterKind } from '../../../documents/index.ts'
import { registerBundleRoutes, type Render } from './bundle.routes.ts'
import {
  LetterNeedsMore,
  parseMethod,
  type LetterTiming,
  type LetterChoices,
  type LetterEdits,
  type LetterProblem,
} from '../../../services/letter.service.ts'
import { wordFieldsFor } from '../../../services/letter-fields.ts'
import type { FeatureOptions } from '../feature.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import {
  caseParams,
  callParams,
  kindParams,
  letterForm,
  list,
  text,
  type LetterForm,
} from './letters.schema.ts'
import { fromRoot } from '../../../root.ts'
import { caseOf, copy, fill, loadCaseFirst, WEB_ACTOR, withNav } from '../case/case-page.ts'
import { present } from '../case/present.ts'
import { datePartsOf, readUkDate } from '../../forms/index.ts'
import { addressParams } from '../../params.ts'

/**
 * Reads a GOV.UK date input (`<id>-day`, `-month`, `-year`) with the forms module's one date parser:
 * YYYY-MM-DD, or null when blank. Parts that are not a date are passed on as typed, so the letter
 * service refuses them naming the field (as the page shows in its error summary).
 */
function readDate(f: LetterForm, id: string): string | null {
  const input = { day: text(f, `${id}-day`), month: text(f, `${id}-month`), year: text(f, `${id}-year`) }
  const read = readUkDate(input)
  if (read.ok) return read.iso
  if (read.problem === 'blank') return null
  return `${input.year}-${input.month.padStart(2, '0')}-${input.day.padStart(2, '0')}`
}

const dateParts = (iso: string | null | undefined) => datePartsOf(iso)

/** A posted letter form: its fields, and the proof-of-postage file if one was chosen (read whole, capped). */
interface LetterPost {
  readonly f: LetterForm
  readonly proof: { readonly name: string; readonly bytes: Buffer } | null
  readonly proofError: InvalidInput | null
}

/**
 * Reads the letter form, which is multipart (it can carry the photo of a certificate of posting).
 * Repeated fields (the enclosures ticked) become lists. A form posted without a file reads the same.
 */
async function readLetterPost(request: FastifyRequest, maxBytes: number): Promise<LetterPost> {
  if (!request.isMultipart())
    return { f: letterForm.parse(request.body ?? {}), proof: null, proofError: null }
  const fields: Record<string, string | string[]> = {}
  let proof: LetterPost['proof'] = null
  let proofError: InvalidInput | null = null
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!part.filename) {
        part.file.resume()
        continue
      }
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size <= maxBytes) chunks.push(chunk)
      }
      if (size > maxBytes || part.file.truncated)
        proofError = new InvalidInput('proof', message('letters.errors.proofTooLarge'))
      else proof = { name: part.filename, bytes: Buffer.concat(chunks) }
    } else {
      const v = typeof part.value === 'string' ? part.value : String(part.value ?? '')
      const had = fields[part.fieldname]
      fields[part.fieldname] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
    }
  }
  return { f: letterForm.parse(fields), proof, proofError }
}

export const lettersRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services }) => {
  const caseFile = services.caseFile
  if (!caseFile) return
  await app.register(multipart, {
    limits: { fileSize: caseFile.evidence.maxUploadBytes + 1, files: 1, fields: 200, fieldSize: 100_000 },
    throwFileSizeLimit: false,
  } as Parameters<typeof multipart>[1])
  const who = WEB_ACTOR
  const { letters, bundles } = services

  const script = readFileSync(fromRoot('src/web/features/letters/letters.js'), 'utf8')
  app.get(paths.lettersScript, (request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  )

  // The case of every page here is loaded once, before its handler; one that is not there is the 404 page.
  loadCaseFirst(app, caseFile, 'letters')
  /** A page inside the case (its side navigation beside it); never kept, since a bundle job changes outside the case. */
  const render: Render = (reply, template, title, context = {}, status = 200) => {
    const shell = caseOf(reply.request)
    return reply.code(status).view(`letters/${template}`, {
      pageTitle: title,
      navigation: navigation(paths.cases),
      fmt: present,
      paths,
      ...withNav(shell, 'letters'),
      caseHref: fill(paths.case, { caseId: shell.c.id }),
      lettersHref: fill(paths.caseLetters, { caseId: shell.c.id }),
      ...context,
    })
  }

  // The letters page: what this case needs, and every kind.

  app.get(paths.caseLetters, async (request, reply) => {
    const { caseId } = addressParams(caseParams, request)
    const kinds = listLetterKinds()
    const suggested = (await letters.suggested(who, caseId)).map((s) => ({
      ...s,
      title: kinds.find((k) => k.kind === s.kind)?.title ?? s.kind,
      href: fill(paths.caseLetterKind, { caseId, kind: s.kind }),
    }))
    return render(reply, 'letters.njk', copy('letters.title'), {
      suggested,
      all: kinds.map((k) => ({ ...k, href: fill(paths.caseLetterKind, { caseId, kind: k.kind }) })),
      bundleHref: fill(paths.caseBundle, { caseId }),
    })
  })

  app.get(paths.letterCallConfirmation, async (request, reply) => {
    const { caseId, id } = addressParams(callParams, request)
    return reply.redirect(
      `${fill(paths.caseLetterKind, { caseId, kind: 'call-confirmation' })}?callId=${encodeURIComponent(id)}`,
      303,
    )
  })

  // One letter: choose, edit, download, record as sent.

  const choicesFrom = (f: LetterForm, kind: LetterKind): LetterChoices => {
    const words: Record<string, string> = {}
    for (const w of wordFieldsFor(kind)) {
      const v = w.type === 'date' ? readDate(f, `word-${w.name}`) : text(f, `word-${w.name}`)
      if (v) words[w.name] = v
    }
    const date = readDate(f, 'date')
    const address = text(f, 'recipientAddress')
    const income = text(f, 'myIncome')
    const nights = text(f, 'myNights')
    return {
      ...(text(f, 'decisionId') ? { decisionId: text(f, 'decisionId') } : {}),
      ...(text(f, 'callId') ? { callId: text(f, 'callId') } : {}),
      ...(date ? { date: parseDate(date, 'date') } : {}),
      ...(address
        ? {
            recipient: {
              addressLines: address
                .split(/\r?\n/)
                .map((l) => l.trim())
                .filter(Boolean),
            },
          }
        : {}),
      words,
      ...(income || nights ? { figures: { weeklyIncome: income || null, nights: nights || null } } : {}),
      enclose: list(f, 'enclose'),
    }
  }

  const editsFrom = (f: LetterForm): LetterEdits => {
    const paragraphs: Record<number, string> = {}
    for (const [k, v] of Object.entries(f)) {
      const m = /^paragraph-(\d+)$/.exec(k)
      if (m && typeof v === 'string') paragraphs[Number(m[1])] = v
    }
    return {
      ...(f.subject !== undefined ? { subject: text(f, 'subject') } : {}),
      ...(f.salutation !== undefined ? { salutation: text(f, 'salutation') } : {}),
      ...(f.closing !== undefined ? { closing: text(f, 'closing') } : {}),
      paragraphs,
    }
  }

  const problemLink = (caseId: string, p: LetterProblem): string => {
    switch (p.where) {
      case 'case':
        return fill(paths.caseEdit, { caseId })
      case 'decisions':
        return fill(paths.caseDecisionNew, { caseId })
      case 'calls':
        return fill(paths.caseCallNew, { caseId })
      case 'timeline':
        return fill(paths.caseEventNew, { caseId })
      case 'letter':
        return p.field.startsWith('recipient')
          ? '#recipientAddress'
          : p.field === 'sender.phone'
            ? '#word-senderPhone'
            : `#word-${p.field}`
    }
  }

  /** The timing of a letter's route for the page: dates in words, the late route and what remains as links. */
  const timingView = (caseId: string, t: LetterTiming) => {
    const d = (x: { toString(): string } | null) => (x ? formatDate(parseDate(x.toString())) : '')
    const link = (kind: LetterKind) => ({
      href: fill(paths.caseLetterKind, { caseId, kind }),
      text: copy(`letterPage.timing.remains.${kind}`),
    })
    return {
      state: t.state,
      route: t.route,
      deadline: d(t.deadline),
      outer: d(t.outerLimit),
      lateText:
        t.route === 'appeal' && !t.outerLimit
          ? 'letterPage.timing.late.appealNoOuter'
          : `letterPage.timing.late.${t.route}`,
      lateHref: t.lateKind ? fill(paths.caseLetterKind, { caseId, kind: t.lateKind }) : null,
      remains: t.remains.map(link),
      source: `${t.source.instrument}, ${t.source.provision}`,
      url: t.source.url,
      confidence: t.confidence,
    }
  }

  const letterPage = async (
    reply: FastifyReply,
    caseId: string,
    kind: LetterKind,
    f: LetterForm,
    extra: { errors?: { text: string; href: string }[]; edits?: LetterEdits; submitted?: boolean } = {},
    status = 200,
  ) => {
    const { c } = caseOf(reply.request)
    const info = listLetterKinds().find((k) => k.kind === kind)!
    const decisions = (await caseFile.cases.list(who, caseId, 'decision')).sort((a, b) =>
      b.letterDate.localeCompare(a.letterDate),
    )
    const calls = (await caseFile.cases.timeline(who, caseId)).filter((e) => e.type === 'call')
    let drafted = null
    let problems: (LetterProblem & { href: string })[] = []
    let errors = extra.errors ?? []
    try {
      const ch = choicesFrom(f, kind)
      drafted = extra.edits
        ? await letters.edited(who, caseId, kind, ch, extra.edits)
        : await letters.draft(who, caseId, kind, ch)
    } catch (error) {
      if (error instanceof LetterNeedsMore) {
        problems = error.problems.map((p) => ({ ...p, href: problemLink(caseId, p) }))
        // The page opens clean: what is missing is listed, and only reported as an error on submit.
        if (extra.submitted)
          errors = [
            ...errors,
            ...problems.map((p) => ({
              text: `${copy(`letters.where.${p.where}`)}: ${p.whatToAdd}`,
              href: p.href,
            })),
          ]
        if (extra.edits) {
          // An edit emptied something: show the draft again with the parent's words kept.
          try {
            drafted = await letters.draft(who, caseId, kind, choicesFrom(f, kind))
          } catch {
            drafted = null
          }
        }
      } else if (error instanceof InvalidInput) {
        errors = [...errors, { text: copy(error.problem), href: `#${error.field.replace(/\./g, '-')}` }]
      } else throw error
    }
    const ch = (() => {
      try {
        return choicesFrom(f, kind)
      } catch {
        return {}
      }
    })()
    const timing = await letters.timing(who, caseId, kind, ch)
    const recipient = letters.recipient(kind, c).fact
    const enclosable = (await caseFile.cases.list(who, caseId, 'evidence'))
      .filter((e) => !e.tags.includes('redress-letter'))
      .map((e) => ({
        value: e.id,
        text: e.title,
        hint: { text: e.documentDate ? formatDate(parseDate(e.documentDate)) : e.fileName },
        checked: list(f, 'enclose').includes(e.id),
      }))
    const recipientOrg = drafted?.letter.recipient.organisation ?? ''
    let numbered = 0
    const blocks = drafted
      ? drafted.letter.paragraphs.map((b, i) =>
          typeof b === 'string'
            ? { index: i, kind: 'text', value: extra.edits?.paragraphs?.[i] ?? b, n: ++numbered }
            : b.kind === 'heading'
              ? { index: i, kind: 'heading', value: b.text }
              : {
                  index: i,
                  kind: 'table',
                  caption: b.caption ?? '',
                  columns: b.columns.map((col) => col.header),
                  rows: b.rows,
                },
        )
      : []
    return render(
      reply,
      'letter.njk',
      info.title,
      {
        kind,
        info,
        errors,
        problems,
        drafted,
        blocks,
        timing: timing ? timingView(caseId, timing) : null,
        recipient: {
          organisation: recipient.organisation,
          attention: recipient.attention,
          lines: recipient.addressLines,
          useInstead: recipient.useInstead,
          unconfirmed: recipient.confidence === 'unverified',
          secondary: recipient.confidence === 'secondary',
          source: recipient.sources[0],
          checked: formatDate(recipient.checkedOn),
        },
        enclosable,
        notes: drafted ? [...(await letters.caseNotes(who, caseId, kind, ch)), ...drafted.letter.notes] : [],
        letterDate: drafted ? formatDate(drafted.letter.date) : '',
        submitted: !!extra.submitted,
        action: fill(paths.caseLetterKind, { caseId, kind }),
        values: {
          decisionId: text(f, 'decisionId') || drafted?.decision?.id || '',
          callId: text(f, 'callId') || drafted?.call?.id || '',
          date: dateParts(readDate(f, 'date') ?? drafted?.letter.date.toString()),
          recipientAddress: text(f, 'recipientAddress'),
          myIncome: text(f, 'myIncome'),
          myNights: text(f, 'myNights'),
          sentOn: dateParts(readDate(f, 'sentOn') ?? caseFile.cases.today().toString()),
          method: text(f, 'method'),
          certificate: text(f, 'certificate'),
          tracking: text(f, 'tracking'),
        },
        words: wordFieldsFor(kind).map((w) => ({
          ...w,
          id: `word-${w.name}`,
          value: w.type === 'date' ? dateParts(readDate(f, `word-${w.name}`)) : text(f, `word-${w.name}`),
        })),
        needsRecipient:
          problems.some((p) => p.field.startsWith('recipient')) || !!text(f, 'recipientAddress'),
        recipientOrg: recipientOrg || (problems.length ? '' : ''),
        decisions: decisions.map((d) => ({
          value: d.id,
          text: `${formatDate(parseDate(d.letterDate))}: ${d.summary ?? copy(`caseDomain.decisionKind.${d.kind}`)}`,
        })),
        calls: calls.map((e) => ({
          value: e.id,
          text: `${formatDate(parseDate(e.occurredOn))}: ${e.title}`,
        })),
        methods: LETTER_METHODS.map((m) => ({ value: m, text: copy(`letters.methods.${m}`) })),
        usesDecision:
          [
            'mandatory-reconsideration',
            'late-mandatory-reconsideration',
            'revision-any-time',
            'ni-appeal',
          ].includes(kind) || kind.startsWith('appeal-'),
        usesCall: kind === 'call-confirmation',
        usesFigures:
          ['mandatory-reconsideration', 'late-mandatory-reconsideration', 'ni-appeal'].includes(kind) ||
          kind.startsWith('appeal-'),
      },
      status,
    )
  }

  app.get(paths.caseLetterKind, async (request, reply) => {
    const { caseId, kind } = addressParams(kindParams, request)
    if (!isLetterKind(kind)) return reply.callNotFound()
    return letterPage(reply, caseId, kind, letterForm.parse(request.query ?? {}))
  })

  app.post(paths.caseLetterKind, async (request, reply) => {
    const { caseId, kind } = addressParams(kindParams, request)
    if (!isLetterKind(kind)) return reply.callNotFound()
    const { f, proof, proofError } = await readLetterPost(request, caseFile.evidence.maxUploadBytes)
    const act = text(f, 'action')
    const edits = act === 'update' ? undefined : editsFrom(f)
    if (act === 'pdf' || act === 'docx' || act === 'notes' || act === 'send') {
      let drafted
      try {
        drafted = await letters.edited(who, caseId, kind, choicesFrom(f, kind), edits ?? {})
      } catch (error) {
        if (error instanceof LetterNeedsMore || error instanceof InvalidInput)
          return letterPage(reply, caseId, kind, f, { ...(edits ? { edits } : {}), submitted: true }, 400)
        throw error
      }
      if (act === 'pdf' || act === 'docx' || act === 'notes') {
        const bytes =
          act === 'pdf'
            ? await letters.pdf(drafted.letter)
            : act === 'notes'
              ? await letters.notesPdf(
                  drafted.letter,
                  await letters.caseNotes(who, caseId, kind, choicesFrom(f, kind)),
                )
              : await letters.docx(drafted.letter)
        const name = act === 'notes' ? `${kind}-notes-for-you` : kind
        return reply
          .type(
            act === 'docx'
              ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
              : 'application/pdf',
          )
          .header(
            'content-disposition',
            `attachment; filename="${name}-${drafted.letter.date.toString()}.${act === 'docx' ? 'docx' : 'pdf'}"`,
          )
          .header('cache-control', 'no-store')
          .send(Buffer.from(bytes))
      }
      const sentOn = readDate(f, 'sentOn')
      const fail = (error: InvalidInput) => {
        const field =
          error.field === 'method'
            ? 'method'
            : error.field.startsWith('occurredOn') || error.field === 'sentOn'
              ? 'sentOn-day'
              : error.field === 'file' || error.field === 'proof'
                ? 'proof'
                : error.field.replace(/\./g, '-')
        const problem =
          error.field === 'method'
            ? copy('letters.errors.method')
            : field === 'proof'
              ? `${copy(error.problem)} ${copy('letterPage.proofAgain')}`
              : copy(error.problem)
        return letterPage(
          reply,
          caseId,
          kind,
          f,
          { errors: [{ text: problem, href: `#${field}` }], ...(edits ? { edits } : {}), submitted: true },
          400,
        )
      }
      if (proofError) return fail(proofError)
      let proofId: string | null = null
      try {
        const method = parseMethod(text(f, 'method'))
        const on = sentOn ? parseDate(sentOn, 'sentOn') : caseFile.cases.today()
        if (proof) proofId = await letters.keepProof(who, caseId, proof.name, [proof.bytes], on)
        const sent = await letters.markSent(who, caseId, drafted, {
          method,
          sentOn: on,
          certificateNumber: text(f, 'certificate') || null,
          trackingNumber: text(f, 'tracking') || null,
          proofEvidenceId: proofId,
          enclosed: list(f, 'enclose'),
        })
        return render(reply, 'sent.njk', copy('letters.sentTitle'), {
          sent,
          tasks: sent.tasks.map((t) => ({ title: t.title, due: formatDate(parseDate(t.dueOn)) })),
          eventHref: fill(paths.caseEvent, { caseId, id: sent.event.id }),
          proofHref: proofId ? fill(paths.caseEvidence, { caseId, id: proofId }) : null,
        })
      } catch (error) {
        if (proofId) await caseFile.cases.bin(who, caseId, 'evidence', proofId)
        if (error instanceof InvalidInput) return fail(error)
        throw error
      }
    }
    return letterPage(reply, caseId, kind, f, {
      submitted: true,
      ...(act === 'preview' && edits ? { edits } : {}),
    })
  })

  // The bundle (its own module: choose documents, sections, order and what to hide; job page).
  registerBundleRoutes(app, {
    bundles,
    who,
    render,
  })
}
