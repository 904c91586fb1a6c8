import { views } from '../../app/registry'
import { DocsView } from './DocsView'

views.push({ id: 'docs', label: 'Docs', component: DocsView })
