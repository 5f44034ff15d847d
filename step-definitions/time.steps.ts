/** Time passes only when a scenario says so. */
import { When } from '@cucumber/cucumber'
import { Duration } from 'luxon'
import { PortalWorld } from './world'

When('{duration} pass(es)', function (this: PortalWorld, duration: Duration) {
  this.clock.advance(duration)
})
