// What a client may write: the JSON Schema the API binds bodies with (also published in the
// OpenAPI document) and the same rules as a validator with readable messages, used for HTML
// forms and for the result of a merge patch. The schema and the validator share their limits,
// and the API tests run one table of bodies through both paths.
import { normalizeEmail, type UserFields } from '../store/user.js';

/** Longest name, in UTF-16 code units. */
export const NAME_MAX = 100;
/** Longest email (RFC 5321's path limit). */
export const EMAIL_MAX = 254;
/** Longest bio. */
export const BIO_MAX = 2000;
/** Oldest age accepted. */
export const AGE_MAX = 150;

/**
 * An email address, optionally surrounded by white space (trimmed before it is stored): one @,
 * no white space inside, a domain of dot-separated labels (at least two). Deliberately loose; a
 * confirmation mail is the only real check. Every part excludes what ends it (the local part
 * has no @, a label no dot), so a backtracking engine tries each character once: linear time,
 * where the former `[^\s@]+\.[^\s@]+` took seconds on a domain of 65,000 dots.
 */
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+\\s*$';
const EMAIL_RE = new RegExp(EMAIL_PATTERN);
const NOT_BLANK_PATTERN = '\\S';

/** Unicode's invisible format characters (category Cf): zero-width spaces, bidi controls, ... */
const FORMAT_CHAR = /\p{Cf}/u;
/**
 * The format characters a name may hold between visible ones: the zero-width joiner and
 * non-joiner, which Persian and Indic names and emoji sequences need. Every other one (bidi
 * overrides, zero-width space, BOM, word joiner, soft hyphen...) is refused.
 */
const NAME_FORMAT_CHAR = /(?![\u200c\u200d])\p{Cf}/u;
/** A character that shows: neither white space nor a format character. */
const VISIBLE_CHAR = /[^\s\p{Cf}]/u;


/** JSON Schema of a user body for POST and PUT: the four writable fields, name and email required. */
export const userBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'email'],
  properties: {
    name: { type: 'string', maxLength: NAME_MAX, pattern: NOT_BLANK_PATTERN },
    email: { type: 'string', maxLength: EMAIL_MAX, pattern: EMAIL_PATTERN },
    age: { type: ['integer', 'null'], minimum: 0, maximum: AGE_MAX },
    bio: { type: ['string', 'null'], maxLength: BIO_MAX },
  },
} as const;

/** JSON Schema of a merge patch: any subset of the fields; null removes an optional one. */
export const userPatchSchema = {
  type: 'object',
  additionalProperties: false,
  properties: userBodySchema.properties,
} as const;

/** One field's problem, worded for a person. */
export interface FieldError {
  field: string;
  message: string;
}

/** The outcome of validating input as a user's fields. */
export type Validation = { ok: true; fields: UserFields } | { ok: false; errors: FieldError[] };

const FIELDS = ['name', 'email', 'age', 'bio'];

/**
 * Validates a JSON-shaped value against the rules of {@link userBodySchema} and returns the
 * fields as stored (name trimmed, email normalised as the stores keep it; absent age and
 * bio are null). Names and emails may not hold invisible format characters (Unicode category
 * Cf; a name may join visible letters with U+200C/U+200D), and a name needs a visible one.
 */
export function validateUser(input: unknown): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  }
  const o = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(o)) if (!FIELDS.includes(key)) errors.push({ field: key, message: 'is not a field of a user' });
  const name = checkName(o.name, errors);
  const email = checkEmail(o.email, errors);
  const age = checkAge(o.age, errors);
  const bio = checkBio(o.bio, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, fields: { name: name!, email: email!, age, bio } };
}

const INVISIBLE = 'must not contain invisible formatting characters';

function checkName(v: unknown, errors: FieldError[]): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    errors.push({ field: 'name', message: 'is required' });
  } else if (typeof v !== 'string') errors.push({ field: 'name', message: 'must be text' });
  else if (v.length > NAME_MAX) errors.push({ field: 'name', message: `must be at most ${NAME_MAX} characters` });
  else if (!VISIBLE_CHAR.test(v) || NAME_FORMAT_CHAR.test(v)) errors.push({ field: 'name', message: INVISIBLE });
  else return v.trim();
  return undefined;
}

function checkEmail(v: unknown, errors: FieldError[]): string | undefined {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    errors.push({ field: 'email', message: 'is required' });
    return undefined;
  }
  if (typeof v !== 'string') {
    errors.push({ field: 'email', message: 'must be text' });
    return undefined;
  }
  // Checked as it will be stored: normalisation may lengthen it (NFKC expands some ligatures).
  const email = v.length > EMAIL_MAX ? v : normalizeEmail(v);
  if (email.length > EMAIL_MAX) errors.push({ field: 'email', message: `must be at most ${EMAIL_MAX} characters` });
  else if (FORMAT_CHAR.test(email)) errors.push({ field: 'email', message: INVISIBLE });
  else if (!EMAIL_RE.test(email)) errors.push({ field: 'email', message: 'must be an email address, like ada@example.com' });
  else return email;
  return undefined;
}

function checkAge(v: unknown, errors: FieldError[]): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > AGE_MAX) {
    errors.push({ field: 'age', message: `must be a whole number from 0 to ${AGE_MAX}` });
    return null;
  }
  return v;
}

function checkBio(v: unknown, errors: FieldError[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') errors.push({ field: 'bio', message: 'must be text' });
  else if (v.length > BIO_MAX) errors.push({ field: 'bio', message: `must be at most ${BIO_MAX} characters` });
  else return v;
  return null;
}

/** The text a form posts for a user. */
export interface UserForm {
  name: string;
  email: string;
  age: string;
  bio: string;
}

/**
 * Reads a posted form as JSON-shaped input for {@link validateUser}: empty age and bio mean
 * none; an age that is not a whole number stays text, so validation names it.
 */
export function formToInput(form: UserForm): Record<string, unknown> {
  const age = form.age.trim();
  return {
    name: form.name,
    email: form.email,
    age: age === '' ? null : /^\d+$/.test(age) ? Number(age) : age,
    bio: form.bio.trim() === '' ? null : form.bio.replace(/\r\n/g, '\n'),
  };
}

/** The form showing a stored user, for the edit page. */
export function userToForm(user: UserFields): UserForm {
  return { name: user.name, email: user.email, age: user.age === null ? '' : String(user.age), bio: user.bio ?? '' };
}
