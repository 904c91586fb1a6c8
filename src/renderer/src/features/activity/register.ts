import { lazy } from 'react'
import { views } from '../../app/registry'

// loaded when first opened; its palette command ("Show Activity") comes with the view (registerViewCommands)
const ActivityView = lazy(() => import('./ActivityView').then((m) => ({ default: m.ActivityView })))

views.push({ id: 'activity', label: 'Activity', component: ActivityView })
