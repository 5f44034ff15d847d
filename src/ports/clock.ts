import { DateTime } from 'luxon'

/** The current instant, in the zone the plan reasons in. Never read `DateTime.now()` elsewhere. */
export interface Clock {
  /** Now, carrying an explicit zone (e.g. America/New_York). */
  readonly now: () => DateTime
}
