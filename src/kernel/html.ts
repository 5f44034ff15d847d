/**
 * Text placed in the HTML version of an e-mail: every character HTML gives a
 * meaning to is written as an entity, so a name or code can never become
 * markup. Internal: the presets' e-mail templates share it (it is not exported
 * from the package, whose functions all answer any input with a typed result).
 *
 * @since 0.5.0
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text escaped for HTML (element content and quoted attribute values alike): `O'Brien & <Sons>` → `O&#39;Brien &amp; &lt;Sons&gt;`. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
