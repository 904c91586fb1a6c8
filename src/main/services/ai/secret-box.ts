/** The part of the connections area's SecretBox the AI area needs (see ../connections/secret-box.ts). */
export type { SecretBox } from '../connections/secret-box'
