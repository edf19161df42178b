// Citizens' personal data: erased at their request, and after the retention period.
export { eraseAtRequest, expireContacts } from './erase.ts';
export { contactRedactor, givenName, type KnownContact, redactDeep } from './mask.ts';
