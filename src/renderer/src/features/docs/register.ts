import { lazy } from 'react'
import { views } from '../../app/registry'

// loaded when first opened: the first screen is the SQL editor
const DocsView = lazy(() => import('./DocsView').then((m) => ({ default: m.DocsView })))

views.push({ id: 'docs', label: 'Docs', component: DocsView })
