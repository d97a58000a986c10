import { WordedError } from '../../copy/worded-error.ts'
import { message, type Message } from '../../domain/shared/message.ts'

/**
 * Safe mode is on and the key has not been given: nothing of the case file can be read. The words
 * say why (by default, how to give the passphrase: `platform.safe.locked` in platform.json).
 */
export class SafeModeLocked extends WordedError {
  override name = 'SafeModeLocked'
  constructor(words: Message = message('platform.safe.locked')) {
    super(words)
  }
}
