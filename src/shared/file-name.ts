/** The last part of a POSIX or Windows path: `C:\data\shop.db` → `shop.db`. */
export function fileNameOf(path: string): string {
  return path.split(/[/\\]/).pop() ?? path
}
