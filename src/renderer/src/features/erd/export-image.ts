/** Saves a blob as a file download (works in Electron and the browser). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Rasterises a standalone SVG through an <img> and a canvas (2× for crisp text), capped to what canvases allow. */
export async function svgToPngBlob(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const img = new Image()
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve()
      img.onerror = () => reject(new Error('The diagram could not be rendered as an image.'))
      img.src = url
    })
    const maxSide = 16_000
    const s = Math.min(scale, maxSide / Math.max(img.width, img.height, 1))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.width * s))
    canvas.height = Math.max(1, Math.round(img.height * s))
    const ctx = canvas.getContext('2d')!
    ctx.scale(s, s)
    ctx.drawImage(img, 0, 0)
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed: the diagram is too large.'))), 'image/png'))
  } finally {
    URL.revokeObjectURL(url)
  }
}
