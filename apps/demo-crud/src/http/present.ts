// Users as the templates see them: Go-style field names, dates written for people.
import type { User } from '../store/user.js';

/** A user for a template. */
export interface UserView {
  ID: number;
  Name: string;
  Email: string;
  /** The age as text, empty when not given. */
  Age: string;
  /** The bio, empty when not given. */
  Bio: string;
  Created: string;
  Updated: string;
  /** The day alone, for the list's narrow columns (the whole time is in the title). */
  CreatedDate: string;
  UpdatedDate: string;
  /** The ISO timestamps, for `<time datetime>`. */
  CreatedISO: string;
  UpdatedISO: string;
  Version: number;
}

/** `2026-01-01 09:30 UTC` from an ISO timestamp. */
export function humanTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The template view of a user. */
export function userView(u: User): UserView {
  return {
    ID: u.id,
    Name: u.name,
    Email: u.email,
    Age: u.age === null ? '' : String(u.age),
    Bio: u.bio ?? '',
    Created: humanTime(u.createdAt),
    Updated: humanTime(u.updatedAt),
    CreatedDate: u.createdAt.slice(0, 10),
    UpdatedDate: u.updatedAt.slice(0, 10),
    CreatedISO: u.createdAt,
    UpdatedISO: u.updatedAt,
    Version: u.version,
  };
}
