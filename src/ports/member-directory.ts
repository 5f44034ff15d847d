import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import { DomainError } from '../kernel/errors'
import { MemberId } from '../kernel/identifiers'
import { DateOfBirth, PersonName } from '../kernel/person'
import { KeyedHash } from './keyed-hasher'

/** What the plan knows of a member, as the directory returns it. */
export interface MemberRecord {
  readonly memberId: MemberId
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
}

/** A Personal Representative ID the plan issued: whom it lets act for which member. */
export interface RepresentativeGrant {
  readonly memberId: MemberId
  /** The representative's name as the plan recorded it. */
  readonly firstName: PersonName
  readonly lastName: PersonName
}

/** The plan's enrolment data: who is a member, and which representative IDs were issued. */
export interface MemberDirectory {
  /** The member with this ID, if any. Matching the name and birth date is the core's job. */
  readonly findMember: (memberId: MemberId) => TE.TaskEither<DomainError, O.Option<MemberRecord>>
  /** The grant behind a representative ID, looked up by its keyed hash (IDs are never held in clear). */
  readonly findRepresentativeGrant: (idHash: KeyedHash) => TE.TaskEither<DomainError, O.Option<RepresentativeGrant>>
  /**
   * Members born on `dateOfBirth` whose first and last names equal the given
   * ones (case- and accent-insensitive), at most `limit` of them.
   */
  readonly searchMembers: (query: MemberSearch, limit: number) => TE.TaskEither<DomainError, ReadonlyArray<MemberRecord>>
}

/** A lookup by name and date of birth. */
export interface MemberSearch {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
}
