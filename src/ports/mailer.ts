import * as TE from 'fp-ts/lib/TaskEither.js'
import { DomainError } from '../kernel/errors'
import { EmailAddress } from '../kernel/email'

/** An e-mail the plan sends, with a plain-text and an HTML body. */
export interface OutgoingEmail {
  readonly to: EmailAddress
  /** The display name and address it is sent from. */
  readonly from: string
  readonly subject: string
  readonly text: string
  readonly html: string
  /** What kind of message this is (e.g. `verification-code`), for routing and tests. */
  readonly kind: string
}

/** Sends e-mail. A failed delivery is a `mail.delivery-failed` error. */
export interface Mailer {
  readonly send: (email: OutgoingEmail) => TE.TaskEither<DomainError, void>
}
