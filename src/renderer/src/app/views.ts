import { EditorWorkspace } from '../features/editor/EditorWorkspace'
import { views } from './registry'

views.push({ id: 'editor', label: 'SQL', component: EditorWorkspace })
