// Monaco ships no types for a language's definition module (imported only to fetch its chunk early: monaco-setup.ts).
declare module 'monaco-editor/languages/definitions/sql/sql' {
  export const conf: unknown
  export const language: unknown
}
