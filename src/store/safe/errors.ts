/** Safe mode is on and the key has not been given: nothing of the case file can be read. */
export class SafeModeLocked extends Error {
  override name = 'SafeModeLocked'
  constructor(
    message = 'Redress is locked (safe mode is on). Give the passphrase with --passphrase-file or REDRESS_PASSPHRASE_FILE, or type it when asked.',
  ) {
    super(message)
  }
}
