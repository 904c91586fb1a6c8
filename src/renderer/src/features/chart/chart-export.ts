import { downloadBlob } from '../erd/export-image'
import type { ChartOption } from './chart-option'
import { echarts } from './echarts-setup'

type Chart = ReturnType<typeof echarts.init>

const fromDataUrl = (url: string, type: string): Blob => {
  const bytes = atob(url.slice(url.indexOf(',') + 1))
  const buffer = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i)
  return new Blob([buffer], { type })
}

/** The chart on screen as a PNG at twice its size (crisp on high-density screens and in documents). */
export function downloadPng(chart: Chart, fileName: string, background: string): void {
  downloadBlob(fromDataUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }), 'image/png'), `${fileName}.png`)
}

/** The same chart drawn again by the SVG renderer off screen (the one on screen is a canvas), as vector SVG. */
export function downloadSvg(option: ChartOption, size: { width: number; height: number }, fileName: string): void {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption({ ...option, animation: false })
    downloadBlob(new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' }), `${fileName}.svg`)
  } finally {
    chart.dispose()
  }
}
