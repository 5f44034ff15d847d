/** Portal presets, one per guide; the capabilities they compose; and the portal that binds a preset to ports. */
export * from './portal'
export { defineCapability, notOffered } from './capability'
export type { AnyCapability, CallsOf, Capability, Exec, SettingsOf } from './capability'
export * as capabilities from './capabilities'
export * as hpp from './hpp'
export * as harmony from './harmony'
export * as healthpartners from './healthpartners'
export * as harp from './harp'
