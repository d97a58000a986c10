import { message, type Message, type MessageParams } from '../shared/message.ts'

/** What is wrong with an arrears input or a statement, in words from domain-errors.json (`domainErrors.arrears.…`). */
export const arrearsProblem = (key: string, params?: MessageParams): Message =>
  message(`domainErrors.arrears.${key}`, params)
