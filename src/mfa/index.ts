/** Second factors: devices (SMS, voice, authenticator app, push), their out-of-band codes and push approvals. */
export * from './devices'
export * from './out-of-band-code'
export * from './push'
