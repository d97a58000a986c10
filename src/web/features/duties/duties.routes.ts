import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { reportingDuties, type DutiesChecklist } from '../../../domain/remedies/duties.ts'
import { parseDate } from '../../../domain/shared/plain-date.ts'
import { contacts as projectContacts } from '../../../services/contacts.ts'
import { dutiesInWords, realDeadlineFn } from '../../../services/route.service.ts'
import type { Services } from '../../app.ts'
import type { FeatureOptions } from '../feature.ts'
import { translate } from '../../i18n.ts'
import { navigation } from '../../navigation.ts'
import { paths } from '../../paths.ts'
import { sendCalendar } from '../deadlines/calendar.ts'
import { nowFor, todayFor } from '../deadlines/clock.ts'
import {
  dateItems,
  errorFor,
  one,
  partsOf,
  readBody,
  type FieldError,
  type Posted,
} from '../deadlines/form.ts'
import { confidenceView, deadlineStatus, presentDeadline } from '../deadlines/present.ts'
import { contactsFor } from '../routes/present.ts'
import { readAnswers } from '../routes/routes.routes.ts'
import { NATIONS, ROLES, parseDutiesForm, type DutiesAnswers } from './duties.schema.ts'

/** "What you must tell the CMS": the reporting duties as a checklist for the parent, with the 7-day address rule. */

const KEY = 'duties.answers'

const copy = (key: string, params: Record<string, string | number> = {}): string =>
  String(translate(key, params))

function formView(posted: Posted, errors: readonly FieldError[]) {
  const value = (k: string) => one(posted, k)
  return {
    roles: ROLES.map((r) => ({
      value: r,
      text: copy(`duties.form.role.${r}`),
      checked: value('role') === r,
    })),
    nations: NATIONS.map((n) => ({
      value: n,
      text: copy(`deadlines.nations.${n}`),
      checked: value('nation') === n,
    })),
    movedOn: dateItems(
      'movedOn',
      {
        day: value('movedOn-day'),
        month: value('movedOn-month'),
        year: value('movedOn-year'),
      },
      errors,
    ),
    error: {
      role: errorFor(errors, 'role'),
      nation: errorFor(errors, 'nation'),
      movedOn: errorFor(errors, 'movedOn'),
    },
  }
}

function renderForm(reply: FastifyReply, posted: Posted, errors: FieldError[]): FastifyReply {
  return reply.code(errors.length ? 400 : 200).view('duties/form.njk', {
    pageTitle: copy('duties.form.title'),
    navigation: navigation(paths.duties),
    errors,
    form: formView(posted, errors),
  })
}

/** The form as last answered here, or else filled from the "What can I do?" answers. */
function startingValues(saved: DutiesAnswers | undefined, fromJourney: Record<string, unknown>): Posted {
  if (saved) {
    const parts = partsOf(saved.movedOn ?? undefined)
    return {
      role: saved.role,
      nation: saved.nation,
      'movedOn-day': parts.day,
      'movedOn-month': parts.month,
      'movedOn-year': parts.year,
    }
  }
  const role = fromJourney['your-role']
  const nation = fromJourney['where-you-live']
  return {
    ...(typeof role === 'string' ? { role } : {}),
    ...(typeof nation === 'string' ? { nation } : {}),
  }
}

function checklist(services: Services, a: DutiesAnswers): DutiesChecklist {
  const today = todayFor(services)
  return reportingDuties(
    services.rules,
    { role: a.role, nation: a.nation, on: today, ...(a.movedOn ? { movedOn: parseDate(a.movedOn) } : {}) },
    realDeadlineFn(services.rules),
  )
}

export const dutiesRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { services, sessions }) => {
  const contacts = projectContacts()

  app.get(paths.duties, (request, reply) => {
    const saved = sessions.read<DutiesAnswers>(request, KEY)
    return renderForm(reply, startingValues(saved, readAnswers(sessions, request)), [])
  })

  app.post(paths.duties, (request, reply) => {
    const posted = readBody(request.body)
    const parsed = parseDutiesForm(posted, todayFor(services))
    if (!parsed.ok) return renderForm(reply, posted, parsed.errors)
    sessions.write(request, reply, KEY, parsed.answers)
    return reply.redirect(paths.dutiesChecklist, 303)
  })

  app.get(paths.dutiesChecklist, (request, reply) => {
    const a = sessions.read<DutiesAnswers>(request, KEY)
    if (!a) return reply.redirect(paths.duties, 303)
    const list = dutiesInWords(checklist(services, a))
    const address = list.items.find((i) => i.id === 'address')
    const addressResult = list.address?.result ?? null
    return reply.view('duties/checklist.njk', {
      pageTitle: copy('duties.checklist.title'),
      navigation: navigation(paths.duties),
      role: copy(`duties.checklist.roleIs.${a.role}`),
      items: list.items.map((i) => ({
        id: i.id,
        text: i.text,
        within: i.within,
        offence: i.offence,
        source: { instrument: i.cite.instrument, provision: i.cite.provision, url: i.cite.url },
        confidence: confidenceView(i.cite.confidence),
      })),
      addressWithin: address?.within ?? null,
      fine: {
        text: list.fine.text,
        maximum: list.fine.maximum,
        source: {
          instrument: list.fine.cite.instrument,
          provision: list.fine.cite.provision,
          url: list.fine.cite.url,
        },
        confidence: confidenceView(list.fine.cite.confidence),
      },
      address: addressResult
        ? {
            view: presentDeadline(addressResult),
            status: deadlineStatus(addressResult, todayFor(services)),
            label: list.address?.label ?? '',
          }
        : null,
      contacts: contactsFor(a.nation, contacts),
    })
  })

  app.get(paths.dutiesCalendar, (request, reply) => {
    const a = sessions.read<DutiesAnswers>(request, KEY)
    const result = a ? checklist(services, a).address?.result : undefined
    if (!result) return reply.redirect(paths.duties, 303)
    return sendCalendar(reply, [result], 'redress-new-address.ics', nowFor(services))
  })
}
