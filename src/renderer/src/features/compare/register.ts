import { lazy } from 'react'
import { views } from '../../app/registry'

// loaded when first opened; its palette command ("Show Schema compare") comes with the view (registerViewCommands)
const CompareView = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })))

views.push({ id: 'compare', label: 'Schema compare', component: CompareView })
