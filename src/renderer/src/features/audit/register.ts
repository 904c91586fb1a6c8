import { lazy } from 'react'
import { views } from '../../app/registry'

// loaded when first opened; its palette command ("Show Audit log") comes with the view (registerViewCommands)
const AuditView = lazy(() => import('./AuditView').then((m) => ({ default: m.AuditView })))

views.push({ id: 'audit', label: 'Audit log', component: AuditView })
