// Citizens' personal data: erased at their request, and after the retention period.
export { eraseAtRequest, expireContacts } from './erase.ts';
export { contactRedactor, givenName, type KnownContact, redactDeep } from './mask.ts';
export { ERASED_MARK, type ErasureTarget, PENDING_EVENTS_PLACE, PERSONAL_DATA_PLACES, type PersonalDataPlace } from './places.ts';
