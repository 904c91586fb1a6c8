import { lazy } from 'react'
import { views } from '../../app/registry'
import './pii.css'

// loaded when first opened; the schema tree's badges (PiiBadge) need only the small store
const PiiView = lazy(() => import('./PiiView').then((m) => ({ default: m.PiiView })))

views.push({ id: 'pii', label: 'PII scan', component: PiiView })
