/**
 * Safe mode as the web pages and the command line see it: the vault (the database that opens with
 * a passphrase), its errors, the passphrase and key-file helpers, and the mark of an encrypted
 * archive. They live in src/store/safe; the outer layers take them from here, so they never import
 * the store themselves (a lint rule, scripts/eslint-layers.js, holds them to it).
 */
export { ARCHIVE_MAGIC } from '../store/safe/archive-crypto.ts'
export { writeFileAtomic } from '../store/safe/atomic.ts'
export { WrongKey } from '../store/safe/crypto.ts'
export { SafeModeLocked } from '../store/safe/errors.ts'
export { MIN_PASSPHRASE, PassphraseTooShort, readKeyFile, unlockKeys } from '../store/safe/keyring.ts'
export { askSecret, passphraseFromEnvironment, passphraseFromFile } from '../store/safe/passphrase.ts'
export { Vault } from '../store/safe/vault.ts'
