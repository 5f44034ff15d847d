/** Portal presets, one per guide, and the portal that binds a preset to ports. */
export * from './portal'
export * as hpp from './hpp'
export * as harmony from './harmony'
